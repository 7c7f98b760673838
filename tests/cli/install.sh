# Issue 12 item 7: socsim finds its boards relative to itself, wherever it was installed or
# copied, never in the current directory; `make install` lays out bin/, share/socsim/boards
# and share/doc/socsim; -M help with no board anywhere is an error.
. tests/lib.sh
ROOT=$PWD
HELLO=$ROOT/$FW/virt32/hello.elf
INST=$TMP/inst
mkdir -p "$TMP/elsewhere" "$TMP/empty" "$TMP/alone" "$TMP/mine" "$TMP/shadow"

if ! make -s install PREFIX="$INST" >"$TMP/install.log" 2>&1; then
    t_fail install.make "$(tail -3 "$TMP/install.log" | tr '\n' ' ')"
    exit 0
fi
missing=
for f in bin/socsim bin/socsim-junit-merge share/socsim/junit.xsd share/socsim/boards/virt32.lua share/socsim/boards/hifive1.lua \
         share/socsim/boards/ibex-simple.lua share/doc/socsim/README.md \
         share/doc/socsim/command-line.md share/doc/socsim/boards/hifive1.md; do
    [ -f "$INST/$f" ] || missing="$missing $f"
done
t_eq install.layout "" "$missing"
S=$INST/bin/socsim

# The installed program, run from a directory with no boards, finds its own.
cd "$TMP/elsewhere" || exit 0
t_cmd install.run --stdout 'Hello from socsim' -- "$S" -M virt32 -kernel "$HELLO" --max-time 1s
t_cmd install.help -- "$S" -M help
grep -q '^  virt32  *QEMU riscv32' "$TMP/install.help.out" &&
    grep -q '^  hifive1 ' "$TMP/install.help.out" &&
    grep -qx "Board path: $INST/share/socsim/boards" "$TMP/install.help.out" &&
    t_pass install.help.lists || t_fail install.help.lists "$(tr '\n' '|' <"$TMP/install.help.out")"
# A suite runs each scenario with the installed program itself (not a socsim on PATH);
# the installed merge and schema take its JUnit file.
printf -- '-- args: -M virt32 -kernel %s\n' "$HELLO" >"$TMP/elsewhere/hello.lua"
printf 'return require("socsim").wait_exit("1ms")\n' >>"$TMP/elsewhere/hello.lua"
t_cmd install.suite -- env PATH=/nonexistent "$S" --suite . --junit "$TMP/j.xml"
t_cmd install.junit-merge --stdout-file "$TMP/j.xml" -- "$INST/bin/socsim-junit-merge" "$TMP/j.xml"
t_cmd install.junit-schema -- xmllint --noout --schema "$INST/share/socsim/junit.xsd" "$TMP/j.xml"
t_cmd install.unknown --exit 2 \
    --stderr-grep "^socsim: -M virt33: unknown board 'virt33' \(did you mean 'virt32'\?\)$" \
    -- "$S" -M virt33 -kernel "$HELLO"

# DESTDIR stages the same tree under another root; it runs from there too.
cd "$ROOT" || exit 0
make -s install DESTDIR="$TMP/stage" PREFIX=/opt/socsim >"$TMP/stage.log" 2>&1
cd "$TMP/elsewhere" || exit 0
t_cmd install.destdir --stdout 'Hello from socsim' \
    -- "$TMP/stage/opt/socsim/bin/socsim" -M virt32 -kernel "$HELLO" --max-time 1s

# SOCSIM_BOARDS comes first, directory by directory: a board there hides the installed one
# of the same name, and a new board builds on an installed one with socsim.board_path.
{ echo '-- shadowing hifive1'; cat "$ROOT/boards/virt32.lua"; } >"$TMP/shadow/hifive1.lua"
cat >"$TMP/mine/mine.lua" <<'LUA'
-- virt32 with a second UART
local socsim = require "socsim"
dofile(socsim.board_path("virt32"))
socsim.device("ns16550a", { id = "uart1", addr = 0x10001000 })
LUA
export SOCSIM_BOARDS="$TMP/shadow:$TMP/mine"
t_cmd install.env.help -- "$S" -M help
grep -q '^  hifive1  *shadowing hifive1$' "$TMP/install.env.help.out" &&
    grep -q '^  mine  *virt32 with a second UART$' "$TMP/install.env.help.out" &&
    grep -q '^  virt32 ' "$TMP/install.env.help.out" &&
    grep -qx "Board path: $TMP/shadow, $TMP/mine, $INST/share/socsim/boards" \
        "$TMP/install.env.help.out" &&
    t_pass install.env.order || t_fail install.env.order "$(tr '\n' '|' <"$TMP/install.env.help.out")"
t_cmd install.env.shadow --stdout 'Hello from socsim' \
    -- "$S" -M hifive1 -kernel "$HELLO" --max-time 1s
t_cmd install.board_path -- "$S" -M mine --info-tree
grep -q 'dev: ns16550a, id "uart1", addr 0x10001000' "$TMP/install.board_path.out" &&
    grep -q 'dev: ns16550a, id "uart0", addr 0x10000000' "$TMP/install.board_path.out" &&
    t_pass install.board_path.tree || t_fail install.board_path.tree "no uart0 and uart1"
unset SOCSIM_BOARDS

# The program copied alone has no boards: a clear error, never an empty list with status
# 0, and never the boards of the current directory (here the source tree's).
cp "$S" "$TMP/alone/socsim"
cd "$ROOT" || exit 0
A=$TMP/alone/socsim
nob="no board scripts found \(searched no directory\); set SOCSIM_BOARDS to a directory of board scripts, or install socsim with its boards \(make install\)$"
t_cmd install.alone.help --exit 2 --stdout "" --stderr-grep "^socsim: -M help: $nob" -- "$A" -M help
t_cmd install.alone.run --exit 2 --stderr-grep "^socsim: -M virt32: unknown board 'virt32': $nob" \
    -- "$A" -M virt32 -kernel "$HELLO"
t_cmd install.alone.empty --exit 2 \
    --stderr-grep "^socsim: -M help: no board scripts found \(searched $TMP/empty\)" \
    -- env SOCSIM_BOARDS="$TMP/empty" "$A" -M help
# A path is still a path.
t_cmd install.alone.path --stdout 'Hello from socsim' \
    -- "$A" -M ./boards/virt32.lua -kernel "$HELLO" --max-time 1s
t_cmd install.alone.env --stdout 'Hello from socsim' \
    -- env SOCSIM_BOARDS="$ROOT/boards" "$A" -M virt32 -kernel "$HELLO" --max-time 1s
t_cmd install.board_path.missing --exit 2 \
    --stderr-grep "mine.lua:3: socsim.board_path: no board 'virt32' \(searched $TMP/mine\)$" \
    -- env SOCSIM_BOARDS="$TMP/mine" "$A" -M mine --info-tree
