/* GPIO pass-through on the HiFive1 (tests/backends/passthrough.sh): pad 19 (the green LED,
 * pulled up on the board) driven low, high, low; pad 2 read as an input at once and after
 * 5 ms, while gpio-host samples its host line every 1 ms. */
#include "fw.h"

#define GPIO 0x10012000u
enum { INPUT_VAL = 0x00, INPUT_EN = 0x04, OUTPUT_EN = 0x08, OUTPUT_VAL = 0x0c };

static void wait_us(uint32_t us)
{
    uint64_t end = cycles() + (uint64_t)plat_cpu_hz() / 1000000 * us;
    while (cycles() < end)
        ;
}

int main(void)
{
    REG(GPIO, INPUT_EN) = 1u << 2;
    puts_("pad 2 at start: ");
    putdec((REG(GPIO, INPUT_VAL) >> 2) & 1);
    REG(GPIO, OUTPUT_VAL) = 0;
    REG(GPIO, OUTPUT_EN) = 1u << 19;
    wait_us(100);
    REG(GPIO, OUTPUT_VAL) = 1u << 19;
    wait_us(100);
    REG(GPIO, OUTPUT_VAL) = 0;
    wait_us(5000);
    puts_(", after 5 ms: ");
    putdec((REG(GPIO, INPUT_VAL) >> 2) & 1);
    puts_("\n");
    return 0;
}
