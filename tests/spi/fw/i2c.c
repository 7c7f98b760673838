/* The FE310 I2C master with a 24C02 EEPROM at 0x50 and a TMP102-style sensor at 0x48:
 * a page write that wraps in its 8-byte page, acknowledge polling through the 5 ms write
 * cycle, random and sequential reads, a NACK from an empty address, the sensor's registers.
 * Expected output: tests/spi/i2c.sh. */
#include "fw.h"

#define I2C ((uintptr_t)I2C_BASE)
#define EE 0x50
#define TEMP 0x48

static void show(const char *what, const uint8_t *b, int n)
{
    puts_(what);
    for (int i = 0; i < n; i++) {
        puts_(" ");
        puthex(b[i], 2);
    }
    puts_("\n");
}

/* Random read: set the address with a write, then a repeated START and n reads. */
static void ee_read(uint8_t addr, uint8_t *b, int n)
{
    i2c_cmd(I2C, EE << 1, I2C_STA | I2C_WR);
    i2c_cmd(I2C, addr, I2C_WR);
    i2c_cmd(I2C, EE << 1 | 1, I2C_STA | I2C_WR);
    for (int i = 0; i < n; i++) {
        uint32_t cr = I2C_RD | (i == n - 1 ? I2C_NACK | I2C_STO : 0);
        i2c_cmd(I2C, 0, cr);
        b[i] = (uint8_t)REG(I2C, I2C_TXR);
    }
}

static uint16_t temp_reg(uint8_t reg)
{
    uint8_t b[2];
    i2c_cmd(I2C, TEMP << 1, I2C_STA | I2C_WR);
    i2c_cmd(I2C, reg, I2C_WR | I2C_STO);
    i2c_cmd(I2C, TEMP << 1 | 1, I2C_STA | I2C_WR);
    i2c_cmd(I2C, 0, I2C_RD);
    b[0] = (uint8_t)REG(I2C, I2C_TXR);
    i2c_cmd(I2C, 0, I2C_RD | I2C_NACK | I2C_STO);
    b[1] = (uint8_t)REG(I2C, I2C_TXR);
    return (uint16_t)(b[0] << 8 | b[1]);
}

int main(void)
{
    uint8_t buf[16];
    uint32_t sr;

    /* 100 kHz SCL: prescale = f_in / (5 * 100 kHz) - 1 */
    uint32_t prer = I2C_HZ / (5 * 100000) - 1;
    REG(I2C, I2C_PRERLO) = prer & 0xff;
    REG(I2C, I2C_PRERHI) = prer >> 8;
    REG(I2C, I2C_CTR) = 0x80;

    /* Nobody at 0x51: the address is not acknowledged. */
    sr = i2c_cmd(I2C, 0x51 << 1, I2C_STA | I2C_WR);
    puts_(sr & SR_RXACK ? "0x51 nack\n" : "0x51 ack\n");
    i2c_cmd(I2C, 0, I2C_STO);

    ee_read(0x00, buf, 16);
    show("ee 00", buf, 16);

    /* Page write at 0x06: 0x06, 0x07, then the counter wraps to 0x00 inside the page. */
    sr = i2c_cmd(I2C, EE << 1, I2C_STA | I2C_WR);
    puts_(sr & SR_RXACK ? "ee nack\n" : "ee ack\n");
    i2c_cmd(I2C, 0x06, I2C_WR);
    i2c_cmd(I2C, 0x11, I2C_WR);
    i2c_cmd(I2C, 0x22, I2C_WR);
    i2c_cmd(I2C, 0x33, I2C_WR | I2C_STO);
    uint64_t t0 = cycles();
    uint32_t polls = 0;
    for (;;) {
        sr = i2c_cmd(I2C, EE << 1, I2C_STA | I2C_WR);
        if (!(sr & SR_RXACK))
            break;
        polls++;
    }
    i2c_cmd(I2C, 0, I2C_STO);
    uint32_t dt = (uint32_t)(cycles() - t0);
    uint32_t us = cycles_to_us(dt);
    /* Each poll is START + address = 10 SCL periods (100 us): the write cycle (5 ms) ends
     * within the 50th poll. */
    if (polls == 0) {
        puts_("no write cycle\n"); /* a write-protected part */
    } else {
        puts_(us >= 5000 && us < 5200 ? "write cycle 5ms ok, polls " : "write cycle BAD, polls ");
        putdec(polls);
        puts_("\n");
    }

    ee_read(0x00, buf, 16);
    show("ee 00", buf, 16);
    ee_read(0xfe, buf, 4);
    show("ee fe", buf, 4);

    /* Sensor: temperature, config, T_LOW, T_HIGH. */
    puts_("temp ");
    puthex(temp_reg(0), 4);
    puts_(" cfg ");
    puthex(temp_reg(1), 4);
    puts_(" tlow ");
    puthex(temp_reg(2), 4);
    puts_(" thigh ");
    puthex(temp_reg(3), 4);
    puts_("\n");

    /* T_HIGH = 0x0100 (1 degree): a temperature at or above it raises the alert, AL reads
     * 0 with POL = 0. */
    i2c_cmd(I2C, TEMP << 1, I2C_STA | I2C_WR);
    i2c_cmd(I2C, 3, I2C_WR);
    i2c_cmd(I2C, 0x01, I2C_WR);
    i2c_cmd(I2C, 0x00, I2C_WR | I2C_STO);
    puts_("thigh ");
    puthex(temp_reg(3), 4);
    puts_(" cfg ");
    puthex(temp_reg(1), 4);
    puts_("\n");
    return 0;
}
