#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh: make bench: every benchmark in one run -> build/bench/results.tsv, BENCHMARKS.md's summary and its charts.
#
# usage: bench/run.sh            (make bench; about 40 minutes on a 2-CPU host)
#        BENCH_QUICK=1 bench/run.sh   (make bench BENCH_QUICK=1: a few minutes, to see that it works)
# Every run writes build/bench/results.tsv (one row per figure: name, arch,
# value, unit, spread; bench/README.md) and build/bench/machine.txt. A full
# run then copies both to bench/results/ and writes BENCHMARKS.md and
# bench/charts/*.png from them, all committed, so that the report's numbers
# can be traced to the rows they came from; a quick run writes its report
# and charts under build/bench/quick/ and leaves the committed files alone.
#   BENCH_PARTS="kernel system engine os"  the parts to run (default all four;
#                a part left out keeps no rows: its figures show as missing)
#   PEERS=DIR    wasm3 and iwasm (default ../shared/peers; bench/engine/timing.sh)
# The parts: bench/kernel.sh (kernel figures, both arches, QEMU -icount),
# bench/system.sh (boot, module, jericho run, sizes), bench/engine.sh
# (bench/engine and bench/realworld beside native, wasm3 and WAMR; they
# also write their own sections of the report), bench/os.sh (module spawn,
# fd_write, programs inside the OS against hosted). bench/report.py turns
# the results into the report's summary section and the charts.
set -uo pipefail
cd "$(dirname "$0")/.."

quick=${BENCH_QUICK:-0}
parts=${BENCH_PARTS:-kernel system engine os}
if [[ $quick == 1 ]]; then
  dir=build/bench/quick charts=$dir/charts report=$dir/BENCHMARKS.md link=charts
  mkdir -p "$dir"
  cp BENCHMARKS.md "$report"
else
  dir=bench/results charts=bench/charts report=BENCHMARKS.md link=bench/charts
fi
mkdir -p "$dir" "$charts" build/bench
export BENCH_TSV=build/bench/results.tsv BENCH_OUT=$report BENCH_QUICK=$quick
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- kernel user engine tools include 2>/dev/null || commit+="+uncommitted"
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
[[ $parts != "kernel system engine os" ]] && command="BENCH_PARTS=\"$parts\" $command"
{
  echo "command: \`$command\` ($(date -u '+%Y-%m-%d %H:%M UTC'), about $((SECONDS / 60)) min)"
  echo "commit: $commit"
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
echo "load: load average at the end $(cut -d' ' -f1-3 /proc/loadavg)" >>build/bench/machine.txt
bench/report.py "$BENCH_TSV" build/bench/machine.txt "$report" "$charts" "$link" || status=1
if [[ $quick != 1 ]]; then
  cp "$BENCH_TSV" build/bench/machine.txt "$dir/"
fi
echo "bench: $(($(wc -l <"$BENCH_TSV") - 1)) figures in $BENCH_TSV; report $report; charts in $charts" >&2
exit $status
