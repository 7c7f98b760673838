#!/usr/bin/env bash
# The serial devices' unit test (tests/unit/spi_i2c.c): exact frame, byte and busy timing.
. tests/lib.sh
BIN=build/unit/spi_i2c
[ -x "$BIN" ] || { t_skip spi.unit "$BIN not built (make $BIN)"; exit 0; }
"$BIN"
