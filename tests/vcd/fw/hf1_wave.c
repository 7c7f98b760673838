/* hf1_wave: the HiFive1 run that tests/vcd/vcd.sh records, on the 16 MHz crystal (62.5 ns
 * a core cycle).  In order:
 *   - pad_high(): GPIO pad 5, an output read back as an input with its rising edge
 *     interrupt enabled (PLIC source 13, machine external interrupt), goes high; the
 *     handler clears the pending bit;
 *   - send_byte(): 0xa5 into UART0's transmit FIFO at 115200 baud (div 138: 139 cycles of
 *     16 MHz a bit, 8.6875 us), the line idle: the frame begins at the store;
 *   - spi_id(): SPI1 (sckdiv 3: an SCK period is 8 cycles, 500 ns; mode 0; chip select 0
 *     held) sends RDID (0x9f) and three dummy bytes to the spi-flash the test puts at
 *     spi1.0, which answers its JEDEC ID; the bytes read come out on the UART;
 *   - PWM0 counts from 0 with comparator 0 at 9 (zerocmp: a period of 10 cycles) and
 *     comparator 1 at 5: output 1 is high for counts 5..9 (5 cycles), low for 0..4; it runs
 *     until the program exits. */
#include "lib.h"

#define PAD 5
#define SPI1_REG(off) _REG32(SPI1_CTRL_ADDR, off)
static volatile unsigned rises;

void handle_plic_interrupt(uint32_t src)
{
    if (src == INT_GPIO_BASE + PAD) {
        GPIO_REG(GPIO_RISE_IP) = 1u << PAD;
        rises++;
    }
}

__attribute__((noinline)) void pad_high(void) { GPIO_REG(GPIO_OUTPUT_VAL) = 1u << PAD; }

__attribute__((noinline)) void send_byte(uint8_t b) { UART0_REG(UART_REG_TXFIFO) = b; }

__attribute__((noinline)) uint32_t spi_id(void)
{
    SPI1_REG(0x18) = 2; /* csmode HOLD: chip select 0 stays low across the bytes */
    for (int i = 0; i < 4; i++)
        SPI1_REG(0x48) = i ? 0 : 0x9f; /* txdata */
    uint32_t id = 0;
    for (int i = 0; i < 4; i++) {
        uint32_t v;
        while ((v = SPI1_REG(0x4c)) & 0x80000000u) /* rxdata empty */
            ;
        id = id << 8 | (v & 0xff);
    }
    SPI1_REG(0x18) = 0; /* csmode AUTO: deselected */
    return id;
}

int main(void)
{
    clock_use_hfxosc();
    uart_init(115200);
    plic_init();
    gpio_irq_enable(PAD, GPIO_IE_RISE);
    GPIO_REG(GPIO_OUTPUT_EN) = 1u << PAD;
    pad_high();
    while (!rises)
        __asm__ volatile("wfi");
    send_byte(0xa5);
    uint32_t id = spi_id();
    PWM0_REG(PWM_CMP0) = 9;
    PWM0_REG(PWM_CMP1) = 5;
    PWM0_REG(PWM_COUNT) = 0;
    PWM0_REG(PWM_CFG) = PWM_CFG_ENALWAYS | PWM_CFG_ZEROCMP;
    printf(" id %x\n", (unsigned)id);
    return 0;
}
