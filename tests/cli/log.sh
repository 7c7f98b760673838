# The debug log, as QEMU's -d/-D: -d int (every trap with its cycle), -d exec (every
# instruction: cycle, pc, encoding, disassembly), -d cpu (the registers before each),
# -d guest_errors (why an access faulted, illegal CSR accesses), -D FILE.  Exact lines for
# small firmware; -d exec and -d cpu run interpreted, one instruction at a time, and change
# nothing the run computes.
. tests/lib.sh
F=$FW/cli
E=tests/cli

t_cmd log.help --stdout "Log categories (-d CAT[,CAT...], to stderr or to the -D FILE):
  int           every trap taken, interrupt or exception: cycle, mcause, mepc, mtval, handler
  exec          every instruction executed: cycle, pc, encoding, disassembly (runs interpreted)
  cpu           the registers and trap CSRs before every instruction (lots; runs interpreted)
  guest_errors  invalid firmware actions: accesses that fault (and why), illegal CSR accesses" \
    -- $SOCSIM -d help
t_cmd log.unknown --exit 2 --stderr-grep "^socsim: -d int,trap: unknown log category 'trap' \(-d help lists them\)$" \
    -- $SOCSIM -M virt32 -kernel $F/five.elf -d int,trap
t_cmd log.no-arg --exit 2 --stderr-grep "^socsim: option -d needs an argument" -- $SOCSIM -M virt32 -d
$SOCSIM --help | grep -q '^  -d CAT\[,CAT...\] ' && $SOCSIM --help | grep -q '^  -D FILE ' \
    && t_pass log.usage || t_fail log.usage "--help does not list -d and -D"

# -d int: the three timer interrupts of tick.S.  mtimecmp 50, 100, 150 at 10 MHz on a
# 100 MHz core whose wfi sleeps to them: cycles 500, 1000, 1500, each taken at the j after
# the wfi, into the handler at 0x80000030.
INT='int: cycle 500: mcause=0x80000007 (machine timer interrupt) mepc=0x8000002c mtval=0x00000000 -> 0x80000030
int: cycle 1000: mcause=0x80000007 (machine timer interrupt) mepc=0x8000002c mtval=0x00000000 -> 0x80000030
int: cycle 1500: mcause=0x80000007 (machine timer interrupt) mepc=0x8000002c mtval=0x00000000 -> 0x80000030'
for a in jit interp; do
    t_cmd log.int.$a -- $SOCSIM -M virt32 -accel $a -kernel $F/tick.elf -d int
    t_eq log.int.$a.lines "$INT" "$(cat "$TMP/log.int.$a.err")"
done
# -D FILE: the same lines in the file, none on stderr; a file that cannot be written is a
# usage error.
rm -f "$TMP/int.log"
t_cmd log.file -- $SOCSIM -M virt32 -kernel $F/tick.elf -d int -D "$TMP/int.log"
t_eq log.file.stderr "" "$(cat "$TMP/log.file.err")"
t_eq log.file.lines "$INT" "$(cat "$TMP/int.log" 2>&1)"
t_cmd log.file.bad --exit 2 --stderr-grep "^socsim: -D $TMP/nodir/x.log: No such file or directory$" \
    -- $SOCSIM -M virt32 -kernel $F/tick.elf -d int -D "$TMP/nodir/x.log"

# -d exec and -d cpu of five.S: five instructions, one cycle each (tests/cli/five.exec was
# checked against objdump -M no-aliases; a compressed instruction shows what it expands
# to), the registers before each one.
t_cmd log.exec -- $SOCSIM -M virt32 -kernel $F/five.elf -d exec
t_eq log.exec.lines "$(cat $E/five.exec)" "$(cat "$TMP/log.exec.err")"
t_cmd log.cpu -- $SOCSIM -M virt32 -kernel $F/five.elf -d cpu
t_eq log.cpu.lines "$(cat $E/five.cpu)" "$(cat "$TMP/log.cpu.err")"
# Both at once: each instruction's registers, then the instruction.
t_cmd log.cpu+exec -- $SOCSIM -M virt32 -kernel $F/five.elf -d cpu,exec
t_eq log.cpu+exec.order "cpu: cycle 4 pc 0x8000000c" "$(sed -n 29p "$TMP/log.cpu+exec.err")"
t_eq log.cpu+exec.order.2 "exec: cycle 4 pc 0x8000000c: 0062a023   sw t1, 0(t0)" \
    "$(tail -1 "$TMP/log.cpu+exec.err")"

# -d guest_errors: each invalid access of guest_errors.S with its reason, before the trap
# it raises (functional model: one cycle per instruction, faulting ones included).
ROM="-device rom,id=rom0,addr=0x1000,size=4K"
t_cmd log.guest_errors -- $SOCSIM -M virt32 $ROM -kernel $F/guest_errors.elf -d guest_errors,int
t_eq log.guest_errors.lines "guest_errors: cycle 4 pc 0x80000010: load from 0x40000000: nothing is mapped there
int: cycle 4: mcause=0x5 (load access fault) mepc=0x80000010 mtval=0x40000000 -> 0x80000048
guest_errors: cycle 10 pc 0x80000018: store to 0x00001000: rom0 is read-only
int: cycle 10: mcause=0x7 (store/AMO access fault) mepc=0x80000018 mtval=0x00001000 -> 0x80000048
guest_errors: cycle 17 pc 0x80000024: load from 0x87fffffe: it runs past the end of ram
int: cycle 17: mcause=0x5 (load access fault) mepc=0x80000024 mtval=0x87fffffe -> 0x80000048
guest_errors: cycle 23 pc 0x8000002c: load from 0x02000000: clint refused the 1-byte access at offset 0x0
int: cycle 23: mcause=0x5 (load access fault) mepc=0x8000002c mtval=0x02000000 -> 0x80000048
guest_errors: cycle 28 pc 0x80000030: csrrs 0x7c0: no such CSR
int: cycle 28: mcause=0x2 (illegal instruction) mepc=0x80000030 mtval=0x7c0025f3 -> 0x80000048
guest_errors: cycle 33 pc 0x80000034: csrrw mvendorid: the CSR is read-only
int: cycle 33: mcause=0x2 (illegal instruction) mepc=0x80000034 mtval=0xf1159073 -> 0x80000048" \
    "$(cat "$TMP/log.guest_errors.err")"
# A fetch from nowhere: trap_loop.S jumps to its mtvec 0 (after 7 instructions, the ecall
# the 7th), where virt32 maps nothing; the run ends as a trap loop.
t_cmd log.guest_errors.fetch --exit 123 -- $SOCSIM -M virt32 -kernel $FW/virt32/trap_loop.elf --max-time 10ms \
    -d guest_errors
t_eq log.guest_errors.fetch.line "guest_errors: cycle 7 pc 0x00000000: fetch from 0x00000000: nothing is mapped there" \
    "$(head -1 "$TMP/log.guest_errors.fetch.err")"

# Logging changes nothing the run computes: --stats (cycles, instructions, every stall
# counter) are the same with -d exec,cpu,int as without, on every model, translated or
# interpreted; and every instruction executed is logged once: the retired ones plus the 6
# that fault in guest_errors.S.
for m in "functional" "functional -accel interp" "ibex" "ibex -accel interp" \
    "ibex -global ibex.writeback-stage=on" e31; do
    for fw in tick guest_errors; do
        name="log.same-run.$fw.${m// /}"
        # shellcheck disable=SC2086
        $SOCSIM -M virt32 $ROM -cpu-model $m -kernel $F/$fw.elf --stats 2>&1 \
            | grep -v 'host MIPS' >"$TMP/plain.txt"
        # shellcheck disable=SC2086
        $SOCSIM -M virt32 $ROM -cpu-model $m -kernel $F/$fw.elf --stats -d exec,cpu,int \
            -D "$TMP/run.log" 2>&1 | grep -v 'host MIPS' >"$TMP/logged.txt"
        if ! cmp -s "$TMP/plain.txt" "$TMP/logged.txt"; then
            t_fail "$name" "$(diff "$TMP/plain.txt" "$TMP/logged.txt" | head -5 | tr '\n' ' ')"
            continue
        fi
        insns=$(awk '/instructions/ { print $2 }' "$TMP/plain.txt")
        [ $fw = guest_errors ] && insns=$((insns + 6))
        t_eq "$name" "$insns" "$(grep -c '^exec:' "$TMP/run.log")"
    done
done
