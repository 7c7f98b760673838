#!/usr/bin/env python3
"""Runs the examples of the documentation and checks what they print (docs/testing.md,
"Checked examples").

A page's fenced blocks, in document order:

  ```LANG file=PATH      the block's text is written to PATH in the page's scratch directory
  ```console            lines starting with "$ " are commands (a line ending in "\" goes on
                        on the next line); the lines after a command, up to the next one, are
                        its output, stdout and stderr together as a terminal shows them.
                        "..." inside a line matches any text; a line that is only "..."
                        matches any number of lines
  ```console norun REASON   not run (real hardware, an interactive session); the reason is
                        required
  <!-- checked by FILE [FILE...][: FIGURE, FIGURE...] -->   the files exist and each figure
                        occurs in one of them
  ````markdown doctest  markdown shown as source whose blocks are examples as above

Every command of a page runs in the page's scratch directory, which holds a symbolic link to
each top-level entry of the source tree (build/, boards/, tests/, ...), so a command runs as
it would at the top of the tree while what it writes stays in the scratch directory; build/
is on PATH (so is "socsim"), HOME is the scratch directory's home/, stdin is /dev/null.
The commands of one block run in one shell, so "echo $?" gives the status of the command
before it.  A "$ " line in any other code block is an error: it would look checked and not be.

Prints "PASS PAGE:LINE" or "FAIL PAGE:LINE: why" per console block and per "checked by"
comment (LINE: the block's opening fence); details of a failure follow on stderr.
Usage: doctest.py ROOT PAGE...   (env: TMP scratch root, DOCTEST_KEEP=1 keeps it)

       doctest.py --extract PAGE DIR NAME...
writes the page's "file=NAME" blocks into DIR, for a build that compiles a page's example
as the page shows it (tests/recipes/recipes.mk); a NAME the page lacks is an error.
"""
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import termios
import time

BLOCK_TIMEOUT = 120  # host seconds: only a guard against a hung command, never a check

FENCE = re.compile(r'^(\s*)(`{3,}|~{3,})\s*(.*)$')
CHECKED = re.compile(r'(?<!`)<!--\s*checked by\s+(.*?)\s*-->', re.S)


class Block:
    def __init__(self, line, info, text):
        self.line = line  # 1-based line of the opening fence
        words = info.split()
        self.lang = words[0] if words else ''
        self.attrs = {}
        self.norun = None
        for i, w in enumerate(words[1:], 1):
            if w == 'norun':
                self.norun = ' '.join(words[i + 1:])
                break
            if '=' in w:
                k, v = w.split('=', 1)
                self.attrs[k] = v
        self.text = text


def parse(path):
    """Fenced blocks and "checked by" comments of a page, and lint errors."""
    text = open(path, encoding='utf-8').read()
    blocks, errors = parse_lines(text.split('\n'), 0)
    checks = []
    for m in CHECKED.finditer(text):
        checks.append((text.count('\n', 0, m.start()) + 1, m.group(1)))
    return blocks, checks, errors


def parse_lines(lines, offset):
    blocks, errors = [], []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            if re.match(r'^ {4,}\$ \S', lines[i]):
                errors.append((offset + i + 1, 'a "$ " command in an indented block: not '
                               'checked; use a ```console block'))
            i += 1
            continue
        indent, fence, info = len(m.group(1)), m.group(2), m.group(3)
        body, j = [], i + 1
        while j < len(lines):
            c = lines[j].strip()
            if c.startswith(fence[0] * len(fence)) and c == fence[0] * len(c):
                break
            # Inside a list item the block is indented: drop the fence's indentation.
            body.append(lines[j][indent:] if lines[j][:indent].strip() == '' else lines[j])
            j += 1
        b = Block(offset + i + 1, info, '\n'.join(body) + '\n')
        if b.lang == 'markdown':
            # Markdown shown as source; with "doctest" its examples run too (testing.md).
            if 'doctest' in info.split():
                nested, nested_errors = parse_lines(body, offset + i + 1)
                blocks += nested
                errors += nested_errors
        else:
            blocks.append(b)
            if b.lang != 'console' and any(l.startswith('$ ') for l in body):
                errors.append((b.line, 'a "$ " command in a ```%s block: not checked; use a '
                               '```console block' % b.lang))
        i = j + 1
    return blocks, errors


def commands(block):
    """[(command text, [expected lines])] of a console block."""
    out = []
    lines = block.text.split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    i = 0
    while i < len(lines):
        if not lines[i].startswith('$ '):
            if out:
                out[-1][1].append(lines[i])
            elif lines[i].strip():
                raise ValueError('line %d of the block: output before any "$ " command'
                                 % (i + 1))
            i += 1
            continue
        cmd = [lines[i][2:]]
        while cmd[-1].endswith('\\') and i + 1 < len(lines):
            i += 1
            cmd.append(lines[i])
        out.append(('\n'.join(cmd), []))
        i += 1
    return out


def line_re(expected):
    return re.compile('.*'.join(re.escape(p) for p in expected.split('...')) + r'\Z', re.S)


def match(expected, actual):
    """True when the actual lines match the expected ones ("..." wildcards)."""
    memo = {}

    def m(i, j):
        key = (i, j)
        if key in memo:
            return memo[key]
        if i == len(expected):
            r = j == len(actual)
        elif expected[i] == '...':
            r = any(m(i + 1, k) for k in range(j, len(actual) + 1))
        else:
            r = j < len(actual) and line_re(expected[i]).match(actual[j]) is not None \
                and m(i + 1, j + 1)
        memo[key] = r
        return r

    return m(0, 0)


def first_difference(expected, actual):
    """A short account of where the lines part, for the FAIL line."""
    for k in range(max(len(expected), len(actual))):
        e = expected[k] if k < len(expected) else None
        a = actual[k] if k < len(actual) else None
        if e == '...':
            return 'output differs after a "..." line'
        if e is None or a is None or not line_re(e).match(a):
            return 'output line %d: expected %s, got %s' % (
                k + 1, repr(e) if e is not None else 'nothing more',
                repr(a) if a is not None else 'nothing more')
    return 'output differs'


# The programs a page runs from build/ that a sanitized run (HOST_BUILD=build-san) replaces.
HOST_PROGRAMS = ('socsim', 'libsocsim-systemc.so', 'socsim-recipes')


def setup_scratch(root, scratch, host_build):
    os.makedirs(os.path.join(scratch, 'home'))
    for name in sorted(os.listdir(root)):
        if not name.startswith('.') and not (name == 'build' and host_build != 'build'):
            os.symlink(os.path.join(root, name), os.path.join(scratch, name))
    if host_build == 'build':
        return
    # build/ as the page sees it: the firmware and libraries of build/, the programs of
    # HOST_BUILD.
    os.makedirs(os.path.join(scratch, 'build'))
    for name in sorted(os.listdir(os.path.join(root, 'build'))):
        src = os.path.join(root, host_build if name in HOST_PROGRAMS else 'build', name)
        os.symlink(src, os.path.join(scratch, 'build', name))


def write_file(scratch, block):
    path = block.attrs['file']
    if path.startswith('~/'):
        path = os.path.join('home', path[2:])
    full = os.path.join(scratch, path)
    parent = os.path.realpath(os.path.dirname(full))
    real_scratch = os.path.realpath(scratch)
    if os.path.islink(full) or not (parent + '/').startswith(real_scratch + '/'):
        raise ValueError("file=%s would write outside the page's scratch directory "
                         "(into the source tree?)" % block.attrs['file'])
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, 'w', encoding='utf-8') as f:
        f.write(block.text)


MARK = '\x1eDOCTEST-END\x1e'


def run_pty(script, cwd, env):
    """Runs the script with stdout and stderr on a pseudo-terminal, as a user's terminal
    shows them (so a program that writes both sees a terminal and flushes as it would
    there), stdin on /dev/null; returns its output with the terminal's \\r\\n made \\n, or
    None when it did not end within BLOCK_TIMEOUT."""
    master, slave = pty.openpty()
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.ONLCR  # keep \n as the program wrote it
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    p = subprocess.Popen(['bash', '-c', script], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                         stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    out = bytearray()
    deadline = time.monotonic() + BLOCK_TIMEOUT
    while True:
        done = p.poll() is not None
        r, _, _ = select.select([master], [], [], 0 if done else 0.05)
        if r:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: every writer has closed the terminal
                data = b''
            if data:
                out += data
                continue
        if done:
            break
        if time.monotonic() > deadline:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            os.close(master)
            return None
    os.close(master)
    return out.decode('utf-8', 'replace')


def run_block(scratch, block, env):
    """(None, '') when the block's commands print what it shows, else (why, details)."""
    try:
        cmds = commands(block)
    except ValueError as e:
        return str(e), ''
    if not cmds:
        return 'a console block without a "$ " command', ''
    # After each command a mark that keeps its exit status for the next one's "$?".
    script = ['__dt_mark() { local rc=$?; printf "%s"; return $rc; }' %
              MARK.replace('\x1e', '\\036')]
    for cmd, _ in cmds:
        script += [cmd, '__dt_mark']
    data = run_pty('\n'.join(script) + '\n', scratch, env)
    if data is None:
        return 'still running after %d host seconds' % BLOCK_TIMEOUT, ''
    parts = data.split(MARK)
    for n, (cmd, expected) in enumerate(cmds):
        if n + 1 >= len(parts):
            return 'command %d (%s) did not finish: the shell ended before it' % (
                n + 1, cmd.split('\n')[0]), data
        # A line a terminal shows: a program's "\r\n" (the HiFive1 UART's) ends it too.
        actual = [l[:-1] if l.endswith('\r') else l for l in parts[n].split('\n')]
        if actual and actual[-1] == '':
            actual.pop()
        if not match(expected, actual):
            detail = ['$ ' + cmd, '--- expected'] + expected + ['--- got'] + actual
            return 'command %d (%s): %s' % (n + 1, cmd.split('\n')[0][:60],
                                            first_difference(expected, actual)), \
                '\n'.join(detail)
    return None, ''


def check_comment(root, spec):
    files, _, figs = spec.partition(':')
    files = files.split()
    if not files:
        return 'names no file'
    text = ''
    for f in files:
        p = os.path.join(root, f)
        if not os.path.isfile(p):
            return 'no file %s' % f
        text += open(p, encoding='utf-8', errors='replace').read()
    for fig in (x.strip() for x in figs.split(',')):
        if fig and not re.search(r'(?<![\w.])' + re.escape(fig) + r'(?![\w])', text):
            return '%s does not occur in %s' % (fig, ' '.join(files))
    return None


def extract(page, outdir, names):
    blocks, _, errors = parse(page)
    if errors:
        sys.exit('%s:%d: %s' % (page, errors[0][0], errors[0][1]))
    found = {b.attrs['file']: b for b in blocks if 'file' in b.attrs}
    os.makedirs(outdir, exist_ok=True)
    for name in names:
        if name not in found:
            sys.exit('%s: no block with file=%s' % (page, name))
        with open(os.path.join(outdir, os.path.basename(name)), 'w', encoding='utf-8') as f:
            f.write(found[name].text)
    return 0


def main():
    if sys.argv[1] == '--extract':
        return extract(sys.argv[2], sys.argv[3], sys.argv[4:])
    root = os.path.abspath(sys.argv[1])
    pages = sys.argv[2:]
    base = tempfile.mkdtemp(prefix='docs.', dir=os.environ.get('TMP') or None)
    env = dict(os.environ)
    for k in ('SOCSIM_BOARDS', 'SOCSIM_SYSTEMC_BRIDGE', 'SOCSIM', 'FW', 'TMP'):
        env.pop(k, None)
    host_build = env.pop('HOST_BUILD', None) or 'build'
    env['PATH'] = os.path.join(root, host_build) + ':' + env.get('PATH', '/usr/bin:/bin')
    env['LC_ALL'] = 'C'
    env['TERM'] = 'dumb'  # no colours from gcc and friends on the terminal
    failed = 0
    for page in pages:
        blocks, checks, errors = parse(os.path.join(root, page))
        for line, why in errors:
            print('FAIL %s:%d: %s' % (page, line, why), flush=True)
            failed += 1
        for line, spec in checks:
            why = check_comment(root, spec)
            if why:
                print('FAIL %s:%d: checked by %s' % (page, line, why), flush=True)
                failed += 1
            else:
                print('PASS %s:%d' % (page, line), flush=True)
        if not any(b.lang == 'console' and b.norun is None for b in blocks) and \
                not any('file' in b.attrs for b in blocks):
            continue
        scratch = os.path.join(base, page.replace('/', '_'))
        os.makedirs(scratch)
        setup_scratch(root, scratch, host_build)
        env['HOME'] = os.path.join(scratch, 'home')
        for b in blocks:
            name = '%s:%d' % (page, b.line)
            if 'file' in b.attrs:
                try:
                    write_file(scratch, b)
                except ValueError as e:
                    print('FAIL %s: %s' % (name, e), flush=True)
                    failed += 1
                continue
            if b.lang != 'console':
                continue
            if b.norun is not None:
                if not b.norun.strip():
                    print('FAIL %s: norun without a reason' % name, flush=True)
                    failed += 1
                continue
            # The Ibex reference's programs are built from ../shared/reference (beside the
            # checkout): without it the examples that run them are skipped, as its tests are.
            missing = [w for w in b.text.split() if w.startswith('build/ibex/ext/')
                       and not os.path.exists(os.path.join(root, w))]
            if missing and not os.path.isdir(os.path.join(root, '..', 'shared', 'reference')):
                print('SKIP %s: %s not built (no ../shared/reference)' % (name, missing[0]),
                      flush=True)
                continue
            why, detail = run_block(scratch, b, env)
            if why:
                print('FAIL %s: %s' % (name, why), flush=True)
                if detail:
                    print(detail, file=sys.stderr, flush=True)
                failed += 1
            else:
                print('PASS %s' % name, flush=True)
    if os.environ.get('DOCTEST_KEEP') == '1':
        print('scratch directories kept in %s' % base, file=sys.stderr)
    else:
        shutil.rmtree(base, ignore_errors=True)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
