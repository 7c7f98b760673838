# An ELF linked for another board: a CPU that starts at its reset vector goes where the
# board's boot path goes, whatever the ELF's entry point says.  When the entry point is not
# there and the ELF loads nothing there either, -kernel warns and says where the CPU goes;
# a board that starts at the entry (virt32), and an ELF made for the board, get no word.
. tests/lib.sh
F=$FW/cli
HF1_PATH='0x00001004 (reset vector) -> 0x00010000 -> 0x00020000 -> 0x00021ff4 -> 0x20000000 -> 0x20010000'

# virt32's spin.elf (RAM at 0x80000000) on the HiFive1: gate ROM, mask ROM, OTP (its jump
# to its tail, then to the flash), the flash bootloader's jump to 0x20010000, erased
# flash: an illegal instruction, mtvec 0, nothing there, a trap loop.
t_cmd boot.foreign.hifive1 --exit 123 --stdout '' -- $SOCSIM -M hifive1 -kernel $F/spin.elf --max-time 10ms
t_eq boot.foreign.hifive1.warning "socsim: warning: -kernel $F/spin.elf: entry point 0x80000000 is not where hifive1 boots: the boot path goes $HF1_PATH, and the ELF loads nothing at 0x20010000; the firmware will not run from its entry" \
    "$(head -1 "$TMP/boot.foreign.hifive1.err")"
# The Ibex simple system starts at 0x100080; an ELF in its RAM that starts at 0x100000
# and has nothing at 0x100080.
t_cmd boot.foreign.ibex --exit 124 -- $SOCSIM -M ibex-simple -kernel $F/spin-ibex.elf --max-insns 100
t_eq boot.foreign.ibex.warning "socsim: warning: -kernel $F/spin-ibex.elf: entry point 0x00100000 is not where ibex-simple boots: the boot path goes 0x00100080 (reset vector), and the ELF loads nothing at 0x00100080; the firmware will not run from its entry" \
    "$(head -1 "$TMP/boot.foreign.ibex.err")"
# MSEL 0 (a copy of the board with the pins changed): the gate ROM waits at 0x101c for a
# debugger; no program is entered.
sed 's/msel = 3/msel = 0/' boards/hifive1.lua >"$TMP/hifive1-msel0.lua"
t_cmd boot.hifive1.msel0 --exit 124 -- $SOCSIM -M "$TMP/hifive1-msel0.lua" \
    -kernel $FW/hifive1/demo.elf --max-time 1ms
t_eq boot.hifive1.msel0.warning "socsim: warning: -kernel $FW/hifive1/demo.elf: entry point 0x20010000 is not where $TMP/hifive1-msel0.lua boots: the boot path goes 0x00001004 (reset vector) -> 0x0000101c, and the ELF loads nothing at 0x0000101c; the firmware will not run from its entry" \
    "$(head -1 "$TMP/boot.hifive1.msel0.err")"

# No warning: ELFs made for the board, at 0x20010000, or at 0x20000000 in the bootloader's
# place (where the boot path then enters), or an Ibex program at 0x100080; and virt32,
# which starts at the entry point.
nowarn() {
    local name=$1; shift
    "$@" >/dev/null 2>"$TMP/$name.err" </dev/null
    if grep -q warning "$TMP/$name.err"; then t_fail "$name" "$(head -c 300 "$TMP/$name.err")"
    else t_pass "$name"; fi
}
nowarn boot.hifive1.own $SOCSIM -M hifive1 -kernel $FW/hifive1/demo.elf --max-time 1ms
nowarn boot.hifive1.own.asm $SOCSIM -M hifive1 -kernel $F/hf1_misaligned.elf --max-time 10ms
nowarn boot.hifive1.flash0 $SOCSIM -M hifive1 -kernel $F/hf1_misaligned-flash0.elf --max-time 10ms
nowarn boot.ibex.own $SOCSIM -M ibex-simple -kernel ${IBEX_BUILD:-build/ibex}/tests/branches.elf --max-time 1ms
nowarn boot.virt32.entry $SOCSIM -M virt32 -kernel $F/spin.elf --max-time 1ms
