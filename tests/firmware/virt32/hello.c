/* Hello world: UART output from C, exit status 0 through the finisher. */
#include "lib.h"

int main(void)
{
    uart_puts("Hello from socsim\n");
    return 0;
}
