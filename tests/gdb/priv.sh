# The privilege level as gdb's virtual register priv (as QEMU gives it): on rtos_umode.elf,
# M mode at main, U mode in task B, M mode in the kernel's trap handler that B's first
# fault enters; and set from gdb (U mode at main: with no PMP entry set yet, U mode may not
# fetch there, an instruction access fault, 1, into crt0's handler).
. tests/gdb/lib.sh
GDB_ELF=$FW/virt32/rtos_umode.elf
gdb_need gdb_priv

sim_or_fail priv -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb.sock" -S --max-time 10ms
gdb_batch "$TMP/priv.gdb" \
    -ex "break main" -ex "continue" -ex "info registers priv" \
    -ex "break task_b" -ex "continue" -ex "info registers priv" \
    -ex "break kernel_trap" -ex "continue" -ex "p \$mcause" -ex "info registers priv" \
    -ex "delete" -ex "continue"
rc=$?
sim_wait
t_eq gdb_priv_gdb_exit 0 "$rc"
grep -E '^(priv|\$1)' "$TMP/priv.gdb" >"$TMP/priv.got"
cat >"$TMP/priv.want" <<'WANT'
priv           0x3	prv:3 [Machine]
priv           0x0	prv:0 [User/Application]
$1 = 8
priv           0x3	prv:3 [Machine]
WANT
gdb_check gdb_priv_transcript "$TMP/priv.want" "$TMP/priv.got"
t_eq gdb_priv_firmware_output "$(cat tests/firmware/virt32/rtos_umode.expected)" "$(cat "$SIM_OUT")"
t_eq gdb_priv_exit_status 0 "$SIM_RC"

sim_or_fail priv_set -M virt32 -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb2.sock" -S --max-time 10ms
gdb_batch "$TMP/set.gdb" \
    -ex "break main" -ex "continue" -ex "set \$priv = 0" -ex "info registers priv" \
    -ex "break fw_unexpected_trap" -ex "continue" -ex "p \$mcause" \
    -ex "info registers priv" -ex "kill"
sim_kill
grep -E '^(priv|\$1)' "$TMP/set.gdb" >"$TMP/set.got"
cat >"$TMP/set.want" <<'WANT'
priv           0x0	prv:0 [User/Application]
$1 = 1
priv           0x3	prv:3 [Machine]
WANT
gdb_check gdb_priv_set "$TMP/set.want" "$TMP/set.got"
