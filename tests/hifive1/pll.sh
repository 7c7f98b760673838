# Reprogramming the PLL changes the time per cycle: core cycles counted across 1/1024 s of
# mtime at the 13.8 MHz HFROSC, the 16 MHz crystal, PLL 256 MHz and 320 MHz, and back.
. tests/lib.sh
F=$FW/hifive1
E=tests/hifive1/expected
t_cmd hifive1.pll --stdout-file $E/pll.out -- $SOCSIM -M hifive1 -kernel $F/pll.elf --max-time 1s
