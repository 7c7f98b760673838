# Helpers for the firmware test scripts (tests/firmware/virt32.sh, qemu-diff.sh): one reading
# of the expectation files described in virt32.sh, for socsim and for QEMU alike.
. tests/lib.sh

# The expected-stdout files, one per firmware test.
FW_EXPECTED=(tests/firmware/virt32/*.expected tests/firmware/picolibc/*.expected)

# fw_test EXP: for the firmware test whose expected stdout is EXP, sets base (EXP without
# .expected), dir (virt32 or picolibc), name, elf, want_exit (NAME.exit, default 0), stdin
# (NAME.stdin, default /dev/null) and the array args (NAME.args, default none).
fw_test() {
    base=${1%.expected}
    dir=$(basename "$(dirname "$1")")
    name=$(basename "$base")
    elf=$FW/$dir/$name.elf
    want_exit=0
    [ -f "$base.exit" ] && want_exit=$(cat "$base.exit")
    stdin=/dev/null
    [ -f "$base.stdin" ] && stdin=$base.stdin
    args=()
    [ -f "$base.args" ] && read -r -a args <"$base.args"
}
