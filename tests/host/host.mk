# SPDX-License-Identifier: MIT
# Host unit tests of portable kernel code: every tests/host/*_test.c is one
# program, built with ASan+UBSan and linked with the portable kernel library
# (kernel/lib/*.c). string.c is the one exception: its names are libc's, so
# the host build renames them to kstring_* (kstring_rename.h) and the other
# library files use libc's. A new test file or library file needs no edit here. `make host-tests` builds them all;
# tests/suites/kernel-unit.sh runs them.
HOST_TEST_SRCS := $(sort $(wildcard tests/host/*_test.c))
HOST_TESTS     := $(patsubst %.c,$(HOST_BUILD)/%,$(HOST_TEST_SRCS))
HOST_KLIB_SRCS := $(filter-out kernel/lib/string.c,$(sort $(wildcard kernel/lib/*.c)))
# The portable pieces of the kernel core (bookkeeping only, no hardware):
# tests/host/arch_types.h stands in for the arch's types.
HOST_KCORE_SRCS := kernel/mm/frame_pool.c kernel/mm/slab.c kernel/mm/region.c kernel/sched/prio.c \
                   kernel/task/elf.c kernel/cap/cspace.c kernel/time/ktimer.c
HOST_KLIB_OBJS := $(patsubst %,$(HOST_BUILD)/%.o,$(HOST_KLIB_SRCS) $(HOST_KCORE_SRCS)) \
                  $(HOST_BUILD)/kernel/lib/string.renamed.o
HOST_TEST_CFLAGS := $(HOST_CFLAGS) -Itests/host -Ikernel/include -Iinclude -MMD -MP

# Patterns are rooted in kernel/ and tests/host/ so they cannot clash with
# other components' host rules.
$(HOST_BUILD)/kernel/lib/%.c.o: kernel/lib/%.c
	@mkdir -p $(dir $@)
	$(CC) $(HOST_TEST_CFLAGS) -c $< -o $@

$(HOST_BUILD)/kernel/%.c.o: kernel/%.c
	@mkdir -p $(dir $@)
	$(CC) $(HOST_TEST_CFLAGS) -c $< -o $@

# -fno-builtin: otherwise clang may compile these loops into calls to libc's
# memcpy/memset, and the test would test libc.
$(HOST_BUILD)/kernel/lib/string.renamed.o: kernel/lib/string.c tests/host/kstring_rename.h
	@mkdir -p $(dir $@)
	$(CC) $(HOST_TEST_CFLAGS) -fno-builtin -include tests/host/kstring_rename.h -c $< -o $@

$(HOST_BUILD)/tests/host/%.c.o: tests/host/%.c
	@mkdir -p $(dir $@)
	$(CC) $(HOST_TEST_CFLAGS) -c $< -o $@

# An archive, so that each test links only the pieces it uses: cspace.c
# needs kobj_destroy, which only cspace_test provides (the kernel's is in
# kernel/cap/kobj.c, with every object type behind it).
HOST_KLIB_AR := $(HOST_BUILD)/kernel/libkhost.a
$(HOST_KLIB_AR): $(HOST_KLIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(HOST_BUILD)/tests/host/%_test: $(HOST_BUILD)/tests/host/%_test.c.o $(HOST_KLIB_AR)
	$(CC) $(HOST_LDFLAGS) -o $@ $^

# Keep the objects: make would delete them as intermediates of the pattern chain.
.SECONDARY: $(HOST_KLIB_OBJS) $(HOST_TESTS:=.c.o)

.PHONY: host-tests
host-tests: $(HOST_TESTS)

-include $(HOST_KLIB_OBJS:.o=.d) $(HOST_TESTS:=.c.d)
