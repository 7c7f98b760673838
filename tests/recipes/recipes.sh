# docs/architecture.md's recipes, followed: build/socsim-recipes is build/socsim with the
# page's example device (tally.c, "Adding a device") and back end (chardev_stamp.c,
# "Adding a back end") linked in, taken from the page itself (tests/recipes/recipes.mk).
. tests/lib.sh
R=$HOST_BUILD/socsim-recipes
TALLY=build/recipes/tally.elf
if [ ! -x "$R" ] || [ ! -f "$TALLY" ]; then
    t_fail recipes.built "missing $R or $TALLY (make $R $TALLY)"
    exit 0
fi

# The device: declared once, listed and described from its table.
t_cmd recipes.tally.listed -- "$R" -device help
grep -q '^  tally  *adds up the values written to it' "$TMP/recipes.tally.listed.out" &&
    t_pass recipes.tally.in-help || t_fail recipes.tally.in-help "no tally in -device help"
t_cmd recipes.tally.bad-property --exit 2 \
    --stderr-grep "^socsim: -device tally,addr=0x10002000,start=ten: property 'start': " \
    -- "$R" -M virt32 -kernel "$TALLY" -device tally,addr=0x10002000,start=ten
# The firmware writes 5 and 7 and asks for the report (the page's tally.S).
t_cmd recipes.tally.firmware --stdout "tally: 112 after 2 writes" \
    -- "$R" -M virt32 -kernel "$TALLY" -device tally,addr=0x10002000,start=100,chardev=serial0
# From Lua: the debugger's writes are the guest's stores, its reads the device's peek.
cat >"$TMP/tally.lua" <<'LUA'
local socsim = require "socsim"
local base = 0x10002000
socsim.assert_eq(socsim.read32(base), 100, "TOTAL at reset is start")
socsim.write32(base, 20)
socsim.write32(base, 22)
socsim.assert_eq(socsim.read32(base), 142, "TOTAL")
socsim.assert_eq(socsim.read32(base + 4), 2, "COUNT")
socsim.assert_eq(socsim.read32(base), 142, "reading changes nothing")
local ok, err = pcall(socsim.read32, base + 12)
socsim.assert_eq(ok, false, "no register at +12")
assert(err:find("read32%(0x1000200c%): nothing readable there"), err)
return 0
LUA
t_cmd recipes.tally.lua -- "$R" -M virt32 -kernel "$FW/cli/spin.elf" \
    -device tally,addr=0x10002000,start=100 --script "$TMP/tally.lua"
# -global reaches it as every device.
t_cmd recipes.tally.global --stdout "tally: 12 after 2 writes" \
    -- "$R" -M virt32 -kernel "$TALLY" -global tally.chardev=serial0 -device tally,addr=0x10002000

# The back end: each line with the simulated time it began.
t_cmd recipes.stamp.uart --stdout "[290 ns] log: Hello from socsim" \
    -- "$R" -M virt32 -kernel "$FW/virt32/hello.elf" -chardev stamp,id=log -serial chardev:log
t_cmd recipes.stamp.device --stdout "[50 ns] log: tally: 12 after 2 writes" \
    -- "$R" -M virt32 -kernel "$TALLY" -chardev stamp,id=log -device tally,addr=0x10002000,chardev=log
# A line the guest has not finished when the run ends reaches the host all the same.
cat >"$TMP/part.lua" <<'LUA'
local socsim = require "socsim"
socsim.run("1us")
for _, c in ipairs({ 0x61, 0x62, 0x63 }) do socsim.write8(0x10000000, c) end
socsim.run("1us")
return 0
LUA
t_cmd recipes.stamp.unfinished-line --stdout "[20 ns] log: spin
[1 us] log: abc" -- "$R" -M virt32 -kernel "$FW/cli/spin.elf" -chardev stamp,id=log \
    -serial chardev:log --script "$TMP/part.lua"
t_cmd recipes.stamp.path --stdout "" -- "$R" -M virt32 -kernel "$FW/virt32/hello.elf" \
    -chardev "stamp,id=log,path=$TMP/lines.txt" -serial chardev:log
t_eq recipes.stamp.path.file "[290 ns] log: Hello from socsim" "$(cat "$TMP/lines.txt")"
t_cmd recipes.stamp.bad-path --exit 2 \
    --stderr-grep "^socsim: -chardev stamp,id=log,path=$TMP/no/such/dir/x: cannot open '$TMP/no/such/dir/x': No such file or directory$" \
    -- "$R" -M virt32 -kernel "$FW/virt32/hello.elf" -chardev "stamp,id=log,path=$TMP/no/such/dir/x"
t_cmd recipes.stamp.bad-option --exit 2 \
    --stderr-grep "^socsim: -chardev stamp,id=log,pth=x: unknown option 'pth' \(did you mean 'path'\?\)$" \
    -- "$R" -M virt32 -kernel "$FW/virt32/hello.elf" -chardev stamp,id=log,pth=x

# Both come from the page's files alone: build/socsim has neither.
t_cmd recipes.not-in-socsim.device --exit 2 --stderr-grep "unknown device type 'tally'" \
    -- "$SOCSIM" -device tally,help
t_cmd recipes.not-in-socsim.chardev --exit 2 --stderr-grep "unknown chardev driver 'stamp'" \
    -- "$SOCSIM" -chardev stamp,help
