# SPDX-License-Identifier: MIT
# bench/engine/bench.mk: `make bench-engine`, the engine benchmark suite (native vs jericho --host).
#
# run.sh builds the programs itself (native and wasm32-wasi, both clang-19
# -O2) and writes BENCHMARKS.md; make provides the release CLI and the
# translation-speed tools. BENCH_RUNS=N sets the runs per program.
BENCH_TOOLS := $(HOST_BUILD)/bench/jw-translate $(HOST_BUILD)/bench/gen-module \
               $(HOST_BUILD)/bench/jw-spawn-time
.PHONY: bench-engine
bench-engine: deps $(HOST_BUILD)/jericho $(BENCH_TOOLS)
	bench/engine/run.sh

# Times jw_module_load on a module (release engine, like the CLI).
$(HOST_BUILD)/bench/jw-translate: bench/engine/tools/translate.c bench/engine/tools/timing.h $(HOST_BUILD)/libjwasm-release.a
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 -o $@ $(filter-out %.h,$^)
# Writes a large valid module (generated code) for the translation benchmark.
$(HOST_BUILD)/bench/gen-module: bench/engine/tools/gen_module.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 -o $@ $<
# Times starting a program (posix_spawn + wait), without a shell's overhead.
$(HOST_BUILD)/bench/jw-spawn-time: bench/engine/tools/spawn_time.c bench/engine/tools/timing.h
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 -o $@ $<
include bench/realworld/realworld.mk
