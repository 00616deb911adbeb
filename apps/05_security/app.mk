# SPDX-License-Identifier: MIT
# Demo 05's malformed module: assembled without validation (--no-check), so
# that the runner's validator is what refuses it.
APPS_WASM += $(APPS_BUILD)/05_security/malformed.wasm
$(APPS_BUILD)/05_security/malformed.wasm: apps/05_security/hostile/malformed.wat
	@mkdir -p $(@D)
	wat2wasm --no-check $< -o $@
