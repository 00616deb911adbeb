#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The MQTT demo (apps/04_mqtt) on the host, without QEMU: its modules run as
# threads of one process over a fake of the jericho imports
# (apps/04_mqtt/host/sim.c), with random delays under several seeds. Every
# run must end by itself with every module's exit status 0, and each
# module's lines, in order, must be those of apps/04_mqtt/expected.txt
# (lines of different modules may interleave in any order). The codec and
# broker unit tests (tests/host/mqtt_test.c) run in the kernel-unit suite.
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh

DEMO=apps/04_mqtt
SEEDS=${MQTT_SIM_SEEDS:-8}
echo "building the MQTT demo's host simulation"
log=$(mktemp)
out=$(mktemp)
want=$(mktemp)
trap 'rm -f "$log" "$out" "$want"' EXIT
build_or_stop "mqtt-sim" mqtt-sim

# expected.txt as tools/demo_check.py reads it: comments and "status:" aside,
# exact lines only (this demo needs no patterns). The root task's last line
# comes from JerichoOS, not from the simulation.
grep -v -e '^#' -e '^status: ' -e '^$' -e '^root: ' "$DEMO/expected.txt" >"$want"
# The modules named there, in their first order.
mapfile -t names < <(sed -n 's/^\([A-Za-z0-9_.-]*\): .*/\1/p' "$want" | awk '!seen[$0]++')
# Each module's lines, module after module.
by_module() { local n; for n in "${names[@]}"; do grep -- "^$n: " "$1"; done; }

for ((seed = 1; seed <= SEEDS; seed++)); do
  timeout 60 build/host/apps/04_mqtt/mqtt_sim "$DEMO/system.manifest" "$seed" >"$out" 2>"$log"
  rc=$?
  if [[ $rc -ne 0 ]]; then
    fail "seed $seed: exit $rc$([[ $rc -eq 124 ]] && echo ' (did not end within 60 s)')"
    sed -n 1,10p "$log"
    continue
  fi
  if ! diff <(by_module "$want") <(by_module "$out") >"$log" ||
     [[ $(wc -l <"$out") -ne $(wc -l <"$want") ]]; then
    fail "seed $seed: output differs from expected.txt (per module)"
    head -n 20 "$log"
    continue
  fi
  pass "seed $seed: every module's lines as expected, all exited 0"
done
summary
