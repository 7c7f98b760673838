# Every architectural result is the same whichever timing model runs: the self-checking
# ISA, trap and interrupt programs give their exact expected output and exit status under
# the functional, ibex and e31 models alike (only cycle counts may differ).
. tests/firmware/lib.sh
TESTS="isa_rv32i isa_m isa_a isa_c isa_zicsr isa_zifencei isa_codegen isa_straddle isa_x0_load
       misaligned trap_access trap_amo trap_ecall trap_illegal trap_nested trap_csr_ro
       irq_timer irq_soft irq_priority irq_plic irq_edges csr_machine hello semihost c_workload
       rtos_umode"
for model in functional ibex e31; do
    for t in $TESTS; do
        fw_test tests/firmware/virt32/$t.expected
        t_cmd "models/$model/$t" --exit "$want_exit" --stdout-file "$base.expected" \
            -- $SOCSIM -M virt32 -kernel "$elf" -cpu-model $model --max-time 1s "${args[@]}"
    done
done
