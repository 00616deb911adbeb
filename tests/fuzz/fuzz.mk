# SPDX-License-Identifier: MIT
# tests/fuzz/fuzz.mk: libFuzzer targets for the engine (tests/fuzz/fuzz_*.c).
#
#   make fuzz [FUZZ_TIME=600]   every target for FUZZ_TIME seconds each, its
#                               corpus growing in build/host/fuzz/corpus-NAME;
#                               crashes are written to build/host/fuzz/crashes/
#
# The engine is built once more for them, with libFuzzer's coverage hooks
# (-fsanitize=fuzzer-no-link) next to ASan, UBSan and the return-link check.
# Seeds: every module of the spec suite (valid, invalid and malformed) and
# modules from binaryen's fuzzer (wasm-opt -ttf), made at build time.
FUZZ_DIR     := $(HOST_BUILD)/fuzz
FUZZ_TARGETS := decode run
FUZZ_TIME    ?= 600
FUZZ_CFLAGS  := $(WARN) -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
                -fno-sanitize-recover=all -DJW_CHECK_LINKS
FUZZ_ENGINE_OBJS := $(patsubst engine/src/%.c,$(FUZZ_DIR)/engine/%.o,$(ENGINE_SRCS))

$(FUZZ_DIR)/engine/%.o: engine/src/%.c $(ENGINE_HDRS)
	@mkdir -p $(@D)
	$(CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(ENGINE_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/libjwasm-fuzz.a: $(FUZZ_ENGINE_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_DIR)/fuzz-%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_DIR)/libjwasm-fuzz.a
	$(CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Iengine/include $< $(FUZZ_DIR)/libjwasm-fuzz.a -o $@

# The seed corpus: spec modules and 200 binaryen fuzzer modules (with SIMD).
FUZZ_SEEDS := $(FUZZ_DIR)/seeds/.stamp
$(FUZZ_SEEDS): $(SPEC_STAMPS)
	@rm -rf $(@D) && mkdir -p $(@D)
	find $(SPEC_OUT)/core $(SPEC_OUT)/simd -name '*.wasm' -size -64k -exec cp {} $(@D)/ \;
	python3 tests/fuzz/make_seeds.py $(@D) 200
	@touch $@

.PHONY: fuzz fuzz-targets
fuzz-targets: $(addprefix $(FUZZ_DIR)/fuzz-,$(FUZZ_TARGETS)) $(FUZZ_SEEDS)

fuzz: fuzz-targets
	@mkdir -p $(FUZZ_DIR)/crashes
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus-$$t; \
	  echo "fuzz-$$t: $(FUZZ_TIME) s"; \
	  $(FUZZ_DIR)/fuzz-$$t -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=$(FUZZ_DIR)/crashes/$$t- -print_final_stats=1 \
	    $(FUZZ_DIR)/corpus-$$t $(FUZZ_DIR)/seeds; \
	done
