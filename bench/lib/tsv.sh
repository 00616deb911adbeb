# SPDX-License-Identifier: MIT
# tsv.sh: one row of make bench's results file from a list of samples (sourced by the bench scripts).
#
# The columns (issue #23): name, arch, value (the median of the samples),
# unit, spread ("P10..P90": the interpolated 10th and 90th percentiles of
# the samples; "-" for a figure that is one reading: a size, a count, a
# geometric mean). The caller sets BENCH_TSV (the file being written).

# tsv_row NAME ARCH UNIT [WARMUP]: the samples on stdin, one number a line;
# the first WARMUP of them (default 0) are dropped. No sample: no row,
# status 1.
tsv_row() {
  local name=$1 arch=$2 unit=$3 warm=${4:-0}
  tail -n +"$((warm + 1))" | sort -g | awk -v name="$name" -v arch="$arch" -v unit="$unit" '
    function pct(p,   r, i) { r = 1 + (N - 1) * p; i = int(r); return i >= N ? v[N] : v[i] + (r - i) * (v[i + 1] - v[i]) }
    function num(x) { return x == int(x) ? sprintf("%d", x) : x >= 100 ? sprintf("%.1f", x) : sprintf("%.4g", x) }
    $1 != "" { v[++N] = $1 + 0 }
    END { if (!N) exit 1
          printf "%s\t%s\t%s\t%s\t%s\n", name, arch, num(pct(0.5)), unit,
            N == 1 ? "-" : num(pct(0.1)) ".." num(pct(0.9)) }' >>"$BENCH_TSV"
}

# tsv_one NAME ARCH VALUE UNIT: a figure that is one reading (a size, a count).
tsv_one() {
  echo "$3" | tsv_row "$1" "$2" "$4"
}

# tsv_header FILE: starts a results file.
tsv_header() {
  printf 'name\tarch\tvalue\tunit\tspread\n' >"$1"
}
