/* The E31's identification CSRs as firmware reads them (Privileged spec 3.1.2-3.1.5):
 * mvendorid (SiFive's JEDEC ID, 0x489), marchid, mimpid, mhartid. */
#include "lib.h"

#define CSR(name)                                                                                  \
    ({                                                                                             \
        uint32_t v_;                                                                               \
        __asm__ volatile("csrr %0, " #name : "=r"(v_));                                            \
        v_;                                                                                        \
    })

int main(void)
{
    clock_use_hfxosc();
    uart_init(115200);
    printf("mvendorid 0x%08x\n", CSR(mvendorid));
    printf("marchid 0x%08x\n", CSR(marchid));
    printf("mimpid 0x%08x\n", CSR(mimpid));
    printf("mhartid %u\n", CSR(mhartid));
    return 0;
}
