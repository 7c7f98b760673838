/* sd-spi: an SD memory card (SDHC) in SPI mode on an SPI bus, its blocks in a blockdev.
 *
 * Reference: SD Specifications Part 1, Physical Layer Simplified Specification (version
 * 2.00 and later), chapter 7 "SPI Mode": the command frame (start bits, index, argument,
 * CRC7), responses R1, R1b, R2, R3 and R7 (7.3.2), data tokens and data response tokens
 * (7.3.3), the commands of class 0, 2 and 4 and the application commands (7.3.1.3), CRC
 * off by default except for CMD0 and CMD8 (7.2.2), CSD version 2.0 (5.3.3), CID (5.2),
 * OCR (5.1), SCR (5.6).
 *
 * The card answers a command one byte after its last byte (N_CR = 1), and a read's data
 * token one byte after the response (N_AC = 1); blocks are read from the drive as they are
 * sent and written to it when their data has arrived.  Time is simulated: a write holds
 * the card busy (MISO low) for write-time after its data response, initialization
 * (ACMD41) takes init-time from the first ACMD41, and every byte costs the SPI bus its
 * frame time.  The capacity in the CSD is the drive's size in whole 512 KiB units; a
 * read-only drive sets TMP_WRITE_PROTECT in the CSD and refuses writes (data response
 * "write error", WP_VIOLATION in the status); a drive I/O error is a data error token
 * (reads) or a write error (writes), with ERROR in the status. */
#include <stdlib.h>
#include <string.h>

#include "sim/backends/blockdev.h"
#include "sim/error.h"
#include "sim/sim.h"
#include "soc/device.h"
#include "soc/machine.h"

#define BLK 512u
#define UNIT (512u * 1024u) /* capacity granularity of a CSD 2.0 */
#define OUTQ 2048u

/* R1 bits (7.3.2.1). */
#define R1_IDLE 0x01u
#define R1_ILLEGAL 0x04u
#define R1_CRC 0x08u
#define R1_PARAM 0x40u

/* Second byte of R2 (7.3.2.3). */
#define ST_ERROR 0x04u
#define ST_WP_VIOLATION 0x20u
#define ST_OUT_OF_RANGE 0x80u

/* Data tokens (7.3.3). */
#define TOK_START 0xfeu
#define TOK_MULTI 0xfcu
#define TOK_STOP 0xfdu
#define DR_ACCEPTED 0x05u
#define DR_CRC 0x0bu
#define DR_WRITE_ERR 0x0du
#define DE_ERROR 0x01u
#define DE_OUT_OF_RANGE 0x08u

enum sd_state { SD_CMD, SD_WRITE_TOKEN, SD_WRITE_DATA };

struct sd_spi {
    struct device dev;
    struct blockdev *drive;
    sim_time_t t_write, t_init;

    uint64_t nblocks;
    bool ro;
    bool selected;
    bool spi_mode; /* CMD0 received with CS low */
    bool ready;    /* initialization finished (ACMD41) */
    bool init_started;
    sim_time_t ready_at;
    bool app; /* the previous command was CMD55 */
    bool crc_on;
    uint8_t status; /* R2 second byte, cleared when read */

    uint8_t cmd[6];
    unsigned ncmd;
    enum sd_state state;
    bool multi_write;
    bool streaming; /* CMD18: blocks follow until CMD12 */
    uint64_t addr;  /* next block of a read or write */
    uint8_t data[BLK + 2];
    unsigned ndata;
    sim_time_t busy_until;

    uint8_t out[OUTQ];
    unsigned oh, on;

    uint64_t reads, writes, errors;
    bool warned;
};

static sim_time_t sd_now(struct sd_spi *s)
{
    return sim_now(&s->dev.m->sim);
}

static uint8_t crc7(const uint8_t *p, unsigned n)
{
    uint8_t c = 0;
    for (unsigned i = 0; i < n; i++)
        for (int b = 7; b >= 0; b--) {
            unsigned in = ((p[i] >> b) & 1) ^ ((c >> 6) & 1);
            c = (uint8_t)((c << 1) & 0x7f);
            if (in)
                c ^= 0x09;
        }
    return c;
}

static uint16_t crc16(const uint8_t *p, unsigned n)
{
    uint16_t c = 0;
    for (unsigned i = 0; i < n; i++) {
        c ^= (uint16_t)(p[i] << 8);
        for (int b = 0; b < 8; b++)
            c = (uint16_t)((c & 0x8000) ? (c << 1) ^ 0x1021 : c << 1);
    }
    return c;
}

static void push(struct sd_spi *s, uint8_t b)
{
    if (s->on < OUTQ)
        s->out[(s->oh + s->on++) % OUTQ] = b;
}

/* A data block: N_AC, start token, bytes, CRC16. */
static void push_block(struct sd_spi *s, const uint8_t *p, unsigned n)
{
    push(s, 0xff);
    push(s, TOK_START);
    for (unsigned i = 0; i < n; i++)
        push(s, p[i]);
    uint16_t c = crc16(p, n);
    push(s, (uint8_t)(c >> 8));
    push(s, (uint8_t)c);
}

static void drive_failed(struct sd_spi *s, const char *what)
{
    s->errors++;
    s->status |= ST_ERROR;
    if (!s->warned) {
        sim_warn("%s: %s drive '%s' failed: %s", dev_label(&s->dev), what, s->drive->node_name,
                 sim_err_msg());
        s->warned = true;
    }
}

/* The next block of a read: its data, or a data error token. */
static void push_read(struct sd_spi *s)
{
    uint8_t buf[BLK];
    if (s->addr >= s->nblocks) {
        push(s, 0xff);
        push(s, DE_OUT_OF_RANGE);
        s->status |= ST_OUT_OF_RANGE;
        s->streaming = false;
        return;
    }
    if (blockdev_read(s->drive, s->addr * BLK, buf, BLK) < 0) {
        drive_failed(s, "reading");
        push(s, 0xff);
        push(s, DE_ERROR);
        s->streaming = false;
        return;
    }
    s->reads++;
    s->addr++;
    push_block(s, buf, BLK);
}

static void make_csd(const struct sd_spi *s, uint8_t *c)
{
    uint64_t csize = s->nblocks * BLK / UNIT - 1;
    memset(c, 0, 16);
    c[0] = 0x40;              /* CSD_STRUCTURE 1: version 2.0 */
    c[1] = 0x0e;              /* TAAC 1 ms */
    c[3] = 0x32;              /* TRAN_SPEED 25 MHz */
    c[4] = 0x5b, c[5] = 0x59; /* CCC 0x5b5, READ_BL_LEN 9 */
    c[7] = (uint8_t)((csize >> 16) & 0x3f);
    c[8] = (uint8_t)(csize >> 8), c[9] = (uint8_t)csize;
    c[10] = 0x7f, c[11] = 0x80;  /* ERASE_BLK_EN, SECTOR_SIZE 0x7f */
    c[12] = 0x0a, c[13] = 0x40;  /* R2W_FACTOR 2, WRITE_BL_LEN 9 */
    c[14] = s->ro ? 0x10 : 0x00; /* TMP_WRITE_PROTECT */
    c[15] = (uint8_t)(crc7(c, 15) << 1 | 1);
}

static void make_cid(uint8_t *c)
{
    static const uint8_t cid[15] = {0x53, 'S',  'C',  'S',  'O',  'C',  'S', 'M',
                                    0x10, 0x12, 0x34, 0x56, 0x78, 0x01, 0x81}; /* 2024-01 */
    memcpy(c, cid, 15);
    c[15] = (uint8_t)(crc7(c, 15) << 1 | 1);
}

static bool in_range(struct sd_spi *s, uint64_t blk)
{
    if (blk < s->nblocks)
        return true;
    s->status |= ST_OUT_OF_RANGE;
    return false;
}

static void execute(struct sd_spi *s)
{
    unsigned idx = s->cmd[0] & 0x3f;
    uint32_t arg = (uint32_t)s->cmd[1] << 24 | s->cmd[2] << 16 | s->cmd[3] << 8 | s->cmd[4];
    bool app = s->app;
    s->app = false;

    /* Before CMD0 the card is in SD mode and answers nothing on these lines. */
    if (!s->spi_mode && idx != 0)
        return;
    bool crc_ok = crc7(s->cmd, 5) == (s->cmd[5] >> 1);
    bool check = s->crc_on || idx == 0 || (idx == 8 && !app);
    if (idx == 0 && !s->spi_mode && !crc_ok)
        return; /* SD mode: a bad CRC is ignored */
    uint8_t idle = s->ready ? 0 : R1_IDLE;
    push(s, 0xff); /* N_CR */
    if (check && !crc_ok) {
        push(s, idle | R1_CRC);
        return;
    }
    if (!s->ready && !(idx == 0 || idx == 1 || idx == 8 || idx == 55 || idx == 58 || idx == 59 ||
                       (app && idx == 41))) {
        push(s, idle | R1_ILLEGAL);
        return;
    }
    uint8_t buf[64];
    if (app) {
        switch (idx) {
        case 41:
            /* An SDHC card stays idle for a host that does not say it handles one. */
            if (!s->init_started && (arg & (1u << 30))) {
                s->init_started = true;
                s->ready_at = sd_now(s) + s->t_init;
            }
            if (s->init_started && sd_now(s) >= s->ready_at)
                s->ready = true;
            push(s, s->ready ? 0 : R1_IDLE);
            return;
        case 13: /* SD_STATUS: R2, then 64 bytes (bus width 1, speed class 0) */
            push(s, 0);
            push(s, s->status);
            s->status = 0;
            memset(buf, 0, 64);
            push_block(s, buf, 64);
            return;
        case 23: /* SET_WR_BLK_ERASE_COUNT: a hint */
            push(s, 0);
            return;
        case 51: /* SEND_SCR: SD spec 2.00, CMD23 not supported, bus widths 1 and 4 */
            memset(buf, 0, 8);
            buf[0] = 0x02, buf[1] = 0x35;
            push(s, 0);
            push_block(s, buf, 8);
            return;
        default:
            break; /* the ordinary command of that index */
        }
    }
    switch (idx) {
    case 0: /* GO_IDLE_STATE */
        s->spi_mode = true;
        s->ready = s->init_started = false;
        s->crc_on = false;
        s->streaming = false;
        s->state = SD_CMD;
        push(s, R1_IDLE);
        return;
    case 1: /* SEND_OP_COND (thin cards): as ACMD41 with HCS */
        if (!s->init_started) {
            s->init_started = true;
            s->ready_at = sd_now(s) + s->t_init;
        }
        if (sd_now(s) >= s->ready_at)
            s->ready = true;
        push(s, s->ready ? 0 : R1_IDLE);
        return;
    case 8: /* SEND_IF_COND: R7 echoes a supported voltage (2.7-3.6 V) and the pattern */
        push(s, idle);
        push(s, 0), push(s, 0);
        push(s, ((arg >> 8) & 0xf) == 1 ? 1 : 0);
        push(s, (uint8_t)arg);
        return;
    case 9:  /* SEND_CSD */
    case 10: /* SEND_CID */
        push(s, 0);
        if (idx == 9)
            make_csd(s, buf);
        else
            make_cid(buf);
        push_block(s, buf, 16);
        return;
    case 12: /* STOP_TRANSMISSION: a stuff byte, then R1b */
        s->streaming = false;
        push(s, 0);
        return;
    case 13: /* SEND_STATUS */
        push(s, idle);
        push(s, s->status);
        s->status = 0;
        return;
    case 16: /* SET_BLOCKLEN: SDHC blocks are 512 bytes */
        push(s, arg == BLK ? 0 : R1_PARAM);
        return;
    case 17: /* READ_SINGLE_BLOCK */
    case 18: /* READ_MULTIPLE_BLOCK */
        if (!in_range(s, arg)) {
            push(s, R1_PARAM);
            return;
        }
        push(s, 0);
        s->addr = arg;
        s->streaming = idx == 18; /* push_read ends it at an error */
        push_read(s);
        return;
    case 24: /* WRITE_BLOCK */
    case 25: /* WRITE_MULTIPLE_BLOCK */
        if (!in_range(s, arg)) {
            push(s, R1_PARAM);
            return;
        }
        push(s, 0);
        s->addr = arg;
        s->multi_write = idx == 25;
        s->state = SD_WRITE_TOKEN;
        return;
    case 55: /* APP_CMD */
        s->app = true;
        push(s, idle);
        return;
    case 58: /* READ_OCR: busy bit (power-up done) and CCS once ready, 2.7-3.6 V */
        push(s, idle);
        push(s, s->ready ? 0xc0 : 0x00);
        push(s, 0xff), push(s, 0x80), push(s, 0x00);
        return;
    case 59: /* CRC_ON_OFF */
        s->crc_on = arg & 1;
        push(s, idle);
        return;
    default:
        push(s, idle | R1_ILLEGAL);
        return;
    }
}

/* A write block's data and CRC have arrived. */
static void write_block(struct sd_spi *s)
{
    uint16_t crc = (uint16_t)(s->data[BLK] << 8 | s->data[BLK + 1]);
    s->state = s->multi_write ? SD_WRITE_TOKEN : SD_CMD;
    if (s->crc_on && crc != crc16(s->data, BLK)) {
        push(s, DR_CRC);
        return;
    }
    if (s->ro) {
        s->status |= ST_WP_VIOLATION;
        push(s, DR_WRITE_ERR);
        s->state = SD_CMD;
        return;
    }
    if (s->addr >= s->nblocks) {
        s->status |= ST_OUT_OF_RANGE;
        push(s, DR_WRITE_ERR);
        s->state = SD_CMD;
        return;
    }
    if (blockdev_write(s->drive, s->addr * BLK, s->data, BLK) < 0) {
        drive_failed(s, "writing");
        push(s, DR_WRITE_ERR);
        s->state = SD_CMD;
        return;
    }
    s->writes++;
    s->addr++;
    push(s, DR_ACCEPTED);
    s->busy_until = sd_now(s) + s->t_write;
}

static uint8_t sd_transfer(struct device *d, uint8_t mosi)
{
    struct sd_spi *s = (struct sd_spi *)d;
    if (!s->selected)
        return 0xff;
    /* What the card drives on MISO during this byte. */
    uint8_t miso = 0xff;
    if (s->on) {
        miso = s->out[s->oh];
        s->oh = (s->oh + 1) % OUTQ;
        s->on--;
        if (!s->on && s->streaming)
            push_read(s);
    } else if (sd_now(s) < s->busy_until) {
        miso = 0x00;
    }

    switch (s->state) {
    case SD_WRITE_TOKEN:
        if (s->on || sd_now(s) < s->busy_until)
            break; /* still answering or programming */
        if (mosi == TOK_START || (s->multi_write && mosi == TOK_MULTI)) {
            s->state = SD_WRITE_DATA;
            s->ndata = 0;
        } else if (s->multi_write && mosi == TOK_STOP) {
            s->state = SD_CMD;
            push(s, 0xff);
            s->busy_until = sd_now(s) + s->t_write;
        } else if ((mosi & 0xc0) == 0x40) {
            s->state = SD_CMD; /* a command instead of data: the write is over */
            s->cmd[0] = mosi;
            s->ncmd = 1;
        }
        break;
    case SD_WRITE_DATA:
        s->data[s->ndata++] = mosi;
        if (s->ndata == BLK + 2)
            write_block(s);
        break;
    case SD_CMD:
        if (s->ncmd == 0 && (mosi & 0xc0) != 0x40)
            break;
        s->cmd[s->ncmd++] = mosi;
        if (s->ncmd == 6) {
            s->ncmd = 0;
            if ((s->cmd[0] & 0x3f) == 12 || !s->streaming) {
                if ((s->cmd[0] & 0x3f) == 12)
                    s->on = 0; /* the rest of the block in flight is not sent */
                execute(s);
            }
        }
        break;
    }
    return miso;
}

static void sd_select(struct device *d, bool sel)
{
    struct sd_spi *s = (struct sd_spi *)d;
    s->selected = sel;
    if (sel)
        return;
    /* Deselecting ends a transfer; a write's programming goes on (busy_until). */
    s->ncmd = 0;
    s->on = 0;
    s->streaming = false;
    if (s->state == SD_WRITE_DATA || s->state == SD_WRITE_TOKEN)
        s->state = SD_CMD;
}

static void sd_reset(struct device *d)
{
    struct sd_spi *s = (struct sd_spi *)d;
    s->spi_mode = s->ready = s->init_started = s->app = s->crc_on = false;
    s->streaming = false;
    s->selected = false;
    s->state = SD_CMD;
    s->ncmd = s->on = 0;
    s->status = 0;
}

static int sd_realize(struct device *d)
{
    struct sd_spi *s = (struct sd_spi *)d;
    if (!s->drive)
        return sim_err("%s: needs drive= (the blockdev holding the card's blocks)", dev_label(d));
    if (s->drive->size < UNIT)
        return sim_err("%s: drive '%s' holds %llu bytes; an SDHC card holds whole 512 KiB "
                       "units, at least one",
                       dev_label(d), s->drive->node_name, (unsigned long long)s->drive->size);
    if (s->drive->size % UNIT)
        sim_warn("%s: drive '%s' holds %llu bytes; the card reports %llu (whole 512 KiB "
                 "units)",
                 dev_label(d), s->drive->node_name, (unsigned long long)s->drive->size,
                 (unsigned long long)(s->drive->size / UNIT * UNIT));
    /* CSD 2.0's C_SIZE has 22 bits: at most 2 TiB. */
    uint64_t units = s->drive->size / UNIT;
    if (units > (1u << 22))
        units = 1u << 22;
    s->nblocks = units * (UNIT / BLK);
    s->ro = s->drive->read_only;
    sd_reset(d);
    return 0;
}

static void sd_info(struct device *d, FILE *f, int indent)
{
    struct sd_spi *s = (struct sd_spi *)d;
    fprintf(f, "%*sSDHC, %llu blocks, %s, %llu read, %llu written, %llu drive errors", indent, "",
            (unsigned long long)s->nblocks,
            s->ready      ? "ready"
            : s->spi_mode ? "initializing"
                          : "not yet in SPI mode",
            (unsigned long long)s->reads, (unsigned long long)s->writes,
            (unsigned long long)s->errors);
    dev_print_drive(f, s->drive, s->ro);
}

#define P(field, type, name, def, help) DEV_PROP(struct sd_spi, field, type, name, def, help)
static const struct dev_prop sd_spi_props[] = {
    P(drive, PROP_BLOCKDEV, "drive", NULL,
      "block device holding the card's blocks (its size in whole 512 KiB units)"),
    P(t_write, PROP_TIME, "write-time", "250us", "busy time after each written block"),
    P(t_init, PROP_TIME, "init-time", "1ms", "time from the first ACMD41 until the card is ready"),
    {0},
};
#undef P

static const struct dev_state sd_state[] = {
    DEV_STATE_RANGE(struct sd_spi, selected, errors),
    {0},
};

static const struct dev_type sd_spi_type = {
    .name = "sd-spi",
    .desc = "SD memory card (SDHC) in SPI mode, blockdev-backed",
    .bus = BUS_SPI,
    .size = sizeof(struct sd_spi),
    .props = sd_spi_props,
    .realize = sd_realize,
    .reset = sd_reset,
    .info = sd_info,
    .spi_select = sd_select,
    .spi_transfer = sd_transfer,
    .state = sd_state,
};
DEV_TYPE(sd_spi_type)
