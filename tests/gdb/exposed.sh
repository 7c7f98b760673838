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
