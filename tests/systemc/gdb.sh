#!/usr/bin/env bash
# gdb reads tlm-target registers through the model's transport_dbg (tests/systemc/ibex-sc.lua
# with tests/systemc/fw/idle.S, and the interrupt generator, which has no transport_dbg, at
# 0x80000): the value without the read's side effects, in the sizes gdb asks for.
#   - the SystemC timer's mtime at the stop equals mcycle (both 50 MHz from 0)
#   - the memory's b_transport counter (+0xff0) counts gdb's write, not its reads
#   - the CRC's RESULT and CTRL after a write from gdb; DATA, which a read faults on, and
#     the generator are refused (Cannot access memory), the model named once on stderr
. tests/gdb/lib.sh
GDB_ELF=build/systemc/idle.elf
gdb_need systemc.gdb
B=build/systemc
sim_or_fail sc -M tests/systemc/ibex-sc.lua -kernel "$GDB_ELF" -gdb "unix:$TMP/gdb.sock" -S \
    --max-time 1ms -device tlm-target,id=gen,addr=0x80000,size=0x100,lib=$B/irqgen.so
gdb_batch "$TMP/sc.gdb" -ex "stepi 40" \
    -ex 'printf "mcycle=%u mtime=%u\n", $mcycle, *(unsigned *)0x30000' \
    -ex "x/wx 0x60ff0" -ex "set *(unsigned *)0x60000 = 0x12345678" -ex "x/wx 0x60000" \
    -ex "x/hx 0x60002" -ex "x/bx 0x60001" -ex "x/wx 0x60ff0" \
    -ex "set *(unsigned *)0x40000 = 0x31" -ex "x/2wx 0x40004" -ex "x/wx 0x40000" \
    -ex "x/wx 0x80000" -ex "kill"
rc=$?
sim_wait
t_eq systemc.gdb.exit 0 "$rc"
# gdb prints the address of a refused read, then the error on stderr.
t_eq systemc.gdb.session "0x00100080 in reset_entry ()
0x00100080 in reset_entry ()
mcycle=82 mtime=82
0x60ff0:	0x00000000
0x60000:	0x12345678
0x60002:	0x1234
0x60001:	0x56
0x60ff0:	0x00000001
0x40004:	0x69d340d8	0x00000004
0x40000:	0x80000:	[Inferior 1 (Remote target) killed]" "$(cat "$TMP/sc.gdb")"
t_eq systemc.gdb.errors "Cannot access memory at address 0x40000
Cannot access memory at address 0x80000" "$(cat "$TMP/sc.gdb.err")"
t_eq systemc.gdb.refusals "socsim: tlm-target 'crc': the debugger cannot read offset 0x0: the model's transport_dbg read 0 of 4 bytes (a model without transport_dbg reads none)
socsim: tlm-target 'gen': the debugger cannot read offset 0x0: the model's transport_dbg read 0 of 4 bytes (a model without transport_dbg reads none)" \
    "$(grep '^socsim: tlm-target' "$SIM_ERR")"
