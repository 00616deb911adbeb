# SPDX-License-Identifier: MIT
# tests/diff/diff.mk: the differential test against binaryen's interpreter, and the
# regression scripts (tests/regress/, one per engine bug fixed).
#
#   make fuzz-diff [FUZZ_COUNT=10000] [FUZZ_SEED=1] [FUZZ_SIMD=1] [FUZZ_OUT=DIR]
#       FUZZ_COUNT random modules from binaryen's fuzzer (wasm-opt -ttf), from
#       seeds FUZZ_SEED.., each run on our engine and on binaryen's interpreter;
#       mismatching modules are kept in FUZZ_OUT (default build/host/fuzz-diff).
#   make regress
#       every tests/regress/*.wast through the spec runner.
FUZZ_EXEC  := $(HOST_BUILD)/diff/fuzz-exec
FUZZ_COUNT ?= 1000
FUZZ_SEED  ?= 1
FUZZ_OUT   ?= $(HOST_BUILD)/fuzz-diff
FUZZ_SIMD  ?=

# ASan+UBSan like every host test: a memory error in the engine is a crash
# the driver reports, not a silently wrong number.
$(FUZZ_EXEC): tests/diff/fuzz_exec.c engine/include/jwasm.h $(HOST_BUILD)/libjwasm.a
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -Iengine/include -o $@ $< $(HOST_BUILD)/libjwasm.a $(HOST_LDFLAGS) -lm

.PHONY: fuzz-diff regress
fuzz-diff: $(FUZZ_EXEC)
	python3 tests/diff/fuzz_diff.py --exec $(FUZZ_EXEC) --count $(FUZZ_COUNT) \
	  --seed $(FUZZ_SEED) --out $(FUZZ_OUT) --quiet $(if $(FUZZ_SIMD),--simd)

REGRESS_OUT    := $(HOST_BUILD)/regress
REGRESS_STAMPS := $(patsubst tests/regress/%.wast,$(REGRESS_OUT)/regress/%/.stamp,\
                    $(wildcard tests/regress/*.wast))
$(REGRESS_OUT)/regress/%/.stamp: tests/regress/%.wast
	@rm -rf $(@D) && mkdir -p $(@D)
	wast2json $< -o $(@D)/$*.json
	@touch $@

regress: $(REGRESS_STAMPS) $(SPEC_RUNNER)
	$(SPEC_RUNNER) --json $(REGRESS_OUT) --regress tests/regress --group regress
