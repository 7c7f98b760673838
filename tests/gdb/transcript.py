#!/usr/bin/env python3
"""Replays the interactive gdb sessions of a documentation page and checks every line
(docs/gdb.md; tests/gdb/docs.sh runs it).

A session is the page's fenced blocks whose info string holds "session=NAME", in page
order.  In them:
  $ build/socsim ARGS          socsim is started in the background (-s becomes -gdb tcp::0,
                               the port the host picks; --max-time 1s is added); the lines
                               after it are its first lines on stderr
  $ gdb-multiarch ARGS         gdb is started on a pseudo-terminal, as a user's terminal
                               (with -nx, no line editing, no confirmations)
  (gdb) COMMAND                typed at gdb's prompt once it shows; the lines after it, up to
                               the next "(gdb) " line, are what gdb prints
A block of the session with neither is socsim's stdout when the session is over: gdb quits,
socsim runs the firmware to its end.  The port shows as 1234 (-s's) in commands and
output.  Prints "PASS NAME" or "FAIL NAME: why" per command and per output block.
Usage: transcript.py PAGE   (from the source tree's top; env SOCSIM, GDB)
"""
import os
import pty
import re
import select
import shlex
import subprocess
import sys
import tempfile
import termios
import time

WAIT = 60  # host seconds: a guard against a hang only; every socsim run is --max-time bounded
DOC_PORT = '1234'


def sessions(page):
    """{name: [(line, [lines])]} of the page's session blocks."""
    out = {}
    lines = open(page, encoding='utf-8').read().split('\n')
    i = 0
    while i < len(lines):
        m = re.match(r'^```+\s*\w*(.*)$', lines[i])
        if not m:
            i += 1
            continue
        name = re.search(r'\bsession=([\w-]+)', m.group(1))
        j = i + 1
        while j < len(lines) and not lines[j].startswith('```'):
            j += 1
        if name:
            out.setdefault(name.group(1), []).append((i + 1, lines[i + 1:j]))
        i = j + 1
    return out


class Gdb:
    def __init__(self, argv, env):
        self.master, slave = pty.openpty()
        attrs = termios.tcgetattr(slave)
        attrs[1] &= ~termios.ONLCR
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        self.p = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                  start_new_session=True)
        os.close(slave)

    def until_prompt(self):
        """Everything gdb prints up to its next prompt (None after WAIT seconds)."""
        buf = b''
        deadline = time.monotonic() + WAIT
        while not buf.endswith(b'(gdb) '):
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([self.master], [], [], left)
            if not r:
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:
                data = b''
            if not data:
                return None
            buf += data
        return buf[:-len(b'(gdb) ')].decode('utf-8', 'replace').replace('\r', '')

    def send(self, cmd):
        os.write(self.master, (cmd + '\n').encode())

    def close(self):
        try:
            self.send('quit')
        except OSError:
            pass
        try:
            self.p.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
        os.close(self.master)


def check(name, expected, actual, port):
    actual = [l.replace(':' + port, ':' + DOC_PORT) for l in actual]
    if expected == actual:
        print('PASS %s' % name)
        return True
    for k in range(max(len(expected), len(actual))):
        e = expected[k] if k < len(expected) else None
        a = actual[k] if k < len(actual) else None
        if e != a:
            print('FAIL %s: line %d: expected %r, got %r' % (name, k + 1, e, a))
            print('--- expected\n%s\n--- got\n%s' % ('\n'.join(expected), '\n'.join(actual)),
                  file=sys.stderr)
            return False
    return False


def replay(page, name, blocks, tmp):
    env = dict(os.environ, TERM='dumb', LC_ALL='C')
    socsim = gdb = sim = None
    port = None
    err_path = os.path.join(tmp, name + '.err')
    out_path = os.path.join(tmp, name + '.out')
    final = None
    for line, body in blocks:
        items = []  # (kind, text, expected lines, line number)
        for k, l in enumerate(body):
            if l.startswith('$ ') or l.startswith('(gdb) '):
                kind = '$' if l.startswith('$ ') else 'gdb'
                items.append([kind, l.split(' ', 1)[1], [], line + 1 + k])
            elif items:
                items[-1][2].append(l)
        if not items:
            final = (line, body)
            continue
        for kind, text, expected, n in items:
            what = '%s:%d' % (page, n)
            if kind == '$' and 'socsim' in text.split()[0]:
                argv = shlex.split(text)
                argv[0] = os.environ.get('SOCSIM', argv[0])
                if '-s' in argv:  # -s is tcp::1234; the test takes a port the host picks
                    k = argv.index('-s')
                    argv[k:k + 1] = ['-gdb', 'tcp::0']
                argv += ['--max-time', '1s']
                sim = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                       stdout=open(out_path, 'w'), stderr=open(err_path, 'w'))
                deadline = time.monotonic() + WAIT
                while time.monotonic() < deadline and sim.poll() is None:
                    m = re.search(r'listening on tcp:127\.0\.0\.1:(\d+)', open(err_path).read())
                    if m:
                        port = m.group(1)
                        break
                    time.sleep(0.02)
                if not port:
                    print('FAIL %s: socsim did not listen: %s' % (what, open(err_path).read()))
                    return
                got = open(err_path).read().split('\n')[:len(expected)]
                check(what, expected, got, port)
            elif kind == '$':
                argv = shlex.split(text)
                argv[0] = os.environ.get('GDB', argv[0])
                argv[1:1] = ['-nx', '-iex', 'set editing off', '-iex', 'set confirm off',
                             '-iex', 'set height 0', '-iex', 'set width 0']
                gdb = Gdb(argv, env)
                got = gdb.until_prompt()
                if got is None:
                    print('FAIL %s: no gdb prompt' % what)
                    return
                check(what, expected, got.split('\n')[:-1] if got else [], port)
            else:
                cmd = text.replace(':' + DOC_PORT, ':' + port)
                gdb.send(cmd)
                got = gdb.until_prompt()
                if got is None:
                    print('FAIL %s: no gdb prompt after %r' % (what, cmd))
                    return
                got = got.split('\n')
                if got[0] == cmd:  # the terminal's echo of what was typed
                    got = got[1:]
                if got and got[-1] == '':
                    got.pop()
                check(what, expected, got, port)
    if gdb:
        gdb.close()
    if sim:
        try:
            sim.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            sim.kill()
            sim.wait()
    if final:
        body = final[1]
        got = open(out_path).read().split('\n')
        if got and got[-1] == '':
            got.pop()
        check('%s:%d' % (page, final[0]), body, got, port or DOC_PORT)


def main():
    page = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix='gdbdoc.', dir=os.environ.get('TMP') or None)
    found = sessions(page)
    if not found:
        print('FAIL %s: no session=NAME blocks' % page)
    for name, blocks in found.items():
        replay(page, name, blocks, tmp)


if __name__ == '__main__':
    main()
