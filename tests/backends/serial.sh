#!/usr/bin/env bash
# Issue 18 item 4: -chardev serial,path=DEVICE gives the guest a host serial line, tested
# through a pseudo-terminal pair (tests/backends/serial_peer.py holds the other end): the
# baud rate and stop bits the firmware programs (tests/spi/fw/uart_line.c) are the line's
# termios settings when each of its lines arrives, on virt32's ns16550a and the HiFive1's
# sifive-uart.  A pty keeps 8 data bits and no parity whatever it is told (Linux's
# pty_set_termios), so for those the check is socsim's warning naming what the guest set.
. tests/lib.sh
PEER="python3 tests/backends/serial_peer.py --"
for b in virt32 hifive1; do
    [ -f "$FW/spi/$b/uart_line.elf" ] || { t_fail backends.serial "missing $FW/spi/$b/uart_line.elf"; exit 0; }
done
SER="-chardev serial,id=s0,path=@TTY@ -serial chardev:s0"

t_cmd backends.serial.ns16550a --stdout 'line 1: 9600 8N1
line 2: 115200 8N1
line 3: 57600 8N2
line 4: 19200 8N1
done: 19200 8N1
exit after 4 line changes' --stderr-grep "keeps 8N1 where the guest set 6M1$" -- $PEER timeout 60 \
    "$SOCSIM" -M virt32 -kernel "$FW/spi/virt32/uart_line.elf" --max-time 100s $SER
for f in "keeps 8N1 where the guest set 7E1" "keeps 8N2 where the guest set 8O2"; do
    grep -q "^socsim: chardev s0: '/dev/pts/[0-9]*' $f\$" "$TMP/backends.serial.ns16550a.err" &&
        t_pass "backends.serial.ns16550a.${f##* }" ||
        t_fail "backends.serial.ns16550a.${f##* }" "no warning '$f'"
done
t_cmd backends.serial.sifive_uart --stdout 'line 1: 9600 8N1
line 2: 115200 8N2
line 3: 57600 8N1
done: 57600 8N1
exit after 3 line changes' -- $PEER timeout 60 \
    "$SOCSIM" -M hifive1 -kernel "$FW/spi/hifive1/uart_line.elf" --max-time 100s $SER

# QEMU's shorthand: -serial /dev/... is a host serial line.
t_cmd backends.serial.shorthand --stdout 'line 1: 9600 8N1
line 2: 115200 8N2
line 3: 57600 8N1
done: 57600 8N1
exit after 3 line changes' -- $PEER timeout 60 \
    "$SOCSIM" -M hifive1 -kernel "$FW/spi/hifive1/uart_line.elf" --max-time 100s -serial @TTY@

# Errors: no such device, not a terminal, no permission.
t_cmd backends.serial.missing --exit 2 --stderr-grep \
    "^socsim: -chardev serial,id=s0,path=/dev/ttyUSB99: cannot open '/dev/ttyUSB99': No such file or directory$" \
    -- "$SOCSIM" -M virt32 --info-tree -chardev serial,id=s0,path=/dev/ttyUSB99
t_cmd backends.serial.not_a_tty --exit 2 --stderr-grep \
    "^socsim: -chardev serial,id=s0,path=/dev/null: '/dev/null' is not a serial line \(a terminal device\): Inappropriate ioctl for device$" \
    -- "$SOCSIM" -M virt32 --info-tree -chardev serial,id=s0,path=/dev/null
locked=$(t_locked_file ttyUSB0)
t_cmd backends.serial.permission --exit 2 --stderr-grep \
    "^socsim: -chardev serial,id=s0,path=$locked: cannot open '$locked': Permission denied \(the device's group, often dialout, may open it\)$" \
    -- t_unpriv "$SOCSIM" -M virt32 --info-tree -chardev serial,id=s0,path="$locked"
rm -rf "$(dirname "$locked")"
t_cmd backends.serial.no_path --exit 2 --stderr-grep \
    "missing path= \(the host's serial device, e.g. /dev/ttyUSB0\)$" \
    -- "$SOCSIM" -M virt32 --info-tree -chardev serial,id=s0
