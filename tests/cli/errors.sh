# Bad input gets one clear line naming what is at fault, and a non-zero exit.
. tests/lib.sh
F=$FW/cli
ELF=$F/spin.elf

# ELF loader
echo "hello" >"$TMP/text.elf"
t_cmd elf.not-elf --exit 2 --stderr-grep "text.elf: not an ELF file" -- $SOCSIM -M virt32 -kernel "$TMP/text.elf"
t_cmd elf.missing --exit 2 --stderr-grep "nosuch.elf: No such file or directory" -- $SOCSIM -M virt32 -kernel "$TMP/nosuch.elf"
t_cmd elf.class64 --exit 2 --stderr-grep "ELF class is ELF64, expected ELF32" -- $SOCSIM -M virt32 -kernel /bin/true
cp "$ELF" "$TMP/arm.elf"
printf '\x28\x00' | dd of="$TMP/arm.elf" bs=1 seek=18 conv=notrunc 2>/dev/null   # e_machine = EM_ARM
t_cmd elf.wrong-machine --exit 2 --stderr-grep "ELF machine is 40, expected RISC-V \(243\)" -- $SOCSIM -M virt32 -kernel "$TMP/arm.elf"
head -c 60 "$ELF" >"$TMP/trunc1.elf"
t_cmd elf.truncated.header --exit 2 --stderr-grep "trunc1.elf: .*truncated" -- $SOCSIM -M virt32 -kernel "$TMP/trunc1.elf"
head -c 200 "$ELF" >"$TMP/trunc2.elf"
t_cmd elf.truncated.segment --exit 2 --stderr-grep "trunc2.elf: .*truncated" -- $SOCSIM -M virt32 -kernel "$TMP/trunc2.elf"
t_cmd elf.outside-memory --exit 2 --stderr-grep "far.elf: segment 1 \[0x40000000-0x40000001\] lies outside every memory region" \
    -- $SOCSIM -M virt32 -kernel $F/far.elf
# A segment's size is only what the header says: spin.elf claiming 2 GiB of bss is loaded a
# chunk at a time and refused where the RAM ends, without socsim asking for 2 GiB (1 GiB of
# address space here; a sanitized socsim reserves terabytes of shadow, so not there).
cp "$ELF" "$TMP/huge.elf"
printf '\x00\xff\xff\x7f' | dd of="$TMP/huge.elf" bs=1 seek=104 conv=notrunc 2>/dev/null # p_memsz
limit=; [ "$HOST_BUILD" = build ] && limit="ulimit -v 1048576;"
t_cmd elf.huge-segment --exit 2 --stderr-grep \
    "huge.elf: segment 1 \[0x80000000-0xfffffeff\] lies outside every memory region \(first unmapped byte 0x88000000\)" \
    -- bash -c "$limit exec \"\$@\"" sh $SOCSIM -M virt32 -kernel "$TMP/huge.elf"
# Two segments at one address: the later would overwrite the earlier's code (it did,
# silently: the run never reached the exit the code makes).
t_cmd elf.overlap --exit 2 --stdout '' \
    --stderr-grep "^socsim: -kernel: $F/overlap.elf: segments 1 \[0x80000000-0x8000000d\] and 2 \[0x80000008-0x80000017\] overlap \(a segment's load address is wrong\)$" \
    -- $SOCSIM -M virt32 -kernel $F/overlap.elf --max-insns 100

# A FIFO where a file is read is refused at once; opening it waited for a writer forever
# (timeout: a hang guard only).
mkfifo "$TMP/fifo.elf" "$TMP/fifo.lua" "$TMP/fifo.img"
t_cmd fifo.kernel --exit 2 --stderr-grep "^socsim: -kernel: $TMP/fifo.elf: not a regular file \(a FIFO\)$" \
    -- timeout 60 $SOCSIM -M virt32 -kernel "$TMP/fifo.elf"
t_cmd fifo.board --exit 2 --stderr-grep "^socsim: -M $TMP/fifo.lua: $TMP/fifo.lua is not a regular file \(a FIFO\)$" \
    -- timeout 60 $SOCSIM -M "$TMP/fifo.lua" -kernel $ELF
t_cmd fifo.script --exit 2 --stderr-grep "^socsim: --script $TMP/fifo.lua: not a regular file \(a FIFO\)$" \
    -- timeout 60 $SOCSIM -M virt32 -kernel $ELF --script "$TMP/fifo.lua"
t_cmd fifo.blockdev --exit 2 \
    --stderr-grep "^socsim: -blockdev driver=file,node-name=f,filename=$TMP/fifo.img,read-only=on: '$TMP/fifo.img' is not a regular file or block device$" \
    -- timeout 60 $SOCSIM -M virt32 -kernel $ELF -blockdev driver=file,node-name=f,filename="$TMP/fifo.img",read-only=on

# Boards
t_cmd board.unknown --exit 2 --stderr-grep "^socsim: -M virt23: unknown board 'virt23' \(did you mean 'virt32'\?\)" \
    -- $SOCSIM -M virt23 -kernel $ELF
printf -- '-- bad\nlocal s = require "socsim"\ns.device("rv32", { id = "cpu0" }\n' >"$TMP/syntax.lua"
t_cmd board.lua.syntax --exit 2 --stderr-grep "syntax.lua:4: .*expected" -- $SOCSIM -M "$TMP/syntax.lua" -kernel $ELF
printf -- '-- bad\nlocal s = require "socsim"\ns.device("rv32", { id = "cpu0" })\ns.device("uart16550", { addr = 0x10000000 })\n' >"$TMP/badcall.lua"
t_cmd board.lua.bad-device --exit 2 --stderr-grep "badcall.lua:4: unknown device type 'uart16550'" -- $SOCSIM -M "$TMP/badcall.lua" -kernel $ELF
printf -- '-- bad\nlocal s = require "socsim"\ns.device("rv32", { id = "cpu0", frq = "1MHz" })\n' >"$TMP/badprop.lua"
t_cmd board.lua.bad-property --exit 2 --stderr-grep "badprop.lua:3: 'rv32' has no property 'frq' \(did you mean 'freq'\?\)" \
    -- $SOCSIM -M "$TMP/badprop.lua" -kernel $ELF
printf -- '-- bad\nlocal s = require "socsim"\ns.ram { addr = 0x80000000, size = "1M" }\ns.ram { addr = 0x80080000, size = "1M" }\n' >"$TMP/overlap.lua"
t_cmd board.overlap --exit 2 --stderr-grep "overlap.lua:4: address conflict on sysbus: ram \[0x80080000-0x8017ffff\] overlaps ram \[0x80000000-0x800fffff\]" \
    -- $SOCSIM -M "$TMP/overlap.lua" -kernel $ELF
printf -- '-- no cpu\nlocal s = require "socsim"\ns.ram { addr = 0x80000000, size = "1M" }\n' >"$TMP/nocpu.lua"
t_cmd board.no-cpu --exit 2 --stderr-grep "the board has no CPU" -- $SOCSIM -M "$TMP/nocpu.lua" -kernel $ELF
# An error object that is not a string still names the board line; one that says what it
# is says it there.
printf -- '-- bad\nlocal s = require "socsim"\nerror({})\n' >"$TMP/errtable.lua"
t_cmd board.lua.error-table --exit 2 --stderr-grep "^socsim: .*errtable.lua:3: error object is a table value$" \
    -- $SOCSIM -M "$TMP/errtable.lua" -kernel $ELF
printf -- '-- bad\nerror(setmetatable({}, { __tostring = function() return "no flash" end }))\n' \
    >"$TMP/errobj.lua"
t_cmd board.lua.error-tostring --exit 2 --stderr-grep "^socsim: .*errobj.lua:2: no flash$" \
    -- $SOCSIM -M "$TMP/errobj.lua" -kernel $ELF
printf -- '-- bad\nerror("no position", 0)\n' >"$TMP/errzero.lua"
t_cmd board.lua.error-level0 --exit 2 --stderr-grep "^socsim: .*errzero.lua:2: no position$" \
    -- $SOCSIM -M "$TMP/errzero.lua" -kernel $ELF
# An endless loop in a board ends at --lua-limit (simulated time never moves while a
# board runs), with the line it was on.
printf -- '-- bad\nlocal n = 0\nwhile true do\n    n = n + 1\nend\n' >"$TMP/loop.lua"
t_cmd board.lua.limit --exit 2 \
    --stderr-grep "^socsim: .*loop.lua:4: Lua ran 5000 instructions while simulated time stood still at 0 ps \(--lua-limit\)$" \
    -- $SOCSIM -M "$TMP/loop.lua" -kernel $ELF --lua-limit 5000
t_cmd board.lua.limit-bad --exit 2 \
    --stderr-grep "^socsim: --lua-limit lots: expected a number of instructions \(0: no limit\)$" \
    -- $SOCSIM -M virt32 -kernel $ELF --lua-limit lots

# A region's size is checked before it is narrowed to 32 bits (4G became 0: "empty region").
t_cmd device.ram.4G --exit 2 \
    --stderr-grep "^socsim: -device ram,addr=0,size=4G: size 0x100000000: a region holds at most 0xffffffff bytes \(4 GiB less one\)$" \
    -- $SOCSIM -M virt32 -kernel $ELF -device ram,addr=0,size=4G
t_cmd device.ram.past-end --exit 2 \
    --stderr-grep "^socsim: -device ram,addr=0xfffff000,size=8K: size 0x2000 at 0xfffff000 does not fit the 32-bit address space$" \
    -- $SOCSIM -M virt32 -kernel $ELF -device ram,addr=0xfffff000,size=8K
# Clocks: a CPU's or a controller's clock property names a clock generator or a CPU.
t_cmd board.cpu-clock.no-device --exit 2 \
    --stderr-grep "^socsim: rv32 'cpu0': clock 'nosuch': no device has that id$" \
    -- $SOCSIM -M virt32 -kernel $ELF -global rv32.clock=nosuch
t_cmd board.cpu-clock.not-a-clock --exit 2 \
    --stderr-grep "^socsim: rv32 'cpu0': clock 'uart0' is not a clock generator$" \
    -- $SOCSIM -M virt32 -kernel $ELF -global rv32.clock=uart0
t_cmd board.cpu-clock.itself --exit 2 \
    --stderr-grep "^socsim: rv32 'cpu0': clock 'cpu0' is not a clock generator$" \
    -- $SOCSIM -M virt32 -kernel $ELF -global rv32.clock=cpu0
t_cmd board.spi-clock.not-a-clock --exit 2 \
    --stderr-grep "sifive-spi 'spi9': clock 'uart0' is not a CPU or a clock generator$" \
    -- $SOCSIM -M virt32 -kernel $ELF -device sifive-spi,id=spi9,addr=0x10050000,clock=uart0

# Command line
t_cmd cli.unknown-option --exit 2 --stderr-grep "unknown option '--frobnicate'" -- $SOCSIM --frobnicate
t_cmd cli.missing-arg --exit 2 --stderr-grep "option -kernel needs an argument" -- $SOCSIM -M virt32 -kernel
t_cmd cli.no-board --exit 2 --stderr-grep "no board given" -- $SOCSIM -kernel $ELF
t_cmd cli.no-kernel --exit 2 --stderr-grep "no firmware given" -- $SOCSIM -M virt32
t_cmd cli.bad-time --exit 2 --stderr-grep "max-time 10 parsecs: expected a duration" -- $SOCSIM -M virt32 -kernel $ELF --max-time "10 parsecs"
t_cmd cli.bad-insns --exit 2 --stderr-grep "max-insns -5: expected a positive integer" -- $SOCSIM -M virt32 -kernel $ELF --max-insns -5
t_cmd cli.bios --exit 2 --stderr-grep "only '-bios none'" -- $SOCSIM -M virt32 -bios opensbi -kernel $ELF
t_cmd cli.cpu-model --exit 2 --stderr-grep "cpu-model turbo: unknown timing model" -- $SOCSIM -M virt32 -cpu-model turbo -kernel $ELF
t_cmd cli.global.driver --exit 2 --stderr-grep "global ibx.rv32m=slow: unknown driver 'ibx' \(did you mean 'ibex'\?\)" \
    -- $SOCSIM -M virt32 -global ibx.rv32m=slow -kernel $ELF
t_cmd cli.global.prop --exit 2 --stderr-grep "'ibex' has no property 'rv64m'" -- $SOCSIM -M virt32 -global ibex.rv64m=slow -kernel $ELF
t_cmd cli.global.value --exit 2 --stderr-grep "misaligned' : 'sometimes' is not one of trap\|split|'misaligned': 'sometimes' is not one of trap\|split" \
    -- $SOCSIM -M virt32 -global rv32.misaligned=sometimes -kernel $ELF
t_cmd cli.help --exit 0 -- $SOCSIM --help
$SOCSIM --help | grep -q '^  -device SPEC' && t_pass cli.help.device || t_fail cli.help.device 'no -device in --help'
# Found before the run (nothing printed), not after it.
t_cmd cli.signature.no-symbols --exit 2 --stdout '' \
    --stderr-grep "^socsim: --signature $TMP/sig.txt: the ELF has no begin_signature/end_signature symbols$" \
    -- $SOCSIM -M virt32 -kernel $ELF --max-insns 10 --signature "$TMP/sig.txt"
[ -e "$TMP/sig.txt" ] && t_fail cli.signature.no-file "a signature file was written" || t_pass cli.signature.no-file
