#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh: make bench: every benchmark in one run -> results.tsv, BENCHMARKS.md's summary and its charts.
#
# usage: bench/run.sh            (make bench; about 30 minutes on a 2-CPU host)
#        BENCH_QUICK=1 bench/run.sh   (make bench BENCH_QUICK=1: a few minutes, to see that it works)
# A full run writes bench/results/results.tsv, bench/results/machine.txt,
# bench/charts/*.svg and BENCHMARKS.md, all committed; a quick run writes the
# same under build/bench/quick/ and leaves the committed files alone.
#   BENCH_PARTS="kernel system engine"  the parts to run (default all three;
#                a part left out keeps no rows: its figures show as missing)
#   PEERS=DIR    wasm3 and iwasm (default ../shared/peers; bench/engine/timing.sh)
# The parts: bench/kernel.sh (kernel figures, both arches, QEMU -icount),
# bench/system.sh (boot, module, jericho run, sizes), bench/engine.sh
# (bench/engine and bench/realworld beside native, wasm3 and WAMR; they
# also write their own sections of the report). bench/report.py turns the
# results into the report's summary section and the charts.
set -uo pipefail
cd "$(dirname "$0")/.."

quick=${BENCH_QUICK:-0}
parts=${BENCH_PARTS:-kernel system engine}
if [[ $quick == 1 ]]; then
  dir=build/bench/quick charts=$dir/charts report=$dir/BENCHMARKS.md link=charts
  mkdir -p "$dir"
  cp BENCHMARKS.md "$report"
else
  dir=bench/results charts=bench/charts report=BENCHMARKS.md link=bench/charts
fi
mkdir -p "$dir" "$charts" build/bench
export BENCH_TSV=build/bench/results.partial.tsv BENCH_OUT=$report BENCH_QUICK=$quick
export BENCH_DATE=$(date -u '+%Y-%m-%dT%H:%MZ')
export BENCH_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- kernel user engine tools include 2>/dev/null || BENCH_COMMIT+="+uncommitted"
source bench/lib/tsv.sh
tsv_header "$BENCH_TSV"

# What the figures were measured on.
source bench/engine/timing.sh   # cpu_model
accel="TCG for every OS figure (x86-64 and arm64)"
if [[ -d /sys/module/kvm_pvm ]]; then
  accel+="; /dev/kvm here is kvm_pvm, which cannot run the kernel's user mode"
elif [[ -r /dev/kvm ]]; then
  accel+="; a KVM is present but make bench does not use it yet"
fi
command="make bench"
[[ $quick == 1 ]] && command="make bench BENCH_QUICK=1"
[[ $parts != "kernel system engine" ]] && command="BENCH_PARTS=\"$parts\" $command"
{
  echo "command: \`$command\` ($(date -u '+%Y-%m-%d %H:%M UTC'), about $((SECONDS / 60)) min)"
  echo "commit: $BENCH_COMMIT"
  echo "machine: $(nproc) CPUs, $(cpu_model), $(uname -sr), shared with other work (load average at the start $(cut -d' ' -f1-3 /proc/loadavg))"
  echo "qemu: $(qemu-system-x86_64 --version | head -n 1)"
  echo "accelerator: $accel"
} >build/bench/machine.txt

status=0
for part in $parts; do
  echo "bench: $part" >&2
  start=$SECONDS
  "bench/$part.sh" || { echo "bench: $part failed (its figures may be missing)" >&2; status=1; }
  echo "bench: $part took $((SECONDS - start)) s" >&2
done

sed -i "s/, about [0-9]* min)/, about $((SECONDS / 60)) min)/" build/bench/machine.txt
cp "$BENCH_TSV" "$dir/results.tsv"
cp build/bench/machine.txt "$dir/machine.txt"
bench/report.py "$dir/results.tsv" "$dir/machine.txt" "$report" "$charts" "$link" || status=1
echo "bench: $(($(wc -l <"$dir/results.tsv") - 1)) figures in $dir/results.tsv; report $report; charts in $charts" >&2
exit $status
