/* Little-endian integers in byte buffers: file formats (overlay images, checkpoints). */
#ifndef SIM_LE_H
#define SIM_LE_H

#include <stdint.h>

/* The n low bytes of v at p, least significant first. */
static inline void sim_put_le(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* The n bytes at p, least significant first. */
static inline uint64_t sim_get_le(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

#endif
