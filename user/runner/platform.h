/* SPDX-License-Identifier: MIT */
/* platform.h: the WASI platform of the OS runner: stdio on the console, clocks, sleep and random through capabilities. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "../wasi/wasi.h"

/* The capabilities the platform uses: slots in the runner's table. */
typedef struct runner_caps {
    uint32_t console; /* WRITE for stdout/stderr, READ for stdin */
    uint32_t clock;   /* READ: clocks, sleep, the random seed */
} runner_caps_t;

/* Fills `p` for a guest whose stdio is the console. `caps` must outlive it. */
void platform_init(wasi_platform_t *p, const runner_caps_t *caps);

/* The clock when the guest first wrote to stdout or stderr; false if it never did. */
bool platform_first_output(uint64_t *ns);

/* Hardware randomness for the seed (arch/<arch>/hwrand.c): false if the CPU has none usable from user mode. */
bool platform_hwrand(uint64_t *out);
