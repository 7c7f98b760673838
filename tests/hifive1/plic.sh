# All 52 PLIC sources of the FE310, each raised by its own device and claimed with its own
# number; 3 priority bits.  Sources of devices not built in yet (QSPI0/SPI1/SPI2 5-7, I2C 52)
# are reported absent; the others must all be right.
. tests/lib.sh
F=$FW/hifive1
E=tests/hifive1/expected
$SOCSIM -M hifive1 -kernel $F/plic_all.elf --max-time 1s >"$TMP/plic.out" 2>"$TMP/plic.err"
rc=$?
t_eq hifive1.plic.exit 0 $rc
t_eq hifive1.plic.priority.bits "priority 0xff reads 7" "$(head -1 "$TMP/plic.out" | tr -d '\r')"
last=$(tail -1 "$TMP/plic.out" | tr -d '\r')
absent=$(grep -c 'device absent' "$TMP/plic.out")
want="$((52 - absent)) sources claimed with their own number, $absent absent, 0 wrong"
t_eq hifive1.plic.52.sources "$want" "$last"
if [ "$absent" -eq 0 ]; then t_pass hifive1.plic.spi.i2c.present
else t_skip hifive1.plic.spi.i2c.present "$absent sources absent (SPI/I2C devices not built in)"; fi
