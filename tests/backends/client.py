#!/usr/bin/env python3
"""Drive a simulator whose UART is a socket or pty chardev, as a terminal user would.

Usage: client.py tcp|unix|pty PAYLOAD -- SOCSIM-COMMAND...
Starts the command, reads its stderr until it names where to connect (the socket
chardev's "waiting for connection on tcp:HOST:PORT" / "unix:PATH" line, the pty's
"char device redirected to /dev/pts/N" line), connects, sends PAYLOAD (with \\n
escapes), then prints every byte that comes back until the simulator exits.  Exits
with the simulator's status.  Nothing here waits on a wall-clock timer: each step waits
for the simulator to act, and the simulator is bounded by --max-time."""
import os
import re
import socket
import subprocess
import sys

mode, payload = sys.argv[1], sys.argv[2].encode().decode('unicode_escape').encode('latin1')
cmd = sys.argv[sys.argv.index('--') + 1:]
proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
patterns = {
    'tcp': rb'tcp:([0-9.]+):(\d+)',
    'unix': rb'unix:([^\s,]+)',
    'pty': rb'char device redirected to (\S+)',
}
err = b''
match = None
while match is None:
    line = proc.stderr.readline()
    if not line:
        break
    err += line
    match = re.search(patterns[mode], line)
if match is None:
    sys.stderr.write(err.decode(errors='replace'))
    sys.exit(proc.wait() or 99)

got = b''
if mode == 'pty':
    fd = os.open(match.group(1), os.O_RDWR | os.O_NOCTTY)
    os.write(fd, payload)
    while True:
        try:
            b = os.read(fd, 4096)
        except OSError:  # EIO: the simulator closed the pty's master side
            break
        if not b:
            break
        got += b
        if got.endswith(b'\n'):  # the echo firmware's last byte; then it exits
            break
    os.close(fd)
else:
    if mode == 'tcp':
        s = socket.create_connection((match.group(1).decode(), int(match.group(2))))
    else:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(match.group(1).decode())
    s.sendall(payload)
    while True:
        b = s.recv(4096)
        if not b:
            break
        got += b
    s.close()
err += proc.stderr.read()
rc = proc.wait()
sys.stdout.buffer.write(got)
sys.stderr.write(err.decode(errors='replace'))
sys.exit(rc)
