/* virt32's registers that the gdb test firmware (gdbtest.c, devtest.c, revtest.c) uses: the
 * ns16550a UART (byte registers, reg-shift 0) and the CLINT (as QEMU's virt). */
#ifndef GDB_FW_MMIO_H
#define GDB_FW_MMIO_H

#include <stdint.h>

#define UART ((volatile uint8_t *)0x10000000)
#define UART_LSR 5
#define UART_LSR_DR 0x01   /* a received byte waits */
#define UART_LSR_THRE 0x20 /* the transmit register is empty */

/* CLINT: mtimecmp at +0x4000, mtime at +0xbff8 */
#define CLINT_MTIMECMP ((volatile uint32_t *)0x02004000)
#define CLINT_MTIMECMPH ((volatile uint32_t *)0x02004004)
#define CLINT_MTIME ((volatile uint32_t *)0x0200bff8)

#endif
