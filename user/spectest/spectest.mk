# SPDX-License-Identifier: MIT
# The spec test driver for JerichoOS (user/spectest/): one static ELF of the
# engine, tests/engine/drivers/pack_core.c and the runner's heap, started by
# the root for a manifest line with program=spectest.elf (it is not embedded
# in the kernel: the boot archive carries it). Included from user/user.mk
# after runner.mk, whose engine objects it links unchanged.
# `make spec-os` runs the core and simd spec commands on both arches
# (tests/suites/engine-spec-os.sh).
SPECTEST_DIR := $(BUILD)/spectest
SPECTEST_ELF := $(BUILD)/user/spectest.elf
# The heap's region (user/runner/heap.h): core/memory_grow.wast keeps ~100 MiB
# live (a memory grown to 804 pages, copied on growth); the rest is headroom
# against fragmentation. It is bss, charged to the task's quota by the root.
SPECTEST_HEAP_BYTES := (192u << 20)
SPECTEST_OBJS := $(SPECTEST_DIR)/main.o $(SPECTEST_DIR)/heap.o $(SPECTEST_DIR)/pack_core.o \
                 $(SPECTEST_DIR)/spec_match.o \
                 $(patsubst engine/src/%.c,$(RUNNER_DIR)/engine/%.o,$(RUNNER_ENGINE_SRCS))
SPECTEST_INC := -Iengine/include -Itests/engine/drivers -Itests/spec

$(SPECTEST_DIR)/main.o: user/spectest/main.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) $(SPECTEST_INC) -DHEAP_BYTES='$(SPECTEST_HEAP_BYTES)' -c $< -o $@

$(SPECTEST_DIR)/heap.o: user/runner/heap.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -DHEAP_BYTES='$(SPECTEST_HEAP_BYTES)' -c $< -o $@

# Compiled as the engine is for user mode (runner.mk), with the pack format's headers.
$(SPECTEST_DIR)/pack_core.o: tests/engine/drivers/pack_core.c
	@mkdir -p $(dir $@)
	$(CC) $(RUNNER_LIB_CFLAGS) $(SPECTEST_INC) -MMD -MP -c $< -o $@

$(SPECTEST_DIR)/spec_match.o: tests/spec/spec_match.c
	@mkdir -p $(dir $@)
	$(CC) $(RUNNER_LIB_CFLAGS) $(SPECTEST_INC) -MMD -MP -c $< -o $@

$(SPECTEST_ELF): $(SPECTEST_OBJS) $(USER_LIB_OBJS) user/lib/user.ld
	$(user_link)

.PHONY: spectest spec-os
spectest: $(SPECTEST_ELF)

spec-os:
	@tests/suites/engine-spec-os.sh

-include $(SPECTEST_OBJS:.o=.d)
