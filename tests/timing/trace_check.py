#!/usr/bin/env python3
"""Reads a --trace file (Chrome trace-event JSON) strictly and prints what the tests compare.

  trace_check.py check FILE    parses; every B has its E on the same track, in order (spans
                               nest), no E before its B, times never go back on a track
  trace_check.py spans FILE    the spans, one a line: depth name begin-ps end-ps
  trace_check.py bytes FILE    the UART bytes in order, as text
  trace_check.py marks FILE    the scenario's marks: name ps
  trace_check.py counter FILE NAME   a line's levels: ps=level ...
  trace_check.py spi FILE TRACK      an SPI bus's frames: begin-ps end-ps cs out in
"""
import json
import sys


def ps(ev):
    # ts: microseconds with 6 decimals, picoseconds exactly (parse_float keeps the text)
    whole, _, frac = ev["ts"].partition(".")
    return int(whole) * 1000000 + int((frac + "000000")[:6])


def load(path):
    with open(path) as f:
        text = f.read()
    d = json.loads(text, parse_float=str, parse_int=str)
    for ev in d["traceEvents"]:
        if "ts" in ev:
            ev["ts"] = str(ev["ts"])
        for k in ("tid", "pid"):
            if k in ev:
                ev[k] = int(ev[k])
        for k in ("byte", "level", "cs", "out", "in"):
            if "args" in ev and k in ev["args"]:
                ev["args"][k] = int(ev["args"][k])
    return d["traceEvents"]


def spans(events):
    stacks, out, last = {}, [], {}
    for ev in events:
        ph = ev["ph"]
        if ph not in "BEiCM":
            raise SystemExit("unknown phase %r" % ph)
        if ph == "M":
            continue
        tid, t = ev["tid"], ps(ev)
        if ph in "BE":
            if t < last.get(tid, 0):
                raise SystemExit("time goes back on track %d at %r" % (tid, ev))
            last[tid] = t
        st = stacks.setdefault(tid, [])
        if ph == "B":
            st.append((ev["name"], t, len(st)))
        elif ph == "E":
            if not st:
                raise SystemExit("E without B on track %d at %d" % (tid, t))
            name, b, depth = st.pop()
            out.append((b, depth, name, t))
    for tid, st in stacks.items():
        if st:
            raise SystemExit("track %d: %d spans never end" % (tid, len(st)))
    return sorted(out)


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    events = load(path)
    if cmd == "check":
        spans(events)
        print("ok")
    elif cmd == "spans":
        for b, depth, name, e in spans(events):
            print(depth, name, b, e)
    elif cmd == "bytes":
        sys.stdout.write("".join(chr(ev["args"]["byte"]) for ev in events
                                 if ev["ph"] == "i" and ev["cat"] == "uart"))
    elif cmd == "counter":
        print(" ".join("%d=%s" % (ps(ev), ev["args"]["level"]) for ev in events
                       if ev["ph"] == "C" and ev["name"] == sys.argv[3]))
    elif cmd == "spi":
        tids = [ev["tid"] for ev in events if ev["ph"] == "M" and ev["name"] == "thread_name"
                and ev["args"]["name"] == sys.argv[3]]
        begin = None
        for ev in events:
            if ev.get("cat") != "spi" or ev["tid"] not in tids:
                continue
            if ev["ph"] == "B":
                begin = ev
            else:
                a = begin["args"]
                print(ps(begin), ps(ev), a["cs"], "%02x" % a["out"], "%02x" % a["in"])
    elif cmd == "marks":
        for ev in events:
            if ev["ph"] == "i" and ev["cat"] == "mark":
                print(ev["name"], ps(ev))
    else:
        raise SystemExit("unknown command " + cmd)


main()
