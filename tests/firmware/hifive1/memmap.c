/* The FE310-G002 memory map as firmware sees it (manual 4, Table 4): the MSEL word, the
 * reset vector and the mask ROM/OTP words of the boot path, ITIM and DTIM read/write, the
 * flash read-only, and access faults from the error device (0x3000) and from holes. */
#include "lib.h"

static volatile uint32_t fault_cause, fault_count;

uint32_t handle_exception(uint32_t mcause, uint32_t mepc)
{
    fault_cause = mcause;
    fault_count++;
    uint16_t insn = *(volatile uint16_t *)mepc;
    return mepc + ((insn & 3) == 3 ? 4 : 2);
}

static uint32_t rd(uint32_t a) { return *(volatile uint32_t *)a; }
static void wr(uint32_t a, uint32_t v) { *(volatile uint32_t *)a = v; }

static void probe_read(const char *what, uint32_t a)
{
    fault_count = 0;
    uint32_t v = rd(a);
    if (fault_count)
        printf("%s 0x%08x: load fault (mcause %u)\n", what, a, fault_cause);
    else
        printf("%s 0x%08x: 0x%08x\n", what, a, v);
}

static void probe_write(const char *what, uint32_t a, uint32_t v)
{
    fault_count = 0;
    wr(a, v);
    if (fault_count)
        printf("%s 0x%08x: store fault (mcause %u)\n", what, a, fault_cause);
    else
        printf("%s 0x%08x: wrote, reads 0x%08x\n", what, a, rd(a));
}

int main(void)
{
    clock_use_hfxosc();
    uart_init(115200);
    probe_read("msel", MSEL_ADDR);
    probe_read("reset vector", MSEL_ADDR + 4);
    probe_read("mask rom", MASKROM_ADDR);
    probe_read("otp", OTP_MEM_ADDR);
    probe_read("otp tail", OTP_MEM_ADDR + 0x1ff8);
    probe_read("flash bootloader", SPI0_MEM_ADDR);
    probe_read("error device", 0x3000);
    probe_read("hole", 0x00030000);
    probe_read("hole", 0x10001000);
    probe_write("itim", ITIM_ADDR + 0x1ffc, 0x1715);
    probe_write("itim end", ITIM_ADDR + 0x2000, 1);
    probe_write("dtim", DTIM_ADDR + 0x3ffc, 0xd715);
    probe_write("dtim end", DTIM_ADDR + 0x4000, 1);
    probe_write("flash", SPI0_MEM_ADDR + 0x100, 0);
    probe_write("mask rom", MASKROM_ADDR, 0);
    return 0;
}
