# SPDX-License-Identifier: MIT
# tests/engine/engine-tests.mk: builds and runs the engine's unit and robustness tests.
# `make engine-unit` runs them (ENGINE_TEST_ARGS="fuel" picks tests by name);
# the .wat modules they use are compiled with wat2wasm into the build tree.
ENGINE_TEST_DIR  := $(HOST_BUILD)/engine-tests
ENGINE_TEST_BIN  := $(ENGINE_TEST_DIR)/engine-tests
ENGINE_TEST_OBJS := $(patsubst tests/engine/%.c,$(ENGINE_TEST_DIR)/%.o,$(wildcard tests/engine/*.c)) \
                    $(ENGINE_TEST_DIR)/memory_host.o
ENGINE_TEST_WASM := $(patsubst tests/engine/wat/%.wat,$(ENGINE_TEST_DIR)/wat/%.wasm,\
                      $(wildcard tests/engine/wat/*.wat))
# _DEFAULT_SOURCE: fork/alarm/clock_gettime, to isolate and time each test.
ENGINE_TEST_CFLAGS := $(HOST_CFLAGS) -D_DEFAULT_SOURCE -Iengine/include -MMD -MP

$(ENGINE_TEST_DIR)/%.o: tests/engine/%.c
	@mkdir -p $(@D)
	$(CC) $(ENGINE_TEST_CFLAGS) -c $< -o $@

# The CLI's mmap memory provider: the tests run both memory paths.
$(ENGINE_TEST_DIR)/memory_host.o: tools/jericho/memory_host.c
	@mkdir -p $(@D)
	$(CC) $(ENGINE_TEST_CFLAGS) -c $< -o $@

$(ENGINE_TEST_DIR)/wat/%.wasm: tests/engine/wat/%.wat
	@mkdir -p $(@D)
	wat2wasm $< -o $@

$(ENGINE_TEST_BIN): $(ENGINE_TEST_OBJS) $(HOST_BUILD)/libjwasm.a
	$(CC) $(HOST_LDFLAGS) -o $@ $(ENGINE_TEST_OBJS) $(HOST_BUILD)/libjwasm.a -lm

-include $(ENGINE_TEST_OBJS:.o=.d)

.PHONY: engine-unit engine-tests
engine-tests: $(ENGINE_TEST_BIN) $(ENGINE_TEST_WASM)

engine-unit: engine-tests
	$(ENGINE_TEST_BIN) $(ENGINE_TEST_DIR)/wat $(ENGINE_TEST_ARGS)
