#!/usr/bin/env python3
"""The other end of a serial line for tests/backends/serial.sh: makes a pseudo-terminal
pair, runs socsim (the arguments after --) with @TTY@ replaced by the slave's name, and for
every line the guest sends prints it with the line's termios settings at that moment, then
answers one byte so the guest goes on.  Then socsim's own stdout; ends with its exit
status."""
import os
import subprocess
import sys
import termios

master, slave = os.openpty()
name = os.ttyname(slave)
cmd = [a.replace("@TTY@", name) for a in sys.argv[sys.argv.index("--") + 1:]]
p = subprocess.Popen(cmd, stdout=subprocess.PIPE)

speeds = {getattr(termios, n): n[1:] for n in dir(termios) if n[:1] == "B" and n[1:].isdigit()}
CMSPAR = 0o10000000000


def line_settings():
    a = termios.tcgetattr(slave)
    cflag = a[2]
    bits = {termios.CS5: 5, termios.CS6: 6, termios.CS7: 7, termios.CS8: 8}[cflag & termios.CSIZE]
    par = "N"
    if cflag & termios.PARENB:
        odd = bool(cflag & termios.PARODD)
        par = ("M" if odd else "S") if cflag & CMSPAR else ("O" if odd else "E")
    stop = 2 if cflag & termios.CSTOPB else 1
    return "%s %d%s%d" % (speeds.get(a[5], "?"), bits, par, stop)


buf = b""
done = False
while not done:
    k = os.read(master, 256)
    if not k:
        break
    buf += k
    while b"\n" in buf and not done:
        ln, buf = buf.split(b"\n", 1)
        text = ln.decode(errors="replace")
        print("%s: %s" % (text, line_settings()), flush=True)
        done = text == "done"
        if not done:
            os.write(master, b"x")
out, _ = p.communicate()
sys.stdout.write(out.decode(errors="replace"))  # socsim's own stdout, after the line's
sys.exit(p.returncode)
