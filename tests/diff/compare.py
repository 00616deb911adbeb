#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""compare.py: compares our engine's run of a module (tests/diff/fuzz_exec.c's
output) with binaryen's interpreter's (`wasm-opt --fuzz-exec-before`).

Usage: compare.py OURS.txt BINARYEN.txt
Prints "ok N" (N calls compared), "ok N (NaN bits: ...)" when only NaN bits
differ (below), "explained N: WHY" when the comparison stopped at a
documented difference, or "MISMATCH: ..." with the first event that differs;
exit status 0, 0, 0 and 1.

The allowed differences, and nothing else:
  * NaNs compare as NaNs: the spec leaves an arithmetic NaN's sign and payload
    open, so an f32 or f64 NaN equals any NaN of the same type.
  * NaN bits seen as integers: a module can read a NaN's bits as an integer
    or through another lane shape (i64.reinterpret_f64, f32x4.min then
    i64x2.extract_lane: binaryen's NaNs are canonical, ours the CPU's). When
    the exact comparison fails, a second one lets an integer or v128 value
    match when, in each 32-bit lane, both sides are equal or both are f32
    NaN patterns (or the whole 64 bits are f64 NaNs on both sides). A module
    that passes only so is reported with the first exact difference, so
    that every such case is listed.
  * Trap messages differ in wording: a trap equals a trap.
  * binaryen's interpreter stops at a call depth of its own ("[trap stack
    limit]") and at its own allocation limits ("[host limit ...]"); after
    either, the instance's state is no longer comparable, so the comparison
    ends there and counts as explained.
"""
import re
import struct
import sys


def parse_binaryen(text):
    """Events: ('call', name) / ('log', [tokens]) / ('result', [tokens]) / ('trap', why) / ('stop', why)."""
    events = []
    for line in text.splitlines():
        if line.startswith('[fuzz-exec] calling '):
            events.append(('call', line[len('[fuzz-exec] calling '):]))
        elif line.startswith('[LoggingExternalInterface logging '):
            events.append(('log', line[len('[LoggingExternalInterface logging '):-1]))
        elif line.startswith('[fuzz-exec] note result: '):
            value = line.split(' => ', 1)[1]
            if value.startswith('('):
                tokens = [t.strip() for t in value[1:-1].split(',')]
            else:
                tokens = [value]
            events.append(('result', tokens))
        elif line.startswith('[trap stack limit]') or line.startswith('[host limit'):
            events.append(('stop', line))
        elif line.startswith('[trap '):
            events.append(('trap', line))
        elif line.startswith('[fuzz-exec]') or line.startswith('[Logging'):
            raise ValueError('unknown binaryen line: ' + line)
    return events


def parse_ours(text):
    events = []
    for line in text.splitlines():
        word, _, rest = line.partition(' ')
        if word == 'call':
            events.append(('call', rest))
        elif word == 'log':
            events.append(('log', rest))
        elif word == 'result':
            events.append(('result', rest.split()))
        elif word == 'trap':
            events.append(('trap', rest))
        elif word in ('load-error', 'instantiate-error'):
            events.append(('error', line))
        else:
            raise ValueError('unknown line from fuzz-exec: ' + line)
    return events


def is_nan32(bits):
    return (bits >> 23) & 0xff == 0xff and bits & 0x7fffff != 0


def is_nan64(bits):
    return (bits >> 52) & 0x7ff == 0x7ff and bits & 0xfffffffffffff != 0


def float_bits(token, width):
    """binaryen's text of a float -> its bits; None for a NaN."""
    if 'nan' in token:
        return None
    value = float(token)  # handles inf, -inf, -0, 1.e+300
    if width == 32:
        return struct.unpack('<I', struct.pack('<f', value))[0]
    return struct.unpack('<Q', struct.pack('<d', value))[0]


def nan_bits_equal(a, b, width):
    """a and b (ints of `width` bits) equal but for NaN bits (module docstring)."""
    if width == 64 and is_nan64(a) and is_nan64(b):
        return True
    for shift in range(0, width, 64):  # f64 halves of a v128
        x, y = a >> shift & (2**64 - 1), b >> shift & (2**64 - 1)
        if width >= 64 and is_nan64(x) and is_nan64(y):
            a, b = a & ~((2**64 - 1) << shift), b & ~((2**64 - 1) << shift)
    for shift in range(0, width, 32):
        x, y = a >> shift & 0xffffffff, b >> shift & 0xffffffff
        if x != y and not (is_nan32(x) and is_nan32(y)):
            return False
    return True


def v128_bits(ours_hex, theirs):
    """Both sides of a v128 as 128-bit ints (lane 0 lowest), or None."""
    m = re.fullmatch(r'i32x4 (0x[0-9a-f]+) (0x[0-9a-f]+) (0x[0-9a-f]+) (0x[0-9a-f]+)', theirs)
    if not m:
        return None
    a = sum(int(ours_hex[i * 8:i * 8 + 8], 16) << (32 * i) for i in range(4))
    b = sum(int(x, 16) << (32 * i) for i, x in enumerate(m.groups()))
    return a, b


def value_equal(ours, theirs, loose=False):
    kind, _, hexbits = ours.partition(':')
    if kind == 'v128':
        pair = v128_bits(hexbits, theirs)
        return pair is not None and (pair[0] == pair[1] or
                                     (loose and nan_bits_equal(pair[0], pair[1], 128)))
    if kind in ('i32', 'i64'):
        width = 32 if kind == 'i32' else 64
        try:
            a, b = int(hexbits, 16), int(theirs) % (1 << width)
        except ValueError:
            return False
        return a == b or (loose and nan_bits_equal(a, b, width))
    if kind in ('f32', 'f64'):
        width = 32 if kind == 'f32' else 64
        bits = int(hexbits, 16)
        try:
            want = float_bits(theirs, width)
        except ValueError:
            return False
        if want is None:
            return is_nan32(bits) if width == 32 else is_nan64(bits)
        return bits == want or (loose and nan_bits_equal(bits, want, width))
    return False  # references: binaryen's fuzzer exports none without --enable-reference-types


def log_equal(ours, theirs, loose):
    kind, _, hexbits = ours.partition(':')
    if kind == 'i64':  # binaryen logs an i64 as its low and high i32 halves
        parts = theirs.split()
        if len(parts) != 2:
            return False
        want = int(parts[0]) % 2**32 | (int(parts[1]) % 2**32) << 32
        return value_equal(ours, str(want), loose)
    return value_equal(ours, theirs, loose)


def compare(ours, theirs):
    status, message = compare_pass(ours, theirs, False)
    if status == 0:
        return status, message
    loose_status, loose_message = compare_pass(ours, theirs, True)
    if loose_status == 0 and loose_message.startswith('ok'):
        return 0, '%s (NaN bits: %s)' % (loose_message, message)
    return status, message


def compare_pass(ours, theirs, loose):
    calls = 0
    # binaryen prints no "note result" for a function without results.
    ours = [e for e in ours if not (e[0] == 'result' and not e[1])]
    for i, want in enumerate(theirs):
        if want[0] == 'stop':
            return 0, 'explained %d: binaryen stopped: %s' % (calls, want[1])
        got = ours[i] if i < len(ours) else ('end', '')
        if got[0] == 'error':
            return 1, 'MISMATCH: ours failed: %s' % got[1]
        same = got[0] == want[0]
        if same and want[0] == 'call':
            same = got[1] == want[1]
            calls += 1
        elif same and want[0] == 'log':
            same = log_equal(got[1], want[1], loose)
        elif same and want[0] == 'result':
            same = len(got[1]) == len(want[1]) and all(
                value_equal(a, b, loose) for a, b in zip(got[1], want[1]))
        if not same:
            last_call = next((e[1] for e in reversed(theirs[:i]) if e[0] == 'call'), '?')
            return 1, 'MISMATCH in %s: ours %r, binaryen %r' % (last_call, got, want)
    if len(ours) > len(theirs):
        return 1, 'MISMATCH: ours has more events: %r' % (ours[len(theirs)],)
    return 0, 'ok %d' % calls


def main():
    with open(sys.argv[1]) as f:
        ours = parse_ours(f.read())
    with open(sys.argv[2]) as f:
        theirs = parse_binaryen(f.read())
    status, message = compare(ours, theirs)
    print(message)
    sys.exit(status)


if __name__ == '__main__':
    main()
