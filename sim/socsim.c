/* socsim as a library (sim/socsim.h). */
#include <stdlib.h>
#include <string.h>

#include "lua/lb.h"
#include "sim/backends/chardev.h"
#include "sim/error.h"
#include "sim/socsim.h"
#include "soc/cpu.h"
#include "soc/machine.h"

extern const struct dev_type external_type;

struct socsim {
    struct machine m;
    struct sim_event deadline;
    bool deadline_hit;
    sim_time_t until; /* where the run in progress ends */
    struct device **ext;
    unsigned next;
};

static char error_text[SIM_ERR_MAX + 16];

const char *socsim_error(void) { return error_text; }

static int build(struct machine *m, const struct socsim_config *cfg)
{
    m->cpu_model = cfg->cpu_model ? strdup(cfg->cpu_model) : NULL;
    for (const char *const *g = cfg->globals; g && *g; g++)
        if (machine_add_global(m, *g))
            return -1;
    if (cfg->serial) {
        struct chardev *c = chardev_serial(m, "serial0", cfg->serial);
        if (!c)
            return -1;
        m->serial[m->nserial++] = strdup(c->id);
    }
    int rc = lb_run_board(m, cfg->board, NULL);
    if (rc > 0)
        return sim_err("-M %s: the board called os.exit(%d)", cfg->board, lb_exit_status(m));
    if (rc)
        return -1;
    if (m->ncpus == 0)
        return sim_err("-M %s: the board has no CPU", cfg->board);
    if (!cfg->kernel)
        return sim_err("no firmware given");
    if (machine_load_kernel(m, cfg->kernel) || machine_finalize(m))
        return -1;
    if (chardev_start_all(m))
        return -1;
    chardev_poller_install(m);
    return 0;
}

static void deadline_fired(struct sim_event *ev)
{
    struct socsim *s = container_of(ev, struct socsim, deadline);
    s->deadline_hit = true;
    sim_stop(&s->m.sim, SIM_STOP_HOST, 0);
}

struct socsim *socsim_open(const struct socsim_config *cfg)
{
    struct socsim *s = calloc(1, sizeof(*s));
    if (!s)
        abort();
    machine_init(&s->m);
    sim_event_init(&s->deadline, deadline_fired, "socsim.deadline");
    if (build(&s->m, cfg)) {
        snprintf(error_text, sizeof(error_text), "socsim: %s", sim_err_msg());
        machine_free(&s->m);
        free(s);
        return NULL;
    }
    for (struct device *d = s->m.devices; d; d = d->next)
        if (d->type == &external_type) {
            s->ext = realloc(s->ext, (s->next + 1) * sizeof(*s->ext));
            if (!s->ext)
                abort();
            s->ext[s->next++] = d;
        }
    return s;
}

void socsim_close(struct socsim *s)
{
    if (!s)
        return;
    socsim_flush(s);
    sim_cancel(&s->m.sim, &s->deadline);
    machine_free(&s->m);
    free(s->ext);
    free(s);
}

struct machine *socsim_machine(struct socsim *s) { return &s->m; }
sim_time_t socsim_now(struct socsim *s) { return sim_now(&s->m.sim); }
int socsim_exit_code(struct socsim *s) { return s->m.sim.exit_code; }
void socsim_flush(struct socsim *s) { chardev_flush_all(&s->m); }
/* CPU n's statistics; all zero when there is no CPU n. */
static struct cpu_stats stats_of(struct socsim *s, unsigned n)
{
    struct cpu_stats st = {0};
    if (n < s->m.ncpus)
        cpu_stats(s->m.cpus[n], &st);
    return st;
}
uint64_t socsim_cycles(struct socsim *s, unsigned n) { return stats_of(s, n).cycles; }
uint64_t socsim_instructions(struct socsim *s, unsigned n) { return stats_of(s, n).instructions; }

enum sim_stop_reason socsim_run_until(struct socsim *s, sim_time_t t)
{
    struct sim *sim = &s->m.sim;
    if (sim->stop != SIM_RUNNING)
        return sim->stop; /* stopped for good (the firmware exited) */
    if (t <= sim_now(sim))
        return SIM_RUNNING;
    s->deadline_hit = false;
    s->until = t;
    if (t != SIM_TIME_MAX)
        sim_schedule(sim, &s->deadline, t);
    for (;;) {
        enum sim_stop_reason r = sim_run(sim);
        if (r == SIM_STOP_RESET) {
            machine_reset(&s->m); /* the finisher's reset: start over, time goes on */
            sim_resume(sim);
            continue;
        }
        if (r == SIM_STOP_HOST && s->deadline_hit) {
            sim_resume(sim);
            break;
        }
        break;
    }
    sim_cancel(sim, &s->deadline);
    s->until = 0;
    return sim->stop;
}

void socsim_limit(struct socsim *s, sim_time_t t)
{
    struct sim *sim = &s->m.sim;
    if (t >= s->until)
        return; /* not running, or not earlier */
    s->until = t;
    sim_schedule(sim, &s->deadline, t < sim_now(sim) ? sim_now(sim) : t);
}

unsigned socsim_external_count(struct socsim *s) { return s->next; }
struct device *socsim_external(struct socsim *s, unsigned i)
{
    return i < s->next ? s->ext[i] : NULL;
}
