/* SPDX-License-Identifier: MIT */
/* spec_match.h: an expected spec result (a value or a pattern) and its check, shared by the hosted runner and the pack drivers. */
#pragma once
/*
 * Freestanding (no libc): tests/spec/ links it into the hosted runner, and
 * tests/engine/drivers/pack_core.c into the packed-command drivers (a Linux
 * program without libc, a JerichoOS task), so that every one of them checks
 * a result with the very same code.
 */
#include <stdbool.h>
#include <stdint.h>
#include "jwasm.h"

/* One expected result: a plain value or a pattern (NaN classes, any ref). */
typedef enum spec_pattern {
    SPEC_EXACT = 0,
    SPEC_NAN_CANONICAL,
    SPEC_NAN_ARITHMETIC,
    SPEC_ANY_REF, /* non-null reference of the type */
} spec_pattern_t;

typedef struct spec_expect {
    jw_value_t value;
    spec_pattern_t pattern;
    /* v128 compares lane by lane with per-lane patterns. */
    uint8_t lane_bits; /* 8..64, 0 if not v128 */
    bool lane_float;
    spec_pattern_t lanes[16];
} spec_expect_t;

/* Whether `got` is what `e` expects: exact bits, NaN classes (per lane for
 * v128, sign ignored), reference identity or any non-null reference. */
bool spec_value_matches(const spec_expect_t *e, const jw_value_t *got);
