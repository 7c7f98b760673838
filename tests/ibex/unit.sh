#!/usr/bin/env bash
# Unit test of the Ibex prefetch-buffer model (tests/unit/ibex_fetch.c).
. tests/lib.sh
bin=build/unit/ibex_fetch
if [ ! -x "$bin" ]; then
    t_fail ibex-fetch "$bin not built (make $bin)"
    exit 0
fi
"$bin" || true
