# The command line's syntax, as docs/command-line.md gives it: --opt=value, help requests,
# single-valued options given once, ',,' in every spec, one number syntax (no octal),
# durations with units, errors that name the option, help printed from the option tables.
. tests/lib.sh
ELF=$FW/cli/spin.elf
V="$SOCSIM -M virt32 -kernel $ELF --max-insns 100000"   # bounded, also where an error is due

# --version: one line, exit 0.
t_cmd options.version --exit 0 -- $SOCSIM --version
grep -qE '^socsim [0-9]+\.[0-9]+ ' "$TMP/options.version.out" && [ "$(wc -l <"$TMP/options.version.out")" = 1 ] \
    && t_pass options.version.line || t_fail options.version.line "$(cat "$TMP/options.version.out")"

# '?' asks for help wherever 'help' does.
$SOCSIM -M help >"$TMP/M.help"
$SOCSIM -device help >"$TMP/device.help"
$SOCSIM -chardev help >"$TMP/chardev.help"
t_cmd options.M-question --stdout-file "$TMP/M.help" -- $SOCSIM -M '?'
t_cmd options.device-question --stdout-file "$TMP/device.help" -- $SOCSIM -device '?'
t_cmd options.chardev-question --stdout-file "$TMP/chardev.help" -- $SOCSIM -chardev '?'
t_cmd options.device-type-question --stdout-file tests/cli/ns16550a.help -- $SOCSIM -device 'ns16550a,?'

# --opt=value for every option that takes a value (and -opt=value: one or two dashes).
head -c 4096 /dev/zero >"$TMP/d0.img"
t_cmd options.eq.max-time --exit 124 --stdout spin --stderr-grep '^socsim: simulated time limit reached \(--max-time 1 ms\)' \
    -- $SOCSIM -M virt32 -kernel $ELF --max-time=1ms
# (sigwait.elf: --signature needs the ELF's begin_signature and end_signature; it prints 34
# lines through semihosting.)
t_cmd options.eq.all --exit 124 --stdout "$(for i in $(seq -w 1 34); do echo "line $i"; done)" \
    --stderr-grep '^socsim: 1000 instructions, 1000 cycles, 10 us simulated' \
    -- $SOCSIM -M=virt32 --kernel="$FW/cli/sigwait.elf" -cpu-model=functional -accel=interp --max-insns=1000 \
    --max-time=1s -bios=none -chardev=null,id=n0 -serial=chardev:n0 -global=rv32.misaligned=trap \
    -device=ram,addr=0x90000000,size=4K -blockdev=driver=file,node-name=d0,filename=$TMP/d0.img,read-only=on \
    --signature="$TMP/sig" --summary
t_cmd options.eq.flag --exit 2 --stderr-grep "^socsim: option --stats takes no value$" -- $V --stats=on
t_cmd options.eq.script --exit 2 --stderr-grep "^socsim: --script $TMP/none.lua: cannot read the scenario: No such file or directory$" \
    -- $V --script="$TMP/none.lua"

# A single-valued option given twice is an error naming both: nothing silently wins.
t_cmd options.twice.kernel --exit 2 --stderr-grep '^socsim: -kernel b.elf: conflicts with -kernel a.elf \(give it once\)$' \
    -- $SOCSIM -M virt32 -kernel a.elf -kernel b.elf --max-time 1ms
t_cmd options.twice.M --exit 2 --stderr-grep '^socsim: -M hifive1: conflicts with -M virt32 \(give it once\)$' \
    -- $SOCSIM -M virt32 -machine hifive1 -kernel $ELF --max-time 1ms
t_cmd options.twice.gdb --exit 2 --stderr-grep '^socsim: -gdb tcp::5555: conflicts with -s \(give it once\)$' \
    -- $V -s -gdb tcp::5555
t_cmd options.twice.max-time --exit 2 --stderr-grep '^socsim: --max-time 2s: conflicts with --max-time 1s \(give it once\)$' \
    -- $V --max-time 1s --max-time=2s
t_cmd options.twice.global --exit 2 \
    --stderr-grep '^socsim: -global rv32.misaligned=split: conflicts with -global rv32.misaligned=trap \(give each property once\)$' \
    -- $V --max-time 1ms -global rv32.misaligned=trap -global rv32.misaligned=split
# -serial: the N-th goes to the board's N-th serial port; one past the board's ports would
# be ignored, so it is an error (virt32 has one UART, hifive1 two).
t_cmd options.serial.extra --exit 2 \
    --stderr-grep "^socsim: -serial file:$TMP/s1: board 'virt32' has 1 serial port, so a 2nd -serial would be ignored$" \
    -- $V --max-time 1ms -serial null -serial "file:$TMP/s1"
t_cmd options.serial.two-ports --exit 124 -- $SOCSIM -M hifive1 -kernel $FW/hifive1/demo.elf \
    --max-time 1ms -serial null -serial null
t_cmd options.serial.five --exit 2 --stderr-grep '^socsim: -serial null: at most 4 -serial options' \
    -- $V -serial null -serial null -serial null -serial null -serial null

# ',,' is a comma in every spec: a device's string property, a chardev's path, a -global
# value, a board path.
$SOCSIM -M hifive1 --info-tree -device gpio-led,id=l9,gpio=gpio0,pin=5,label=a,,b >"$TMP/tree.txt" 2>&1
grep -qx '    label = a,b' "$TMP/tree.txt" && t_pass options.comma.device || t_fail options.comma.device "$(grep -A5 l9 "$TMP/tree.txt")"
t_cmd options.comma.chardev --exit 124 -- $V --max-time 10ms -chardev "file,id=f,path=$TMP/a,,b" -serial chardev:f
t_eq options.comma.chardev.file spin "$(cat "$TMP/a,b" 2>&1)"
$SOCSIM -M hifive1 --info-tree -global gpio-led.label=x,,y -device gpio-led,id=l9,gpio=gpio0,pin=5 \
    >"$TMP/tree2.txt" 2>&1
grep -A4 '"l9"' "$TMP/tree2.txt" | grep -qx '    label = x,y' && t_pass options.comma.global \
    || t_fail options.comma.global "$(grep -A4 '"l9"' "$TMP/tree2.txt" | tr '\n' '|')"
cp boards/virt32.lua "$TMP/my,board.lua"
t_cmd options.comma.board --exit 124 --stdout spin -- $SOCSIM -M "$TMP/my,,board.lua" -kernel $ELF --max-time 1ms
t_cmd options.comma.global.bare --exit 2 \
    --stderr-grep "^socsim: -global gpio-led.label=x,y: expected DRIVER.PROP=VALUE \(a ',' in VALUE is written ',,'\)$" \
    -- $V -global gpio-led.label=x,y

# One number syntax: a leading 0 is an error (never octal), for an address as for a port.
t_cmd options.octal.addr --exit 2 \
    --stderr-grep "^socsim: -device ns16550a,addr=010: addr '010' is not a valid address \(a leading 0 is not allowed: socsim reads no octal\)$" \
    -- $V -device ns16550a,addr=010
t_cmd options.octal.port --exit 2 \
    --stderr-grep "^socsim: -chardev socket,id=s,port=010,server=on,wait=off: option 'port': '010' is not a valid int \(a leading 0 is not allowed: socsim reads no octal\)$" \
    -- $V -chardev socket,id=s,port=010,server=on,wait=off
t_cmd options.octal.prop --exit 2 \
    --stderr-grep "^socsim: -device ns16550a,addr=0x10001000,reg-shift=02: property 'reg-shift': '02' is not a valid int \(a leading 0" \
    -- $V -device ns16550a,addr=0x10001000,reg-shift=02
t_cmd options.number.suffix --exit 0 -- $V --info-tree -device ram,addr=0x90000000,size=0x4K
grep -q 'dev: ram, id .*addr 0x90000000-0x90000fff' "$TMP/options.number.suffix.out" \
    && t_pass options.number.suffix.size || t_fail options.number.suffix.size "no 4 KiB ram at 0x90000000"

# A duration needs its unit: a bare number is refused, saying so.
t_cmd options.max-time.bare --exit 2 \
    --stderr-grep '^socsim: --max-time 1000: expected a duration such as 10ms or 2s \(a time needs a unit: ps, ns, us, ms or s\)$' \
    -- $V --max-time 1000
t_cmd options.time-prop.bare --exit 2 \
    --stderr-grep "property 'page-program-time': '200' is not a valid time \(a time needs a unit" \
    -- $SOCSIM -M hifive1 -kernel $FW/hifive1/demo.elf --max-time 1ms -global spi-flash.page-program-time=200

# Errors of -global and -blockdev name the option, not the board line that made the device.
t_cmd options.global.blockdev --exit 2 \
    --stderr-grep "^socsim: -global spi-flash.drive=nosuch: property 'drive': no blockdev with node-name 'nosuch'$" \
    -- $SOCSIM -M hifive1 -kernel $FW/hifive1/demo.elf --max-time 1ms -global spi-flash.drive=nosuch
t_cmd options.global.chardev --exit 2 \
    --stderr-grep "^socsim: -global sifive-uart.chardev=nosuch: property 'chardev': no chardev with id 'nosuch'$" \
    -- $SOCSIM -M hifive1 -kernel $FW/hifive1/demo.elf --max-time 1ms -global sifive-uart.chardev=nosuch
head -c 100 /dev/zero >"$TMP/small.img"
t_cmd options.blockdev.small --exit 2 \
    --stderr-grep "^socsim: -blockdev driver=file,node-name=f,filename=$TMP/small.img: spi-flash 'flash': drive 'f' holds 100 bytes, the flash is 4194304$" \
    -- $SOCSIM -M hifive1 -kernel $FW/hifive1/demo.elf --max-time 1ms -blockdev "driver=file,node-name=f,filename=$TMP/small.img" \
    -global spi-flash.drive=f

# --script says why it cannot read the file.
t_cmd options.script.missing --exit 2 \
    --stderr-grep '^socsim: --script missing.lua: cannot read the scenario: No such file or directory$' \
    -- $V --script missing.lua

# "Did you mean" never offers the word itself, and knows the options.
t_cmd options.suggest.not-same --exit 2 \
    --stderr-grep "^socsim: -device gpio-led,wait=1: 'gpio-led' has no property 'wait' \(see -device gpio-led,help\)$" \
    -- $SOCSIM -M hifive1 -kernel $FW/hifive1/demo.elf --max-time 1ms -device gpio-led,wait=1
t_cmd options.suggest.option --exit 2 --stderr-grep "^socsim: unknown option '--max-tim' \(did you mean '--max-time'\?\)$" \
    -- $V --max-tim 1ms

# Help of a back-end driver comes from its option table (exact text).
t_cmd options.help.chardev-socket --stdout-file tests/cli/chardev-socket.help -- $SOCSIM -chardev socket,help
t_cmd options.help.chardev-file --stdout-file tests/cli/chardev-file.help -- $SOCSIM -chardev 'file,?'
t_cmd options.help.blockdev-overlay --stdout-file tests/cli/blockdev-overlay.help -- $SOCSIM -blockdev driver=overlay,help
t_cmd options.help.blockdev-file --stdout-file tests/cli/blockdev-file.help -- $SOCSIM -blockdev file,help

# Option lists have no fixed limit: 300 devices on top of a board.
args=()
for i in $(seq 0 299); do args+=(-device "ram,id=r$i,addr=$((0x90000000 + i * 4096)),size=4K"); done
$V --info-tree "${args[@]}" >"$TMP/many.txt" 2>&1
t_eq options.many-devices 300 "$(grep -c 'dev: ram, id "r[0-9]' "$TMP/many.txt")"

# In a board script an integer for a time property is picoseconds, as in every Lua API.
cat >"$TMP/ps.lua" <<'LUA'
-- integer times
local socsim = require "socsim"
socsim.device("rv32", { id = "cpu0" })
socsim.ram { id = "ram", addr = 0x80000000, size = "1M" }
socsim.device("sifive-spi", { id = "spi9", addr = 0x10050000, clock = "cpu0" })
socsim.device("spi-flash", { bus = "spi9.0", size = "1M", ["page-program-time"] = 200000000 })
LUA
t_cmd options.lua.time-integer --exit 0 -- $SOCSIM -M "$TMP/ps.lua" --info-tree
grep -q '^ *page-program-time = 200 us$' "$TMP/options.lua.time-integer.out" \
    && t_pass options.lua.time-integer.ps || t_fail options.lua.time-integer.ps "$(grep page-program "$TMP/options.lua.time-integer.out")"

# Numbers inside a device's own value syntax follow the one syntax too (no octal).
t_cmd options.octal.plic-edge --exit 2 \
    --stderr-grep "^socsim: -device plic,id=p2,addr=0x40000000,edge=3,,010: plic edge=3,010: '010' is not a source number \(1 to 95\)$" \
    -- $V -device plic,id=p2,addr=0x40000000,edge=3,,010
t_cmd options.octal.temperature --exit 2 --stderr-grep "temperature '010' is not a whole number" \
    -- $V -device sifive-i2c,id=i2c9,addr=0x10060000 -device i2c-temp,bus=i2c9.0,addr=0x48,temperature=010
