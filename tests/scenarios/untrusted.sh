# Boards and scenarios are code: require looks only beside the script and on the board
# path (never in the current directory), and --sandbox takes away programs, native and
# precompiled code, the debug library and file writes outside --sandbox-write.
. tests/lib.sh
S=$(realpath "$SOCSIM")
HELLO=$(realpath "$FW/virt32/hello.elf")
BOARDS=$(realpath boards)
mkdir -p "$TMP/cwd" "$TMP/scen" "$TMP/out" "$TMP/elsewhere"

# A checkout one happens to be in: its evil.lua must not be what require finds.
echo 'io.stdout:write("evil ran\n") return {}' >"$TMP/cwd/evil.lua"
echo 'return { answer = 42 }' >"$TMP/scen/helper.lua"
cat >"$TMP/scen/req.lua" <<'LUA'
local socsim = require "socsim"
print(package.path)
print("cpath [" .. package.cpath .. "]")
print(require("helper").answer)
print(pcall(require, "evil"))
LUA
(cd "$TMP/cwd" && env -u SOCSIM_BOARDS "$S" -M virt32 -kernel "$HELLO" --script "$TMP/scen/req.lua" \
    >"$TMP/req.out" 2>&1)
{ echo "$TMP/scen/?.lua;$BOARDS/?.lua"; echo "cpath []"; echo 42; } >"$TMP/req.want"
head -3 "$TMP/req.out" | cmp -s - "$TMP/req.want" && t_pass untrusted.require.path \
    || t_fail untrusted.require.path "$(head -3 "$TMP/req.out" | tr '\n' ' ')"
sed -n 4p "$TMP/req.out" | grep -q "^false	module 'evil' not found:" && ! grep -q "evil ran" "$TMP/req.out" \
    && t_pass untrusted.require.not-cwd || t_fail untrusted.require.not-cwd "$(sed -n '4,$p' "$TMP/req.out" | head -3)"

# A board finds its own parts beside it.
mkdir -p "$TMP/myboard"
echo 'return { freq = "50MHz" }' >"$TMP/myboard/parts.lua"
{ echo 'local socsim = require "socsim"'; echo 'local parts = require "parts"'
  sed -e '/^local socsim/d' -e 's/freq = "100MHz"/freq = parts.freq/' boards/virt32.lua; } \
    >"$TMP/myboard/board.lua"
(cd "$TMP/cwd" && "$S" -M "$TMP/myboard/board.lua" --info-tree >"$TMP/parts.out" 2>&1)
grep -q "freq = 50000000Hz" "$TMP/parts.out" && t_pass untrusted.require.board-dir \
    || t_fail untrusted.require.board-dir "$(head -c 300 "$TMP/parts.out")"

# --sandbox: each forbidden thing fails with a message that names it.
echo data >"$TMP/elsewhere/readme.txt"
ln -s "$TMP/elsewhere/target.txt" "$TMP/out/link.txt"
ln -s "$TMP/elsewhere/nothing.txt" "$TMP/out/dangling.txt"
cat >"$TMP/scen/sandbox.lua" <<LUA
local socsim = require "socsim"
local function try(what, f, ...)
    local ok, err = pcall(f, ...)
    print(what, ok, (tostring(err):gsub("^.-sandbox.lua:%d+: ", "")))
end
try("execute", os.execute, "touch $TMP/elsewhere/x")
try("popen", io.popen, "true")
try("remove", os.remove, "$TMP/elsewhere/readme.txt")
try("rename", os.rename, "$TMP/elsewhere/readme.txt", "$TMP/elsewhere/r2")
try("tmpname", os.tmpname)
try("tmpfile", io.tmpfile)
try("loadlib", package.loadlib, "libc.so.6", "system")
print("debug", debug, package.loaded.debug)
print("binary", load(string.dump(function() end)))
try("write outside", io.open, "$TMP/elsewhere/w.txt", "w")
try("append outside", io.open, "$TMP/elsewhere/readme.txt", "a+")
try("output outside", io.output, "$TMP/elsewhere/o.txt")
try("through a link", io.open, "$TMP/out/link.txt", "w")
try("dangling link", io.open, "$TMP/out/dangling.txt", "w")
try("up and out", io.open, "$TMP/out/../elsewhere/u.txt", "w")
print("read", io.open("$TMP/elsewhere/readme.txt"):read("l"))
local f = assert(io.open("$TMP/out/result.txt", "w"))
f:write("written in the sandbox\n")
f:close()
LUA
cat >"$TMP/sandbox.want" <<EOF2
execute	false	os.execute: not allowed with --sandbox
popen	false	io.popen: not allowed with --sandbox
remove	false	os.remove: not allowed with --sandbox
rename	false	os.rename: not allowed with --sandbox
tmpname	false	os.tmpname: not allowed with --sandbox
tmpfile	false	io.tmpfile: not allowed with --sandbox
loadlib	false	package.loadlib: not allowed with --sandbox
debug	nil	nil
binary	nil	attempt to load a binary chunk (mode is 't')
write outside	false	io.open: --sandbox: may not write '$TMP/elsewhere/w.txt' (allowed: files under the --sandbox-write directories)
append outside	false	io.open: --sandbox: may not write '$TMP/elsewhere/readme.txt' (allowed: files under the --sandbox-write directories)
output outside	false	io.output: --sandbox: may not write '$TMP/elsewhere/o.txt' (allowed: files under the --sandbox-write directories)
through a link	false	io.open: --sandbox: may not write '$TMP/out/link.txt' (allowed: files under the --sandbox-write directories)
dangling link	false	io.open: --sandbox: may not write '$TMP/out/dangling.txt' (allowed: files under the --sandbox-write directories)
up and out	false	io.open: --sandbox: may not write '$TMP/out/../elsewhere/u.txt' (allowed: files under the --sandbox-write directories)
read	data
EOF2
t_cmd untrusted.sandbox --stdout-file "$TMP/sandbox.want" \
    -- "$S" -M virt32 -kernel "$HELLO" --sandbox-write "$TMP/out" --script "$TMP/scen/sandbox.lua"
t_eq untrusted.sandbox.wrote "written in the sandbox" "$(cat "$TMP/out/result.txt" 2>&1)"
t_eq untrusted.sandbox.untouched "readme.txt" "$(ls "$TMP/elsewhere")"
# Without --sandbox-write, --sandbox writes nowhere.
printf 'assert(io.open("%s/out/r2.txt", "w"))\n' "$TMP" >"$TMP/scen/nowrite.lua"
t_cmd untrusted.sandbox.no-dirs --exit 1 \
    --stderr-grep "^socsim: .*nowrite.lua:1: io.open: --sandbox: may not write '$TMP/out/r2.txt'" \
    -- "$S" -M virt32 -kernel "$HELLO" --sandbox --script "$TMP/scen/nowrite.lua"
# A board runs in the sandbox too, and a precompiled board is refused.
{ cat boards/virt32.lua; echo 'os.execute("true")'; } >"$TMP/exec-board.lua"
t_cmd untrusted.sandbox.board --exit 2 \
    --stderr-grep "^socsim: .*exec-board.lua:18: os.execute: not allowed with --sandbox$" \
    -- "$S" -M "$TMP/exec-board.lua" -kernel "$HELLO" --sandbox
# socsim compiles the board itself (string.dump, outside the sandbox).
printf 'local f = io.open("%s/compiled.lua", "wb")\nf:write(string.dump(assert(loadfile("%s/virt32.lua"))))\nf:close()\n' \
    "$TMP" "$BOARDS" >"$TMP/dump.lua"
"$S" -M virt32 -kernel "$HELLO" --script "$TMP/dump.lua"
t_cmd untrusted.sandbox.precompiled --exit 2 \
    --stderr-grep "compiled.lua: attempt to load a binary chunk \(mode is 't'\)" \
    -- "$S" -M "$TMP/compiled.lua" -kernel "$HELLO" --sandbox
t_cmd untrusted.precompiled.trusted --stdout "Hello from socsim" \
    -- "$S" -M "$TMP/compiled.lua" -kernel "$HELLO"
t_cmd untrusted.sandbox.write-dir --exit 2 \
    --stderr-grep "^socsim: --sandbox-write $TMP/nonesuch: No such file or directory$" \
    -- "$S" -M virt32 -kernel "$HELLO" --sandbox-write "$TMP/nonesuch"
