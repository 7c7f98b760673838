#!/usr/bin/env bash
# Measures socsim's speed on the benchmark firmware (tests/bench/*.c) and prints one table:
# per benchmark and timing model, guest instructions, host MIPS (retired guest instructions
# per host CPU second) and simulated MHz (simulated cycles per host CPU second), best of
# BENCH_RUNS runs; where qemu-system-riscv32 is installed, the same ELF on QEMU's virt
# machine (plain and with -icount shift=0) in the same session, and socsim's speed as a
# ratio to each.  Then: the cost of 100 idle UARTs, and start-up time to the first guest
# instruction for a 1 MiB ELF.  Last, the summary: per model, the geometric mean over the
# benchmarks of its host MIPS over plain QEMU's, and start-up against QEMU's, each with the
# target issue 20 sets.  The table is also written to $OUT (build/bench.txt).
#
# Usage: tests/bench/run-bench.sh --bench      (what `make bench` runs, after building)
#        tests/bench/run-bench.sh --profile ELF [MODEL]   (what `make bench-profile` runs)
# Environment: SOCSIM (build/socsim), BENCH_DIR (build/bench), OUT (build/bench.txt),
#   BENCH_RUNS (3), BENCH_MODELS ("functional interp ibex ibex-interp ibex-wb e31"; interp
#   is the functional model with -accel interp, ibex-interp the ibex model so, ibex-wb the
#   ibex model with its writeback stage, ibex-wb-interp that interpreted, e31-interp the e31
#   model interpreted), BENCH_BOARD (virt32),
#   BENCH_NAMES ("mix memcpy muldiv irq uart datanear datafar uswitch"), QEMU (qemu-system-riscv32;
#   "none" skips it), BENCH_QEMU_SKIP ("datanear": benchmarks QEMU does not run, since it
#   takes about a minute a run on it),
#   BENCH_TIMEOUT (300 host seconds per run), BENCH_CLOCK (cpu: user + system time, or
#   wall), BENCH_IDLE_BASE / BENCH_IDLE_STEP (where the idle UARTs go),
#   BENCH_STARTUP_RUNS (30), BENCH_HYPERFINE (hyperfine; none for the date +%s%N fallback),
#   BENCH_ARGS (more socsim options for --profile's run, e.g. a -device).
#
# It measures; it never fails.  tests/run runs every tests/*/*.sh, so without --bench this
# script only prints a SKIP line.
cd "$(dirname "$0")/../.." || exit 0

# parse_summary FILE: sets S_INSNS and S_CYCLES from socsim's --summary output on stderr,
# e.g. "socsim: 123456 instructions, 234567 cycles, 1.234 ms simulated, 12.3 host MIPS".
# Also accepts "instructions: N" / "insns N" / "instret N" spellings.  Empty when absent.
parse_summary() {
    local f=$1
    S_INSNS=$(grep -oE '[0-9]+ (instructions|insns|instret)\b' "$f" | tail -1 | grep -oE '^[0-9]+')
    [ -n "$S_INSNS" ] ||
        S_INSNS=$(grep -oE '(instructions|insns|instret)[:= ]+[0-9]+' "$f" | tail -1 |
            grep -oE '[0-9]+$')
    S_CYCLES=$(grep -oE '[0-9]+ cycles\b' "$f" | tail -1 | grep -oE '^[0-9]+')
    [ -n "$S_CYCLES" ] ||
        S_CYCLES=$(grep -oE 'cycles[:= ]+[0-9]+' "$f" | tail -1 | grep -oE '[0-9]+$')
}

# model_args CFG: socsim's options for a configuration: a timing model, or interp (the
# functional model without block translation), ibex-interp, ibex-wb, ibex-wb-interp, or
# e31-interp.
model_args() {
    case $1 in
    interp) echo -cpu-model functional -accel interp ;;
    ibex-interp) echo -cpu-model ibex -accel interp ;;
    ibex-wb) echo -cpu-model ibex,writeback-stage=on ;;
    ibex-wb-interp) echo -cpu-model ibex,writeback-stage=on -accel interp ;;
    e31-interp) echo -cpu-model e31 -accel interp ;;
    *) echo -cpu-model "$1" ;;
    esac
}

# --profile ELF [MODEL]: callgrind on one run; prints host instructions per guest instruction
# and the top functions and source lines (what `make bench-profile` runs).
if [ "${1:-}" = --profile ]; then
    elf=$2 model=${3:-functional} out=${CG_OUT:-build/callgrind.out}
    if ! command -v valgrind >/dev/null; then
        echo "bench-profile: valgrind is not installed"
        exit 0
    fi
    valgrind --tool=callgrind --callgrind-out-file="$out" "${SOCSIM:-build/socsim}" \
        -M "${BENCH_BOARD:-virt32}" $(model_args "$model") ${BENCH_ARGS:-} -kernel "$elf" \
        --summary >/dev/null 2>"$out.log"
    parse_summary "$out.log"
    guest=$S_INSNS
    host=$(grep -oE 'refs: +[0-9,]+' "$out.log" | tr -dc 0-9)
    echo "$elf on $model: $host host instructions for $guest guest instructions:" \
        "$(awk -v h="$host" -v g="$guest" \
            'BEGIN { if (g > 0) printf "%.1f", h / g; else print "?" }')" \
        "per guest instruction (start-up included)"
    callgrind_annotate --auto=no "$out" 2>/dev/null | grep -E '^ *[0-9,]+ \(' | sed -n 2,13p
    echo "hottest source lines:"
    callgrind_annotate --auto=yes --show-percs=no "$out" 2>/dev/null |
        grep -E '^ *[0-9,]{7,} ' |
        grep -vE '=>|PROGRAM TOTALS|events annotated|^ *[0-9,]+  [^ ]+:[^ ]+( \[|$)' |
        awk '{ n = $1; gsub(",", "", n); print n "\t" $0 }' | sort -rn | cut -f2- | head -25
    echo "(callgrind data: $out; callgrind_annotate --auto=yes $out for the rest)"
    exit 0
fi

# hooks_table: what the trace outputs' hooks cost a run that asks for no output: callgrind's
# host instructions of the same run with socsim as built ($SOCSIM) and with the hooks
# compiled out ($SOCSIM_NOHOOKS, -DSOCSIM_NO_OUTPUTS: OUTPUT_HOOK in sim/sim.h), per
# benchmark ELF of $BENCH_HOOKS_ELFS (the scale-1 builds) and model of $BENCH_HOOKS_MODELS.
# Host instructions do not move with the host's load, so 2-core shared machines measure
# them as well as any; each run's instructions and cycles must be the same in both builds.
hooks_table() {
    local nohooks=${SOCSIM_NOHOOKS:-build/nohooks/socsim} worst= w_at= elf model b h n cost same
    local elfs=${BENCH_HOOKS_ELFS:-build/bench-short/mix.elf build/bench-short/irq.elf build/bench-short/uart.elf}
    local models=${BENCH_HOOKS_MODELS:-functional interp ibex e31} tmp
    if ! command -v valgrind >/dev/null; then
        echo "outputs off: n/a (valgrind is not installed)"
        return
    fi
    if [ ! -x "$nohooks" ]; then
        echo "outputs off: n/a ($nohooks is not built: make $nohooks)"
        return
    fi
    tmp=$(mktemp -d /tmp/socsim-hooks.XXXXXX)
    echo "outputs off: host instructions of one run (callgrind, start-up included) with socsim as"
    echo "built and with the trace outputs' hooks compiled out (-DSOCSIM_NO_OUTPUTS); issue 16's"
    echo "target: every output off costs < 2%"
    printf '%-9s %-12s %14s %14s %8s  %s\n' benchmark model "with hooks" "without" cost "insns, cycles"
    for elf in $elfs; do
        [ -f "$elf" ] || continue
        b=$(basename "$elf" .elf)
        for model in $models; do
            for v in h n; do
                local bin=$SOCSIM
                [ $v = n ] && bin=$nohooks
                # (the boards by path for both: build/nohooks/ is not where socsim looks)
                SOCSIM_BOARDS=$PWD/boards valgrind --tool=callgrind \
                    --callgrind-out-file="$tmp/cg.$v" "$bin" \
                    -M "${BENCH_BOARD:-virt32}" $(model_args "$model") -kernel "$elf" --summary \
                    >/dev/null 2>"$tmp/$v.log"
                parse_summary "$tmp/$v.log"
                eval "${v}_sum=\"$S_INSNS $S_CYCLES\""
                eval "$v=$(grep -oE 'refs: +[0-9,]+' "$tmp/$v.log" | tr -dc 0-9)"
            done
            same="same"
            [ "$h_sum" = "$n_sum" ] && [ -n "${h_sum// /}" ] || same="DIFFER: $h_sum / $n_sum"
            if [ -z "$h" ] || [ -z "$n" ]; then
                printf '%-9s %-12s %14s %14s %8s  %s\n' "$b" "$model" "${h:-FAIL}" "${n:-FAIL}" - "$same"
                continue
            fi
            cost=$(awk -v h="$h" -v n="$n" 'BEGIN { printf "%+.3f%%", 100 * (h - n) / n }')
            printf '%-9s %-12s %14s %14s %8s  %s\n' "$b" "$model" "$h" "$n" "$cost" "$same"
            if [ -z "$worst" ] || awk -v a="${cost%\%}" -v b="${worst%\%}" 'BEGIN { exit !(a > b) }'; then
                worst=$cost w_at="$b $model"
            fi
        done
    done
    rm -rf "$tmp"
    [ -n "$worst" ] && echo "summary: outputs off cost at most $worst ($w_at); target < 2%:" \
        "$(awk -v w="${worst%\%}" 'BEGIN { print (w < 2 ? "met" : "NOT met") }')"
}

# --hooks: only the outputs-off measure (make bench-hooks).
if [ "${1:-}" = --hooks ]; then
    SOCSIM=${SOCSIM:-build/socsim}
    hooks_table
    exit 0
fi

if [ "${1:-}" != --bench ]; then
    echo "SKIP bench: measurement only; run 'make bench'"
    exit 0
fi

SOCSIM=${SOCSIM:-build/socsim}
BENCH_DIR=${BENCH_DIR:-build/bench}
OUT=${OUT:-build/bench.txt}
RUNS=${BENCH_RUNS:-3}
MODELS=${BENCH_MODELS:-functional interp ibex ibex-interp ibex-wb e31}
BOARD=${BENCH_BOARD:-virt32}
NAMES=${BENCH_NAMES:-mix memcpy muldiv irq uart datanear datafar uswitch}
QEMU=${QEMU:-qemu-system-riscv32}
QEMU_SKIP=${BENCH_QEMU_SKIP-datanear} # (set and empty: QEMU runs them all)
TIMEOUT=${BENCH_TIMEOUT:-300}
IDLE_BASE=${BENCH_IDLE_BASE:-0x20000000}
IDLE_STEP=${BENCH_IDLE_STEP:-0x1000}
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-30}
CLOCK=${BENCH_CLOCK:-cpu}
HYPERFINE=${BENCH_HYPERFINE:-hyperfine} # "none": time start-up with date +%s%N

WORK=$(mktemp -d /tmp/socsim-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
TABLE=$WORK/table

# Everything printed goes to the terminal and to the table file.
say() { printf '%s\n' "$*" | tee -a "$TABLE"; }
row() { printf '%-9s %-12s %12s %9s %10s %9s %8s %8s  %s\n' "$@" | tee -a "$TABLE"; }

have_qemu=0
if [ "$QEMU" != none ] && command -v "$QEMU" >/dev/null 2>&1; then have_qemu=1; fi

now_ns() { date +%s%N; }

# time_once PREFIX CMD...: runs CMD once with stdout/stderr in PREFIX.out/.err; T_NS is
# its time, RC its exit status.  The time is the process's CPU time (user + system,
# BENCH_CLOCK=cpu, the default: it barely moves when other jobs share the host) or its
# wall time (BENCH_CLOCK=wall).
time_once() {
    local pre=$1 t0 TIMEFORMAT='%3U %3S'
    shift
    t0=$(now_ns)
    { time timeout "$TIMEOUT" "$@" </dev/null >"$pre.out" 2>"$pre.err"; } 2>"$pre.time"
    RC=$?
    T_NS=$(($(now_ns) - t0))
    if [ "$CLOCK" = cpu ]; then
        T_NS=$(awk '{ printf "%.0f", ($1 + $2) * 1e9 }' "$pre.time")
    fi
}

# time_best PREFIX CMD...: the best of $RUNS runs in BEST_NS, RC the exit status (a failing
# run stops the series).
time_best() {
    local pre=$1 i
    shift
    BEST_NS=
    for ((i = 0; i < RUNS; i++)); do
        time_once "$pre" "$@"
        [ "$RC" -eq 0 ] || return
        if [ -z "$BEST_NS" ] || [ "$T_NS" -lt "$BEST_NS" ]; then BEST_NS=$T_NS; fi
    done
}

# run_cfg NAME CFG: one run of benchmark NAME as CFG (a timing model, qemu or qemu-icount).
run_cfg() {
    local elf=$BENCH_DIR/$1.elf pre=$WORK/$1.$2
    case $2 in
    qemu) time_once "$pre" "$QEMU" -M virt -bios none -nographic -kernel "$elf" ;;
    qemu-icount)
        time_once "$pre" "$QEMU" -M virt -bios none -nographic -icount shift=0 -kernel "$elf" ;;
    *) time_once "$pre" "$SOCSIM" -M "$BOARD" $(model_args "$2") -kernel "$elf" --summary ;;
    esac
}

# rate COUNT NS: millions of COUNT per host second.
rate() {
    awk -v c="$1" -v ns="$2" \
        'BEGIN { if (c == "" || ns <= 0) print "-"; else printf "%.1f", c * 1000 / ns }'
}
secs() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }
# ratio A B: A / B as "0.42x", "-" when either is missing.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a == "-" || b == "-" || a == "" || b == "" || b == 0) print "-"
        else printf "%.2fx", a / b }'
}

# Signature of a run's output: everything but the interrupt tick count, which depends on
# host time under QEMU without -icount.
signature() { grep -av ': ticks ' "$1" | md5sum | cut -c1-32; }
checksum_of() { grep -aoE 'checksum 0x[0-9a-f]+' "$1" | tail -1 | cut -d' ' -f2; }

describe_host() {
    local cpu
    cpu=$(lscpu 2>/dev/null | sed -nE 's/^Model name: +//p' | head -1)
    echo "host: ${cpu:-unknown CPU}, $(nproc) cores, $(uname -sr)," \
        "$(date -u '+%Y-%m-%d %H:%M UTC')," \
        "load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
    echo "socsim: $(git describe --always --dirty 2>/dev/null || echo '?'), board $BOARD;" \
        "firmware: $(riscv64-unknown-elf-gcc --version 2>/dev/null | head -1)"
    if [ $have_qemu = 1 ]; then
        echo "qemu: $("$QEMU" --version | head -1)"
    else
        echo "qemu: not installed"
    fi
}

: >"$TABLE"
say "socsim benchmarks: best of $RUNS runs (in rounds over all configurations), $CLOCK time of the whole process"
describe_host | while read -r l; do say "$l"; done
say ""
row benchmark model "guest insns" "$CLOCK s" "host MIPS" "sim MHz" "vs qemu" "vs icnt" output

socsim_ok=1
if [ ! -x "$SOCSIM" ]; then
    say "($SOCSIM not built: socsim rows are n/a)"
    socsim_ok=0
fi

declare -A qemu_mips qemu_sig qemu_ns vs vs_qemu vs_names
for name in $NAMES; do
    elf=$BENCH_DIR/$name.elf
    if [ ! -f "$elf" ]; then
        row "$name" - - - - - - - "missing $elf"
        continue
    fi
    # Every configuration runs once per round, RUNS rounds, each keeping its best time: a
    # burst of load on a shared host then slows one run of each rather than all of one.
    declare -A best=() rcs=()
    run_qemu=$have_qemu
    case " $QEMU_SKIP " in *" $name "*) run_qemu=0 ;; esac
    cfgs=
    [ $socsim_ok = 1 ] && cfgs=$MODELS
    [ $run_qemu = 1 ] && cfgs="$cfgs qemu qemu-icount"
    for ((round = 0; round < RUNS; round++)); do
        for cfg in $cfgs; do
            [ "${rcs[$cfg]:-0}" -eq 0 ] || continue
            run_cfg "$name" "$cfg"
            rcs[$cfg]=$RC
            if [ "$RC" -eq 0 ] && { [ -z "${best[$cfg]:-}" ] || [ "$T_NS" -lt "${best[$cfg]}" ]; }
            then
                best[$cfg]=$T_NS
            fi
        done
    done
    # socsim first, so QEMU's rows can use socsim's instruction count.
    insns_ref=
    declare -A mips=() mhz=() s_rows=()
    for model in $MODELS; do
        pre=$WORK/$name.$model
        if [ $socsim_ok = 0 ]; then
            s_rows[$model]="n/a"
            continue
        fi
        RC=${rcs[$model]} BEST_NS=${best[$model]:-}
        if [ "$RC" -ne 0 ]; then
            if [ "$RC" -eq 2 ]; then
                s_rows[$model]="n/a"   # a usage error: socsim does not know this model
            else
                s_rows[$model]="FAIL exit $RC: $(tail -1 "$pre.err" | cut -c1-60)"
            fi
            continue
        fi
        parse_summary "$pre.err"
        [ -n "$insns_ref" ] || insns_ref=$S_INSNS
        mips[$model]=$(rate "$S_INSNS" "$BEST_NS")
        mhz[$model]=$(rate "$S_CYCLES" "$BEST_NS")
        s_rows[$model]="${S_INSNS:--} $(secs "$BEST_NS") ${mips[$model]} ${mhz[$model]}"
    done

    qm=- qim=- qsig=
    if [ $run_qemu = 1 ]; then
        for mode in qemu qemu-icount; do
            pre=$WORK/$name.$mode
            RC=${rcs[$mode]} BEST_NS=${best[$mode]:-}
            if [ "$RC" -ne 0 ]; then
                qemu_mips[$name.$mode]=-
                continue
            fi
            qemu_mips[$name.$mode]=$(rate "$insns_ref" "$BEST_NS")
            qemu_sig[$name.$mode]=$(signature "$pre.out")
            qemu_ns[$mode]=$BEST_NS
        done
        qm=${qemu_mips[$name.qemu]}
        qim=${qemu_mips[$name.qemu-icount]}
        qsig=${qemu_sig[$name.qemu]}
    fi

    for model in $MODELS; do
        pre=$WORK/$name.$model
        set -- ${s_rows[$model]}
        if [ "$1" = n/a ] || [ "$1" = FAIL ]; then
            row "$name" "$model" n/a - - - - - "${s_rows[$model]}"
            continue
        fi
        out=$(checksum_of "$pre.out")
        out=${out:-no checksum line}
        if [ -n "$qsig" ]; then
            if [ "$(signature "$pre.out")" = "$qsig" ]; then
                out="$out =qemu"
            else
                out="$out DIFFERS from qemu"
            fi
        fi
        row "$name" "$model" "$1" "$2" "$3" "$4" "$(ratio "$3" "$qm")" "$(ratio "$3" "$qim")" "$out"
        [ "$qm" != - ] && [ "$3" != - ] && vs_qemu[$model]+=" $3/$qm" && vs_names[$model]+=" $name"
    done
    if [ $run_qemu = 1 ]; then
        for mode in qemu qemu-icount; do
            pre=$WORK/$name.$mode
            if [ "${qemu_mips[$name.$mode]}" = - ]; then
                row "$name" "$mode" - - - - - - "FAIL exit ${rcs[$mode]}"
                continue
            fi
            out=$(checksum_of "$pre.out")
            row "$name" "$mode" "${insns_ref:--}" "$(secs "${qemu_ns[$mode]}")" \
                "${qemu_mips[$name.$mode]}" - - - "${out:-no checksum line}"
        done
    fi
    for model in $MODELS; do
        for base in functional interp; do
            [ "$model" != functional ] && [ "$model" != interp ] &&
                [ -n "${mips[$model]:-}" ] && [ -n "${mips[$base]:-}" ] &&
                vs[$model.$base]+=" $name $(awk -v a="${mips[$model]}" -v b="${mips[$base]}" \
                    'BEGIN { printf "%.2f", a / b }')"
        done
    done
    unset mips mhz s_rows best rcs
done
say ""
say "host MIPS: guest instructions (socsim's count, also for QEMU) / host $CLOCK seconds;"
say "sim MHz: simulated cycles / host $CLOCK seconds; vs qemu, vs icnt: socsim's host MIPS over"
say "QEMU's (-M virt -bios none), plain and with -icount shift=0, measured in this run."
for model in $MODELS; do
    [ -n "${vs[$model.functional]:-}" ] &&
        say "$model host MIPS over functional's (translated):${vs[$model.functional]}"
    [ -n "${vs[$model.interp]:-}" ] &&
        say "$model host MIPS over interp's (functional, interpreted):${vs[$model.interp]}"
done

# --- idle devices --------------------------------------------------------------------------
say ""
idle_args=()
for ((i = 0; i < 100; i++)); do
    idle_args+=(-device "ns16550a,addr=$(printf '0x%x' $((IDLE_BASE + i * IDLE_STEP)))")
done
if [ $socsim_ok = 1 ] && [ -f "$BENCH_DIR/mix.elf" ]; then
    # Alternate the two so a change in host load hits both alike.
    model=${MODELS%% *} best0= best1= rc0=0 rc1=0
    for ((k = 0; k < RUNS; k++)); do
        RUNS=1 time_best "$WORK/idle0" "$SOCSIM" -M "$BOARD" $(model_args "$model") \
            -kernel "$BENCH_DIR/mix.elf" --summary
        rc0=$RC
        [ "$RC" -eq 0 ] && { [ -z "$best0" ] || [ "$BEST_NS" -lt "$best0" ]; } && best0=$BEST_NS
        RUNS=1 time_best "$WORK/idle100" "$SOCSIM" -M "$BOARD" $(model_args "$model") \
            "${idle_args[@]}" -kernel "$BENCH_DIR/mix.elf" --summary
        rc1=$RC
        [ "$RC" -eq 0 ] && { [ -z "$best1" ] || [ "$BEST_NS" -lt "$best1" ]; } && best1=$BEST_NS
        [ "$rc0" -eq 0 ] && [ "$rc1" -eq 0 ] || break
    done
    if [ "$rc0" -ne 0 ] || [ "$rc1" -ne 0 ]; then
        say "idle devices: n/a (exit $rc0 / $rc1: $(tail -1 "$WORK/idle100.err" | cut -c1-100))"
    else
        parse_summary "$WORK/idle0.err"
        m0=$(rate "$S_INSNS" "$best0")
        parse_summary "$WORK/idle100.err"
        m1=$(rate "$S_INSNS" "$best1")
        say "idle devices: mix on $model: $m0 host MIPS alone, $m1 with 100 idle ns16550a" \
            "UARTs ($(awk -v a="$m1" -v b="$m0" 'BEGIN { printf "%+.1f%%", (a / b - 1) * 100 }'))"
    fi
    # Wall time is noisy; callgrind's instruction count is not.  The same 5 million guest
    # instructions of mix, with and without the UARTs: any difference is start-up.
    if command -v valgrind >/dev/null; then
        cg() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$SOCSIM" -M "$BOARD" \
            $(model_args "$model") "$@" --max-insns 5000000 2>&1 >/dev/null |
            grep -oE 'refs: +[0-9,]+' | tr -dc 0-9; }
        ir0=$(cg -kernel "$BENCH_DIR/mix.elf")
        ir1=$(cg "${idle_args[@]}" -kernel "$BENCH_DIR/mix.elf")
        s0=$(cg -kernel "$BENCH_DIR/startup-1m.elf")
        s1=$(cg "${idle_args[@]}" -kernel "$BENCH_DIR/startup-1m.elf")
        if [ -n "$ir0" ] && [ -n "$ir1" ] && [ -n "$s0" ] && [ -n "$s1" ]; then
            say "idle devices, callgrind, 5M guest instructions of mix: $ir0 host instructions" \
                "alone, $ir1 with the UARTs: $((s1 - s0)) more at start-up," \
                "$((ir1 - ir0 - (s1 - s0))) more in the run"
        fi
    fi
else
    say "idle devices: n/a"
fi

# --- start-up ------------------------------------------------------------------------------
# Time for a whole run of an image whose first instruction ends it: process start, board
# build, loading 1 MiB of ELF, one instruction, exit.
startup() { # LABEL CMD...: sets STARTUP_MS (the best time), empty when the run failed
    local label=$1
    shift
    STARTUP_MS=
    if ! timeout 60 "$@" </dev/null >/dev/null 2>&1; then
        say "start-up, $label: n/a (the run failed)"
        return
    fi
    if command -v "$HYPERFINE" >/dev/null && command -v python3 >/dev/null; then
        "$HYPERFINE" -N --style none --warmup 3 --runs "$STARTUP_RUNS" \
            --export-json "$WORK/hf.json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1
        say "start-up, $label: $(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("min %.1f ms, mean %.1f ms +- %.1f (hyperfine, %d runs)" %
      (r["min"] * 1e3, r["mean"] * 1e3, r["stddev"] * 1e3, len(r["times"])))' "$WORK/hf.json")"
        STARTUP_MS=$(python3 -c 'import json, sys
print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["min"] * 1e3))' "$WORK/hf.json")
    else
        local best= i t0 t
        for ((i = 0; i < STARTUP_RUNS; i++)); do
            t0=$(now_ns)
            "$@" </dev/null >/dev/null 2>&1
            t=$(($(now_ns) - t0))
            if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
        done
        STARTUP_MS=$(awk -v ns="$best" 'BEGIN { printf "%.1f", ns / 1e6 }')
        say "start-up, $label: best $STARTUP_MS ms of $STARTUP_RUNS"
    fi
}
say ""
elf1m=$BENCH_DIR/startup-1m.elf
s_ms= q_ms=
if [ -f "$elf1m" ]; then
    if [ $socsim_ok = 1 ]; then
        startup "socsim, 1 MiB ELF" "$SOCSIM" -M "$BOARD" -kernel "$elf1m"
        s_ms=$STARTUP_MS
        startup "socsim, 1 MiB ELF, 100 idle UARTs" "$SOCSIM" -M "$BOARD" "${idle_args[@]}" \
            -kernel "$elf1m"
    fi
    if [ $have_qemu = 1 ]; then
        startup "qemu, same ELF" "$QEMU" -M virt -bios none -nographic -kernel "$elf1m"
        q_ms=$STARTUP_MS
    fi
fi

# --- summary: against plain QEMU, with issue 20's targets -----------------------------------
# geomean "A/B A/B ...": the geometric mean of the ratios
geomean() {
    echo "$1" | tr ' ' '\n' | awk -F/ 'NF == 2 && $1 > 0 && $2 > 0 { s += log($1 / $2); n++ }
        END { if (n) printf "%.2fx", exp(s / n); else print "-" }'
}
target_of() {
    case $1 in
    functional) echo 2.0 ;;
    ibex | ibex-wb) echo 1.0 ;;
    e31) echo 0.5 ;;
    esac
}
say ""
say "summary, host MIPS over plain QEMU TCG's in this run, geometric mean over the benchmarks"
say "QEMU ran (and, in brackets, without uart, where QEMU's character output is the bottleneck):"
for model in $MODELS; do
    [ -n "${vs_qemu[$model]:-}" ] || continue
    all=$(geomean "${vs_qemu[$model]}")
    nouart=
    set -- ${vs_qemu[$model]}
    for n in ${vs_names[$model]}; do
        [ "$n" != uart ] && nouart+=" $1"
        shift
    done
    tgt=$(target_of "$model")
    met=
    [ -n "$tgt" ] && met=$(awk -v r="${all%x}" -v t="$tgt" \
        'BEGIN { if (r >= t) print "target >= " t "x: met"; else print "target >= " t "x: NOT met" }')
    say "$(printf 'summary: %-14s %6s (%s) over%s%s' "$model" "$all" "$(geomean "$nouart")" \
        "${vs_names[$model]}" "${met:+; $met}")"
done
if [ -n "$s_ms" ] && [ -n "$q_ms" ]; then
    say "summary: start-up, 1 MiB ELF: socsim $s_ms ms, QEMU $q_ms ms:" \
        "$(awk -v s="$s_ms" -v q="$q_ms" 'BEGIN { printf "%.2fx QEMU'"'"'s time; target below QEMU'"'"'s: %s",
            s / q, s < q ? "met" : "NOT met" }')"
fi

say ""
hooks_table | tee -a "$TABLE"

mkdir -p "$(dirname "$OUT")" && cp "$TABLE" "$OUT" && echo "(written to $OUT)"
exit 0
