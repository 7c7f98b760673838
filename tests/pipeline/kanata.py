#!/usr/bin/env python3
"""Read a Kanata log (version 0004, the format the Konata viewer opens) strictly.

  kanata.py check FILE   exit 1 with the first fault: header, C=/C lines, time going back,
                         a command for an instruction not begun (I) or already ended (R),
                         ids not 0, 1, 2... in order, a stage ended that was not started,
                         an instruction never ended
  kanata.py rows FILE    one line per instruction, in file order:
                         "<label> | <stage> <first>-<last> ... | <stall> <first>-<last> ...
                         | retired|flushed", cycles inclusive
"""
import sys


def parse(path):
    rows = {}
    order = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != "Kanata\t0004":
        raise ValueError("line 1: expected the header 'Kanata\\t0004'")
    cycle = None
    for n, line in enumerate(lines[1:], start=2):
        a = line.split("\t")
        cmd = a[0]

        def fail(why):
            raise ValueError("line %d: %s: %r" % (n, why, line))

        if cmd == "C=":
            if cycle is not None or len(a) != 2:
                fail("C= only once, first, with one cycle")
            cycle = int(a[1])
            continue
        if cycle is None:
            fail("a command before C=")
        if cmd == "C":
            if len(a) != 2 or int(a[1]) <= 0:
                fail("C needs a positive cycle count")
            cycle += int(a[1])
            continue
        if cmd == "I":
            if len(a) != 4:
                fail("I ID SEQ THREAD")
            i = int(a[1])
            if i != len(order):
                fail("ids must count up from 0")
            rows[i] = {"label": None, "stages": [], "stalls": [], "open": {}, "end": None}
            order.append(i)
            continue
        if cmd not in ("L", "S", "E", "R") or len(a) != 4:
            fail("unknown command or wrong arity")
        i = int(a[1])
        r = rows.get(i)
        if r is None or r["end"] is not None:
            fail("instruction not begun, or already ended")
        if cmd == "L":
            if a[2] == "0":
                r["label"] = a[3]
        elif cmd == "S":
            key = (a[2], a[3])
            if key in r["open"]:
                fail("stage started twice")
            r["open"][key] = cycle
        elif cmd == "E":
            key = (a[2], a[3])
            if key not in r["open"]:
                fail("stage ended that was not started")
            first = r["open"].pop(key)
            if cycle <= first:
                fail("stage of no cycle")
            lst = r["stages"] if a[2] == "0" else r["stalls"]
            lst.append((a[3], first, cycle - 1))
        else:
            if r["open"]:
                fail("ended with stages open")
            if a[3] not in ("0", "1"):
                fail("R type must be 0 or 1")
            r["end"] = "retired" if a[3] == "0" else "flushed"
    for i in order:
        if rows[i]["end"] is None:
            raise ValueError("instruction %d never ended (R)" % i)
    return [rows[i] for i in order]


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("check", "rows"):
        sys.exit(__doc__)
    try:
        rows = parse(sys.argv[2])
    except (ValueError, OSError) as e:
        sys.exit("%s: %s" % (sys.argv[2], e))
    if sys.argv[1] == "rows":
        for r in rows:
            span = lambda l: " ".join("%s %d-%d" % s for s in l)
            print("%s | %s | %s | %s" % (r["label"], span(r["stages"]), span(r["stalls"]),
                                         r["end"]))


if __name__ == "__main__":
    main()
