#!/usr/bin/env bash
# Issue 18 item 5: i2c-host, spi-host and gpio-host.  Their logic is tested through the
# kernel interfaces they use (i2c-dev's I2C_RDWR, spidev's SPI_IOC_MESSAGE, libgpiod) with
# stand-in devices loaded by LD_PRELOAD (tests/backends/fakedev.c): what the guest sees and
# every transfer on the host side, byte for byte.  Real devices are used where the host
# has them, else those checks are skipped.  The error paths (no such device, permission
# denied, not such a device, a NAK, a busy line) are tested always.
. tests/lib.sh
FAKE=build/test/fakedev.so
V=$FW/spi/virt32
for f in "$FAKE" "$V/i2c_host.elf" "$V/spi_host.elf" "$FW/spi/hifive1/gpio_host.elf"; do
    [ -f "$f" ] || { t_fail backends.passthrough "missing $f"; exit 0; }
done
LOG=$TMP/fakedev.log
fake() { rm -f "$LOG"; env FAKEDEV_LOG="$LOG" LD_PRELOAD="$FAKE" "$@"; }
log_is() { t_eq "$1" "$2" "$(cat "$LOG" 2>/dev/null)"; }

# ---- I2C ----
I2C="-device sifive-i2c,id=i2c9,addr=0x10060000,clock-frequency=16MHz"
for a in 48 49 4a; do I2C="$I2C -device i2c-host,bus=i2c9.0,addr=0x$a,dev=/dev/i2c-fake"; done
RUNI="$SOCSIM -M virt32 -kernel $V/i2c_host.elf --max-time 1s $I2C"
# 0x49: the host NAKs the probe; 0x48's write is sent at the STOP, its read joins the
# register write by a repeated START (32 bytes read ahead, so the current-address read
# after it starts at 0x30); 0x4a acknowledges its address and refuses the data byte,
# which the guest saw acknowledged: a warning.
t_cmd backends.passthrough.i2c --stdout '0x49 nack
write 0x48 reg 10: ack ack ack ack
read 0x48 reg 10: ack ack restart ack de ad
write 0x4a: ack ack
current read 0x48: ack 30' --stderr-grep \
    "^socsim: i2c-host: the device at 0x4a refused a write the guest saw acknowledged \(it is sent at the STOP\)$" \
    -- fake FAKEDEV_I2C=/dev/i2c-fake $RUNI
log_is backends.passthrough.i2c.host_side 'i2c W49 nak
i2c W48
i2c W48:10dead
i2c W48
i2c W48:10 R48/32
i2c W4a
i2c W4a:01 nak
i2c R48/32'
# read-ahead=2: the current-address read continues where the guest's own read stopped.
t_cmd backends.passthrough.i2c_read_ahead --stdout '0x49 nack
write 0x48 reg 10: ack ack ack ack
read 0x48 reg 10: ack ack restart ack de ad
write 0x4a: ack ack
current read 0x48: ack 12' -- fake FAKEDEV_I2C=/dev/i2c-fake $RUNI -global i2c-host.read-ahead=2
t_cmd backends.passthrough.i2c_host_addr --exit 2 --stderr-grep \
    "property 'host-addr': 0x81 is out of range" -- "$SOCSIM" -M hifive1 --info-tree \
    -device i2c-host,bus=i2c0.0,addr=0x48,dev=/dev/i2c-fake,host-addr=0x81

# ---- SPI ----
SPI="-device sifive-spi,id=spi9,addr=0x10050000,clock-frequency=16MHz"
SPI="$SPI -device spi-host,bus=spi9.0,addr=0,dev=/dev/spidev-fake"
# mode 3 at 16 MHz / 8, then mode 0 at 16 MHz / 2; CS held across each command's bytes.
t_cmd backends.passthrough.spi --stdout 'rx a0 01
rx 06' -- fake FAKEDEV_SPI=/dev/spidev-fake "$SOCSIM" -M virt32 -kernel "$V/spi_host.elf" \
    --max-time 1s $SPI
log_is backends.passthrough.spi.host_side 'spi set mode 3
spi mode 3 2000000 Hz cs_change 1: 9f -> 01
spi mode 3 2000000 Hz cs_change 1: 00 -> a0
spi mode 3 2000000 Hz cs_change 1: 00 -> 01
spi cs release
spi set mode 0
spi mode 0 8000000 Hz cs_change 1: 05 -> 01
spi mode 0 8000000 Hz cs_change 1: 00 -> 06
spi cs release'
t_cmd backends.passthrough.spi_max_speed --stdout 'rx a0 01
rx 06' -- fake FAKEDEV_SPI=/dev/spidev-fake "$SOCSIM" -M virt32 -kernel "$V/spi_host.elf" \
    --max-time 1s $SPI,max-speed=1MHz
t_eq backends.passthrough.spi_max_speed.capped 5 "$(grep -c ' 1000000 Hz' "$LOG")"

# ---- GPIO ----
# Pad 19 (pulled up on the board) drives line 3: high at start, then the firmware's low,
# high, low; line 4 (reads 1 from its 4th read: at 3 ms) drives pad 2.
GPIO="-device gpio-host,chip=/dev/gpiochip-fake,lines=19:3:out/2:4:in"
t_cmd backends.passthrough.gpio --stdout 'pad 2 at start: 0, after 5 ms: 1' -- \
    fake FAKEDEV_GPIO=/dev/gpiochip-fake "$SOCSIM" -M hifive1 -kernel \
    "$FW/spi/hifive1/gpio_host.elf" --max-time 1s $GPIO
log_is backends.passthrough.gpio.host_side 'gpio line 3 out 0
gpio line 4 in 0
gpio line 3 = 1
gpio line 3 = 0
gpio line 3 = 1
gpio line 3 = 0
gpio close'
t_cmd backends.passthrough.gpio_busy --exit 2 --stderr-grep \
    "gpio-host: cannot take line 5 of '/dev/gpiochip-fake': Device or resource busy \(used by 'other'\)$" \
    -- fake FAKEDEV_GPIO=/dev/gpiochip-fake "$SOCSIM" -M hifive1 --info-tree \
    -device gpio-host,chip=/dev/gpiochip-fake,lines=19:5
t_cmd backends.passthrough.gpio_no_line --exit 2 --stderr-grep \
    "gpio-host: '/dev/gpiochip-fake' has no line 9 \(it has 8: 0 to 7\)$" \
    -- fake FAKEDEV_GPIO=/dev/gpiochip-fake "$SOCSIM" -M hifive1 --info-tree \
    -device gpio-host,chip=/dev/gpiochip-fake,lines=19:9
t_cmd backends.passthrough.gpio_bad_lines --exit 2 --stderr-grep \
    "gpio-host: lines entry '19-3' is not PAD:LINE\[:out\|:in\]$" \
    -- "$SOCSIM" -M hifive1 --info-tree -device gpio-host,chip=/dev/gpiochip0,lines=19-3

# ---- errors, always ----
locked=$(t_locked_file dev)
printf 'not a device' >"$TMP/plain"
for kind in i2c spi gpio; do
    case $kind in
    i2c) dev="-device sifive-i2c,id=i2c9,addr=0x10060000 -device i2c-host,bus=i2c9.0,addr=0x48,dev="
         missing=/dev/i2c-99 hint="no such adapter: modprobe i2c-dev, then ls /dev/i2c-\*"
         group=i2c notdev="is not an I2C adapter \(i2c-dev\): Inappropriate ioctl for device" ;;
    spi) dev="-device sifive-spi,id=spi9,addr=0x10050000 -device spi-host,bus=spi9.0,addr=0,dev="
         missing=/dev/spidev9.9
         hint="no such device: load spidev and bind it \(on a Raspberry Pi: dtparam=spi=on\), then ls /dev/spidev\*"
         group=spi notdev="is not an SPI device \(spidev\): Inappropriate ioctl for device" ;;
    gpio) dev="-device gpio-host,lines=19:3,chip="
         missing=/dev/gpiochip99 hint="no such chip: ls /dev/gpiochip\*, gpiodetect"
         group=gpio notdev="is not a GPIO chip \(a /dev/gpiochipN character device\)" ;;
    esac
    t_cmd backends.passthrough.$kind.missing --exit 2 --stderr-grep \
        "$kind-host: cannot open '$missing': No such file or directory \($hint\)$" \
        -- "$SOCSIM" -M hifive1 --info-tree ${dev}$missing
    t_cmd backends.passthrough.$kind.permission --exit 2 --stderr-grep \
        "$kind-host: cannot open '$locked': Permission denied \(members of the device's group, often $group, may open it\)$" \
        -- t_unpriv "$SOCSIM" -M hifive1 --info-tree ${dev}$locked
    t_cmd backends.passthrough.$kind.not_a_device --exit 2 --stderr-grep \
        "$kind-host: '$TMP/plain' $notdev" -- "$SOCSIM" -M hifive1 --info-tree ${dev}$TMP/plain
done
rm -rf "$(dirname "$locked")"

# ---- the host's own devices, where it has them ----
# kernel KIND PATTERN HOW -device...: socsim takes the host's first such device, or SKIP.
kernel() {
    local kind=$1 pattern=$2 how=$3 d
    shift 3
    for d in $pattern; do [ -e "$d" ] && break; d=; done
    if [ -z "$d" ]; then
        t_skip backends.passthrough.$kind.kernel "no $pattern on this host$how"
        return
    fi
    t_cmd backends.passthrough.$kind.kernel -- "$SOCSIM" -M hifive1 --info-tree "${@/@DEV@/$d}"
}
kernel i2c "/dev/i2c-*" " (modprobe i2c-dev)" -device i2c-host,bus=i2c0.0,addr=0x77,dev=@DEV@
kernel spi "/dev/spidev*" "" -device spi-host,bus=spi1.0,addr=3,dev=@DEV@
kernel gpio "/dev/gpiochip*" "" -device gpio-host,chip=@DEV@,lines=2:0:in
