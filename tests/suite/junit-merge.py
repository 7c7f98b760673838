#!/usr/bin/env python3
"""Merges the JUnit files of a socsim suite's shards (socsim --suite ... --shard K/N
--junit FILE) into the file the unsharded run writes, byte for byte: the testsuites of all
files sorted by name, each as it is, and the totals summed (docs/scale.md, "Merging").

Usage: junit-merge.py [-o OUT] FILE...
Without -o the result goes to stdout; with -o it is written to a temporary file renamed to
OUT, so OUT is never half written.  A testsuite found in two files, files of different
suites, or a file that is no JUnit XML is an error (exit status 1).
"""
import os
import sys
import xml.etree.ElementTree as ET

# The escapes socsim's writer uses (sim/suite.c, xml_escape): the same bytes come out of a
# merge as went into it.
TEXT = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;'}
ATTR = dict(TEXT, **{'"': '&quot;', '\n': '&#10;', '\t': '&#9;'})


def escape(s, table):
    return ''.join(table.get(c, c) for c in s)


def write(e, depth, out):
    pad = '  ' * depth
    attrs = ''.join(' %s="%s"' % (k, escape(v, ATTR)) for k, v in e.attrib.items())
    if len(e):
        out.append('%s<%s%s>\n' % (pad, e.tag, attrs))
        for child in e:
            write(child, depth + 1, out)
        out.append('%s</%s>\n' % (pad, e.tag))
    elif e.text:
        out.append('%s<%s%s>%s</%s>\n' % (pad, e.tag, attrs, escape(e.text, TEXT), e.tag))
    else:
        out.append('%s<%s%s/>\n' % (pad, e.tag, attrs))


def fail(msg):
    sys.stderr.write('junit-merge: %s\n' % msg)
    sys.exit(1)


def millis(text):
    return round(float(text) * 1000)


def merge(paths):
    name, timed, suites = None, False, {}
    for path in paths:
        try:
            root = ET.parse(path).getroot()
        except (OSError, ET.ParseError) as e:
            fail('%s: %s' % (path, e))
        if root.tag != 'testsuites':
            fail('%s: not a JUnit file of testsuites (its root is <%s>)' % (path, root.tag))
        if name is not None and root.get('name') != name:
            fail("%s: a file of suite '%s', not '%s'" % (path, root.get('name'), name))
        name = root.get('name')
        timed = timed or 'time' in root.attrib
        for suite in root:
            key = suite.get('name')
            if suite.tag != 'testsuite' or key is None:
                fail('%s: <%s> in <testsuites> is not a named testsuite' % (path, suite.tag))
            if key in suites:
                fail('%s: testsuite %s is in %s too' % (path, key, suites[key][0]))
            suites[key] = (path, suite)
    merged = ET.Element('testsuites')
    if name is not None:
        merged.set('name', name)
    for total in ('tests', 'failures', 'errors'):
        merged.set(total, str(sum(int(s.get(total, '0')) for _, s in suites.values())))
    if timed:
        ms = sum(millis(s.get('time', '0')) for _, s in suites.values())
        merged.set('time', '%d.%03d' % (ms // 1000, ms % 1000))
    for key in sorted(suites):
        merged.append(suites[key][1])
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    write(merged, 0, out)
    return ''.join(out)


def main(argv):
    out = None
    if argv[:1] == ['-o'] and len(argv) > 1:
        out, argv = argv[1], argv[2:]
    if not argv or any(a.startswith('-') for a in argv):
        sys.stderr.write('usage: junit-merge.py [-o OUT] FILE...\n')
        return 2
    text = merge(argv)
    if out is None:
        sys.stdout.buffer.write(text.encode('utf-8'))
        return 0
    tmp = '%s.tmp.%d' % (out, os.getpid())
    try:
        with open(tmp, 'w', encoding='utf-8', newline='') as f:
            f.write(text)
        os.replace(tmp, out)
    except OSError as e:
        if os.path.exists(tmp):
            os.unlink(tmp)
        fail('%s: %s' % (out, e))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
