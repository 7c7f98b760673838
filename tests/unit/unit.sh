# Runs every C unit test program (tests/unit/NAME.c built as $HOST_BUILD/unit/NAME); each prints
# its own PASS/FAIL lines and exits non-zero when one failed.
. tests/lib.sh
for src in tests/unit/*.c; do
    name=$(basename "$src" .c)
    t=$HOST_BUILD/unit/$name
    if [ ! -x "$t" ]; then
        t_fail "unit.$name" "$t is not built"
        continue
    fi
    "$t"
    rc=$?
    [ $rc -eq 0 ] || t_fail "unit.$name" "exited $rc"
done
