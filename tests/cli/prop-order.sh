# The order a device's keys are applied in (docs/boards.md, "The order of a device's
# properties"): the reserved keys, the type's properties as -device TYPE,help lists them,
# then any other key by name; so a board line with two faults reports the same one on every
# run (a Lua table's iteration order changes with the string hash seed from run to run),
# and -device the same one whatever order it gives them in.
. tests/lib.sh
ELF=$FW/cli/spin.elf

board() { # board NAME LUA-TABLE-BODY: virt32 and a second ns16550a with those keys
    printf '%s\n' 'local socsim = require "socsim"' 'dofile(socsim.board_path("virt32"))' \
        "socsim.device(\"ns16550a\", { $2 })" >"$TMP/$1.lua"
}

# Two bad values of declared properties and two unknown names: reg-shift is declared
# before clock-frequency (ns16550a.help), and both before any unknown name.
board two 'id = "uart1", frob = 1, zap = 2, ["clock-frequency"] = "fast", addr = 0x10001000, ["reg-shift"] = "two"'
t_same prop-order.board "socsim: $TMP/two.lua:3: property 'reg-shift': 'two' is not a valid int" \
    $SOCSIM -M "$TMP/two.lua" -kernel $ELF
t_same prop-order.device \
    "socsim: -device ns16550a,zap=2,clock-frequency=fast,addr=0x10001000,reg-shift=two,frob=1: property 'reg-shift': 'two' is not a valid int" \
    $SOCSIM -M virt32 -kernel $ELF -device ns16550a,zap=2,clock-frequency=fast,addr=0x10001000,reg-shift=two,frob=1

# Unknown names only: the first by name.
board unknown 'id = "uart1", zeta = 1, mid = "x", alpha = true, addr = 0x10001000'
t_same prop-order.unknown "socsim: $TMP/unknown.lua:3: 'ns16550a' has no property 'alpha' (see -device ns16550a,help)" \
    $SOCSIM -M "$TMP/unknown.lua" -kernel $ELF

# The reserved keys come first: a taken id is reported before a bad property.
board reserved '["reg-shift"] = 9, zap = 1, id = "uart0", addr = 0x10001000'
t_same prop-order.reserved "socsim: $TMP/reserved.lua:3: duplicate id 'uart0'" \
    $SOCSIM -M "$TMP/reserved.lua" -kernel $ELF
