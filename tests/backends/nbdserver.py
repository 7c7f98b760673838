#!/usr/bin/env python3
"""A minimal NBD server (fixed newstyle handshake, simple replies) that serves a file over a
Unix socket and goes away after a given number of requests, so a test can make a server
vanish at an exact point of a run.  It puts itself in the background once the socket
listens (like qemu-nbd --fork) and writes its pid to PIDFILE.

usage: nbdserver.py SOCKET IMAGE PIDFILE REQUESTS"""
import os
import socket
import struct
import sys

OPT_MAGIC = 0x3E889045565A9
REQ_MAGIC = 0x25609513
REP_MAGIC = 0x67446698
NBD_OPT_EXPORT_NAME, NBD_OPT_GO, NBD_OPT_ABORT = 1, 7, 2
NBD_REP_ACK, NBD_REP_INFO, NBD_REP_ERR_UNSUP = 1, 3, 0x80000001
FLAGS = 1 | 4  # HAS_FLAGS, SEND_FLUSH


def recv(c, n):
    b = b""
    while len(b) < n:
        k = c.recv(n - len(b))
        if not k:
            raise EOFError
        b += k
    return b


def reply(c, opt, typ, data=b""):
    c.sendall(struct.pack(">QIII", OPT_MAGIC, opt, typ, len(data)) + data)


def serve(c, img, left):
    size = os.path.getsize(img)
    c.sendall(b"NBDMAGIC" + b"IHAVEOPT" + struct.pack(">H", 1 | 2))
    recv(c, 4)
    while True:
        _, opt, ln = struct.unpack(">QII", recv(c, 16))
        recv(c, ln)
        if opt == NBD_OPT_GO:
            reply(c, opt, NBD_REP_INFO, struct.pack(">HQH", 0, size, FLAGS))
            reply(c, opt, NBD_REP_ACK)
            break
        if opt == NBD_OPT_EXPORT_NAME:
            c.sendall(struct.pack(">QH", size, FLAGS))
            break
        if opt == NBD_OPT_ABORT:
            return
        reply(c, opt, NBD_REP_ERR_UNSUP)
    with open(img, "r+b") as f:
        while left > 0:
            _, _, typ, cookie, off, ln = struct.unpack(">IHHQQI", recv(c, 28))
            if typ == 2:
                return
            data = b""
            if typ == 1:
                f.seek(off)
                f.write(recv(c, ln))
            elif typ == 0:
                f.seek(off)
                data = f.read(ln)
            c.sendall(struct.pack(">IIQ", REP_MAGIC, 0, cookie) + data)
            left -= 1


def main():
    path, img, pidfile, left = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(path)
    s.listen(1)
    pid = os.fork()
    if pid:
        with open(pidfile, "w") as p:
            p.write(str(pid))
        return
    os.setsid()
    sys.stdin.close()
    os.close(1)
    os.close(2)
    c, _ = s.accept()
    try:
        serve(c, img, left)
    except (EOFError, OSError):
        pass
    c.close()  # gone: the client sees the end of the stream
    s.close()
    os.unlink(path)


main()
