#!/usr/bin/env bash
# Back ends end to end: a guest UART echo (tests/firmware/virt32/uart_echo.S) through
# every kind of chardev, with a real host peer on the other side; -chardev/-blockdev help
# and errors from the command line.  Each run is bounded by simulated --max-time.
. tests/lib.sh

ELF=$FW/virt32/uart_echo.elf
if [ ! -x "$SOCSIM" ] || [ ! -f "$ELF" ]; then
    t_fail backends.e2e "$SOCSIM or $ELF not built (make $SOCSIM $ELF)"
    exit 0
fi
RUN=("$SOCSIM" -M virt32 -kernel "$ELF" --max-time 10s)
CLIENT=tests/backends/client.py

# stdin (the default serial0 back end): the guest's answer on stdout, its exit status 0
printf 'hello, World 42\n' >"$TMP/in.txt"
t_cmd backends.e2e.stdio --stdin "$TMP/in.txt" --stdout 'HELLO, WORLD 42' -- "${RUN[@]}"
t_cmd backends.e2e.serial_stdio --stdin "$TMP/in.txt" --stdout 'HELLO, WORLD 42' -- \
    "${RUN[@]}" -serial stdio

# file: input from one file, output to another, byte for byte
printf 'abc\r\n' >"$TMP/fin.txt"
t_cmd backends.e2e.file_run -- "${RUN[@]}" \
    -chardev file,id=log,path="$TMP/fout.txt",in="$TMP/fin.txt" -serial chardev:log
t_eq backends.e2e.file_bytes "$(printf 'ABC\r\n' | od -An -c)" "$(od -An -c <"$TMP/fout.txt")"
# -serial file:PATH: output only; with no input the guest waits out the time limit
t_cmd backends.e2e.serial_file --exit 124 -- "$SOCSIM" -M virt32 -kernel "$ELF" \
    --max-time 1ms -serial "file:$TMP/fout2.txt"
t_eq backends.e2e.serial_file_made "0" "$(stat -c %s "$TMP/fout2.txt" 2>&1)"

# TCP server that waits for its client (port=0: the host picks a free port)
t_cmd backends.e2e.tcp_echo --stdout 'HELLO, WORLD 42' -- \
    python3 $CLIENT tcp 'hello, World 42\n' -- "${RUN[@]}" \
    -chardev socket,id=s0,port=0,server=on,wait=on -serial chardev:s0
t_cmd backends.e2e.serial_tcp --stdout 'TCP:PORT' -- \
    python3 $CLIENT tcp 'tcp:port\n' -- "${RUN[@]}" -serial tcp::0,server=on
# Unix socket server
t_cmd backends.e2e.unix_echo --stdout 'UNIX SOCKET' -- \
    python3 $CLIENT unix 'unix socket\n' -- "${RUN[@]}" -serial "unix:$TMP/uart.sock,server=on"
t_eq backends.e2e.unix_removed "gone" "$([ -e "$TMP/uart.sock" ] && echo left || echo gone)"
# pty: a terminal program on /dev/pts/N
t_cmd backends.e2e.pty_echo --stdout 'PTY SAYS HI' --stderr-grep \
    '^char device redirected to /dev/pts/[0-9]+ \(label serial0\)$' -- \
    python3 $CLIENT pty 'pty says hi\n' -- "${RUN[@]}" -serial pty

# A sleeping guest (wfi, nothing scheduled, no --max-time): the simulation waits on the
# host until the client, connecting after the start, sends; then the UART interrupt wakes
# the hart.  (timeout(1) only guards against a hang; a pass takes milliseconds.)
t_cmd backends.e2e.tcp_idle_wakeup --stdout 'LATE INPUT' \
    --stderr-grep '^socsim: chardev serial0: listening on tcp:127.0.0.1:[0-9]+$' -- \
    python3 $CLIENT tcp 'late input\n' -- timeout 60 "$SOCSIM" -M virt32 \
    -kernel "$FW/virt32/uart_echo_wfi.elf" -serial tcp::0,server=on,wait=off
# ... also with more back ends than the poller keeps on its stack (64): 70 idle Unix
# socket servers besides the UART's, each with its descriptor to watch
idle=()
for i in $(seq 70); do
    idle+=(-chardev "socket,id=idle$i,path=$TMP/idle$i.sock,server=on,wait=off")
done
t_cmd backends.e2e.tcp_idle_wakeup_71_sockets --stdout 'LATE INPUT' -- \
    python3 $CLIENT tcp 'late input\n' -- timeout 60 "$SOCSIM" -M virt32 \
    -kernel "$FW/virt32/uart_echo_wfi.elf" -serial tcp::0,server=on,wait=off "${idle[@]}"
# ... and when nothing on the host can wake it (stdin at its end), the run ends with an error
t_cmd backends.e2e.idle_stuck --exit 1 --stdout '' \
    --stderr-grep '^socsim: the CPU sleeps in wfi with no event pending and nothing can wake it' \
    -- timeout 60 "$SOCSIM" -M virt32 -kernel "$FW/virt32/uart_echo_wfi.elf"
printf 'from a file\n' >"$TMP/wfi.txt"
t_cmd backends.e2e.stdio_idle_wakeup --stdin "$TMP/wfi.txt" --stdout 'FROM A FILE' -- \
    timeout 60 "$SOCSIM" -M virt32 -kernel "$FW/virt32/uart_echo_wfi.elf"

# flow control: 3000 bytes at once into a 16-byte FIFO, none lost
python3 -c 'import sys; sys.stdout.write("".join(chr(97 + i % 26) for i in range(3000)) + "\n")' \
    >"$TMP/big.txt"
tr a-z A-Z <"$TMP/big.txt" >"$TMP/big.want"
t_cmd backends.e2e.tcp_flow_control --stdout-file "$TMP/big.want" -- \
    python3 $CLIENT tcp "$(cat "$TMP/big.txt")\n" -- "${RUN[@]}" \
    -chardev socket,id=s0,port=0,server=on -serial chardev:s0

# null: nothing comes in, the guest waits until the time limit
t_cmd backends.e2e.null --exit 124 --stdout '' -- "$SOCSIM" -M virt32 -kernel "$ELF" \
    --max-time 1ms -serial null

# help lists the registered drivers
t_cmd backends.e2e.chardev_help -- "$SOCSIM" -chardev help
grep -q '^  socket    a TCP or Unix stream socket' "$TMP/backends.e2e.chardev_help.out" &&
    grep -q '^  ringbuf ' "$TMP/backends.e2e.chardev_help.out" &&
    t_pass backends.e2e.chardev_help_drivers ||
    t_fail backends.e2e.chardev_help_drivers "$(head -c 300 "$TMP/backends.e2e.chardev_help.out")"
t_cmd backends.e2e.chardev_driver_help -- "$SOCSIM" -chardev socket,help
grep -q '^    reconnect          int       0  ' "$TMP/backends.e2e.chardev_driver_help.out" &&
    t_pass backends.e2e.chardev_driver_help_options ||
    t_fail backends.e2e.chardev_driver_help_options "$(head -c 300 "$TMP/backends.e2e.chardev_driver_help.out")"
t_cmd backends.e2e.blockdev_help -- "$SOCSIM" -blockdev help
grep -q '^  overlay   copy-on-write over another blockdev$' "$TMP/backends.e2e.blockdev_help.out" &&
    t_pass backends.e2e.blockdev_help_drivers ||
    t_fail backends.e2e.blockdev_help_drivers "$(head -c 300 "$TMP/backends.e2e.blockdev_help.out")"

# errors: one line naming the option, exit status 2, before anything runs
t_cmd backends.e2e.err_missing_port --exit 2 --stdout '' \
    --stderr-grep '^socsim: -chardev socket,id=s0: missing port=$' -- \
    "${RUN[@]}" -chardev socket,id=s0
t_cmd backends.e2e.err_unknown_driver --exit 2 \
    --stderr-grep "^socsim: -chardev sokcet,id=s0: unknown chardev driver 'sokcet' \(did you mean 'socket'\?\)$" -- \
    "${RUN[@]}" -chardev sokcet,id=s0
t_cmd backends.e2e.err_duplicate --exit 2 \
    --stderr-grep "^socsim: -chardev ringbuf,id=a: duplicate chardev id 'a'$" -- \
    "${RUN[@]}" -chardev null,id=a -chardev ringbuf,id=a
t_cmd backends.e2e.err_blockdev_missing --exit 2 \
    --stderr-grep "^socsim: -blockdev driver=file,node-name=f,filename=$TMP/none.img: cannot open '$TMP/none.img' for writing: No such file or directory$" -- \
    "${RUN[@]}" -blockdev "driver=file,node-name=f,filename=$TMP/none.img"
t_eq backends.e2e.err_blockdev_not_created "absent" "$([ -e "$TMP/none.img" ] && echo made || echo absent)"
t_cmd backends.e2e.err_serial --exit 2 --stderr-grep "^socsim: -serial tcp:localhost: " -- \
    "${RUN[@]}" -serial tcp:localhost
exit 0
