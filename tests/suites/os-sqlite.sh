#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# os-sqlite.sh: SQLite from Debian's source package on JerichoOS, both arches
# (tests/os-sqlite/run.sh): ~4,000 SQL statements on stdin, every output byte
# and the status as the native build's. The source comes as bench/realworld
# fetches it (Debian's sqlite3 source package, through a private apt
# configuration): fetched here when missing; if it cannot be (no network),
# the suite says so and checks nothing else.
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh
O=build/host/tests-os-sqlite
mkdir -p "$O"

make -s --no-print-directory build/host/jericho kernel >"$O/build.log" 2>&1 &&
  make -s --no-print-directory ARCH=aarch64 kernel >>"$O/build.log" 2>&1 ||
  { tail -20 "$O/build.log"; fail "build jericho and both kernels"; }
if [[ ! -f build/realworld/sqlite-amal/sqlite3.c ]]; then
  echo "  fetching Debian's sqlite3 source (bench/realworld) ..."
  { bench/realworld/deps.sh && timeout 600 bench/realworld/fetch.sh sqlite3 &&
      timeout 900 bench/realworld/build.sh sqlite; } >"$O/fetch.log" 2>&1 ||
    echo "  (could not fetch or build it: $(tail -1 "$O/fetch.log"))"
fi
tests/os-sqlite/run.sh >"$O/run.out" 2>&1
add_verdicts "tests/os-sqlite/run.sh" "$O/run.out" $?
summary
