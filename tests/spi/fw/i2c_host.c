/* I2C pass-through (tests/backends/passthrough.sh): the guest's I2C controller talks to
 * devices on a host adapter through i2c-host: an address nobody answers, a register write,
 * a register read with a repeated START, a device that refuses data, a current-address
 * read.  Each line shows what the guest saw (ack/nack, bytes). */
#include "fw.h"

#define I2C ((uintptr_t)I2C_BASE)

static const char *ack(uint32_t sr)
{
    return (sr & SR_RXACK) ? "nack" : "ack";
}

static void stop(void)
{
    i2c_cmd(I2C, 0, I2C_STO);
}

int main(void)
{
    uint32_t prer = I2C_HZ / (5 * 100000) - 1; /* 100 kHz */
    REG(I2C, I2C_CTR) = 0;
    REG(I2C, I2C_PRERLO) = prer & 0xff;
    REG(I2C, I2C_PRERHI) = prer >> 8;
    REG(I2C, I2C_CTR) = 0x80;

    puts_("0x49 ");
    puts_(ack(i2c_cmd(I2C, 0x49 << 1, I2C_STA | I2C_WR)));
    stop();

    puts_("\nwrite 0x48 reg 10: ");
    puts_(ack(i2c_cmd(I2C, 0x48 << 1, I2C_STA | I2C_WR)));
    const uint8_t w[3] = {0x10, 0xde, 0xad};
    for (int i = 0; i < 3; i++) {
        puts_(" ");
        puts_(ack(i2c_cmd(I2C, w[i], I2C_WR)));
    }
    stop();

    puts_("\nread 0x48 reg 10: ");
    puts_(ack(i2c_cmd(I2C, 0x48 << 1, I2C_STA | I2C_WR)));
    puts_(" ");
    puts_(ack(i2c_cmd(I2C, 0x10, I2C_WR)));
    puts_(" restart ");
    puts_(ack(i2c_cmd(I2C, 0x48 << 1 | 1, I2C_STA | I2C_WR)));
    i2c_cmd(I2C, 0, I2C_RD);
    puts_(" ");
    puthex(REG(I2C, I2C_TXR), 2);
    i2c_cmd(I2C, 0, I2C_RD | I2C_NACK);
    puts_(" ");
    puthex(REG(I2C, I2C_TXR), 2);
    stop();

    puts_("\nwrite 0x4a: ");
    puts_(ack(i2c_cmd(I2C, 0x4a << 1, I2C_STA | I2C_WR)));
    puts_(" ");
    puts_(ack(i2c_cmd(I2C, 0x01, I2C_WR)));
    stop();

    puts_("\ncurrent read 0x48: ");
    puts_(ack(i2c_cmd(I2C, 0x48 << 1 | 1, I2C_STA | I2C_WR)));
    i2c_cmd(I2C, 0, I2C_RD | I2C_NACK);
    puts_(" ");
    puthex(REG(I2C, I2C_TXR), 2);
    stop();
    puts_("\n");
    return 0;
}
