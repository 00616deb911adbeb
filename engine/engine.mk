# SPDX-License-Identifier: MIT
# The WebAssembly engine (libjwasm): a freestanding C11 library.
#   $(HOST_BUILD)/libjwasm.a          host, ASan+UBSan (spec runner, unit tests)
#   $(HOST_BUILD)/libjwasm-release.a  host, -O2, no sanitizers (benchmarks)
#   make engine-freestanding          x86-64 and aarch64 freestanding objects,
#                                     checked to reference no symbol outside the engine
ENGINE_SRCS := $(wildcard engine/src/*.c)
ENGINE_HDRS := $(wildcard engine/src/*.h) engine/src/ops.def engine/src/wasm_ops.def engine/include/jwasm.h engine/config.h
# -fno-math-errno: sqrt becomes the instruction, never a libm call.
ENGINE_CFLAGS := -fno-math-errno -Iengine/include

ENGINE_HOST_OBJS := $(patsubst engine/src/%.c,$(HOST_BUILD)/engine/%.o,$(ENGINE_SRCS))
ENGINE_REL_OBJS := $(patsubst engine/src/%.c,$(HOST_BUILD)/engine-release/%.o,$(ENGINE_SRCS))
ENGINE_FS_ARCHES := x86_64 aarch64
# Kernel-safe: no red zone on x86-64 (interrupts would clobber it). The
# engine needs the FP/SIMD registers (SSE2, AArch64 FP): no -mgeneral-regs-only.
ENGINE_FS_ARCH_x86_64 := -mno-red-zone
# ENGINE_FS_OPT/ENGINE_FS_DIR: engine-build.sh also checks -O0 and -Os
# (aggregate initialisers and loops must not become memset/memcpy calls).
ENGINE_FS_OPT ?= -O2
ENGINE_FS_DIR ?= build/freestanding
ENGINE_FS_CFLAGS = $(WARN) $(ENGINE_FS_OPT) -ffreestanding -nostdlib -fno-stack-protector $(ENGINE_FS_ARCH_$*) \
                    -fno-pic $(ENGINE_CFLAGS)

# The sanitizer build also checks every return link (JW_CHECK_LINKS, internal.h)
# and every compiled function against ops.def (JW_CHECK_CODE, compile.c).
$(HOST_BUILD)/engine/%.o: engine/src/%.c $(ENGINE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -DJW_CHECK_LINKS -DJW_CHECK_CODE $(ENGINE_CFLAGS) -c $< -o $@

$(HOST_BUILD)/engine-release/%.o: engine/src/%.c $(ENGINE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O2 -g $(ENGINE_CFLAGS) -c $< -o $@

$(HOST_BUILD)/libjwasm.a: $(ENGINE_HOST_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(HOST_BUILD)/libjwasm-release.a: $(ENGINE_REL_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(ENGINE_FS_DIR)/%/jwasm.o: $(ENGINE_SRCS) $(ENGINE_HDRS)
	@mkdir -p $(dir $@)objs
	@set -e; for src in $(ENGINE_SRCS); do \
	  obj=$(dir $@)objs/$$(basename $$src .c).o; \
	  $(CC) --target=$*-unknown-none-elf $(ENGINE_FS_CFLAGS) -c $$src -o $$obj; \
	done
	$(LD) -r -o $@ $(dir $@)objs/*.o
	@undef=$$(llvm-nm-19 -u $@); \
	if [ -n "$$undef" ]; then \
	  echo "engine-freestanding ($*): undefined symbols:"; echo "$$undef"; rm -f $@; exit 1; \
	fi
	@echo "engine-freestanding ($*): ok, no undefined symbols"

.PHONY: engine engine-release engine-freestanding
engine: $(HOST_BUILD)/libjwasm.a
engine-release: $(HOST_BUILD)/libjwasm-release.a
engine-freestanding: $(foreach a,$(ENGINE_FS_ARCHES),$(ENGINE_FS_DIR)/$(a)/jwasm.o)

# Cross-architecture check: tests/engine/drivers/xarch.c, freestanding Linux programs
# (raw syscalls, no libc) linked with the freestanding engine; run natively
# and under qemu-aarch64 by tests/suites/engine-build.sh: same digest.
XARCH_DIR := build/freestanding/xarch
$(XARCH_DIR)/xarch_wasm.h: tests/engine/drivers/xarch.wat
	@mkdir -p $(@D)
	wat2wasm $< -o $(XARCH_DIR)/xarch.wasm
	@{ echo 'static const unsigned char xarch_wasm[] = {'; \
	   od -An -v -tx1 $(XARCH_DIR)/xarch.wasm | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	   echo '};'; \
	   echo "static const unsigned int xarch_wasm_len = $$(wc -c < $(XARCH_DIR)/xarch.wasm);"; \
	 } > $@

build/freestanding/%/xarch: tests/engine/drivers/xarch.c tests/engine/drivers/linux_min.h $(XARCH_DIR)/xarch_wasm.h build/freestanding/%/jwasm.o
	$(CC) --target=$*-unknown-linux-gnu $(ENGINE_FS_CFLAGS) -I$(XARCH_DIR) -c $< -o $@.o
	$(LD) -static -e _start -o $@ $@.o build/freestanding/$*/jwasm.o

.PHONY: engine-xarch
engine-xarch: $(foreach a,$(ENGINE_FS_ARCHES),build/freestanding/$(a)/xarch)

# The spec scripts on the freestanding engine of each architecture:
# tests/engine/drivers/packrun.c runs the commands `make spec-pack` packed on the
# host (tests/spec/spec_pack.h); tests/suites/engine-aarch64.sh runs it
# natively and under qemu-aarch64.
# pack_core.c and spec_match.c are shared with user/spectest/ and the hosted runner.
PACKRUN_SRCS := tests/engine/drivers/packrun.c tests/engine/drivers/pack_core.c tests/spec/spec_match.c
build/freestanding/%/packrun: $(PACKRUN_SRCS) tests/engine/drivers/pack_core.h tests/engine/drivers/linux_min.h \
                              tests/spec/spec_pack.h tests/spec/spec_match.h build/freestanding/%/jwasm.o
	@set -e; for src in $(PACKRUN_SRCS); do \
	  $(CC) --target=$*-unknown-linux-gnu $(ENGINE_FS_CFLAGS) -Itests/spec -Itests/engine/drivers \
	    -c $$src -o $@-$$(basename $$src .c).o; done
	$(LD) -static -e _start -o $@ $(foreach s,$(PACKRUN_SRCS),$@-$(basename $(notdir $(s))).o) \
	  build/freestanding/$*/jwasm.o

.PHONY: engine-packrun
engine-packrun: $(foreach a,$(ENGINE_FS_ARCHES),build/freestanding/$(a)/packrun)

# Every internal opcode has a handler (tests/engine/drivers/handlers.c reads the table).
$(HOST_BUILD)/engine-handlers: tests/engine/drivers/handlers.c $(ENGINE_SRCS) $(ENGINE_HDRS) $(HOST_BUILD)/libjwasm.a
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(ENGINE_CFLAGS) -o $@ $< $(HOST_BUILD)/libjwasm.a $(HOST_LDFLAGS)

# jw-dis: prints a module's internal code (tools/jw-dis/dis.c), for the fusion
# tests and for debugging a fusion.
$(HOST_BUILD)/jw-dis: tools/jw-dis/dis.c $(ENGINE_HDRS) $(HOST_BUILD)/libjwasm.a
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(ENGINE_CFLAGS) -o $@ $< $(HOST_BUILD)/libjwasm.a $(HOST_LDFLAGS)

# Every fused op is emitted for its pattern and runs right (tests/fusions/).
.PHONY: engine-fusions
engine-fusions: $(HOST_BUILD)/jw-dis $(HOST_BUILD)/spec-runner/spec-runner
	tests/fusions/check.sh
