/* Timing of a SiFive SPI controller's flash interface (execute in place): how long a read
 * of len bytes through the memory-mapped flash window takes, from the controller's
 * registers (FE310-G002 manual chapter 19 "Serial Peripheral Interface": sckdiv, delay0,
 * ffmt).  A controller that maps an XIP window sets the region's burst_cycles to a function
 * calling this with its live registers, so an instruction-cache line fill costs what the
 * SPI transfer takes.  Not modelled: the controller's internal hand-over cycles. */
#ifndef PERIPHERALS_SIFIVE_XIP_H
#define PERIPHERALS_SIFIVE_XIP_H

#include <stdint.h>

/* Reset values (manual 19.x register tables). */
#define SIFIVE_XIP_SCKDIV_RESET 3u
#define SIFIVE_XIP_DELAY0_RESET 0x00010001u  /* cssck 1, sckcs 1 */
#define SIFIVE_XIP_FFMT_RESET 0x00030007u    /* cmd_en, addr_len 3, READ (0x03), single */

/* Cycles of the controller's input clock for one flash read of len bytes:
 * (cssck + command + address + pad + data + sckcs) SCK periods of 2 * (sckdiv + 1) cycles.
 * The command is 8 bits and the address addr_len bytes, each on its protocol's lanes
 * (single 1, dual 2, quad 4); pad_cnt counts SCK cycles; the data len bytes on the data
 * protocol's lanes. */
uint64_t sifive_xip_read_cycles(uint32_t sckdiv, uint32_t delay0, uint32_t ffmt, uint32_t len);

#endif
