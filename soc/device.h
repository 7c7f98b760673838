/* The device-type registry and typed properties.
 *
 * A device type is a declaration: name, one-line description, the bus kind it plugs into,
 * a property table, its IRQ inputs and outputs, the buses it creates, and callbacks.
 * `-device help`, `-device NAME,help`, the Lua board API and `--info-tree` all read the
 * same declaration.  Types register themselves with DEV_TYPE(); nothing keeps a list. */
#ifndef SOC_DEVICE_H
#define SOC_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/opts.h"
#include "soc/bus.h"
#include "soc/signal.h"

struct machine;
struct chardev;
struct chardev_frontend;
struct blockdev;
struct ckpt_out;
struct ckpt_in;

/* A device property is an option of the device's instance struct (sim/opts.h): the same
 * table type, value syntax, help format and "did you mean" as the back ends' options.  The
 * names below keep device sources in device terms. */
#define dev_prop opt_desc
#define PROP_INT OPT_INT           /* uint64_t: 42, 0x2a, 0b101010, 64K */
#define PROP_BOOL OPT_BOOL         /* bool: on/off, true/false, yes/no, 1/0 */
#define PROP_STRING OPT_STRING     /* char * (owned by the device) */
#define PROP_SIZE OPT_SIZE         /* uint64_t bytes: 16K, 1M, 0x4000 */
#define PROP_FREQ OPT_FREQ         /* uint64_t Hz: 320MHz, 32768Hz */
#define PROP_TIME OPT_TIME         /* sim_time_t ps: 10ms, 86us */
#define PROP_CHARDEV OPT_CHARDEV   /* struct chardev * looked up by id */
#define PROP_BLOCKDEV OPT_BLOCKDEV /* struct blockdev * looked up by node-name */
#define PROP_LINK OPT_LINK         /* struct irq_out: an output wired to "<device-id>.<input>" */
#define PROP_ENUM OPT_ENUM         /* int index into choices[] */
#define PROP_REQUIRED OPT_REQUIRED /* no default: the user must give it */
#define prop_type_name opt_type_name

/* An IRQ output: the signal the device drives and where the board wired it. */
struct irq_out {
    struct signal sig;
    char *link; /* "plic.10", "cpu0.mtip"; NULL when unconnected */
};

/* Run-time state that a checkpoint saves (soc/checkpoint.h): the fields of the instance
 * struct that change while the machine runs, as a table of the type (struct dev_type
 * state).  Properties are not state (the command line and the board give them again), and
 * neither are pointers to what the device was wired to.  Three things are saved without
 * being listed: the levels of the IRQ outputs (PROP_LINK properties), every event inside
 * the struct that is pending (its time and sequence number), and the system bus's memory
 * (RAM, ROM, a flash's XIP window: its regions of host memory). */
enum dev_state_kind {
    DEV_STATE_BYTES,   /* plain data: integers, arrays of them, structs without pointers */
    DEV_STATE_SIGNALS, /* struct signal, or an array of them: their levels */
    DEV_STATE_DEVICE,  /* struct device *: which device of the machine, or none */
    DEV_STATE_BUFFER,  /* uint8_t *: memory of the device's own, `len` bytes long */
};

struct dev_state {
    const char *name; /* the field's, for messages and the layout */
    int kind;         /* enum dev_state_kind */
    size_t offset, size;
    size_t len_offset; /* DEV_STATE_BUFFER: where its length is (a uint64_t field) */
};

#define DEV_FIELD_SIZE(type, field) sizeof(((type *)0)->field)
/* One field (an integer, an array, a struct of plain data). */
#define DEV_STATE(type, field)                                                                 \
    {#field, DEV_STATE_BYTES, offsetof(type, field), DEV_FIELD_SIZE(type, field), 0}
/* The fields from `first` to `last` in the struct, and whatever lies between them: none
 * of them may be a pointer or an event. */
#define DEV_STATE_RANGE(type, first, last)                                                     \
    {#first ".." #last, DEV_STATE_BYTES, offsetof(type, first),                                 \
     offsetof(type, last) + DEV_FIELD_SIZE(type, last) - offsetof(type, first), 0}
/* A struct signal (a pad, a pin the device drives) or an array of them. */
#define DEV_STATE_SIGNAL(type, field)                                                          \
    {#field, DEV_STATE_SIGNALS, offsetof(type, field),                                         \
     DEV_FIELD_SIZE(type, field) +                                                             \
         0 * sizeof(char[DEV_FIELD_SIZE(type, field) % sizeof(struct signal) ? -1 : 1]),       \
     0}
/* A struct device * the device keeps while it runs (the slave of a transfer). */
#define DEV_STATE_DEVICE(type, field)                                                          \
    {#field, DEV_STATE_DEVICE, offsetof(type, field),                                          \
     DEV_FIELD_SIZE(type, field) +                                                             \
         0 * sizeof(&((type *)0)->field == (struct device **)0), 0}
/* A buffer the device allocated (an EEPROM's array), `len` (uint64_t) bytes. */
#define DEV_STATE_BUFFER(type, field, len)                                                     \
    {#field, DEV_STATE_BUFFER, offsetof(type, field), DEV_FIELD_SIZE(type, field),             \
     offsetof(type, len) + 0 * sizeof(&((type *)0)->len == (uint64_t *)0)}

struct device {
    const struct dev_type *type;
    char *id;
    struct machine *m;
    struct bus *bus;       /* the bus it sits on, NULL for BUS_NONE */
    uint64_t addr;         /* base address, chip select or I2C address */
    bool addr_set;
    uint64_t props_set;    /* bit i: property i was given a value (default or user) */
    uint64_t props_given;  /* bit i: property i was set by name (a board line, -global) */
    bool realized;         /* realize ran (perhaps failed): free releases what it took */
    struct device *next;   /* the machine's list, in creation order */
};

struct dev_type {
    const char *name;
    const char *desc;
    enum bus_kind bus;              /* where it plugs in */
    size_t size;                    /* instance struct size; it begins with struct device */
    const struct dev_prop *props;   /* terminated by an entry with name == NULL */
    const char *const *inputs;      /* named IRQ inputs, NULL-terminated; NULL with
                                       set_input != NULL means numbered inputs */
    const char *const *creates;     /* kinds of bus it creates, for help ("spi", "i2c") */
    uint32_t mmio_size;             /* window on the system bus, 0 when none or set in realize */
    bool no_user;                   /* not creatable with -device (internal) */

    /* After properties are set: map, create buses, attach back ends.  On failure, and when
     * the creation fails later, what it registered on the machine is taken back
     * (machine_forget) and free is called: it must cope with a realize that stopped
     * half-way (fields it did not reach are as calloc left them). */
    int (*realize)(struct device *d);
    void (*reset)(struct device *d);
    void (*finalize)(struct device *d);        /* after the whole machine is wired */
    void (*free)(struct device *d);
    int (*read)(struct device *d, uint32_t off, unsigned size, uint32_t *val);
    int (*write)(struct device *d, uint32_t off, unsigned size, uint32_t val);
    void (*set_input)(struct device *d, int n, bool level);
    int (*input_count)(struct device *d);      /* numbered inputs: how many */
    void (*info)(struct device *d, FILE *f, int indent); /* extra lines for --info-tree */
    /* The machine stops for good (machine_stop: the firmware exited, a limit, a stuck CPU,
     * the end of a scenario, gdb's kill): hand what the device still holds for its back
     * end (a UART's transmit FIFO) to the back end now.  Simulated time does not advance. */
    void (*flush)(struct device *d);
    /* True when the device will reset the machine by itself later (an armed watchdog):
     * a CPU stuck in a trap loop is then left to it, as on the chip. */
    bool (*reset_armed)(struct device *d);
    /* A named output signal beyond the PROP_LINK outputs (a GPIO pad: "5"), for Lua
     * scenarios that watch or read it; NULL when the name is not one. */
    struct signal *(*output)(struct device *d, const char *name);
    /* The device's signals beyond its PROP_LINK outputs (a GPIO pad "pin5", a UART's "rx"
     * line, an SPI controller's "sck"), by number from 0, its name written to name[n]; NULL
     * past the last.  Trace outputs (VCD) and Lua watches find them by name (dev_signal). */
    struct signal *(*signal)(struct device *d, unsigned i, char *name, size_t n);
    /* The clock the device generates for others (a PLL's output), which CPUs and devices
     * name in their clock property to follow it; NULL when it generates none.  A CPU's
     * core clock needs no hook (dev_clock). */
    struct sim_clock_domain *(*clock)(struct device *d);

    /* SPI slave */
    void (*spi_select)(struct device *d, bool selected);
    uint8_t (*spi_transfer)(struct device *d, uint8_t mosi);
    /* I2C slave: start returns true on ACK of the address */
    bool (*i2c_start)(struct device *d, bool read);
    bool (*i2c_write)(struct device *d, uint8_t byte);
    uint8_t (*i2c_read)(struct device *d, bool ack);
    void (*i2c_stop)(struct device *d);

    /* Debugger read (gdb, Lua scenarios; bus_debug_read): what `read` of the same size
     * would return now, without the read's side effects (no FIFO pop, no interrupt claim
     * or acknowledge).  A device whose reads have no side effects points it at its read.
     * NULL: the debugger cannot read the device's registers.  docs/gdb.md lists, per
     * device, what the debugger sees. */
    int (*peek)(struct device *d, uint32_t off, unsigned size, uint32_t *val);

    /* A key the property table does not have (a CPU takes its timing model's properties,
     * which the model declares: soc/cpu/riscv/model.h): 0 when the device takes it (it may
     * check it when realized), 1 when it is no key of the device, -1 with sim_err set.
     * What it keeps, `free` releases: a type with extra_prop has its free called even
     * when the device fails before realize, so that free must cope with a device realize
     * never saw.  Optional. */
    int (*extra_prop)(struct device *d, const char *key, const char *value);
    /* Lines for -device NAME,help after the property table (a CPU: its model's).
     * Optional. */
    void (*help)(FILE *f, const struct dev_type *t);

    /* Checkpoints (soc/checkpoint.h).  state: the run-time state (struct dev_state above),
     * ended by an entry with name NULL; NULL when the device keeps none beyond what is
     * saved without a table.  A field the device changes while it runs and that the table
     * leaves out makes a resumed run differ: tests/checkpoint/ finds it. */
    const struct dev_state *state;
    /* Why no checkpoint can hold the device (its state is on the host, in a SystemC
     * model): the refusal names it.  NULL: it can. */
    const char *no_checkpoint;
    /* State beyond the table, in a form of the type's own (a CPU: its timing model's):
     * save writes it; load reads it back, only checking it (a message naming what
     * differs, -1) when apply is false, and putting it in the device when apply is true
     * (it was checked: it cannot fail).  Both or neither. */
    void (*save)(struct device *d, struct ckpt_out *w);
    int (*load)(struct device *d, struct ckpt_in *r, bool apply);
    /* A checkpoint was put in the machine (every device's state and memory): bring what
     * the state determines in line (a CPU's decoded instructions).  Optional. */
    void (*restored)(struct device *d);
};

void dev_type_register(const struct dev_type *t);
#define DEV_TYPE(t)                                                                    \
    static void __attribute__((constructor)) t##_register(void) { dev_type_register(&t); }

/* A named set of properties that is not a device type but that -global DRIVER.PROP=VALUE
 * can name: a CPU's timing model (-global ibex.rv32m=slow).  A -global of a set's
 * property is checked when given, on a scratch struct of `size` bytes, and applied by
 * whatever uses the set (the CPU that runs the model), which marks it used. */
struct dev_propset {
    const char *name;
    const struct dev_prop *props; /* may be NULL: none */
    size_t size;
    const char *help; /* where its properties are listed, a format of name: "-x %s,help" */
    const char *none; /* the -global's error when nothing in the machine uses the set */
};
void dev_propset_register(const struct dev_propset *s);
const struct dev_propset *dev_propset_find(const char *name);

const struct dev_type *dev_type_find(const char *name);
const struct dev_type *dev_type_find_len(const char *name, size_t len);
/* Every registered type, sorted by name; returns the count. */
size_t dev_types(const struct dev_type ***out);
/* Suggest the closest registered name (for "did you mean"), NULL when none is close. */
const char *dev_type_suggest(const char *name);
/* The same among type and property-set names (what -global can name). */
const char *dev_driver_suggest(const char *name);

/* Create a device of `type` on machine m from key=value pairs: the reserved keys id, bus,
 * addr and wait, and the type's properties.  They are applied in that order, whatever
 * order kv has (a Lua table's changes from run to run): the reserved keys, the properties
 * in table order, then other keys (a CPU's timing-model properties) by name; the first
 * that fails is the one reported (docs/boards.md).  `where` names the origin for errors
 * ("-device uart,foo=1", "boards/virt32.lua:12").  Returns NULL with sim_err set. */
struct device *dev_create(struct machine *m, const char *type, const struct kv *kv, size_t n,
                          const char *where);

/* Free a device that is not (or no longer) on the machine's list: its type's free (when
 * realize ran), its property strings and IRQ outputs, the device itself. */
void dev_destroy(struct device *d);

/* Attach a UART's receive side to its back end: one front end per chardev, as in QEMU,
 * so that input never goes to a device that lost it to another.  fe->opaque must be d.
 * 0, or -1 with sim_err set naming both devices. */
int dev_attach_chardev(struct device *d, struct chardev *c, const struct chardev_frontend *fe);

/* How messages name a device: "type 'id'", or the type alone when it has no id.  The text
 * lives in a static buffer, valid until the next call. */
const char *dev_label(const struct device *d);

/* "'TYPE' has no property 'KEY' (did you mean ...?)", else "(see -device TYPE,help)".
 * Returns -1. */
int dev_err_no_prop(const struct dev_type *t, const char *key);
/* "'NAME' has no property 'KEY' (did you mean ...?)" with the closest name of both tables
 * (either may be NULL: a CPU type's and its timing model's), else "(see HELP)".  -1. */
int dev_err_no_prop_in(const char *name, const char *key, const struct dev_prop *a,
                       const struct dev_prop *b, const char *help);
/* Set one property from text (the single parser for every origin); the property counts
 * as given by name from then on. */
int dev_set_prop(struct device *d, const char *key, const char *value);
/* Set property `key` in place of its default (a CPU's timing-model preset), unless it was
 * given by name (dev_set_prop): what the board or -global says wins, whatever the order.
 * 0 (also when left as given), or -1 with sim_err set. */
int dev_set_prop_default(struct device *d, const char *key, const char *value);
const struct dev_prop *dev_find_prop(const struct dev_type *t, const char *name);
/* Print a property's current value as text. */
void dev_format_prop(const struct device *d, const struct dev_prop *p, char *buf, size_t n);

/* Property storage helpers for device sources. */
#define DEV_PROP OPT

void dev_print_help(FILE *f);                         /* -device help */
int dev_print_type_help(FILE *f, const char *name);   /* -device NAME,help */

/* The clock device d generates for others: a CPU's core clock, or its type's clock hook;
 * NULL when it generates none. */
struct sim_clock_domain *dev_clock(struct device *d);
/* A bus controller's input clock: the clock of the device whose id is `clock` (a CPU: the
 * core clock), when set and not empty, else the fixed frequency `freq`, which must not be
 * 0.  *clk is NULL for a fixed clock; the controller reads (*clk)->clk.hz when it needs
 * the rate.  0, or -1 with sim_err set. */
int dev_input_clock(struct device *d, const char *clock, uint64_t freq,
                    struct sim_clock_domain **clk);
/* The bus "<id>.<n>" that controller d creates for its slaves; d must have an id.
 * NULL with sim_err set. */
struct bus *dev_child_bus(struct device *d, unsigned n, enum bus_kind kind);

/* A memory part backed by a block device (flash, EEPROM): copy the part's n bytes from the
 * start of `drive`, which must hold at least that many; `part` names the part in the
 * message ("flash", "EEPROM").  0, or -1 with sim_err set. */
int dev_drive_load(struct device *d, struct blockdev *drive, void *mem, uint64_t n,
                   const char *part);
/* End a memory part's --info-tree line with its drive: ", drive NAME",
 * ", read-only drive NAME" (ro) or ", no drive", and the newline. */
void dev_print_drive(FILE *f, const struct blockdev *drive, bool ro);

/* Device d's signal number i, from 0, and its name (without the device's id) in name[n]:
 * its PROP_LINK outputs in table order ("irq", "tx"), the signals its type names
 * (dev_type.signal: "pin5", "rx"), and for a CPU its interrupt lines ("mip.mtip").  The
 * tree name of a signal is "<device-id>.<name>".  NULL past the last. */
struct signal *dev_signal(struct device *d, unsigned i, char *name, size_t n);
/* The signal of d called `name` (one of dev_signal's, or one the type's output hook
 * knows); NULL when none is. */
struct signal *dev_find_signal(struct device *d, const char *name);

/* Resolve "<device-id>.<input>" to a device and input number. */
int dev_resolve_input(struct machine *m, const char *link, struct device **dev, int *n);

#endif
