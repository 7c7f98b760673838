# A Lua API function that takes a table of named options refuses a key it does not know,
# naming the key, the function and the script line, and exits 2 (docs/boards.md, "The
# `socsim` module").  socsim.board took only `description` and ignored any other key: a
# misspelt `descripton` was lost without a word.  socsim.device, socsim.ram and socsim.rom
# check their keys as -device does (dev_create); the scenario runtime's functions take no
# option tables.
. tests/lib.sh
ELF=$FW/cli/spin.elf

# bad NAME LUA-TABLE-BODY MESSAGE: virt32, then socsim.board with those keys on line 3,
# fails with exit status 2 and "socsim: FILE:3: socsim.board: MESSAGE" on each of 20 runs
# (of several unknown keys, the first by name: a Lua table's iteration order changes with
# the string hash seed from run to run).
board() {
    printf '%s\n' 'local socsim = require "socsim"' 'dofile(socsim.board_path("virt32"))' \
        "socsim.board { $2 }" >"$TMP/$1.lua"
}
bad() {
    board "$1" "$2"
    t_same "board-keys.$1" "socsim: $TMP/$1.lua:3: socsim.board: $3" \
        $SOCSIM -M "$TMP/$1.lua" -kernel $ELF --max-insns 1000
}

bad misspelt 'descripton = "my board"' "unknown key 'descripton' (did you mean 'description'?)"
bad unknown 'name = "my board"' "unknown key 'name' (known keys: description)"
bad order 'zeta = 1, mid = 2, description = "my board", alpha = 3, descr = 4' \
    "unknown key 'alpha' (known keys: description)"
# A list item is a key too (1), not a description.
bad positional '"my board"' "unknown key '1' (known keys: description)"
bad description-type 'description = true' "description is a boolean; expected text"
board good 'description = "virt32, described again"'
t_cmd board-keys.good --stdout "machine: $TMP/good.lua - virt32, described again" \
    -- sh -c "$SOCSIM -M $TMP/good.lua --info-tree | head -1"

# socsim.ram and socsim.rom: their tables are a device's properties.
printf '%s\n' 'local socsim = require "socsim"' 'dofile(socsim.board_path("virt32"))' \
    'socsim.rom { id = "boot", addr = 0x1000, sise = "4K" }' >"$TMP/rom.lua"
t_cmd board-keys.rom --exit 2 \
    --stderr-grep "^socsim: $TMP/rom.lua:3: 'rom' has no property 'sise' \(did you mean 'size'\?\)$" \
    -- $SOCSIM -M "$TMP/rom.lua" -kernel $ELF --max-insns 1000
