#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench-tools.sh: make bench's tooling cannot rot: statistics, report and charts from a fixture, make -n bench, the kernel and OS benchmarks at a tiny size.
# No timing is asserted: every figure is judged only for being there.
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh
O=build/tests/bench-tools
rm -rf "$O"
mkdir -p "$O"

# tsv_row: median and interpolated percentiles, warm-up dropped.
source bench/lib/tsv.sh
export BENCH_TSV=$O/stats.tsv
tsv_header "$BENCH_TSV"
printf '1000\n5\n1\n2\n3\n4\n' | tsv_row x x86_64 insn 1
tsv_one y x86_64 42 B
check "tsv_row: the median and p10..p90 of 1..5 after a warm-up" grep -qP '^x\tx86_64\t3\tinsn\t1.4\.\.4.6$' "$BENCH_TSV"
check "tsv_one: one reading, no spread" grep -qP '^y\tx86_64\t42\tB\t-$' "$BENCH_TSV"

# well_formed FILE: the issue's format, a header and then exactly 5 columns a
# row: a name, an arch, a number, a unit, and "P10..P90" or "-".
well_formed() {
  awk -F'\t' 'NR == 1 { ok = $0 == "name\tarch\tvalue\tunit\tspread"; next }
    NF != 5 || $1 !~ /^[a-z0-9_.\/]+$/ || $2 !~ /^(x86_64|aarch64)$/ || $3 !~ /^[0-9.]+$/ ||
    $4 !~ /^[a-z_A-Z]+$/ || $5 !~ /^(-|[0-9.]+\.\.[0-9.]+)$/ { print FILENAME ":" NR ": " $0; ok = 0 }
    END { exit !(ok && NR > 1) }' "$1"
}
check "the stats rows are well-formed" well_formed "$BENCH_TSV"
check "the fixture is well-formed" well_formed bench/test/results.tsv

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
            '^\| module spawn by the root, small module .* \| 3.85 M \| 4.23 M \| \|$' \
            '^\| the same, 1 MiB module .* \| 10 M \| 12.1 M \| \|$' \
            '^\| WASI `fd_write` of one byte .* \| 2 557 \| 2 257 \| hosted, to /dev/null: 477 \(466–510\) ns \|$' \
            "^\\| bench/engine's fib \\(fib\\(34\\); fib\\(30\\) in a quick run\\) \\| 111 \\(109–115\\) \\| 1 402 \\(1 380–1 450\\) \\| 12.6 \\(12.1–13\\) \\| " \
            '^- `os_vs_hosted.sqlite.os/hosted` on x86_64: missing' \
            '!\[kernel operations\]\(charts/kernel.png\)' \
            '!\[inside the OS against hosted\]\(charts/os.png\)'; do
  check "report has /${want:0:50}.../" grep -qE -- "$want" "$O/B.md"
done
cp "$O/B.md" "$O/B1.md"
run_report
check "a second run replaces the summary instead of adding one" cmp -s "$O/B.md" "$O/B1.md"
if [[ $charts == 1 ]]; then
  for c in kernel engine realworld os; do
    check "chart $c.png is a PNG" bash -c "head -c 8 $O/charts/$c.png | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a'"
  done
fi
printf 'name\tarch\n' >"$O/bad.tsv"
check "a malformed results file is refused" \
  bash -c "! BENCH_NO_CHARTS=1 bench/report.py $O/bad.tsv bench/test/machine.txt $O/B.md $O/charts 2>/dev/null"

check "make -n bench resolves" bash -c 'make -n bench >/dev/null 2>&1'
check "make -n bench BENCH_QUICK=1 runs bench/run.sh" bash -c 'make -n bench BENCH_QUICK=1 2>/dev/null | grep -q "BENCH_QUICK=1 bench/run.sh"'

# The kernel benchmark programs at a tiny size on both arches: every figure present.
export BENCH_TSV=$O/kernel.tsv
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
check "the kernel rows are well-formed" well_formed "$BENCH_TSV"

# The OS benchmarks (bench/os.sh) at a tiny size: spawn, fd_write and a
# program inside the OS against hosted, every row there and well-formed.
export BENCH_TSV=$O/os.tsv
tsv_header "$BENCH_TSV"
check "bench/os.sh tiny (spawn, fd_write, fib inside the OS on both arches)" bench/os.sh tiny
for arch in x86_64 aarch64; do
  for name in os.spawn_small os.spawn_1mib os.fd_write_console os.fd_write_file; do
    check "$arch: $name" grep -qP "^$name\t$arch\t[0-9.]+\tinsn\t" "$BENCH_TSV"
  done
  check "$arch: os_vs_hosted.fib.os/hosted" grep -qP "^os_vs_hosted\.fib\.os/hosted\t$arch\t[0-9.]+\tratio\t" "$BENCH_TSV"
done
for name in os.fd_write_host_null os.fd_write_host_file os_vs_hosted.fib.hosted size.spawn_1mib_wasm; do
  check "x86_64: $name" grep -qP "^${name//./\\.}\tx86_64\t[0-9.]+\t" "$BENCH_TSV"
done
check "the 1 MiB spawn module holds at least 1 MiB" \
  awk -F'\t' '$1 == "size.spawn_1mib_wasm" && $3 >= 1048576 { f = 1 } END { exit !f }' "$BENCH_TSV"
check "the OS rows are well-formed" well_formed "$BENCH_TSV"

summary
