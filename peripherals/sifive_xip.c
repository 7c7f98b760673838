/* SiFive SPI flash interface timing (sifive_xip.h). */
#include "peripherals/sifive_xip.h"

/* ffmt fields (FE310-G002 manual, "SPI Flash Interface Format Register (ffmt)"). */
#define FFMT_CMD_EN(f) ((f) & 1u)
#define FFMT_ADDR_LEN(f) (((f) >> 1) & 7u)
#define FFMT_PAD_CNT(f) (((f) >> 4) & 0xfu)
#define FFMT_CMD_PROTO(f) (((f) >> 8) & 3u)
#define FFMT_ADDR_PROTO(f) (((f) >> 10) & 3u)
#define FFMT_DATA_PROTO(f) (((f) >> 12) & 3u)

/* SCK periods to shift `bits` on protocol p (0 single, 1 dual, 2 quad). */
static uint64_t shift_periods(uint64_t bits, uint32_t p)
{
    unsigned lanes = p == 2 ? 4 : p == 1 ? 2 : 1;
    return (bits + lanes - 1) / lanes;
}

uint64_t sifive_xip_read_cycles(uint32_t sckdiv, uint32_t delay0, uint32_t ffmt, uint32_t len)
{
    uint64_t periods = (delay0 & 0xff) + ((delay0 >> 16) & 0xff); /* cssck + sckcs */
    if (FFMT_CMD_EN(ffmt))
        periods += shift_periods(8, FFMT_CMD_PROTO(ffmt));
    periods += shift_periods(8ull * FFMT_ADDR_LEN(ffmt), FFMT_ADDR_PROTO(ffmt));
    periods += FFMT_PAD_CNT(ffmt);
    periods += shift_periods(8ull * len, FFMT_DATA_PROTO(ffmt));
    return periods * 2 * ((uint64_t)(sckdiv & 0xfff) + 1);
}
