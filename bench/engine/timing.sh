# SPDX-License-Identifier: MIT
# timing.sh: the shell timing helpers the benchmark scripts share (sourced by bench/engine/run.sh, bench/realworld/run.sh).
#
# The caller sets B to a scratch directory: timed() leaves the timed
# command's stderr in $B/stderr and /usr/bin/time's report in $B/rss.

now_ns() { date +%s%N; }

# timed OUTFILE CMD...: runs CMD (stdout to OUTFILE), prints
# "WALL_S RSS_KB STATUS CPU_S" (CPU = user + system, 10 ms resolution).
timed() {
  local o=$1; shift
  local t0 t1 status
  t0=$(now_ns)
  /usr/bin/time -f '%M %U %S' -o "$B/rss" "$@" >"$o" 2>"$B/stderr"
  status=$?
  t1=$(now_ns)
  read -r rss user sys < <(tail -n 1 "$B/rss")
  awk -v a="$t0" -v b="$t1" -v m="$rss" -v s="$status" -v u="$user" -v k="$sys" \
    'BEGIN { printf "%.4f %s %s %.2f\n", (b - a) / 1e9, m, s, u + k }'
}

# Median of the numbers on stdin, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Geometric mean of the positive numbers on stdin, two decimals ("-" if none).
geomean_of() { awk '$1 > 0 { s += log($1); n++ } END { if (n) printf "%.2f", exp(s / n); else print "-" }'; }

# keep_sections FILE: prints the parts of FILE between "<!-- keep: NAME -->"
# and "<!-- /keep: NAME -->" lines (markers included), so that a script that
# rewrites FILE can put back what other scripts or people wrote into it.
keep_sections() {
  [[ -f $1 ]] || return 0
  awk '/^<!-- keep: .* -->$/ { keep = 1 } keep { print } /^<!-- \/keep: .* -->$/ { keep = 0 }' "$1"
}

# div A B: A / B to two decimals; "-" when A is empty or B is not positive.
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b; else print "-" }'; }

# vs_peers OURS PEER...: OURS / the smallest of the PEER values given (empty
# ones, peers that failed, are skipped); "-" if none is left.
vs_peers() {
  local ours=$1 best=""; shift
  for v in "$@"; do
    [[ -n $v ]] && { [[ -z $best ]] || awk -v a="$v" -v b="$best" 'BEGIN { exit !(a < b) }'; } && best=$v
  done
  div "$ours" "$best"
}

# The peer interpreters (wasm3, WAMR's iwasm; ../shared/peers/README.md):
# peers_dir prints their directory (PEERS, default ../shared/peers next to
# the tree; call it from the top of the tree), peer_command RUNNER FILE.wasm
# the command line that runs FILE.wasm on RUNNER (wasm3 or wamr).
peers_dir() { echo "${PEERS:-$(cd .. && pwd)/shared/peers}"; }
peer_command() {
  case $1 in
    wasm3) echo "$(peers_dir)/wasm3 $2" ;;
    wamr) echo "$(peers_dir)/iwasm $2" ;;
  esac
}

# cpu_model: the CPU's model name, for the reports.
cpu_model() {
  local cpu
  cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)
  [[ -n $cpu ]] || cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)
  echo "${cpu:-unknown CPU}"
}
