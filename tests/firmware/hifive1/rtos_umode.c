/* rtos-umode on the HiFive1: the kernel and tasks of ../common/rtos_umode.h on the E31 (8 PMP
 * entries; mstatus.TW is read-only 0 there, so wfi from U mode is not checked). */
#include "lib.h"

static void k_hex(uint32_t v) { printf("0x%08x", v); }
#define k_puts uart_puts
#define k_exit exit
#define K_INIT() (clock_use_hfxosc(), uart_init(115200))
#define K_HAVE_TW 0
#include "../common/rtos_umode.h"
