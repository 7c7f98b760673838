# The stub has no authentication: bound to an address other hosts can reach, socsim warns
# (the default, 127.0.0.1, only this host reaches).  The firmware runs and exits without
# a debugger; the port is open only while it runs.
. tests/lib.sh
HELLO=$FW/virt32/hello.elf
t_cmd gdb_exposed.warns --stdout "Hello from socsim" \
    --stderr-grep "^socsim: warning: -gdb tcp:0.0.0.0:0: 0.0.0.0 is not a loopback address: anyone who can reach port [0-9]+ can read and write the machine's memory and registers$" \
    -- $SOCSIM -M virt32 -kernel $HELLO -gdb tcp:0.0.0.0:0 --max-time 1ms
t_cmd gdb_exposed.loopback --stdout "Hello from socsim" \
    --stderr-grep "^socsim: gdb: listening on tcp:127.0.0.1:[0-9]+$" \
    -- $SOCSIM -M virt32 -kernel $HELLO -gdb tcp::0 --max-time 1ms
t_eq gdb_exposed.loopback.quiet 1 "$(wc -l <"$TMP/gdb_exposed.loopback.err")"
# IPv6: the address in brackets, as QEMU writes it; named back the same way.  Without the
# brackets the last colon would split "::1:0" wrongly, so that is an error saying why.
if python3 -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' 2>/dev/null; then
    t_cmd gdb_exposed.ipv6 --stdout "Hello from socsim" \
        --stderr-grep '^socsim: gdb: listening on tcp:\[::1\]:[0-9]+$' \
        -- $SOCSIM -M virt32 -kernel $HELLO -gdb 'tcp:[::1]:0' --max-time 1ms
else
    t_skip gdb_exposed.ipv6 "this host has no IPv6 loopback"
fi
t_cmd gdb_exposed.ipv6-brackets --exit 2 \
    --stderr-grep '^socsim: -gdb tcp:::1:0: an IPv6 address goes in brackets: tcp:\[::1\]:0$' \
    -- $SOCSIM -M virt32 -kernel $HELLO -gdb tcp:::1:0 --max-time 1ms
