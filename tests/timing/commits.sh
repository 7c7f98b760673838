#!/usr/bin/env bash
# --log-commits (docs/timing-analysis.md): Spike's commit-log lines, whose pc sequence is
# QEMU's instruction trace for the same ELF (qemu-system-riscv32 -singlestep -d
# exec,nochain: QEMU 7.2 logs each one-instruction block as it starts, so a trapping
# instruction is logged where the commit log marks the exception with its epc); exact
# lines for known instructions; cycles=on; translated code gives the same log.
. tests/lib.sh
D=$TMP/commits
mkdir -p "$D"
P=$FW/timing/prof.elf
[ -f "$P" ] || { t_skip commits "$P not built"; exit 0; }
QEMU=${QEMU:-qemu-system-riscv32}
QEMU_ARGS=(-M virt -bios none -display none -monitor none
           -chardev stdio,mux=on,id=s0 -serial chardev:s0
           -semihosting-config enable=on,target=native,chardev=s0
           -cpu rv32,h=false,f=false,d=false,s=false,u=false -singlestep -d exec,nochain)

# The pcs of a commit log: retired instructions, and the epc of each exception.
log_pcs() {
    sed -n 's/^core *0: 3 \(0x[0-9a-f]*\) .*/\1/p; s/^core *0: exception .*, epc \(0x[0-9a-f]*\)$/\1/p' "$1"
}
# The pcs of QEMU's trace from the ELF's first instruction on (before it: the reset ROM).
qemu_pcs() {
    sed -n 's/^Trace 0: 0x[0-9a-f]* \[[0-9a-f]*\/\([0-9a-f]*\)\/.*/0x\1/p' "$1" |
        awk '$1 >= "0x80000000"'
}

for name in c_workload trap_illegal trap_ecall isa_c isa_a; do
    elf=$FW/virt32/$name.elf n=commits.qemu.$name
    t_cmd $n -- $SOCSIM -M virt32 -kernel "$elf" --log-commits "$D/$name.log"
    if ! command -v "$QEMU" >/dev/null; then t_skip $n.pcs "$QEMU not installed"; continue; fi
    timeout 60 "$QEMU" "${QEMU_ARGS[@]}" -D "$D/$name.qemu" -kernel "$elf" >/dev/null 2>&1
    log_pcs "$D/$name.log" >"$D/$name.pcs"
    qemu_pcs "$D/$name.qemu" >"$D/$name.qpcs"
    if [ ! -s "$D/$name.qpcs" ]; then
        t_fail $n.pcs "no trace from QEMU"
    elif cmp -s "$D/$name.pcs" "$D/$name.qpcs"; then
        t_pass $n.pcs
    else
        t_fail $n.pcs "$(diff "$D/$name.qpcs" "$D/$name.pcs" | head -4 | tr '\n' ' ')"
    fi
done

# Exact lines: auipc writing gp, a store, an illegal instruction's trap with its tval,
# ecall's (no tval), compressed encodings as 4 digits.
t_eq commits.first "core   0: 3 0x80000000 (0x00001197) x3  0x80001000" "$(head -1 "$D/c_workload.log")"
t_eq commits.illegal "core   0: 3 0x8000003a (0x01ff2023) mem 0x80001230 0xffffffff
core   0: exception trap_illegal_instruction, epc 0x8000003e
core   0:           tval 0xfe000033" "$(grep -m1 -B1 -A1 '^core   0: exception' "$D/trap_illegal.log")"
t_eq commits.ecall "core   0: exception trap_machine_ecall, epc 0x80000044
core   0: 3 0x80000440 (0x00000f17) x30 0x80000440" "$(grep -m1 -A1 '^core   0: exception' "$D/trap_ecall.log")"
t_eq commits.compressed 1 "$(grep -m1 -c '^core   0: 3 0x[0-9a-f]\{8\} (0x[0-9a-f]\{4\})' "$D/isa_c.log")"

# prof.elf: 3 timer interrupts marked, mret's write of mstatus (MPP back to U, the least
# privileged level the core has: Priv 3.3.2), a load's address; with
# cycles=on the last instruction's cycle is the run's.
for run in ibex:interp ibex:jit functional:jit e31:interp; do
    m=${run%:*} a=${run#*:} n=commits.prof.$m.$a
    t_cmd $n --stdout "prof 0x56bee7f9" -- $SOCSIM -M virt32 -cpu-model $m -accel $a -kernel $P \
        --summary --log-commits "$D/p-$m-$a.log,cycles=on"
    c=$(sed -n 's/^socsim: [0-9]* instructions, \([0-9]*\) cycles.*/\1/p' "$TMP/$n.err")
    t_eq $n.last "$c" "$(tail -1 "$D/p-$m-$a.log" | sed -n 's/.* cycle \([0-9]*\)$/\1/p')"
    t_eq $n.irqs 3 "$(grep -c '^core   0: exception interrupt #7, epc 0x' "$D/p-$m-$a.log")"
done
cmp -s "$D/p-ibex-jit.log" "$D/p-ibex-interp.log" && t_pass commits.prof.same ||
    t_fail commits.prof.same "translated differs from interpreted"
t_eq commits.prof.mret 3 "$(grep -c '(0x30200073) c768_mstatus 0x00000088 cycle' "$D/p-ibex-interp.log")"

# Errors: named, the old file kept.
echo old >"$D/keep.log"
t_cmd commits.err.opt --exit 2 --stderr-grep "^socsim: --log-commits $D/keep.log,cycle=on: unknown option 'cycle' \(did you mean 'cycles'\?\)" -- \
    $SOCSIM -M virt32 -kernel $P --log-commits "$D/keep.log,cycle=on"
t_cmd commits.err.bool --exit 2 --stderr-grep "^socsim: --log-commits $D/keep.log,cycles=maybe: " -- \
    $SOCSIM -M virt32 -kernel $P --log-commits "$D/keep.log,cycles=maybe"
t_eq commits.err.kept old "$(cat "$D/keep.log")"
t_cmd commits.err.dir --exit 2 --stderr-grep "^socsim: --log-commits $D/no/such/c.log: " -- \
    $SOCSIM -M virt32 -kernel $P --log-commits "$D/no/such/c.log"
