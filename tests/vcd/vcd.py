#!/usr/bin/env python3
"""A strict reader of the VCD files socsim writes (IEEE 1364-2005, 18.2), for tests/vcd.

    vcd.py check FILE          exit 1 with the reason unless FILE is well formed: one
                               $timescale of 1ps, balanced scopes, declared 1-bit wires
                               with unique identifiers, times that only increase, values
                               0/1/x for declared wires, $dumpvars/$dumpon/$dumpoff blocks
                               closed by $end and holding every wire
    vcd.py names FILE          the wires' tree names (scopes joined by dots, without the
                               top scope), one a line, in the file's order
    vcd.py edges FILE NAME     NAME's levels as TIME=LEVEL words: the level each dump gives
                               it, then each change
    vcd.py changes FILE        every wire's edges, a line per wire: NAME TIME=LEVEL ...
    vcd.py loose-changes FILE  the same from a VCD that GTKWave's fst2vcd wrote (its dump
                               blocks and times are taken as they come)
    vcd.py spi START PERIOD MODE MOSI MISO
                               the SCK, MOSI and MISO edges (three lines) of back-to-back
                               SPI bytes (MOSI, MISO: hex bytes with commas), most
                               significant bit first, the first at START, a bit every
                               PERIOD ps, in SPI mode MODE (CPOL << 1 | CPHA)
    vcd.py frame START HZ CPB BYTE [BITS [STOP]]
                               the edges a UART frame of BYTE starting at START makes: a
                               bit every CPB cycles of HZ, BITS data bits (8), least
                               significant first, then the stop bit: TIME=LEVEL words
"""
import sys


class VcdError(Exception):
    pass


def tokens(text):
    for line_no, line in enumerate(text.splitlines(), 1):
        for word in line.split():
            yield line_no, word


def parse(path, strict=True):
    """(names by code, [(time, code, level)]) with dump blocks expanded."""
    with open(path, encoding="ascii") as f:
        toks = list(tokens(f.read()))
    i = 0
    scopes, names, order = [], {}, []
    timescale = None

    def until_end(start):
        j = start
        while j < len(toks) and toks[j][1] != "$end":
            j += 1
        if j == len(toks):
            raise VcdError(f"line {toks[start - 1][0]}: no $end")
        return [w for _, w in toks[start:j]], j + 1

    while i < len(toks):
        line, w = toks[i]
        if w in ("$comment", "$date", "$version"):
            _, i = until_end(i + 1)
        elif w == "$timescale":
            body, i = until_end(i + 1)
            timescale = "".join(body)
        elif w == "$scope":
            body, i = until_end(i + 1)
            if len(body) != 2 or body[0] != "module":
                raise VcdError(f"line {line}: bad $scope {body}")
            scopes.append(body[1])
        elif w == "$upscope":
            body, i = until_end(i + 1)
            if not scopes:
                raise VcdError(f"line {line}: $upscope without a scope")
            scopes.pop()
        elif w == "$var":
            body, i = until_end(i + 1)
            if len(body) != 4 or body[0] != "wire" or body[1] != "1":
                raise VcdError(f"line {line}: expected '$var wire 1 CODE NAME $end': {body}")
            code, name = body[2], ".".join(scopes[1:] + [body[3]])
            if code in names:
                raise VcdError(f"line {line}: identifier {code} declared twice")
            if not scopes:
                raise VcdError(f"line {line}: $var outside a scope")
            names[code] = name
            order.append(code)
        elif w == "$enddefinitions":
            _, i = until_end(i + 1)
            break
        else:
            raise VcdError(f"line {line}: unexpected '{w}' in the header")
    else:
        raise VcdError("no $enddefinitions")
    if scopes:
        raise VcdError(f"scopes left open: {scopes}")
    if strict and timescale != "1ps":
        raise VcdError(f"$timescale is {timescale}, expected 1ps")
    changes, time, block, seen = [], None, None, set()
    while i < len(toks):
        line, w = toks[i]
        i += 1
        if w.startswith("#"):
            t = int(w[1:])
            if block:
                raise VcdError(f"line {line}: a time inside {block}")
            if time is not None and t <= time and strict:
                raise VcdError(f"line {line}: time {t} after {time}")
            time = t
        elif not strict and w in ("$dumpvars", "$dumpon", "$dumpoff", "$dumpall", "$end"):
            continue  # fst2vcd's dumps: only the levels and times matter
        elif w in ("$dumpvars", "$dumpon", "$dumpoff", "$dumpall"):
            if block:
                raise VcdError(f"line {line}: {w} inside {block}")
            if time is None:
                raise VcdError(f"line {line}: {w} before any time")
            block, seen = w, set()
        elif w == "$end":
            if not block:
                raise VcdError(f"line {line}: $end outside a block")
            if strict and seen != set(names):
                raise VcdError(f"line {line}: {block} lacks {sorted(set(names) - seen)}")
            block = None
        elif w == "$comment":
            _, i = until_end(i)
        else:
            if time is None:
                raise VcdError(f"line {line}: a value before any time")
            level, code = w[0], w[1:]
            if level not in "01xXzZ" or code not in names:
                raise VcdError(f"line {line}: bad value change '{w}'")
            if block == "$dumpoff" and level not in "xX" and strict:
                raise VcdError(f"line {line}: $dumpoff gives {w}")
            if strict and block is None and level in "xX":
                raise VcdError(f"line {line}: x outside $dumpoff")
            seen.add(code)
            changes.append((time, code, level.lower()))
    if block:
        raise VcdError(f"{block} not closed")
    return names, order, changes


def edges(names, changes):
    """{name: [(time, level)]} keeping only changes of level."""
    out = {names[c]: [] for c in names}
    for t, c, v in changes:
        e = out[names[c]]
        if (e and e[-1][1] != v) or (not e and v != "x"):  # no level yet is x
            e.append((t, v))
    return out


def fmt(es):
    return " ".join(f"{t}={v}" for t, v in es)


def frame(start, hz, cpb, byte, bits=8, stop=1):
    levels = [0] + [(byte >> k) & 1 for k in range(bits)] + [1] * stop
    out, last = [], None
    for k, v in enumerate(levels):
        if v != last:
            out.append((start + k * cpb * 10**12 // hz, str(v)))
            last = v
    return out


def spi(start, period, mode, mosi, miso):
    """The SCK, MOSI and MISO edges of contiguous SPI bytes, most significant bit first,
    the first bit at `start`, a bit every `period` ps; mode: CPOL << 1 | CPHA."""
    pol, pha, half = mode >> 1 & 1, mode & 1, period // 2
    sck, mo, mi = [], [], []
    for n in range(8 * len(mosi)):
        t = start + n * period
        for e, byte in ((mo, mosi[n // 8]), (mi, miso[n // 8])):
            v = str(byte >> (7 - n % 8) & 1)
            if not e or e[-1][1] != v:
                e.append((t, v))
        lead = t if pha else t + half
        sck += [(lead, str(1 - pol)), (lead + half, str(pol))]
    return sck, mo, mi


def main(argv):
    try:
        cmd = argv[1]
        if cmd == "frame":
            a = [int(x, 0) for x in argv[2:]]
            print(fmt(frame(*a)))
            return 0
        if cmd == "spi":
            start, period, mode = (int(x, 0) for x in argv[2:5])
            mosi = [int(x, 16) for x in argv[5].split(",")]
            miso = [int(x, 16) for x in argv[6].split(",")]
            for e in spi(start, period, mode, mosi, miso):
                print(fmt(e))
            return 0
        names, order, changes = parse(argv[2], strict=cmd != "loose-changes")
        if cmd == "check":
            return 0
        if cmd == "names":
            print("\n".join(names[c] for c in order))
        elif cmd == "edges":
            e = edges(names, changes)
            if argv[3] not in e:
                raise VcdError(f"no wire {argv[3]}")
            print(fmt(e[argv[3]]))
        elif cmd in ("changes", "loose-changes"):
            e = edges(names, changes)
            for name in sorted(e):
                print(name, fmt(e[name]))
        else:
            raise VcdError(f"unknown command {cmd}")
    except VcdError as err:
        print(f"{argv[2] if len(argv) > 2 else ''}: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
