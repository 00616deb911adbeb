#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""fuzz_diff.py: differential test of the engine against binaryen's interpreter.

For each of COUNT seeds: SIZE random bytes from the seed become a valid module
through binaryen's fuzzer (`wasm-opt -ttf`); binaryen's interpreter runs it
(`--fuzz-exec-before`: every export in order on one instance), our engine runs
it the same way (tests/diff/fuzz_exec.c), and tests/diff/compare.py compares
the two event by event. A module that mismatches, crashes or hangs is kept in
OUT (with both outputs) and counts as a failure, with one exception:

  NaN bits. An arithmetic NaN's sign and payload are left open by the spec
  (ours are the CPU's, binaryen's are canonical), and a module can observe
  them (i64.reinterpret_f64, a store then a load or the memory hash).
  compare.py treats NaN results as equal, but not integers made from NaN
  bits. So a mismatching module is run again, both sides, after binaryen's
  --denan pass (every float result that is a NaN becomes 0), and after our
  own pass for v128, which binaryen 108's --denan leaves alone: every
  f32x4/f64x2 operation that can make a NaN is followed by a call that turns
  its NaN lanes into 0 (denan_v128 below). If that version agrees, the
  difference was NaN bits, and the module counts as passed, reported as
  "explained (NaN bits)". If it still disagrees, it fails.

Usage: fuzz_diff.py --exec BUILD/fuzz-exec [--count N] [--seed S] [--simd]
                    [--size BYTES] [--out DIR] [--jobs J]
Ends with "N passed, N failed" (a module a test).
"""
import argparse
import concurrent.futures
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FEATURES = ['--mvp-features', '--enable-sign-ext', '--enable-nontrapping-float-to-int',
            '--enable-bulk-memory', '--enable-mutable-globals', '--enable-multivalue']
TIMEOUT = 60  # seconds for one run of either side


# The f32x4/f64x2 operations whose result may be a NaN of the CPU's choosing.
NAN_MAKERS = re.compile(r'^\s*(f32x4|f64x2)\.(add|sub|mul|div|min|max|pmin|pmax|sqrt|ceil|floor|'
                        r'trunc|nearest|demote_f64x2_zero|promote_low_f32x4)\s*$')


def denan_v128(wasm, out, features):
    """Writes `wasm` to `out` with every NaN-making v128 float operation
    followed by a call that zeroes its NaN lanes (x & (x == x)), then
    binaryen's scalar --denan. False if a tool failed."""
    wat = subprocess.run(['wasm2wat', '--enable-all', wasm], capture_output=True, text=True)
    if wat.returncode != 0:
        return False
    lines = wat.stdout.rstrip().split('\n')
    nfuncs = sum(1 for l in lines if re.match(r'\s*\(func \(;\d+;\)', l) or
                 re.match(r'\s*\(import .*\(func ', l))
    fixed = []
    for line in lines:
        fixed.append(line)
        m = NAN_MAKERS.match(line)
        if m:
            fixed.append('%scall %d' % (line[:len(line) - len(line.lstrip())],
                                         nfuncs + (m.group(1) == 'f64x2')))
    assert fixed[-1].endswith(')')  # the module's closing parenthesis
    fixed[-1] = fixed[-1][:-1]
    for shape in ('f32x4', 'f64x2'):
        fixed.append('  (func (param v128) (result v128) local.get 0 local.get 0 local.get 0 '
                     '%s.eq v128.and)' % shape)
    fixed.append(')')
    with open(out + '.wat', 'w') as f:
        f.write('\n'.join(fixed) + '\n')
    ok = subprocess.run(['wat2wasm', '--enable-all', out + '.wat', '-o', out + '.v.wasm'],
                        capture_output=True).returncode == 0 and \
        subprocess.run(['wasm-opt', out + '.v.wasm', *features, '--denan', '-o', out],
                       capture_output=True).returncode == 0
    for tmp in (out + '.wat', out + '.v.wasm'):
        if os.path.exists(tmp):
            os.unlink(tmp)
    return ok


def run_one(args, seed, workdir):
    features = FEATURES + (['--enable-simd'] if args.simd else [])
    tag = '%s-%d' % ('simd' if args.simd else 'mvp', seed)
    base = os.path.join(workdir, tag)
    with open(base + '.dat', 'wb') as f:
        f.write(random.Random(seed).randbytes(args.size))
    gen = subprocess.run(['wasm-opt', base + '.dat', '-ttf', *features, '-o', base + '.wasm'],
                         capture_output=True)
    if gen.returncode != 0:
        return tag, 'fail', 'wasm-opt -ttf failed: ' + gen.stderr.decode(errors='replace')[:200]
    tag, status, verdict = run_both(args, tag, base, features)
    if status != 'fail' or 'MISMATCH' not in verdict:
        return tag, status, verdict
    if denan_v128(base + '.wasm', base + '.denan.wasm', features):
        _, dstatus, dverdict = run_both(args, tag, base + '.denan', features)
        if dstatus == 'ok':
            for ext in ('.denan.wasm', '.denan.ours', '.denan.ref'):
                os.unlink(base + ext)
            return tag, 'ok', '%s, explained (NaN bits): %s' % (dverdict, verdict)
    return tag, status, verdict


def run_both(args, tag, base, features):
    """Runs base.wasm on both sides and compares: (tag, ok|skip|fail, verdict)."""
    try:
        ref = subprocess.run(['wasm-opt', base + '.wasm', *features, '--fuzz-exec-before'],
                             capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return tag, 'skip', 'binaryen timed out'
    if ref.returncode != 0:
        return tag, 'skip', 'binaryen failed'
    try:
        ours = subprocess.run([args.exec, base + '.wasm'], capture_output=True, timeout=TIMEOUT)
        ours_out, ours_rc, ours_err = ours.stdout, ours.returncode, ours.stderr
    except subprocess.TimeoutExpired as e:
        ours_out, ours_rc, ours_err = e.stdout or b'', 'timeout', b''
    with open(base + '.ours', 'wb') as f:
        f.write(ours_out)
    with open(base + '.ref', 'wb') as f:
        f.write(ref.stdout)
    if ours_rc not in (0, 2):
        detail = ours_err.decode(errors='replace').strip().splitlines()
        return tag, 'fail', 'engine crashed (%s): %s' % (ours_rc, ' | '.join(detail[:3]))
    cmp = subprocess.run([sys.executable, os.path.join(HERE, 'compare.py'),
                          base + '.ours', base + '.ref'], capture_output=True, text=True)
    verdict = cmp.stdout.strip() or cmp.stderr.strip()
    return tag, 'ok' if cmp.returncode == 0 else 'fail', verdict


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--exec', required=True)
    p.add_argument('--count', type=int, default=100)
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--size', type=int, default=4000)
    p.add_argument('--simd', action='store_true')
    p.add_argument('--out', default=None)
    p.add_argument('--jobs', type=int, default=os.cpu_count() or 1)
    p.add_argument('--quiet', action='store_true')
    args = p.parse_args()
    out = args.out or tempfile.mkdtemp(prefix='fuzz-diff-')
    os.makedirs(out, exist_ok=True)
    passed = failed = calls = explained = nan_bits = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        runs = [pool.submit(run_one, args, s, out) for s in range(args.seed, args.seed + args.count)]
        for fut in runs:
            tag, status, verdict = fut.result()
            base = os.path.join(out, tag)
            if status == 'ok':
                passed += 1
                calls += int(verdict.split()[1].rstrip(':,'))
                if verdict.startswith('explained'):
                    explained += 1
                if 'NaN bits' in verdict:
                    nan_bits += 1
                    print('ok   %s: %s' % (tag, verdict))
                elif not args.quiet:
                    print('ok   %s: %s' % (tag, verdict))
                for ext in ('.dat', '.wasm', '.ours', '.ref'):
                    os.unlink(base + ext)
            elif status == 'skip':
                passed += 1
                print('skip %s: %s' % (tag, verdict))
            else:
                failed += 1
                print('FAIL %s: %s (kept in %s.*)' % (tag, verdict, base))
    print('fuzz-diff: %d modules, %d export calls compared, %d ended early by a binaryen limit, '
          '%d passed only after --denan (NaN bits)' % (args.count, calls, explained, nan_bits))
    print('%d passed, %d failed' % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
