#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench-tools.sh: make bench's tooling cannot rot: statistics, report and charts from a fixture, make -n bench, the kernel benchmark at a tiny size.
# No timing is asserted: every figure is judged only for being there.
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh
O=build/tests/bench-tools
rm -rf "$O"
mkdir -p "$O"

# tsv_row: median and interpolated percentiles, warm-up dropped.
source bench/lib/tsv.sh
export BENCH_TSV=$O/stats.tsv BENCH_DATE=d BENCH_COMMIT=c
tsv_header "$BENCH_TSV"
printf '1000\n5\n1\n2\n3\n4\n' | tsv_row x arch insn m 1
check "tsv_row: median, p10, p90, min, max, n of 1..5 after a warm-up" \
  grep -qP '^x\tarch\t3\tinsn\t1.4\t4.6\t1\t5\t5\tm\td\tc$' "$BENCH_TSV"

# The report from the fixture: the summary goes on top, the other sections stay.
printf '# Old\n\nkept text\n<!-- keep: other -->\nother section\n<!-- /keep: other -->\n' >"$O/B.md"
charts=1
if ! command -v gnuplot >/dev/null; then
  charts=0
  echo "  (gnuplot is not installed, a make bench dependency only (bench/deps.sh): no charts drawn)"
fi
run_report() { BENCH_NO_CHARTS=$((1 - charts)) bench/report.py bench/test/results.tsv bench/test/machine.txt \
  "$O/B.md" "$O/charts" charts 2>"$O/report.err"; }
check "report.py runs on the fixture" run_report
check "the summary is the report's first line" test "$(head -n 1 "$O/B.md")" = "<!-- keep: bench-summary -->"
check "the rest of the report is kept" grep -q '^other section$' "$O/B.md"
for want in '^| null syscall (`cap_identify`) | 275 | 261 | .* | ≤ 60 — \*\*missed\*\* |$' \
            '^| \*\*kernel text + rodata + data\*\* | 112 803 | 92 796 | ≤ 64 KiB — \*\*missed\*\* |$' \
            '^| \*\*geomean\*\* | — | 9.5 | 12.9 | 15.9 | 0.74 |$' \
            '^- `system.jericho_run_hello` on x86_64: missing from this run' \
            '!\[kernel operations\]\(charts/kernel.svg\)'; do
  check "report has /${want:0:50}.../" grep -qE -- "$want" "$O/B.md"
done
cp "$O/B.md" "$O/B1.md"
run_report
check "a second run replaces the summary instead of adding one" cmp -s "$O/B.md" "$O/B1.md"
if [[ $charts == 1 ]]; then
  for c in kernel engine realworld; do
    check "chart $c.svg is an SVG" grep -q '<svg' "$O/charts/$c.svg"
  done
fi
printf 'name\tarch\n' >"$O/bad.tsv"
check "a malformed results file is refused" \
  bash -c "! BENCH_NO_CHARTS=1 bench/report.py $O/bad.tsv bench/test/machine.txt $O/B.md $O/charts 2>/dev/null"

check "make -n bench resolves" bash -c 'make -n bench >/dev/null 2>&1'
check "make -n bench BENCH_QUICK=1 runs bench/run.sh" bash -c 'make -n bench BENCH_QUICK=1 2>/dev/null | grep -q "BENCH_QUICK=1 bench/run.sh"'

# The kernel benchmark programs at a tiny size on both arches: every figure present.
BENCH_TSV=$O/kernel.tsv
tsv_header "$BENCH_TSV"
check "bench/kernel.sh tiny (test=bench-tiny on both arches)" bench/kernel.sh tiny
for arch in x86_64 aarch64; do
  for name in calibration_4_insn_loop syscall_entry_exit_floor null_syscall ipc_call_roundtrip \
      ipc_call_cap_transfer ipc_send_oneway ntfn_signal_wait yield_pingpong map_unmap_page \
      task_create_destroy timer_to_user_ntfn; do
    check "$arch: kernel.$name" grep -qP "^kernel\.$name\t$arch\t[0-9.]+\tinsn\t" "$BENCH_TSV"
  done
  check "$arch: system.module_memory" grep -qP "^system\.module_memory\t$arch\t[0-9]+\tKiB" "$BENCH_TSV"
done
summary
