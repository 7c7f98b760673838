# Helpers for the Ibex timing tests (tests/ibex/*.sh).
. tests/lib.sh

# config_args CONFIG: the socsim options for one of the Ibex RTL configurations named in
# ../shared/reference/ibex/results.csv and tests/ibex/*.expect; fails on an unknown name.
config_args() {
    case $1 in
    default) ;;
    wb1) echo "-global ibex.writeback-stage=on" ;;
    btalu1) echo "-global ibex.branch-target-alu=on" ;;
    msingle) echo "-global ibex.rv32m=single-cycle" ;;
    mslow) echo "-global ibex.rv32m=slow" ;;
    maxperf) echo "-global ibex.writeback-stage=on -global ibex.branch-target-alu=on" \
                  "-global ibex.rv32m=single-cycle" ;;
    ifetch_delay1) echo "-global ibex.ifetch-delay=1" ;;
    # ../shared/reference/ibex-ext's configurations (its README, "Configurations")
    icache) echo "-global ibex.icache=on" ;;
    pmp) echo "-global ibex.pmp-regions=16 -global ibex.pmp-granularity=0" ;;
    bext) echo "-global ibex.rv32b=balanced" ;;
    bext_ot) echo "-global ibex.rv32b=otearlgrey" ;;
    # (the preset also sets the CPU's pmp-regions=16, pmp-granularity=0)
    opentitan) echo "-global ibex.config=opentitan" ;;
    # -global ibex.pmp-regions beside the preset wins, before or after it (tests/ibex/custom.S)
    opentitan_pmp4) echo "-global ibex.pmp-regions=4 -global ibex.config=opentitan" ;;
    opentitan_nopmp) echo "-global ibex.config=opentitan -global ibex.pmp-regions=0" ;;
    # single parameters (tests/ibex/custom.S)
    secure) echo "-global ibex.secure=on" ;;
    dbgtrig) echo "-global ibex.dbg-triggers=on" ;;
    hpm10) echo "-global ibex.mhpm-counters=10" ;;
    *) return 1 ;;
    esac
}
