# Bit manipulation per configuration (docs/timing-models.md, "Bit manipulation"): what a
# hart lacks is an illegal instruction, what it has runs; --info-tree names the extensions;
# the log's disassembly of the draft ternary forms.  isa_zb.c (tests/firmware/virt32) runs
# every Zba/Zbb/Zbc/Zbs instruction in that order, clmul the first of Zbc, in a harness that
# GCC compiled with Zba too (its first B instruction is an sh2add indexing the operands,
# after printing "sh1add"); its crt0 reports an unexpected trap and exits 255.
. tests/lib.sh
ZB=$FW/virt32/isa_zb.elf
EXT=${IBEX_BUILD:-build/ibex}/ext
run() { "$SOCSIM" -M virt32 -kernel $ZB --max-time 1s "$@" 2>&1; }

# sh2add a5, a5, s4: 0x2147c7b3 (Zba); clmul: 0x0ab51533 (Zbc), both with mcause 2
t_cmd bitmanip.functional.none --exit 255 \
    --stdout "sh1add
  unexpected trap: mcause=0x00000002 mepc=0x8000042e mtval=0x2147c7b3" \
    -- "$SOCSIM" -M virt32 -kernel $ZB --max-time 1s
for accel in jit interp; do
    t_eq bitmanip.functional.no-zbc.$accel "clmul
  unexpected trap: mcause=0x00000002 mepc=0x800002a2 mtval=0x0ab51533" \
        "$(run -accel $accel -cpu-model functional,zba=on,zbb=on,zbs=on | tail -2)"
    # Ibex's balanced set has no Zbc; OpenTitan's has it and runs the program as QEMU does
    t_eq bitmanip.ibex.balanced.no-zbc.$accel "clmul
  unexpected trap: mcause=0x00000002 mepc=0x800002a2 mtval=0x0ab51533" \
        "$(run -accel $accel -cpu-model ibex,rv32b=balanced | tail -2)"
    t_cmd bitmanip.ibex.otearlgrey.$accel --stdout-file tests/firmware/virt32/isa_zb.expected \
        -- "$SOCSIM" -M virt32 -kernel $ZB --max-time 1s -accel $accel \
        -cpu-model ibex -global ibex.rv32b=otearlgrey
    t_cmd bitmanip.ibex.full.$accel --stdout-file tests/firmware/virt32/isa_zb.expected \
        -- "$SOCSIM" -M virt32 -kernel $ZB --max-time 1s -accel $accel -cpu-model ibex,rv32b=full
done

t_eq bitmanip.info-tree.functional \
    "    isa: rv32imac_zicsr_zifencei_zba_zbc, timing model functional, translated to host code (-accel jit)" \
    "$("$SOCSIM" -M virt32 -cpu-model functional,zba=on,zbc=on --info-tree | grep 'isa:')"
t_eq bitmanip.info-tree.ibex \
    "    isa: rv32imc_zicsr_zifencei_zba_zbb_zbs_zbf_zbt, timing model ibex, translated to host code (-accel jit)
      rv32b = balanced" \
    "$("$SOCSIM" -M ibex-simple -global ibex.rv32b=balanced --info-tree | grep -E 'isa:|rv32b')"
# misa: Ibex's X bit (23) with any rv32b but none, nothing else changes
misa() {
    "$SOCSIM" -M ibex-simple -global ibex.rv32b=$1 -kernel $EXT/bext.elf --max-time 1s \
        2>/dev/null | sed -n 's/^I,misa,//p'
}
if [ -f $EXT/bext.elf ]; then
    t_eq bitmanip.ibex.misa-x 0x800000 \
        "$(printf '%#x' $((0x$(misa otearlgrey) ^ 0x$(misa none))))"
elif [ ! -d ../shared/reference ]; then
    t_skip bitmanip.ibex.misa-x "$EXT/bext.elf: no ../shared/reference to build it from"
else
    t_fail bitmanip.ibex.misa-x "$EXT/bext.elf not built"
fi

# The log's disassembly: the draft's operand orders (cmov/cmix rd, rs2, rs1, rs3; fsl/fsr
# rd, rs1, rs3, rs2), from bext.elf's k_b_cmov/cmix/fsl/fsr_ind (rd t0, rs1 t1, rs2 t2,
# rs3 t3), and a unary Zbb form.
if [ -f $EXT/bext.elf ]; then
    "$SOCSIM" -M ibex-simple -kernel $EXT/bext.elf -global ibex.rv32b=balanced -d exec \
        --max-time 1s 2>&1 >/dev/null | awk '!($7 in seen) { seen[$7]; print $6, $7, $8, $9, $10, $11 }' \
        >"$TMP/exec"
    t_eq bitmanip.disasm "60031293 clz t0, t1
e67352b3 cmov t0, t2, t1, t3
e67312b3 cmix t0, t2, t1, t3
e47312b3 fsl t0, t1, t3, t2
e47352b3 fsr t0, t1, t3, t2" "$(grep -E ' (clz|cmov|cmix|fsl|fsr) ' "$TMP/exec" | sed 's/ *$//')"
elif [ ! -d ../shared/reference ]; then
    t_skip bitmanip.disasm "$EXT/bext.elf: no ../shared/reference to build it from"
else
    t_fail bitmanip.disasm "$EXT/bext.elf not built"
fi
