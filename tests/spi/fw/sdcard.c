/* An SD card in SPI mode, driven the way FatFs's generic SPI driver (mmc_spi) drives one:
 * 80 clocks with CS high, CMD0, CMD8, ACMD41 until ready at a slow clock, CMD58 for CCS,
 * then the fast clock; CSD and CID; then a FAT file system read from it (boot sector,
 * FAT12/16/32, the root directory, HELLO.TXT's cluster chain), CMD18 checked against
 * CMD17, and writes: the file's first sector upper-cased with CMD24, two blocks at the
 * end of the card with CMD25, each read back.  A write-protected card (CSD
 * TMP_WRITE_PROTECT) gets one CMD24 whose refusal is shown.  The SD controller is SD_SPI
 * (default SPI_BASE), chip select SD_CS.  Expected output: tests/spi/sdcard.sh. */
#include "fw.h"

#ifndef SD_SPI
#define SD_SPI SPI_BASE
#endif
#ifndef SD_CS
#define SD_CS 0
#endif
#define SPI ((uintptr_t)SD_SPI)

static uint8_t sec[512], sec2[512];

static void put2(uint8_t v)
{
    puthex(v, 2);
}

static uint32_t le16(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8;
}
static uint32_t le32(const uint8_t *p)
{
    return le16(p) | le16(p + 2) << 16;
}

static void cs_hold(void)
{
    REG(SPI, SPI_CSMODE) = CSMODE_HOLD;
}
static void cs_release(void)
{
    REG(SPI, SPI_CSMODE) = CSMODE_AUTO; /* deasserts CS */
    spi_xfer(SPI, 0xff);                /* a byte of clocks after CS goes high */
}

/* Command frame, then R1 (the first byte without bit 7 within 8 bytes); CS stays held. */
static uint8_t sd_send(uint8_t idx, uint32_t arg, uint8_t crc)
{
    cs_hold();
    spi_xfer(SPI, 0x40 | idx);
    spi_xfer(SPI, (uint8_t)(arg >> 24));
    spi_xfer(SPI, (uint8_t)(arg >> 16));
    spi_xfer(SPI, (uint8_t)(arg >> 8));
    spi_xfer(SPI, (uint8_t)arg);
    spi_xfer(SPI, crc);
    uint8_t r = 0xff;
    for (int i = 0; i < 8 && (r & 0x80); i++)
        r = spi_xfer(SPI, 0xff);
    return r;
}

static uint8_t sd_cmd(uint8_t idx, uint32_t arg, uint8_t crc)
{
    uint8_t r = sd_send(idx, arg, crc);
    cs_release();
    return r;
}

/* R1 plus n more bytes (R7, R3, R2). */
static uint8_t sd_cmd_r(uint8_t idx, uint32_t arg, uint8_t crc, uint8_t *extra, int n)
{
    uint8_t r = sd_send(idx, arg, crc);
    for (int i = 0; i < n; i++)
        extra[i] = spi_xfer(SPI, 0xff);
    cs_release();
    return r;
}

/* A data block after its start token: 0 when read, else the token (an error token). */
static uint8_t sd_data(uint8_t *buf, int n)
{
    uint8_t t = 0xff;
    for (int i = 0; i < 1000 && t == 0xff; i++)
        t = spi_xfer(SPI, 0xff);
    if (t != 0xfe)
        return t;
    for (int i = 0; i < n; i++)
        buf[i] = spi_xfer(SPI, 0xff);
    spi_xfer(SPI, 0xff); /* CRC16, not checked (CRC off) */
    spi_xfer(SPI, 0xff);
    return 0;
}

static int sd_read(uint32_t lba, uint8_t *buf)
{
    uint8_t r = sd_send(17, lba, 0xff);
    uint8_t t = r ? r : sd_data(buf, 512);
    cs_release();
    if (r || t) {
        puts_("read ");
        putdec(lba);
        puts_(r ? " r1 " : " token ");
        put2(r ? r : t);
        puts_("\n");
        return -1;
    }
    return 0;
}

static uint32_t sum(const uint8_t *p)
{
    uint32_t v = 0;
    for (int i = 0; i < 512; i++)
        v = v * 31 + p[i];
    return v;
}

/* CMD12 in the middle of a CMD18 stream: a stuff byte, then R1; CS released after. */
static void wait_ready(void);
static uint8_t sd_stop(void)
{
    spi_xfer(SPI, 0x40 | 12);
    for (int i = 0; i < 4; i++)
        spi_xfer(SPI, 0);
    spi_xfer(SPI, 0xff);
    spi_xfer(SPI, 0xff); /* stuff byte */
    uint8_t r = 0xff;
    for (int i = 0; i < 8 && (r & 0x80); i++)
        r = spi_xfer(SPI, 0xff);
    wait_ready();
    cs_release();
    return r;
}

static void wait_ready(void)
{
    while (spi_xfer(SPI, 0xff) != 0xff)
        ;
}

/* One block with CMD24: the data response token's status bits. */
static uint8_t sd_write(uint32_t lba, const uint8_t *buf)
{
    uint8_t r = sd_send(24, lba, 0xff);
    if (r) {
        cs_release();
        return r;
    }
    spi_xfer(SPI, 0xff);
    spi_xfer(SPI, 0xfe);
    for (int i = 0; i < 512; i++)
        spi_xfer(SPI, buf[i]);
    spi_xfer(SPI, 0xff);
    spi_xfer(SPI, 0xff);
    uint8_t dr = spi_xfer(SPI, 0xff) & 0x1f;
    uint64_t t0 = cycles();
    wait_ready();
    uint32_t busy = cycles_to_us((uint32_t)(cycles() - t0));
    cs_release();
    if (dr == 0x05) {
        puts_("cmd24 ");
        putdec(lba);
        puts_(" accepted, busy ");
        putdec(busy);
        puts_(" us\n");
    }
    return dr;
}

/* CMD13: R1 and the status byte (cleared by reading it). */
static void show_status(const char *what)
{
    uint8_t st;
    uint8_t r = sd_cmd_r(13, 0, 0xff, &st, 1);
    puts_(what);
    put2(r);
    puts_(" ");
    put2(st);
    puts_("\n");
}

static void show(const char *what, const uint8_t *p, int n)
{
    puts_(what);
    for (int i = 0; i < n; i++) {
        puts_(" ");
        put2(p[i]);
    }
    puts_("\n");
}

static void show_text(const char *what, const uint8_t *p, int n)
{
    puts_(what);
    for (int i = 0; i < n && p[i] != ' '; i++)
        plat_putc((char)p[i]);
    puts_("\n");
}

/* FAT geometry. */
static uint32_t fat_start, fat_sz, root_start, root_secs, data_start, spc, clusters, fat_type;
static uint32_t root_clus;

static uint32_t fat_next(uint32_t c)
{
    uint32_t off = fat_type == 12 ? c + c / 2 : c * (fat_type / 8);
    if (sd_read(fat_start + off / 512, sec2))
        return 0x0ffffff7;
    uint32_t v;
    if (fat_type == 12) {
        uint32_t lo = sec2[off % 512], hi;
        if (off % 512 == 511) {
            if (sd_read(fat_start + off / 512 + 1, sec2))
                return 0xff7;
            hi = sec2[0];
        } else {
            hi = sec2[off % 512 + 1];
        }
        v = lo | hi << 8;
        v = (c & 1) ? v >> 4 : v & 0xfff;
        return v >= 0xff8 ? 0x0ffffff8 : v;
    }
    if (fat_type == 16) {
        v = le16(sec2 + off % 512);
        return v >= 0xfff8 ? 0x0ffffff8 : v;
    }
    return le32(sec2 + off % 512) & 0x0fffffff;
}

static uint32_t clus_sector(uint32_t c)
{
    return data_start + (c - 2) * spc;
}

static int name_is(const uint8_t *e, const char *n)
{
    for (int i = 0; i < 11; i++)
        if (e[i] != (uint8_t)n[i])
            return 0;
    return 1;
}

/* HELLO.TXT's directory entry, searched in the root directory; 0 when found. */
static int find_file(uint32_t *first, uint32_t *size)
{
    uint32_t c = root_clus, s = root_start, n = root_secs;
    for (;;) {
        if (fat_type == 32) {
            if (c >= 0x0ffffff8)
                return -1;
            s = clus_sector(c);
            n = spc;
        }
        for (uint32_t k = 0; k < n; k++) {
            if (sd_read(s + k, sec))
                return -1;
            for (int i = 0; i < 512; i += 32) {
                const uint8_t *e = sec + i;
                if (e[0] == 0)
                    return -1;
                if (e[0] == 0xe5 || (e[11] & 0x0f) == 0x0f || (e[11] & 0x08))
                    continue;
                if (name_is(e, "HELLO   TXT")) {
                    *first = le16(e + 26) | le16(e + 20) << 16;
                    *size = le32(e + 28);
                    return 0;
                }
            }
        }
        if (fat_type != 32)
            return -1;
        c = fat_next(c);
    }
}

int main(void)
{
    uint8_t r, b[16];
    REG(SPI, SPI_FCTRL) = 0;
    REG(SPI, SPI_CSID) = SD_CS;
    REG(SPI, SPI_SCKDIV) = 17; /* at most 400 kHz until the card is ready */
    REG(SPI, SPI_CSMODE) = 3;  /* OFF: 80 clocks with CS high */
    for (int i = 0; i < 10; i++)
        spi_xfer(SPI, 0xff);
    REG(SPI, SPI_CSMODE) = CSMODE_AUTO;

    r = sd_cmd(0, 0, 0x95);
    puts_("cmd0 ");
    put2(r);
    puts_("\n");
    r = sd_cmd_r(8, 0x1aa, 0x87, b, 4);
    puts_("cmd8 ");
    put2(r);
    show(" r7", b, 4);
    uint64_t t0 = cycles();
    int polls = 0;
    do {
        sd_cmd(55, 0, 0xff);
        r = sd_cmd(41, 1u << 30, 0xff);
        polls++;
    } while (r == 0x01 && polls < 1000);
    uint32_t us = cycles_to_us((uint32_t)(cycles() - t0));
    puts_("acmd41 ");
    put2(r);
    puts_(us >= 1000 ? " ready after >= 1 ms\n" : " ready too early\n");
    r = sd_cmd_r(58, 0, 0xff, b, 4);
    puts_("cmd58 ");
    put2(r);
    show(" ocr", b, 4);
    REG(SPI, SPI_SCKDIV) = SCKDIV;

    sd_send(9, 0, 0xff);
    sd_data(b, 16);
    cs_release();
    show("csd", b, 16);
    uint32_t csize = (uint32_t)(b[7] & 0x3f) << 16 | b[8] << 8 | b[9];
    int wp = (b[14] >> 4) & 1;
    puts_("capacity ");
    putdec((csize + 1) / 2);
    puts_(" MiB");
    puts_(wp ? ", write-protected\n" : "\n");
    sd_send(10, 0, 0xff);
    sd_data(b, 16);
    cs_release();
    puts_("cid product ");
    for (int i = 3; i < 8; i++)
        plat_putc((char)b[i]);
    puts_("\n");

    if (wp) {
        for (int i = 0; i < 512; i++)
            sec[i] = 0xaa;
        puts_("cmd24 data response ");
        put2(sd_write(0, sec));
        puts_("\n");
        show_status("cmd13 ");
    }

    /* The FAT boot sector. */
    if (sd_read(0, sec))
        return 1;
    if (sec[510] != 0x55 || sec[511] != 0xaa) {
        puts_("no boot sector signature\n");
        return 1;
    }
    show_text("oem ", sec + 3, 8);
    uint32_t bps = le16(sec + 11), rsvd = le16(sec + 14), nfats = sec[16];
    uint32_t rootent = le16(sec + 17), tot = le16(sec + 19) ? le16(sec + 19) : le32(sec + 32);
    spc = sec[13];
    fat_sz = le16(sec + 22) ? le16(sec + 22) : le32(sec + 36);
    fat_start = rsvd;
    root_secs = (rootent * 32 + bps - 1) / bps;
    root_start = rsvd + nfats * fat_sz;
    data_start = root_start + root_secs;
    clusters = (tot - data_start) / spc;
    fat_type = clusters < 4085 ? 12 : clusters < 65525 ? 16 : 32;
    root_clus = fat_type == 32 ? le32(sec + 44) : 0;
    puts_("fat");
    putdec(fat_type);
    puts_(", ");
    putdec(bps);
    puts_(" bytes/sector, ");
    putdec(spc);
    puts_(" sectors/cluster, ");
    putdec(clusters);
    puts_(" clusters\n");
    show_text("label ", sec + (fat_type == 32 ? 71 : 43), 11);

    /* CMD18 reads what four CMD17s read. */
    uint32_t sums[4];
    r = sd_send(18, 0, 0xff);
    int ok = r == 0;
    for (uint32_t k = 0; k < 4 && ok; k++) {
        ok = sd_data(sec, 512) == 0;
        sums[k] = sum(sec);
    }
    r = sd_stop();
    for (uint32_t k = 0; k < 4 && ok; k++)
        ok = sd_read(k, sec) == 0 && sum(sec) == sums[k];
    puts_(ok ? "cmd18 = cmd17 x4, cmd12 " : "cmd18 differs from cmd17, cmd12 ");
    put2(r);
    puts_("\n");

    uint32_t first, size;
    if (find_file(&first, &size)) {
        puts_("HELLO.TXT not found\n");
        return 1;
    }
    puts_("HELLO.TXT ");
    putdec(size);
    puts_(" bytes, cluster ");
    putdec(first);
    puts_(":\n");
    uint32_t c = first, left = size, first_sec = clus_sector(first);
    while (left && c >= 2 && c < 0x0ffffff8) {
        for (uint32_t k = 0; k < spc && left; k++) {
            if (sd_read(clus_sector(c) + k, sec))
                return 1;
            for (uint32_t i = 0; i < 512 && left; i++, left--)
                plat_putc((char)sec[i]);
        }
        c = fat_next(c);
    }
    if (wp)
        return 0;

    /* Upper-case the file's first sector in place (CMD24). */
    if (sd_read(first_sec, sec))
        return 1;
    for (int i = 0; i < 512; i++)
        if (sec[i] >= 'a' && sec[i] <= 'z')
            sec[i] = (uint8_t)(sec[i] - 32);
    r = sd_write(first_sec, sec);
    if (r != 0x05) {
        puts_("cmd24 data response ");
        put2(r);
        puts_("\n");
        return 1;
    }
    if (sd_read(first_sec, sec2))
        return 1;
    show_text("read back: ", sec2, 16);

    /* Two blocks at the end of the card with CMD25, read back with CMD18. */
    uint32_t last = (csize + 1) * 1024 - 2;
    r = sd_send(25, last, 0xff);
    puts_("cmd25 ");
    put2(r);
    spi_xfer(SPI, 0xff);
    for (uint32_t k = 0; k < 2; k++) {
        spi_xfer(SPI, 0xfc);
        for (int i = 0; i < 512; i++)
            spi_xfer(SPI, (uint8_t)(i + k * 0x40));
        spi_xfer(SPI, 0xff);
        spi_xfer(SPI, 0xff);
        puts_(" dr ");
        put2(spi_xfer(SPI, 0xff) & 0x1f);
        wait_ready();
    }
    spi_xfer(SPI, 0xfd); /* stop tran token */
    spi_xfer(SPI, 0xff);
    wait_ready();
    cs_release();
    puts_("\n");
    r = sd_send(18, last, 0xff);
    ok = r == 0;
    for (uint32_t k = 0; k < 2 && ok; k++) {
        ok = sd_data(sec, 512) == 0;
        for (int i = 0; i < 512 && ok; i++)
            ok = sec[i] == (uint8_t)(i + k * 0x40);
    }
    uint8_t r12 = sd_stop();
    puts_(ok ? "cmd18 read back ok, cmd12 " : "cmd18 read back differs, cmd12 ");
    put2(r12);
    puts_("\n");

    /* Past the end: a parameter error. */
    puts_("cmd17 past the end r1 ");
    r = sd_send(17, last + 2, 0xff);
    cs_release();
    put2(r);
    show_status(", cmd13 ");
    return 0;
}
