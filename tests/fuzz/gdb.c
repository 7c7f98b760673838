/* Fuzz harness: the GDB stub (gdbstub/: the packet layer, the target operations, monitor
 * commands) as gdb reaches it.  The input is what a client sends: it goes down a Unix
 * socket to a stub on a fresh virt32 machine (with 1 MiB of RAM, interpreted: a machine
 * per input; -gdb unix:PATH -S, bounded by --max-insns 5000 and --max-time 1ms), which
 * serves it as socsim would, running the CPU when asked, until the input ends and the run
 * is over.  Everything the stub sends must be acks and
 * well-formed packets with the right checksum; bad packets get an error reply or none,
 * never a crash, a leak, undefined behaviour or a hang. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "gdbstub/gdbstub.h"
#include "gdbstub/reverse.h"
#include "lua/lb.h"
#include "sim/error.h"
#include "soc/machine.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char small_virt32[] = "local socsim = require 'socsim'\n"
                                   "local ram = socsim.ram\n"
                                   "socsim.ram = function(t) t.size = '1M'; return ram(t) end\n"
                                   "dofile(socsim.board_path('virt32'))\n";

static char board[4096], sock_path[4096], spec[4200];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    setenv("SOCSIM_BOARDS", fuzz_tree_path("boards"), 1);
    snprintf(board, sizeof board, "%s",
             fuzz_file("virt32.lua", small_virt32, sizeof small_virt32 - 1));
    snprintf(sock_path, sizeof sock_path, "%s", fuzz_path("gdb.sock"));
    snprintf(spec, sizeof spec, "unix:%s", sock_path);
    return 0;
}

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Reads everything the stub sends until it closes the connection: acks ('+', '-') and
 * packets "$payload#xx" whose checksum xx (lower-case hex) is the payload's byte sum.  Not
 * instrumented for coverage: how the replies fall into reads is the scheduler's doing, not
 * the input's, and would make a fixed-seed run take another path each time (fuzz.sh). */
__attribute__((no_sanitize("coverage"))) static void *client_reader(void *arg)
{
    int fd = *(int *)arg;
    enum { IDLE, DATA, SUM1, SUM2 } st = IDLE;
    unsigned sum = 0, want = 0;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        for (ssize_t i = 0; i < n; i++) {
            int c = (unsigned char)buf[i];
            switch (st) {
            case IDLE:
                if (c == '$')
                    st = DATA, sum = 0;
                else if (c != '+' && c != '-')
                    fuzz_fail("stub sent 0x%02x outside a packet", c);
                break;
            case DATA:
                if (c == '#')
                    st = SUM1;
                else if (c == '$')
                    fuzz_fail("stub sent '$' inside a packet");
                else
                    sum += (unsigned)c;
                break;
            case SUM1:
                if (hexval(c) < 0)
                    fuzz_fail("stub sent checksum digit 0x%02x", c);
                want = (unsigned)hexval(c) << 4, st = SUM2;
                break;
            case SUM2:
                if (hexval(c) < 0)
                    fuzz_fail("stub sent checksum digit 0x%02x", c);
                want |= (unsigned)hexval(c);
                if (want != (sum & 0xff))
                    fuzz_fail("stub sent checksum %02x for a payload summing to %02x", want,
                              sum & 0xff);
                st = IDLE;
                break;
            }
        }
    if (st != IDLE)
        fuzz_fail("stub closed the connection inside a packet");
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16384) /* within the socket's buffer: written before the stub reads */
        return 0;
    struct machine m;
    machine_init(&m);
    m.accel = MACHINE_ACCEL_INTERP;
    if (lb_run_board(&m, board, NULL) || machine_finalize(&m))
        fuzz_fail("virt32: %s", sim_err_msg());
    m.sim.max_insns = 5000;
    m.sim.max_time = 1000000000; /* 1 ms in ps */
    struct gdb_stub *g = gdb_stub_open(&m, spec, true, REV_DEFAULT_INTERVAL);
    if (!g)
        fuzz_fail("gdb_stub_open: %s", sim_err_msg());
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof a.sun_path, "%s", sock_path);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0)
        fuzz_fail("cannot connect to the stub");
    pthread_t reader;
    if (pthread_create(&reader, NULL, client_reader, &fd))
        fuzz_fail("pthread_create");
    if (size && write(fd, data, size) != (ssize_t)size)
        fuzz_fail("short write to the stub");
    shutdown(fd, SHUT_WR);
    while (gdb_stub_run(g) == SIM_STOP_RESET) { /* as sim/main.c's run() */
        machine_reset(&m);
        sim_resume(&m.sim);
    }
    gdb_stub_close(g);
    pthread_join(reader, NULL);
    close(fd);
    machine_stop(&m);
    machine_free(&m);
    return 0;
}
