#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# deps.sh: what make bench needs beyond make test's tools (tools/deps.sh), checked and installed as root.
#
# Each entry: "file-or-command:debian-package", checked by tools/deps.sh,
# which installs what is missing when run as root and otherwise stops with
# the exact apt-get line. Not in make test's list: only make bench draws charts.
set -euo pipefail
needs=(
  gnuplot:gnuplot-nox          # the PNG charts of BENCHMARKS.md (bench/report.py; its pngcairo terminal)
  llvm-size-19:llvm-19         # section sizes of the kernel and the runner
  llvm-strip-19:llvm-19
)
exec "$(dirname "$0")/../tools/deps.sh" "${needs[@]}"
