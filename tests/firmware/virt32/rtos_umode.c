/* rtos-umode on virt32: the kernel and tasks of ../common/rtos_umode.h over virt32's UART and
 * finisher (mstatus.TW is writable on the rv32 hart, so wfi from U mode is checked too). */
#include "lib.h"

#define k_puts uart_puts
#define k_hex uart_puthex
#define k_exit fw_exit
#define K_INIT() ((void)0)
#define K_HAVE_TW 1
#include "../common/rtos_umode.h"
