# Interrupt-driven UART echo through a chardev: the receive watermark interrupt (PLIC 3)
# echoes each byte of the input file in upper case until '.'.
. tests/lib.sh
F=$FW/hifive1
printf 'hello, hifive1.' >"$TMP/in"
printf 'echo>HELLO, HIFIVE1.\r\n15 bytes\r\n' >"$TMP/want"
$SOCSIM -M hifive1 -kernel $F/uart_echo.elf --max-time 1s \
    -chardev file,id=con,path="$TMP/out",in="$TMP/in" -serial chardev:con \
    >"$TMP/stdout" 2>"$TMP/err"
rc=$?
if grep -q 'not supported yet\|unknown chardev\|no driver' "$TMP/err"; then
    t_skip hifive1.uart.echo "file chardev with in= not built in: $(head -1 "$TMP/err")"
elif [ $rc != 0 ]; then
    t_fail hifive1.uart.echo "exit $rc: $(head -c 300 "$TMP/err" | tr '\n' ' ')"
elif cmp -s "$TMP/out" "$TMP/want"; then
    t_pass hifive1.uart.echo
else
    t_fail hifive1.uart.echo "got '$(cat -v "$TMP/out")'"
fi
