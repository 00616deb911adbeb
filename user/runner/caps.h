/* SPDX-License-Identifier: MIT */
/* caps.h: the module's capabilities and the "jericho" imports (sdk/jericho.h) that use them. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "../../engine/include/jwasm.h"
#include "job.h"

/*
 * The runner holds the module's capabilities in its own table; the module
 * names them by slot number, but only the slots in `owned`: those its job
 * listed, those that arrived in its messages and its copies. The runner's
 * Reply (and anything else it holds) is out of the module's reach.
 */
#define CAPS_IMPORTS 11 /* the functions of sdk/jericho.h */

typedef struct runner_caps runner_caps_t;
/* What one import's host function is bound to (its user data). */
typedef struct caps_bind {
    runner_caps_t *caps;
    uint32_t row;
} caps_bind_t;

struct runner_caps {
    uint32_t ncaps;
    const char *names[RUNNER_JOB_MAX_CAPS];  /* "console", "call:mqtt", ... */
    uint32_t slots[RUNNER_JOB_MAX_CAPS];
    uint64_t owned;      /* bit s: the module may name slot s */
    uint32_t reply;      /* the Reply calls are answered with, or JX_CAP_NONE */
    uint64_t
        runner_own; /* slots the runner keeps for itself: Reply, report console, AddressSpace, quota */
    uint32_t console; /* what WASI's stdio and clocks use, or JX_CAP_NONE */
    uint32_t clock;
    jw_store_t *store; /* where the imports' host functions are made */
    caps_bind_t bind[CAPS_IMPORTS];
};

/* Fills the table from a job's capabilities; console and clock are found by name. */
void caps_init(runner_caps_t *c, uint32_t n, const char *const *names, const uint32_t *slots,
               uint32_t reply, uint64_t runner_own);
/* The slot of the capability named name[0, len), or JX_CAP_NONE. */
uint32_t caps_find(const runner_caps_t *c, const char *name, uint32_t len);
/* Binds the module's imports from "jericho" (ud: the runner_caps_t); false for anything else. */
bool caps_resolve(void *ud, const jw_import_info_t *imp, jw_extern_t *out);
