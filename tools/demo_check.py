#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""demo_check.py EXPECTED STATUS < OUTPUT: does a demo's output match what it must print?

Several modules print on one console at once, so lines of different modules
interleave in any order; each module's own lines must come in order. A line
belongs to the group named by its prefix: "runner: FILE:" and "module NAME:"
lines to those two words, any other "NAME: ..." line to NAME. Each group's
lines must equal the expected file's lines of that group, in order, and no
group may have lines the expected file does not list (kernel messages before
the root task starts are not shown by `jericho run`).

EXPECTED, one entry per line:
  # ...            a comment
  status: N        jericho's exit status (default 0)
  re: PATTERN      a line matching the regular expression (fully)
  anything else    a line equal to it
"""
import re
import sys


def group(line):
    m = re.match(r"(runner: [^:]+|module [^:]+|[^: ]+):", line)
    return m.group(1) if m else ""


def main():
    want_status, expected = 0, {}
    for raw in open(sys.argv[1], encoding="utf-8").read().splitlines():
        if not raw or raw.startswith("#"):
            continue
        if raw.startswith("status: "):
            want_status = int(raw[8:])
            continue
        is_re = raw.startswith("re: ")
        text = raw[4:] if is_re else raw
        # A pattern's group is that of its literal prefix.
        expected.setdefault(group(text), []).append((is_re, text))
    got = {}
    for line in sys.stdin.read().splitlines():
        got.setdefault(group(line), []).append(line)
    bad = []
    status = int(sys.argv[2])
    if status != want_status:
        bad.append(f"exit status {status}, expected {want_status}")
    for name in sorted(set(expected) | set(got)):
        want, have = expected.get(name, []), got.get(name, [])
        for i in range(max(len(want), len(have))):
            w = want[i] if i < len(want) else None
            h = have[i] if i < len(have) else None
            ok = w is not None and h is not None and (
                re.fullmatch(w[1], h) if w[0] else w[1] == h)
            if not ok:
                bad.append(f"[{name or 'no prefix'}] line {i + 1}: got {h!r}, expected "
                           f"{(('re: ' if w[0] else '') + w[1]) if w else 'nothing'}")
                break
    for b in bad:
        print("  MISMATCH " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
