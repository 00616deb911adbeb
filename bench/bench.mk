# SPDX-License-Identifier: MIT
# bench/bench.mk: `make bench`, every benchmark in one run (bench/run.sh; bench/README.md).
#
# Not part of `make test` (long, and timing is noisy); tests/suites/bench-tools.sh
# checks the tooling instead. BENCH_QUICK=1: a short run into build/bench/quick/.
# BENCH_PARTS="kernel system engine os": a subset. Builds are release builds:
# the kernel and user programs only have -O2, the host CLI is build/host/jericho
# (-O2, no sanitizers).
.PHONY: bench
bench: deps
	bench/deps.sh
	@$(MAKE) --no-print-directory $(HOST_BUILD)/jericho $(BENCH_TOOLS)
	BENCH_QUICK=$(BENCH_QUICK) bench/run.sh
