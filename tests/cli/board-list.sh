# The boards on the board path, as -M help lists them and as "did you mean" picks among
# them: all of them, sorted by name, whatever order the directory gives (readdir's order is
# the file system's: ext4's is a hash of the name).
. tests/lib.sh
mkdir -p "$TMP/many"
for i in $(seq -w 0 69); do echo "-- board $i" >"$TMP/many/b$i.lua"; done
for i in 9 3 7 1 5; do echo "-- near $i" >"$TMP/many/xa$i.lua"; done

# 70 + 5 boards here, and the three that ship: every one, in name order.
{
    echo 'Supported boards (-M NAME, or -M path/to/board.lua):'
    for i in $(seq -w 0 69); do printf '  %-14s %s\n' "b$i" "board $i"; done
    grep -h -m1 '^-- ' boards/hifive1.lua boards/ibex-simple.lua | sed 's/^-- //' |
        paste -d' ' <(printf '  %-14s\n' hifive1 ibex-simple) -
    grep -h -m1 '^-- ' boards/virt32.lua | sed 's/^-- //' | paste -d' ' <(printf '  %-14s\n' virt32) -
    for i in 1 3 5 7 9; do printf '  %-14s %s\n' "xa$i" "near $i"; done
    echo "Board path: $TMP/many, $(cd boards && pwd -P)"
} >"$TMP/want.txt"
t_cmd board-list.help --stdout-file "$TMP/want.txt" -- env SOCSIM_BOARDS="$TMP/many" $SOCSIM -M help

# xa0 is one edit from each xa*: the first by name is suggested.
t_cmd board-list.suggest --exit 2 \
    --stderr-grep "^socsim: -M xa0: unknown board 'xa0' \(did you mean 'xa1'\?\)$" \
    -- env SOCSIM_BOARDS="$TMP/many" $SOCSIM -M xa0 -kernel "$FW/cli/spin.elf"
