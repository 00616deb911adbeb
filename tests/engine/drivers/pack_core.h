/* SPDX-License-Identifier: MIT */
/* pack_core.h: runs packed spec commands (tests/spec/spec_pack.h) on the engine, with no libc: the part every pack driver shares. */
#pragma once
/*
 * Two drivers use it: packrun.c, a Linux program without libc (natively
 * and under qemu-aarch64), and user/spectest/main.c, a JerichoOS task. The
 * driver supplies the allocator, the store's limits and where lines go;
 * pack_core reads the records, keeps one store per script with its modules,
 * names, registrations and the `spectest` host module, checks each result
 * as the hosted runner does (tests/spec/spec_match.c) and counts.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "jwasm.h"

typedef struct pack_counts {
    uint64_t passed, failed, skipped;
} pack_counts_t;

typedef struct pack_host {
    const jw_allocator_t *alloc;
    const jw_store_config_t *config; /* NULL: the engine's defaults, as the hosted runner */
    /* One whole line of text (a failure), ending in '\n'. */
    void (*print)(void *ud, const char *text, size_t len);
    /* After each script, whose store and modules are freed by then. */
    void (*script_done)(void *ud, const char *label, size_t label_len, const pack_counts_t *c);
    void *ud;
} pack_host_t;

/* Runs every record of the pack and adds its counts to *total. false if
 * the pack is malformed or truncated: what follows the bad record is not
 * run (the driver counts that as a failure). The host's functions are
 * called on the caller's thread; pack_run is not reentrant. */
bool pack_run(const uint8_t *pack, size_t len, const pack_host_t *host, pack_counts_t *total);

/* "PREFIX: N passed, N failed, N skipped\n" into buf (NUL-terminated, cut
 * to cap); returns its length. */
size_t pack_format_counts(char *buf, size_t cap, const char *prefix, const pack_counts_t *c);
