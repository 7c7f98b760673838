# Runs every C unit test program (build/unit/*); each prints its own PASS/FAIL lines.
for t in build/unit/*; do
    [ -x "$t" ] || continue
    "$t" || echo "FAIL $(basename "$t"): exited $?"
done
