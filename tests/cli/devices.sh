# -device on top of a board, the registry's help output, and every device error: each is
# one line naming the option at fault, exit status 2.
. tests/lib.sh
ELF=$FW/cli/spin.elf
V="$SOCSIM -M virt32 -kernel $ELF --max-insns 100"

# Help is generated from the registry.
$SOCSIM -device help >"$TMP/help.txt"
grep -q '^System bus devices:$' "$TMP/help.txt" && grep -q '^  ns16550a  *16550A-compatible UART$' "$TMP/help.txt" \
    && grep -q '^CPUs and standalone devices:$' "$TMP/help.txt" && grep -q '^  rv32 ' "$TMP/help.txt" \
    && t_pass devices.help || t_fail devices.help "$(head -5 "$TMP/help.txt")"
t_cmd devices.type-help --stdout-file tests/cli/ns16550a.help -- $SOCSIM -device ns16550a,help
t_cmd devices.type-help.unknown --exit 2 --stderr-grep "unknown device type 'ns1655a' \(did you mean 'ns16550a'\?\)" \
    -- $SOCSIM -device ns1655a,help
$SOCSIM -M help >"$TMP/boards.txt"
grep -q '^  virt32  *QEMU riscv32' "$TMP/boards.txt" && grep -q '^  hifive1 ' "$TMP/boards.txt" \
    && t_pass devices.board-help || t_fail devices.board-help "$(cat "$TMP/boards.txt")"

# A second UART on top of virt32, visible in the info tree.
t_cmd devices.add-uart --exit 0 -- $SOCSIM -M virt32 --info-tree -device ns16550a,id=uart1,addr=0x10001000,irq=plic.11
grep -q 'dev: ns16550a, id "uart1", addr 0x10001000-0x100010ff' "$TMP/devices.add-uart.out" \
    && grep -q 'irq = plic.11 (irq)' "$TMP/devices.add-uart.out" \
    && t_pass devices.add-uart.tree || t_fail devices.add-uart.tree "uart1 not in the tree"

# Errors
t_cmd devices.err.unknown-type --exit 2 --stderr-grep "^socsim: -device uart16550,addr=0x10001000: unknown device type 'uart16550'" \
    -- $V -device uart16550,addr=0x10001000
t_cmd devices.err.unknown-prop --exit 2 --stderr-grep "'ns16550a' has no property 'reg-shfit' \(did you mean 'reg-shift'\?\)" \
    -- $V -device ns16550a,addr=0x10001000,reg-shfit=2
t_cmd devices.err.malformed --exit 2 --stderr-grep "property 'reg-shift': 'two' is not a valid int" \
    -- $V -device ns16550a,addr=0x10001000,reg-shift=two
t_cmd devices.err.range --exit 2 --stderr-grep "property 'reg-shift': 7 is out of range \[0, 2\]" \
    -- $V -device ns16550a,addr=0x10001000,reg-shift=7
t_cmd devices.err.required --exit 2 --stderr-grep "'ram' needs size=" -- $V -device ram,addr=0x90000000
t_cmd devices.err.addr-missing --exit 2 --stderr-grep "'ns16550a' needs addr= on sysbus" -- $V -device ns16550a
t_cmd devices.err.bad-addr --exit 2 --stderr-grep "addr 'nowhere' is not a valid address" -- $V -device ns16550a,addr=nowhere
t_cmd devices.err.unknown-bus --exit 2 --stderr-grep "no bus named 'apb7'" -- $V -device ns16550a,bus=apb7,addr=0x10001000
t_cmd devices.err.conflict --exit 2 --stderr-grep "address conflict on sysbus: uart9 \[0x10000080-0x1000017f\] overlaps uart0 \[0x10000000-0x100000ff\]" \
    -- $V -device ns16550a,id=uart9,addr=0x10000080
t_cmd devices.err.duplicate-id --exit 2 --stderr-grep "duplicate id 'uart0'" -- $V -device ns16550a,id=uart0,addr=0x10001000
t_cmd devices.err.repeated-key --exit 2 \
    --stderr-grep "^socsim: -device ns16550a,addr=0x10001000,addr=0x10002000: option addr= given twice$" \
    -- $V -device ns16550a,addr=0x10001000,addr=0x10002000
t_cmd devices.err.chardev-repeated-id --exit 2 --stderr-grep "^socsim: -chardev null,id=a,id=b: option id= given twice$" \
    -- $V -chardev null,id=a,id=b
t_cmd devices.err.no-chardev --exit 2 --stderr-grep "property 'chardev': no chardev with id 'ser7'" \
    -- $V -device ns16550a,addr=0x10001000,chardev=ser7
t_cmd devices.err.not-kv --exit 2 --stderr-grep "'addr' is not KEY=VALUE" -- $V -device ns16550a,addr
t_cmd devices.err.irq-target --exit 2 --stderr-grep "uart1.irq: IRQ link 'pic.3': no device with id 'pic'" \
    -- $V -device ns16550a,id=uart1,addr=0x10001000,irq=pic.3
t_cmd devices.err.irq-range --exit 2 --stderr-grep "IRQ link 'plic.500': 'plic' has inputs 0..95" \
    -- $V -device ns16550a,id=uart1,addr=0x10001000,irq=plic.500
t_cmd devices.err.bus-kind-none --exit 2 --stderr-grep "'rv32' does not sit on a bus" -- $V -device rv32,bus=sysbus

# A device that cannot be made leaves nothing behind (a board may catch the error with
# pcall and go on): not its back-end attachment, not the buses it made, not the machine's
# timebase.  Each board below builds virt32, then fails one creation on purpose.
undo_board() { # NAME LUA: $TMP/NAME.lua = virt32 + LUA
    { echo 'local socsim = require "socsim"'; echo 'dofile(socsim.board_path("virt32"))'
      echo "$2"; } >"$TMP/$1.lua"
}
# A second UART on uart0's chardev: refused, one front end per chardev; uart0 still gets
# its input (the firmware echoes it in upper case; the newline ends the run).
undo_board dup-uart 'assert(not pcall(socsim.device, "ns16550a",
    { id = "dup", addr = 0x10000000, chardev = socsim.serial(0) }))'
printf 'hello\n' >"$TMP/hello.in"
t_cmd devices.undo.uart-input --stdin "$TMP/hello.in" --stdout HELLO \
    -- $SOCSIM -M "$TMP/dup-uart.lua" -kernel $FW/virt32/uart_echo.elf --max-time 10ms
undo_board in-use 'socsim.device("ns16550a", { id = "dup", addr = 0x10001000, chardev = socsim.serial(0) })'
t_cmd devices.err.chardev-in-use --exit 2 \
    --stderr-grep "^socsim: .*in-use.lua:3: ns16550a 'dup': chardev 'serial0' is already the back end of ns16550a 'uart0' \(one UART per chardev\)$" \
    -- $SOCSIM -M "$TMP/in-use.lua" -kernel $FW/virt32/uart_echo.elf --max-time 10ms
# A UART on a free chardev at uart0's address: attached in realize, then the window
# clashes.  Input for that chardev then waits for a front end (under ASan it would reach
# the freed device); tests/unit/device_undo.c checks the chardev is free again.
undo_board spare 'assert(not pcall(socsim.device, "ns16550a",
    { id = "dup", addr = 0x10000000, chardev = socsim.serial(1) }))'
t_cmd devices.undo.chardev --stdin "$TMP/hello.in" --stdout HELLO \
    -- $SOCSIM -M "$TMP/spare.lua" -kernel $FW/virt32/uart_echo.elf --max-time 10ms \
    -chardev "file,id=c1,path=$TMP/c1.out,in=$TMP/hello.in" -serial stdio -serial chardev:c1
# An SPI controller made its bus spi1.0 before its window clashed: the bus is gone too.
undo_board bus 'assert(not pcall(socsim.device, "sifive-spi", { id = "spi1", addr = 0x10000000 }))
socsim.device("spi-flash", { bus = "spi1.0" })'
t_cmd devices.undo.bus --exit 2 --stderr-grep "^socsim: .*bus.lua:4: no bus named 'spi1.0'$" \
    -- $SOCSIM -M "$TMP/bus.lua" -kernel $FW/virt32/uart_echo.elf --max-time 10ms
# A second CLINT made itself the machine's timebase before its window clashed: time is
# still uart0's board's 10 MHz CLINT's (10000 ticks in 1 ms), not the lost one's 1 MHz.
undo_board timebase 'assert(not pcall(socsim.device, "clint",
    { id = "clint2", addr = 0x10000000, timebase = "1MHz" }))'
printf 'local s = require "socsim"\ns.run("1ms")\ns.assert_eq(s.csr("time"), 10000)\n' \
    >"$TMP/time.lua"
t_cmd devices.undo.timebase -- $SOCSIM -M "$TMP/timebase.lua" -kernel $FW/cli/spin.elf \
    --script "$TMP/time.lua"
# No fixed limit on devices: 300 -device options make 300 RAMs (and virt32's own).
devs=()
for i in $(seq 0 299); do devs+=(-device "ram,id=r$i,addr=$((0x90000000 + i * 4096)),size=4K"); done
$SOCSIM -M virt32 --info-tree "${devs[@]}" >"$TMP/many.txt" 2>&1
t_eq devices.many "301 r299" "$(grep -c 'dev: ram' "$TMP/many.txt") $(grep -o 'id "r299"' "$TMP/many.txt" | tr -d '"' | cut -d' ' -f2)"
