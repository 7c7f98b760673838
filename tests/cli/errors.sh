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
t_cmd cli.signature.no-symbols --exit 124 --stderr-grep "signature .*no begin_signature/end_signature symbols" \
    -- $SOCSIM -M virt32 -kernel $ELF --max-insns 10 --signature "$TMP/sig.txt"
[ -e "$TMP/sig.txt" ] && t_fail cli.signature.no-file "a signature file was written" || t_pass cli.signature.no-file
