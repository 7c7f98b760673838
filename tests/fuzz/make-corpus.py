#!/usr/bin/env python3
"""Makes the seed corpora of the fuzz harnesses, tests/fuzz/corpus/NAME/, from real inputs:
the command lines of the documentation, the project's boards, test firmware, gdb sessions
recorded between gdb-multiarch and socsim, qcow2 images qemu-img and qemu-io make, overlay
files as socsim writes them.  Run from the top of the tree after `make test` (it needs
build/socsim and the firmware); it adds to what is there (a crash that was fixed stays).
Usage: tests/fuzz/make-corpus.py [NAME...]
"""
import hashlib
import os
import re
import shlex
import socket
import struct
import subprocess
import sys
import tempfile
import threading

CORPUS = 'tests/fuzz/corpus'
SOCSIM = 'build/socsim'


def save(name, data):
    d = os.path.join(CORPUS, name)
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, hashlib.sha1(data).hexdigest()[:16])
    with open(path, 'wb') as f:
        f.write(data)


def doc_command_lines():
    """argv[1:] of every socsim command of docs/ and README.md."""
    pages = ['README.md'] + [os.path.join(dp, f) for dp, _, fs in os.walk('docs')
                             for f in fs if f.endswith('.md')]
    for page in sorted(pages):
        text = open(page, encoding='utf-8').read().replace('\\\n', ' ')
        for m in re.finditer(r'^\s*\$ (?:build/)?socsim (.*)$', text, re.M):
            try:
                yield shlex.split(m.group(1).split(' 2>')[0].split(' | ')[0].split('; ')[0])
            except ValueError:
                pass


def cmdline():
    for argv in doc_command_lines():
        save('cmdline', b'\0'.join(a.encode() for a in argv))


def opts():
    """Each -device and -global value of the docs, prefixed with its type's index in the
    sorted list of device types (the harness's first byte)."""
    help_text = subprocess.run([SOCSIM, '-device', 'help'], capture_output=True,
                               text=True).stdout
    types = sorted(m.group(1) for m in re.finditer(r'^  (\S+)\s', help_text, re.M))
    for argv in doc_command_lines():
        for opt, val in zip(argv, argv[1:]):
            if opt in ('-device', '-global'):
                name = re.split(r'[,.]', val, 1)[0]
                if name in types:
                    spec = val.split(',', 1)[1] if opt == '-device' and ',' in val else val
                    save('opts', bytes([types.index(name)]) + spec.encode())


def elf():
    fw = ['cli/spin', 'cli/five', 'cli/far', 'cli/hf1_misaligned-flash0', 'virt32/hello',
          'virt32/htif', 'virt32/signature', 'virt32/isa_c', 'gdb/gdbtest']
    paths = ['build/fw/%s.elf' % f for f in fw] + ['build/ibex/tests/branches.elf',
                                                     'build/e31/xip.elf']
    for p in paths:
        save('elf', open(p, 'rb').read())
    with tempfile.TemporaryDirectory() as tmp:
        stripped = os.path.join(tmp, 's.elf')
        subprocess.run(['riscv64-unknown-elf-strip', '-o', stripped, paths[0]], check=True)
        save('elf', open(stripped, 'rb').read())


def board():
    for f in sorted(os.listdir('boards')):
        save('board', open(os.path.join('boards', f), 'rb').read())
    save('board', open('tests/e31/e31-virt.lua', 'rb').read())
    # the board scripts the docs write (```lua file=NAME.lua)
    for dp, _, fs in os.walk('docs'):
        for f in fs:
            text = open(os.path.join(dp, f), encoding='utf-8').read()
            for m in re.finditer(r'^```lua file=\S+\n(.*?)^```', text, re.M | re.S):
                if 'socsim.device' in m.group(1) or 'socsim.ram' in m.group(1):
                    save('board', m.group(1).encode())


def record_gdb(args, commands):
    """What gdb-multiarch sends in one session (a proxy between it and socsim's stub)."""
    with tempfile.TemporaryDirectory() as tmp:
        sock = os.path.join(tmp, 'stub.sock')
        sim = subprocess.Popen([SOCSIM, '-M', 'virt32', '-kernel', 'build/fw/gdb/gdbtest.elf',
                                '-gdb', 'unix:' + sock, '-S', '--max-time', '100ms'] + args,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        sim.stderr.readline()  # "listening on"
        lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        lst.bind(('127.0.0.1', 0))
        lst.listen(1)
        sent = bytearray()

        def proxy():
            c, _ = lst.accept()
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(sock)

            def back():
                while True:
                    d = s.recv(65536)
                    if not d:
                        break
                    c.sendall(d)
                c.close()
            t = threading.Thread(target=back)
            t.start()
            while True:
                d = c.recv(65536)
                if not d:
                    break
                sent.extend(d)
                s.sendall(d)
            s.shutdown(socket.SHUT_WR)
            t.join()

        t = threading.Thread(target=proxy)
        t.start()
        ex = []
        for c in ['set pagination off', 'set confirm off',
                  'target remote 127.0.0.1:%d' % lst.getsockname()[1]] + commands:
            ex += ['-ex', c]
        subprocess.run(['timeout', '60', 'gdb-multiarch', '-batch', '-nx'] + ex +
                       ['build/fw/gdb/gdbtest.elf'], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        t.join(60)
        sim.wait(60)
        return bytes(sent)


def gdb():
    sessions = [
        ['info registers', 'x/8x 0x80000000', 'stepi', 'stepi 5', 'p $pc', 'kill'],
        ['break main', 'continue', 'next', 'step', 'info locals', 'bt', 'finish', 'detach'],
        ['watch g_scale', 'continue', 'rwatch g_scale', 'awatch g_scale', 'delete',
         'continue'],
        ['hbreak main', 'continue', 'p $mcause', 'p $mstatus', 'set var $a0 = 5',
         'set {int}0x80001000 = 0x12345678', 'x/wx 0x80001000', 'info all-registers', 'kill'],
        ['monitor help', 'monitor cycles', 'monitor instret', 'monitor time',
         'monitor stats', 'monitor info tree', 'monitor reset', 'monitor nonsense', 'kill'],
        ['restore build/fw/gdb/gdbtest.elf binary 0x80010000 0 64', 'x/16xb 0x80010000',
         'load', 'detach'],
    ]
    for commands in sessions:
        data = record_gdb([], commands)
        if len(data) <= 16384:
            save('gdb', data)


def qcow2():
    with tempfile.TemporaryDirectory() as tmp:
        img = os.path.join(tmp, 'image')
        base = os.path.join(tmp, 'base.raw')
        with open(base, 'wb') as f:  # the harness's base.raw is this size
            f.write(bytes(64 * 1024 + 1000))

        def make(opts, size='64K', io=(), backing=None, convert=None):
            if os.path.exists(img):
                os.unlink(img)
            cmd = ['qemu-img', 'create', '-q', '-f', 'qcow2', '-o', opts]
            if backing:
                cmd += ['-b', backing, '-F', 'raw']
            subprocess.run(cmd + [img] + ([size] if size else []), check=True, cwd=tmp)
            for c in io:
                subprocess.run(['qemu-io', '-f', 'qcow2', '-c', c, img], check=True,
                               stdout=subprocess.DEVNULL, cwd=tmp)
            if convert:
                out = img + '.c'
                subprocess.run(['qemu-img', 'convert', '-q', '-O', 'qcow2', '-o', convert,
                                '-c', img, out], check=True)
                os.replace(out, img)
            data = open(img, 'rb').read()
            if len(data) <= 64 * 1024:
                save('qcow2', data)

        writes = ('write -P 0xab 0 4k', 'write -P 0xcd 32k 1k', 'write -z 8k 4k')
        make('cluster_size=512,compat=1.1')
        make('cluster_size=512,compat=0.10', io=writes)
        make('cluster_size=1024,compat=1.1,refcount_bits=1', io=writes)
        make('cluster_size=4096,compat=1.1,refcount_bits=64', io=writes)
        make('cluster_size=512,compat=1.1,lazy_refcounts=on', io=writes)
        make('cluster_size=512,compat=1.1', io=writes, convert='cluster_size=512')
        make('cluster_size=512,compat=1.1', size=None, backing='base.raw', io=writes[:1])
        make('cluster_size=512,compat=1.1', size='1M', io=('write -P 0x11 1020k 4k',))
        make('cluster_size=512,compat=1.1,preallocation=metadata', size='16K')
        make('cluster_size=512,compat=1.1', io=writes[:1])
        subprocess.run(['qemu-img', 'snapshot', '-c', 'snap', img], check=True)
        subprocess.run(['qemu-io', '-f', 'qcow2', '-c', 'write -P 0x77 0 2k', img], check=True,
                       stdout=subprocess.DEVNULL)
        save('qcow2', open(img, 'rb').read())


def overlay():
    """The overlay format (blockdev_overlay.c) over the harness's 66536-byte base: 17
    clusters, bitmap at 64, data at 4096."""
    size, nclusters = 64 * 1024 + 1000, 17

    def ov(clusters, data_clusters=None):
        hdr = b'SOCSIMOV' + struct.pack('<IIQQQ', 1, 4096, size, 64, 4096)
        hdr += bytes(64 - len(hdr))
        bitmap = bytearray((nclusters + 7) // 8)
        for c in clusters:
            bitmap[c // 8] |= 1 << (c % 8)
        out = bytearray(hdr + bitmap)
        out += bytes(4096 - len(out))
        for c in range(max(data_clusters if data_clusters is not None else clusters,
                           default=-1) + 1):
            out += bytes([c * 17 & 0xff]) * 4096 if c in clusters else bytes(4096)
        return bytes(out)

    save('overlay', b'')  # no file: made on the first write
    save('overlay', ov([]))
    save('overlay', ov([0]))
    save('overlay', ov([0, 1, 16], data_clusters=[0, 1]))  # cluster 16 past the end
    save('overlay', ov(list(range(nclusters)))[:4096 + 3 * 4096 + 100])  # data cut short
    save('overlay', ov([2, 3], data_clusters=[]))  # bitmap set, no data: a sparse end


HARNESSES = {'cmdline': cmdline, 'opts': opts, 'elf': elf, 'board': board, 'gdb': gdb,
             'qcow2': qcow2, 'overlay': overlay}

if __name__ == '__main__':
    for name in sys.argv[1:] or HARNESSES:
        HARNESSES[name]()
        d = os.path.join(CORPUS, name)
        files = os.listdir(d)
        print('%s: %d inputs, %d bytes' % (name, len(files),
                                            sum(os.path.getsize(os.path.join(d, f))
                                                for f in files)))
