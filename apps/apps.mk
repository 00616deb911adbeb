# SPDX-License-Identifier: MIT
# apps/: the demo modules, built from source into build/apps/DIR/NAME.wasm.
# A single-file module needs no rule of its own: apps/DIR/NAME.c or
# apps/DIR/NAME.wat becomes build/apps/DIR/NAME.wasm by the patterns below.
# A demo with more (a library shared by several modules) adds an
# apps/DIR/app.mk, included here. Every demo lists its modules in
# APPS_WASM, which `make apps` builds, and has a system.manifest that
# `./jericho run --system apps/DIR/system.manifest` boots (tools/jericho).
APPS_BUILD := build/apps
# C modules: wasi-libc, the SDK (sdk/jericho.h), our warnings. Keep the name
# section (function names in trap reports) and drop DWARF: a link without
# -O does not run wasm-opt, which would drop the names too.
APPS_CFLAGS := --target=wasm32-wasi --sysroot=/usr -O2 $(WARN) -Isdk
APPS_LDFLAGS := --target=wasm32-wasi --sysroot=/usr -Wl,--strip-debug

$(APPS_BUILD)/%.wasm: apps/%.c sdk/jericho.h
	@mkdir -p $(@D)
	$(CC) $(APPS_CFLAGS) -c $< -o $@.o
	$(CC) $(APPS_LDFLAGS) $@.o -o $@

$(APPS_BUILD)/%.wasm: apps/%.wat
	@mkdir -p $(@D)
	wat2wasm --debug-names $< -o $@

APPS_WASM := $(patsubst apps/%.c,$(APPS_BUILD)/%.wasm,$(wildcard apps/*/*.c)) \
             $(patsubst apps/%.wat,$(APPS_BUILD)/%.wasm,$(wildcard apps/*/*.wat))
include $(wildcard apps/*/app.mk)

.PHONY: apps
apps: $(APPS_WASM)
