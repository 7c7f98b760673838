#!/usr/bin/env bash
# The back ends' C unit tests (tests/unit/backends.c): every chardev and blockdev driver,
# input flow control, and each error message.  Its lines are the results.
. tests/lib.sh
bin=build/unit/backends
if [ ! -x $bin ]; then
    t_fail backends.unit "$bin is not built (make $bin)"
    exit 0
fi
$bin "$TMP" </dev/null
rc=$?
[ $rc = 0 ] || [ $rc = 1 ] || t_fail backends.unit "exit status $rc (crashed?)"
exit 0
