# SPDX-License-Identifier: MIT
# tests/spec/spec.mk: converts the vendored spec suite with wast2json and runs the spec runner.
# `make spec` runs the core and simd groups; `make spec SPEC_ARGS="--group simd"` (or a
# file filter such as SPEC_ARGS=i32) chooses other scripts. Conversion is one
# make target per .wast, so `make -j2` converts in parallel and only changed
# scripts are converted again.
SPEC_SUITE  := third_party/wasm-testsuite
SPEC_OUT    := $(HOST_BUILD)/spec
SPEC_WASTS  := $(wildcard $(SPEC_SUITE)/core/*.wast $(SPEC_SUITE)/simd/*.wast \
                          $(SPEC_SUITE)/proposals/*/*.wast)
SPEC_STAMPS := $(patsubst $(SPEC_SUITE)/%.wast,$(SPEC_OUT)/%/.stamp,$(SPEC_WASTS))

# wabt 1.0.32's flag per proposal folder; core/ and simd/ need none.
SPEC_FLAG_exception-handling := --enable-exceptions
SPEC_FLAG_extended-const     := --enable-extended-const
SPEC_FLAG_memory64           := --enable-memory64
SPEC_FLAG_multi-memory       := --enable-multi-memory
SPEC_FLAG_relaxed-simd       := --enable-relaxed-simd
SPEC_FLAG_tail-call          := --enable-tail-call
SPEC_FLAG_threads            := --enable-threads
spec_flags = $(if $(filter proposals/%,$1),$(SPEC_FLAG_$(word 2,$(subst /, ,$1))))

# A script wast2json rejects is not a build error: the runner reports it
# and counts its commands as skipped (its JSON is simply absent).
$(SPEC_OUT)/%/.stamp: $(SPEC_SUITE)/%.wast
	@rm -rf $(@D) && mkdir -p $(@D)
	@if ! wast2json $(call spec_flags,$*) $< -o $(@D)/$(notdir $*).json \
	     2>$(@D)/wast2json.log; then \
	   echo "wast2json: cannot convert $< (see $(@D)/wast2json.log)"; \
	   rm -f $(@D)/$(notdir $*).json; fi
	@touch $@

SPEC_RUNNER_DIR  := $(HOST_BUILD)/spec-runner
SPEC_RUNNER      := $(SPEC_RUNNER_DIR)/spec-runner
SPEC_RUNNER_OBJS := $(patsubst tests/spec/%.c,$(SPEC_RUNNER_DIR)/%.o,$(wildcard tests/spec/*.c))
# _DEFAULT_SOURCE: fork, pipes and dirent's d_type for the runner's isolation
# and discovery; the engine itself stays plain C11.
SPEC_CFLAGS := $(HOST_CFLAGS) -D_DEFAULT_SOURCE -Iengine/include -MMD -MP

$(SPEC_RUNNER_DIR)/%.o: tests/spec/%.c
	@mkdir -p $(@D)
	$(CC) $(SPEC_CFLAGS) -c $< -o $@

$(SPEC_RUNNER): $(SPEC_RUNNER_OBJS) $(HOST_BUILD)/libjwasm.a
	$(CC) $(HOST_LDFLAGS) -o $@ $(SPEC_RUNNER_OBJS) $(HOST_BUILD)/libjwasm.a -lcjson -lm

-include $(SPEC_RUNNER_OBJS:.o=.d)

.PHONY: spec spec-convert spec-runner spec-truncate
spec-convert: $(SPEC_STAMPS)
spec-runner: $(SPEC_RUNNER)

spec: $(SPEC_STAMPS) $(SPEC_RUNNER)
	$(SPEC_RUNNER) --self-test
	$(SPEC_RUNNER) --suite $(SPEC_SUITE) --json $(SPEC_OUT) $(SPEC_ARGS)

# Every module of the chosen scripts, cut short at many lengths: each cut
# must fail cleanly (MALFORMED inside a section), never crash or leak.
spec-truncate: $(SPEC_STAMPS) $(SPEC_RUNNER)
	$(SPEC_RUNNER) --suite $(SPEC_SUITE) --json $(SPEC_OUT) --truncate $(SPEC_ARGS)

# The spec scripts as packed commands (tests/spec/spec_pack.h) for the
# freestanding drivers (tests/engine/drivers/pack_core.c): simd.pack for
# packrun.c on x86-64 and under qemu-aarch64 (engine-aarch64.sh), and
# core-simd.pack, everything `make spec` runs, for user/spectest/ on
# JerichoOS itself (engine-spec-os.sh).
SPEC_PACK := $(SPEC_OUT)/simd.pack
SPEC_OS_PACK := $(SPEC_OUT)/core-simd.pack
$(SPEC_PACK): $(SPEC_STAMPS) $(SPEC_RUNNER)
	$(SPEC_RUNNER) --suite $(SPEC_SUITE) --json $(SPEC_OUT) --group simd --pack $@
$(SPEC_OS_PACK): $(SPEC_STAMPS) $(SPEC_RUNNER)
	$(SPEC_RUNNER) --suite $(SPEC_SUITE) --json $(SPEC_OUT) --group core --group simd --pack $@
.PHONY: spec-pack
spec-pack: $(SPEC_PACK) $(SPEC_OS_PACK)

include tests/engine/engine-tests.mk
