# The stub answers malformed input over a raw TCP socket per the protocol: a bad
# checksum gets '-', an unknown packet the empty reply, an oversized or malformed one
# E NN, an unmapped read E NN; a truncated packet is dropped; an abrupt disconnect is
# cleaned up and the next connection is served.  Never a crash.
. tests/gdb/lib.sh
gdb_need gdb_raw

# pkt PAYLOAD: the framed packet, with its checksum (GDB docs E.1).
pkt() {
    local s=$1 sum=0 i c
    for ((i = 0; i < ${#s}; i++)); do
        printf -v c '%d' "'${s:i:1}"
        sum=$(((sum + c) & 255))
    done
    printf '$%s#%02x' "$s" "$sum"
}

# xchg NAME SEND EXPECT: write SEND, read exactly as many bytes as EXPECT has, compare.
xchg() {
    local got
    printf '%s' "$2" >&3
    IFS= read -r -d '' -N "${#3}" -t 20 got <&3
    t_eq "gdb_raw_$1" "$3" "$got"
}

# symbol addresses, as hex without 0x
sym() { riscv64-unknown-elf-nm "$GDB_ELF" | sed -n "s/^0*\([0-9a-f]*\) . $1\$/\1/p"; }
a_square=$(sym square) a_mode=$(sym g_mode) a_watched=$(sym g_watched)
# in square(): the first 32-bit instruction and the last 16-bit one before its return
dis=$(riscv64-unknown-elf-objdump -d "$GDB_ELF" | awk '/<square>:/,/^$/')
a_insn32=$(echo "$dis" | awk -F'[: \t]+' 'NR > 1 && length($2) == 8 {print $1; exit}')
a_insn16=$(echo "$dis" |
    awk -F'[: \t]+' '/\tret/ {print prev; exit} NR > 1 && length($2) == 4 {prev = $1}')
# in main(): the store to g_watched
a_store=$(riscv64-unknown-elf-objdump -d "$GDB_ELF" |
    awk -F'[: \t]+' '/<main>:/,/^$/ {if (/\tsw\t.*<g_watched>/) {print $1; exit}}')
# p20 reply for a pc: 8 hex digits, target (little-endian) byte order
le32() { printf %08x "$((0x$1))" | sed 's/\(..\)\(..\)\(..\)\(..\)/\4\3\2\1/'; }

sim_or_fail raw -M virt32 -kernel "$GDB_ELF" -gdb tcp::0 -S --max-time 60s
port=${GDB_ADDR##*:}
exec 3<>"/dev/tcp/127.0.0.1/$port"

xchg qC "$(pkt qC)" "+$(pkt QC1)"
xchg bad_checksum '$qC#00' "-"
xchg bad_checksum_digit '$qC#zz' "-"
xchg retransmit_request "-" "$(pkt QC1)"
xchg unknown "$(pkt jfoo)" "+$(pkt '')"
xchg unknown_q "$(pkt qNoSuchThing)" "+$(pkt '')"
xchg truncated "\$qC$(pkt qC)" "+$(pkt QC1)"
big=$(head -c 20000 /dev/zero | tr '\0' a)
xchg oversized "$(pkt "$big")" "+$(pkt E01)"
xchg malformed_m "$(pkt mzz)" "+$(pkt E16)"
xchg malformed_m_len "$(pkt m80000000,)" "+$(pkt E16)"
xchg malformed_P "$(pkt P20=12)" "+$(pkt E16)"
xchg malformed_Z "$(pkt Z0,80000000)" "+$(pkt E16)"
xchg malformed_X "$(pkt X80000000,4:ab)" "+$(pkt E16)"
xchg unmapped_read "$(pkt m0,4)" "+$(pkt E0e)"
xchg unmapped_write "$(pkt M0,1:00)" "+$(pkt E0e)"
xchg no_reg "$(pkt p1000)" "+$(pkt E16)"
# the entry point's first instruction (auipc gp,0x1 = 0x00001197, little-endian)
xchg read_ram "$(pkt m80000000,4)" "+$(pkt 97110000)"
xchg pc_at_reset "$(pkt p20)" "+$(pkt 00000080)"
# run to a software breakpoint, then to a write watchpoint: the stop replies say which
xchg z0_insert "$(pkt "Z0,$a_square,2")" "+$(pkt OK)"
xchg continue_to_bp "$(pkt c)" "+$(pkt 'T05thread:1;swbreak:;')"
xchg pc_at_bp "$(pkt p20)" "+$(pkt "$(le32 $a_square)")"
xchg z0_remove "$(pkt "z0,$a_square,2")" "+$(pkt OK)"
# software breakpoints on a 32-bit and on a 16-bit instruction, then a hardware one
xchg z0_insn32 "$(pkt "Z0,$a_insn32,4")" "+$(pkt OK)"
xchg z0_insn16 "$(pkt "Z0,$a_insn16,2")" "+$(pkt OK)"
xchg continue_to_insn32 "$(pkt c)" "+$(pkt 'T05thread:1;swbreak:;')"
xchg pc_at_insn32 "$(pkt p20)" "+$(pkt "$(le32 $a_insn32)")"
xchg continue_to_insn16 "$(pkt c)" "+$(pkt 'T05thread:1;swbreak:;')"
xchg pc_at_insn16 "$(pkt p20)" "+$(pkt "$(le32 $a_insn16)")"
xchg z0_remove32 "$(pkt "z0,$a_insn32,4")" "+$(pkt OK)"
xchg z0_remove16 "$(pkt "z0,$a_insn16,2")" "+$(pkt OK)"
xchg z1_insert "$(pkt "Z1,$a_square,2")" "+$(pkt OK)"
xchg continue_to_hw "$(pkt c)" "+$(pkt 'T05thread:1;hwbreak:;')"
xchg hw_second_call_x1 "$(pkt p0a)" "+$(pkt 01000000)"
xchg z1_remove "$(pkt "z1,$a_square,2")" "+$(pkt OK)"
xchg z1_remove_again "$(pkt "z1,$a_square,2")" "+$(pkt E16)"
xchg z2_insert "$(pkt "Z2,$a_watched,4")" "+$(pkt OK)"
xchg continue_to_watch "$(pkt c)" "+$(pkt "T05thread:1;watch:$a_watched;")"
# the watchpoint stops before the store (gdb's RISC-V port steps over it itself): the pc
# is at the store, memory holds the old value; a step, the watchpoint still in, stores
xchg watch_pc "$(pkt p20)" "+$(pkt "$(le32 $a_store)")"
xchg watched_value_before "$(pkt "m$a_watched,4")" "+$(pkt 01000000)"
xchg watch_step "$(pkt s)" "+$(pkt 'T05thread:1;')"
xchg watched_value "$(pkt "m$a_watched,4")" "+$(pkt 02000000)"
xchg z2_remove "$(pkt "z2,$a_watched,4")" "+$(pkt OK)"
# g_mode = 1: after the disconnect below the firmware runs on into its endless loop
xchg set_mode "$(pkt "M$a_mode,4:01000000")" "+$(pkt OK)"
# an abrupt disconnect in the middle of a packet
printf '$m8000' >&3
exec 3>&-
exec 3<>"/dev/tcp/127.0.0.1/$port"
xchg reconnect "$(pkt qC)" "+$(pkt QC1)"
xchg noack "$(pkt QStartNoAckMode)" "+$(pkt OK)"
xchg noack_reply "$(pkt qAttached)" "$(pkt 1)"
printf '%s' "$(pkt k)" >&3
exec 3>&-
sim_wait
t_eq gdb_raw_kill_exits "0" "$SIM_RC"

# A raw client may detach or kill while the firmware runs (gdb itself never does).
sim_or_fail raw2 -M virt32 -kernel "$GDB_ELF" -gdb tcp::0 -S --max-time 60s
port=${GDB_ADDR##*:}
exec 3<>"/dev/tcp/127.0.0.1/$port"
xchg running_bp "$(pkt "Z0,$a_square,2")" "+$(pkt OK)"
xchg running_to_bp "$(pkt c)" "+$(pkt 'T05thread:1;swbreak:;')"
xchg running_set_mode "$(pkt "M$a_mode,4:01000000")" "+$(pkt OK)"
xchg running_unbp "$(pkt "z0,$a_square,2")" "+$(pkt OK)"
printf '%s' "$(pkt c)" >&3
xchg running_detach "$(pkt D)" "++$(pkt OK)"
exec 3>&-
exec 3<>"/dev/tcp/127.0.0.1/$port"
xchg running_reconnect "$(pkt qC)" "+$(pkt QC1)"
printf '%s' "$(pkt c)" >&3
xchg running_kill_ack "$(pkt k)" "++"
exec 3>&-
sim_wait
t_eq gdb_raw_running_kill_exits "0" "$SIM_RC"

# Single steps (s, vCont;s) through the kernel: off a breakpoint, over a wfi (the step
# ends after the first instruction retired once an interrupt wakes the core, here the
# first instruction of the trap entry), and nothing of it changes the firmware's timing.
a_wfi=$(riscv64-unknown-elf-objdump -d "$GDB_ELF" | awk -F'[: \t]+' '$3 == "wfi" {print $1; exit}')
a_trap=$(sym trap_entry)
"$SOCSIM" -M virt32 -kernel "$GDB_ELF" --max-time 10ms >"$TMP/plain.out" 2>/dev/null
sim_or_fail raw3 -M virt32 -kernel "$GDB_ELF" -gdb tcp::0 -S --max-time 10ms
port=${GDB_ADDR##*:}
exec 3<>"/dev/tcp/127.0.0.1/$port"
xchg step_bp32 "$(pkt "Z0,$a_insn32,4")" "+$(pkt OK)"
xchg step_to_bp32 "$(pkt c)" "+$(pkt 'T05thread:1;swbreak:;')"
xchg step_off_bp "$(pkt s)" "+$(pkt 'T05thread:1;')"
xchg step_pc "$(pkt p20)" "+$(pkt "$(le32 "$(printf %x $((0x$a_insn32 + 4)))")")"
xchg step_vcont "$(pkt 'vCont;s:1')" "+$(pkt 'T05thread:1;')"
xchg step_vcont_pc "$(pkt p20)" "+$(pkt "$(le32 "$(printf %x $((0x$a_insn32 + 8)))")")"
xchg step_unbp32 "$(pkt "z0,$a_insn32,4")" "+$(pkt OK)"
xchg step_bp_wfi "$(pkt "Z0,$a_wfi,4")" "+$(pkt OK)"
xchg step_to_wfi "$(pkt c)" "+$(pkt 'T05thread:1;swbreak:;')"
xchg step_unbp_wfi "$(pkt "z0,$a_wfi,4")" "+$(pkt OK)"
xchg step_wfi "$(pkt s)" "+$(pkt 'T05thread:1;')"
xchg step_wfi_pc "$(pkt p20)" "+$(pkt "$(le32 "$(printf %x $((0x$a_wfi + 4)))")")"
xchg step_asleep "$(pkt s)" "+$(pkt 'T05thread:1;')"
xchg step_asleep_pc "$(pkt p20)" "+$(pkt "$(le32 "$(printf %x $((0x$a_trap + 2)))")")"
xchg step_mcause "$(pkt p383)" "+$(pkt 07000080)"
xchg step_to_end "$(pkt c)" "+$(pkt W00)"
exec 3>&-
sim_wait
t_eq gdb_raw_step_exit 0 "$SIM_RC"
gdb_check gdb_raw_step_same_output "$TMP/plain.out" "$SIM_OUT"
