# Helpers for test scripts.  A test script is tests/<area>/*.sh, run from the repository
# root by tests/run; it prints one line per test: "PASS name", "FAIL name: why" or
# "SKIP name: why".  Every check compares exact output, exit status or bytes.
# The host programs (socsim, the unit tests, the SystemC bridge and platform) are in
# $HOST_BUILD: build/, or build-san/ for `make test SANITIZE=1` (docs/robustness.md).  The
# firmware and the other test fixtures are in build/ for both.
HOST_BUILD=${HOST_BUILD:-build}
SOCSIM=${SOCSIM:-$HOST_BUILD/socsim}
FW=${FW:-build/fw}
TMP=${TMP:-$(mktemp -d /tmp/socsim-test.XXXXXX)}

t_pass() { echo "PASS $1"; }
t_fail() { echo "FAIL $1: $2"; }
t_skip() { echo "SKIP $1: $2"; }

# t_cmd NAME [--exit N] [--stdout TEXT | --stdout-file F] [--stderr-grep RE] [--stdin F] -- CMD...
# Runs CMD and checks its exit status (default 0), its exact stdout and a pattern in stderr.
t_cmd() {
    local name=$1; shift
    local want_exit=0 want_out= have_out=0 out_file= err_re= stdin=/dev/null
    while [ $# -gt 0 ]; do
        case $1 in
        --exit) want_exit=$2; shift 2 ;;
        --stdout) want_out=$2; have_out=1; shift 2 ;;
        --stdout-file) out_file=$2; have_out=1; shift 2 ;;
        --stderr-grep) err_re=$2; shift 2 ;;
        --stdin) stdin=$2; shift 2 ;;
        --) shift; break ;;
        *) echo "FAIL $name: t_cmd: bad option $1"; return ;;
        esac
    done
    local out="$TMP/$name.out" err="$TMP/$name.err"
    mkdir -p "$(dirname "$out")"
    "$@" >"$out" 2>"$err" <"$stdin"
    local rc=$?
    if [ "$rc" != "$want_exit" ]; then
        t_fail "$name" "exit status $rc, expected $want_exit; stderr: $(head -c 300 "$err" | tr '\n' ' ')"
        return
    fi
    if [ $have_out = 1 ]; then
        if [ -n "$out_file" ]; then
            if ! cmp -s "$out" "$out_file"; then
                t_fail "$name" "stdout differs from $out_file: $(diff "$out_file" "$out" | head -5 | tr '\n' ' ')"
                return
            fi
        elif [ "$(cat "$out")" != "$want_out" ]; then
            t_fail "$name" "stdout '$(head -c 200 "$out")', expected '$want_out'"
            return
        fi
    fi
    if [ -n "$err_re" ] && ! grep -qE -- "$err_re" "$err"; then
        t_fail "$name" "stderr lacks /$err_re/: $(head -c 300 "$err" | tr '\n' ' ')"
        return
    fi
    t_pass "$name"
}

# t_eq NAME EXPECTED ACTUAL
t_eq() {
    if [ "$2" = "$3" ]; then t_pass "$1"; else t_fail "$1" "got '$3', expected '$2'"; fi
}

# t_same NAME WANT CMD...: CMD fails with exit status 2 and stderr WANT on each of 20 runs
# (for a message that must not follow Lua's table order, which changes from run to run).
t_same() {
    local name=$1 want=$2 i got seen=
    shift 2
    for i in $(seq 20); do
        got=$("$@" 2>&1 >/dev/null; echo "exit $?")
        [ "$got" = "$want
exit 2" ] || seen="$seen run $i: $(echo "$got" | tr '\n' ' ');"
    done
    [ -z "$seen" ] && t_pass "$name" || t_fail "$name" "expected '$want' each time;$(echo "$seen" | head -c 600)"
}

# t_unpriv CMD...: runs CMD without root's power to open any file (as nobody when run as
# root), for "permission denied" checks.
t_unpriv() {
    if [ "$(id -u)" = 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
    else
        "$@"
    fi
}
# t_locked_file NAME: prints the path of a new file that t_unpriv commands may see but not
# open (mode 000, in a directory anyone may enter; removed with $TMP's cleanup list).
t_locked_file() {
    local d
    d=$(mktemp -d /tmp/socsim-locked.XXXXXX) && chmod 755 "$d" && : >"$d/$1" &&
        chmod 000 "$d/$1" && echo "$d/$1"
}

# t_bg NAME CMD...: runs CMD in the background, stdout in $TMP/NAME.out, stderr in
# $TMP/NAME.err, stdin /dev/null; sets BG_PID.  The job gets its own process group (set
# -m), so SIGINT reaches it: a shell without job control ignores SIGINT in background jobs.
# (env --default-signal=INT: a shell started with SIGINT ignored, as `make test &` starts
# one, passes that on, and socsim rightly leaves an inherited ignored signal alone.  Only
# SIGINT: a test that ignores another one, as nohup does, means it.)
t_bg() {
    local name=$1; shift
    set -m
    env --default-signal=INT "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" </dev/null &
    BG_PID=$!
    set +m
}
# The host waits below are for a condition (a line appearing, a process ending), never for
# a length of time: each blocks in tail until its condition holds (tail follows a file with
# inotify, and looks every 0.1 s for a file not made yet or a process gone) and gives up
# only after T_WAIT_BOUND host seconds (300), a bound no healthy run comes near however
# loaded the host; a run whose behaviour broke fails at the bound.
T_WAIT_BOUND=${T_WAIT_BOUND:-300}
# t_wait_for FILE RE: blocks until a line of FILE (which may not exist yet) matches the
# extended regular expression RE; gives up when $BG_PID has ended without it, or at the
# bound.  0 when it matched.
t_wait_for() {
    local fd tail_pid rc
    exec {fd}< <(exec timeout "$T_WAIT_BOUND" tail -s 0.1 -n +1 -F --pid="$BG_PID" -- "$1" 2>/dev/null)
    tail_pid=$!
    grep -m1 -qE -- "$2" <&"$fd"
    rc=$?
    exec {fd}<&-
    kill "$tail_pid" 2>/dev/null # (once grep has its line)
    [ $rc = 0 ] || grep -qE -- "$2" "$1" 2>/dev/null
}
# t_wait_asleep: waits (at most T_WAIT_BOUND seconds) until $BG_PID sleeps on the host
# (state S in /proc: blocked in poll(2), say); false if it never does or is gone.
t_wait_asleep() {
    timeout "$T_WAIT_BOUND" bash -c \
        'until [ "$(cut -d" " -f3 "/proc/$1/stat" 2>/dev/null)" = S ]; do
             [ -e "/proc/$1" ] || exit 1
             sleep 0.01
         done' _ "$BG_PID"
}
# t_bg_wait: waits for $BG_PID to end (at most T_WAIT_BOUND seconds; then it is killed,
# status 137); sets BG_RC.
t_bg_wait() {
    timeout "$T_WAIT_BOUND" tail -s 0.1 --pid="$BG_PID" -f /dev/null 2>/dev/null
    kill -KILL "$BG_PID" 2>/dev/null
    wait "$BG_PID"
    BG_RC=$?
}
