# SPDX-License-Identifier: MIT
# bench/realworld/realworld.mk: `make bench-realworld`, real C programs from Debian sources on jericho, wasm3 and WAMR.
#
# Not part of `make test`: it downloads Debian source packages (fetch.sh,
# into build/realworld/src/ with a private apt configuration), builds them
# (build.sh, natively and for wasm32-wasi) and times them in interleaved
# rounds (run.sh), writing its section of BENCHMARKS.md.
# BENCH_ROUNDS=N sets the rounds (default 3).
.PHONY: bench-realworld
bench-realworld: deps $(HOST_BUILD)/jericho
	bench/realworld/deps.sh
	bench/realworld/fetch.sh
	bench/realworld/build.sh
	bench/realworld/run.sh
