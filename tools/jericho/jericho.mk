# SPDX-License-Identifier: MIT
# tools/jericho/jericho.mk: the hosted CLI (build/host/jericho, jericho-asan) and the WASI layer.
#
# build/host/jericho       -O2 against libjwasm-release.a: what users and the
#                          benchmarks run
# build/host/jericho-asan  ASan+UBSan against libjwasm.a: what the tests run
.PHONY: jericho-cli
jericho-cli: jericho $(HOST_BUILD)/jericho-asan

# ./jericho, the command users type: a link to build/host/jericho, made once
# (order-only: the link need not change when the binary does). A link, not a
# wrapper script, so that a call starts one process (tools/jericho/fresh.c).
jericho: | $(HOST_BUILD)/jericho
	ln -sfn $(HOST_BUILD)/jericho $@

WASI_SRCS := user/wasi/wasi.c user/wasi/wasi_mem.c user/wasi/wasi_args.c \
             user/wasi/wasi_fd.c user/wasi/wasi_io.c user/wasi/wasi_path.c \
             user/wasi/wasi_clock.c user/wasi/wasi_proc.c
JERICHO_SRCS := tools/jericho/main.c tools/jericho/fresh.c tools/jericho/run.c tools/jericho/values.c \
                tools/jericho/platform_host.c tools/jericho/memory_host.c \
                tools/jericho/fs_host.c tools/jericho/fs_walk.c \
                tools/jericho/run_os.c tools/jericho/os_output.c tools/jericho/run_system.c tools/jericho/archive_pack.c \
                tools/jericho/tree_pack.c
# The root task's manifest parser (freestanding), so that --system reports a
# bad manifest before anything boots.
JERICHO_ROOT_SRCS := user/root/manifest.c

# The WASI layer must stay freestanding (the OS's runner links it with no
# libc): -ffreestanding keeps hosted headers and builtins assumptions out.
WASI_FLAGS := -ffreestanding
# Release build: optimised, no sanitizers, so that benchmarks time the engine.
JERICHO_REL_CFLAGS := $(WARN) -O2 -g -DNDEBUG
# -MMD -MP: header dependencies, so editing a .h rebuilds what includes it.
JERICHO_DEPFLAGS := -MMD -MP

JERICHO_ASAN_OBJS := $(patsubst %.c,$(HOST_BUILD)/jericho-asan.o/%.o,$(WASI_SRCS) $(JERICHO_SRCS) $(JERICHO_ROOT_SRCS))
JERICHO_REL_OBJS := $(patsubst %.c,$(HOST_BUILD)/jericho.o/%.o,$(WASI_SRCS) $(JERICHO_SRCS) $(JERICHO_ROOT_SRCS))

$(HOST_BUILD)/jericho-asan.o/user/wasi/%.o: user/wasi/%.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(WASI_FLAGS) $(JERICHO_DEPFLAGS) -c $< -o $@
$(HOST_BUILD)/jericho.o/user/wasi/%.o: user/wasi/%.c
	@mkdir -p $(@D)
	$(CC) $(JERICHO_REL_CFLAGS) $(WASI_FLAGS) $(JERICHO_DEPFLAGS) -c $< -o $@
$(HOST_BUILD)/jericho-asan.o/user/root/%.o: user/root/%.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(JERICHO_DEPFLAGS) -c $< -o $@
$(HOST_BUILD)/jericho.o/user/root/%.o: user/root/%.c
	@mkdir -p $(@D)
	$(CC) $(JERICHO_REL_CFLAGS) $(JERICHO_DEPFLAGS) -c $< -o $@
$(HOST_BUILD)/jericho-asan.o/tools/jericho/%.o: tools/jericho/%.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(JERICHO_DEPFLAGS) -c $< -o $@
$(HOST_BUILD)/jericho.o/tools/jericho/%.o: tools/jericho/%.c
	@mkdir -p $(@D)
	$(CC) $(JERICHO_REL_CFLAGS) $(JERICHO_DEPFLAGS) -c $< -o $@

$(HOST_BUILD)/jericho-asan: $(JERICHO_ASAN_OBJS) $(HOST_BUILD)/libjwasm.a
	$(CC) $(HOST_LDFLAGS) -o $@ $^
# -static: no dynamic loader or libc relocation at start-up (an empty
# program starts in ~0.5 ms instead of ~0.8 ms; see BENCHMARKS.md).
$(HOST_BUILD)/jericho: $(JERICHO_REL_OBJS) $(HOST_BUILD)/libjwasm-release.a
	$(CC) -static -o $@ $^

# Unit test of user/wasi over a fake engine (tests/suites/wasi.sh runs it).
$(HOST_BUILD)/wasi-unit: tests/wasi/unit/wasi_unit.c $(WASI_SRCS) $(wildcard user/wasi/*.h)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(HOST_LDFLAGS) -o $@ $< $(WASI_SRCS)

# SQLite with an on-disk database in a preopened directory, natively and
# under jericho, compared. Needs Debian's SQLite source as bench/realworld
# fetches it (tests/suites/wasi.sh runs this when the source is there and
# says it skipped it otherwise); the two builds are cached.
.PHONY: wasi-sqlite
wasi-sqlite: $(HOST_BUILD)/jericho-asan
	tests/wasi/sqlite/run.sh

# The WASI layer links unchanged into the OS's runner, which has no libc:
# build it freestanding for both arches and check that it needs nothing but
# the engine's API (jw_*) and keeps no mutable globals (.data/.bss).
.PHONY: wasi-freestanding
wasi-freestanding: build/freestanding/x86_64/wasi.o build/freestanding/aarch64/wasi.o
build/freestanding/%/wasi.o: $(WASI_SRCS) $(wildcard user/wasi/*.h) engine/include/jwasm.h
	@mkdir -p $(dir $@)wasi-objs
	@set -e; for src in $(WASI_SRCS); do \
	  $(CC) --target=$*-unknown-none-elf $(WARN) -O2 -ffreestanding -nostdlib \
	    -fno-stack-protector -c $$src -o $(dir $@)wasi-objs/$$(basename $$src .c).o; \
	done
	$(LD) -r -o $@ $(dir $@)wasi-objs/*.o
	@undef=$$(llvm-nm-19 -u $@ | awk '$$2 !~ /^jw_/ { print $$2 }'); \
	if [ -n "$$undef" ]; then \
	  echo "wasi-freestanding ($*): needs symbols outside the engine:"; echo "$$undef"; \
	  rm -f $@; exit 1; \
	fi
	@mutable=$$(llvm-nm-19 $@ | awk '$$2 ~ /^[bBdD]$$/ { print $$3 }'); \
	if [ -n "$$mutable" ]; then \
	  echo "wasi-freestanding ($*): global mutable state:"; echo "$$mutable"; \
	  rm -f $@; exit 1; \
	fi
	@echo "wasi-freestanding ($*): ok, needs only jw_* symbols, no mutable globals"

-include $(JERICHO_ASAN_OBJS:.o=.d) $(JERICHO_REL_OBJS:.o=.d)

include bench/engine/bench.mk
