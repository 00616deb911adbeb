/* SPDX-License-Identifier: MIT */
/* modules.h: the .wasm modules linked into the runner (built from apps/ by user/runner/runner.mk). */
#pragma once
#include <stddef.h>
#include <stdint.h>

/* One embedded module; the table ends with a NULL name. Until the boot
 * archive (user/root/archive.h) serves modules, these are all there is. */
struct runner_module {
    const char *name;
    const uint8_t *data;
    size_t size;
};
extern const struct runner_module runner_modules[];
