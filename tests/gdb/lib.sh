# Helpers for the gdb tests: start socsim with a gdb stub in the background, run
# gdb-multiarch in batch mode against it, collect socsim's exit status and output.
# Every wait is bounded: socsim by --max-time (simulated), gdb by `timeout 60`, and the
# wait for the stub to listen by a count of short polls.
. tests/lib.sh
GDB=${GDB:-gdb-multiarch}
GDB_ELF=${GDB_ELF:-$FW/gdb/gdbtest.elf}

# gdb_need NAME: skip the script when gdb-multiarch or the firmware is missing.
gdb_need() {
    if ! command -v "$GDB" >/dev/null 2>&1; then
        t_skip "$1" "gdb-multiarch not installed"
        exit 0
    fi
    if [ ! -f "$GDB_ELF" ]; then t_fail "$1" "missing $GDB_ELF (make $GDB_ELF)"; exit 0; fi
}

# sim_start NAME SOCSIM-ARGS...: run socsim in the background with stdout and stderr in
# $TMP/NAME.out and $TMP/NAME.err; waits until the stub says it listens and sets
# SIM_PID, SIM_OUT, SIM_ERR and GDB_ADDR (what `target remote` takes).
sim_start() {
    local name=$1; shift
    SIM_OUT=$TMP/$name.out SIM_ERR=$TMP/$name.err
    # line-buffered stdout: a test can watch the firmware's output while it runs
    stdbuf -oL "$SOCSIM" "$@" >"$SIM_OUT" 2>"$SIM_ERR" </dev/null &
    SIM_PID=$!
    local i
    for i in $(seq 400); do
        GDB_ADDR=$(sed -n 's/^socsim: gdb: listening on \(tcp\|unix\):\(.*\)$/\2/p' \
            "$SIM_ERR" 2>/dev/null)
        if [ -n "$GDB_ADDR" ]; then
            case $GDB_ADDR in /*) ;; *) GDB_ADDR=${GDB_ADDR#127.0.0.1} ;; esac
            return 0
        fi
        kill -0 "$SIM_PID" 2>/dev/null || break
        sleep 0.05
    done
    GDB_ADDR=
    return 1
}

# sim_or_fail NAME SOCSIM-ARGS...: sim_start, or report FAIL gdb_NAME_listen and end the
# script.
sim_or_fail() {
    if ! sim_start "$@"; then
        t_fail "gdb_$1_listen" "socsim did not listen: $(head -c 300 "$SIM_ERR")"
        sim_kill
        exit 0
    fi
}

# sim_wait: wait for socsim to end; sets SIM_RC.
sim_wait() {
    wait "$SIM_PID"
    SIM_RC=$?
}

# sim_kill: make sure socsim is gone (after a failed test).
sim_kill() {
    kill "$SIM_PID" 2>/dev/null
    wait "$SIM_PID" 2>/dev/null
}

# gdb_batch OUT GDB-ARGS...: run gdb in batch mode against $GDB_ADDR with the firmware's
# symbols; stdout (gdb's console) in OUT, stderr in OUT.err.
gdb_batch() {
    local out=$1; shift
    timeout 60 "$GDB" -batch -nx -ex "set pagination off" -ex "set confirm off" \
        -ex "target remote $GDB_ADDR" "$@" "$GDB_ELF" >"$out" 2>"$out.err" </dev/null
}

# gdb_line MARKER: the line of tests/firmware/gdb/gdbtest.c that carries /* MARKER */.
GDB_SRC=tests/firmware/gdb/gdbtest.c
gdb_line() { grep -n "/\* $1 \*/" "$GDB_SRC" | cut -d: -f1; }

# gdb_check NAME WANT-FILE GOT-FILE: exact comparison of two transcripts, where code
# addresses (0x8000xxxx, <fn+N>) read as ADDR so that editing the firmware does not
# rewrite every test; everything else must match byte for byte.
gdb_check() {
    local norm='s/0x8000[0-9a-f]\{4\}/ADDR/g; s/<\([a-z_]*\)+[0-9]*>/<\1+N>/g'
    sed "$norm" "$3" >"$3.norm"
    sed "$norm" "$2" >"$2.norm"
    if cmp -s "$2.norm" "$3.norm"; then t_pass "$1"
    else t_fail "$1" "$(diff "$2.norm" "$3.norm" | head -10 | tr '\n' '|')"; fi
}
