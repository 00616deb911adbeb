# SPDX-License-Identifier: MIT
# tsv.sh: one row of make bench's results file from a list of samples (sourced by the bench scripts).
#
# The columns: name, arch, median, unit, p10, p90,
# min, max, n (samples behind the figure, warm-up excluded), method (how it
# was measured: tcg-icount, tcg-wall, host-wall, host-cpu, size, count),
# date (UTC), commit. The caller sets BENCH_TSV (the file being written);
# BENCH_DATE and BENCH_COMMIT default to now and HEAD.
: "${BENCH_DATE:=$(date -u '+%Y-%m-%dT%H:%MZ')}"
: "${BENCH_COMMIT:=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}"

# tsv_row NAME ARCH UNIT METHOD [WARMUP]: the samples on stdin, one number
# a line; the first WARMUP of them (default 0) are dropped. Percentiles are
# interpolated between the sorted samples. No sample: no row, status 1.
tsv_row() {
  local name=$1 arch=$2 unit=$3 method=$4 warm=${5:-0}
  tail -n +"$((warm + 1))" | sort -g | awk -v name="$name" -v arch="$arch" -v unit="$unit" \
    -v method="$method" -v date="$BENCH_DATE" -v commit="$BENCH_COMMIT" '
    function pct(p,   r, i) { r = 1 + (NR - 1) * p; i = int(r); return i >= NR ? v[NR] : v[i] + (r - i) * (v[i + 1] - v[i]) }
    function num(x) { return x == int(x) ? sprintf("%d", x) : x >= 100 ? sprintf("%.1f", x) : sprintf("%.4g", x) }
    $1 != "" { v[++NR_] = $1 + 0 }
    END { NR = NR_; if (!NR) exit 1
          printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", name, arch, num(pct(0.5)), unit,
            num(pct(0.1)), num(pct(0.9)), num(v[1]), num(v[NR]), NR, method, date, commit }' >>"$BENCH_TSV"
}

# tsv_one NAME ARCH VALUE UNIT METHOD: a figure that is one reading (a size, a count).
tsv_one() {
  echo "$3" | tsv_row "$1" "$2" "$4" "$5"
}

# tsv_header FILE: starts a results file.
tsv_header() {
  printf 'name\tarch\tmedian\tunit\tp10\tp90\tmin\tmax\tn\tmethod\tdate\tcommit\n' >"$1"
}
