#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""make_seeds.py DIR N: N valid modules from binaryen's fuzzer (wasm-opt -ttf,
with SIMD) into DIR, from seeds 1..N: fuzz seeds that reach execution."""
import os
import random
import subprocess
import sys
import tempfile

FEATURES = ['--mvp-features', '--enable-sign-ext', '--enable-nontrapping-float-to-int',
            '--enable-bulk-memory', '--enable-mutable-globals', '--enable-multivalue',
            '--enable-simd']


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, count + 1):
            dat = os.path.join(tmp, 'in.dat')
            with open(dat, 'wb') as f:
                f.write(random.Random(seed).randbytes(2000))
            subprocess.run(['wasm-opt', dat, '-ttf', *FEATURES, '-o',
                            os.path.join(out, 'ttf-%d.wasm' % seed)], check=True,
                           capture_output=True)


if __name__ == '__main__':
    main()
