/* SPDX-License-Identifier: MIT */
/* compile_skim.c: the syntax-only skim of a body after a validation error (a unit of the compiler, compile.h). */
#include "compile.h"
/*
 * The spec decodes a whole module before
 * validating it, so a malformed encoding later in a body wins over an
 * earlier validation error: after a validation error the body is skimmed
 * again for encoding errors only.
 */

static bool sk_u32s(jwr_t *r, uint32_t n) {
    uint32_t x;
    for (uint32_t i = 0; i < n; i++)
        if (!jwr_u32(r, &x)) return false;
    return true;
}

static bool sk_zero(jwr_t *r) {
    uint8_t b;
    if (!jwr_u8(r, &b)) return false;
    if (b != 0) return jwr_fail(r, JW_ERR_MALFORMED, "zero byte expected");
    return true;
}

static bool sk_blocktype(jwr_t *r) {
    int64_t x;
    if (r->p < r->end && (*r->p == 0x40 || *r->p >= 0x6f)) { r->p++; return true; }
    return jwr_s33(r, &x);
}

static bool sk_prefixed(jwr_t *r) {
    uint32_t sub;
    if (!jwr_u32(r, &sub)) return false;
    switch (sub) {
    case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7: return true;
    case 8: return sk_u32s(r, 1) && sk_zero(r);
    case 10: return sk_zero(r) && sk_zero(r);
    case 11: return sk_zero(r);
    case 12: case 14: return sk_u32s(r, 2);
    case 9: case 13: case 15: case 16: case 17: return sk_u32s(r, 1);
    }
    return jwr_fail(r, JW_ERR_MALFORMED, "illegal opcode");
}

/* One instruction's immediates; *depth tracks block nesting. */
bool sk_instr(jwr_t *r, uint32_t *depth) {
    uint8_t op;
    int64_t x;
    uint32_t n;
    const uint8_t *p;
    if (!jwr_u8(r, &op)) return false;
    switch (op) {
    case 0x02: case 0x03: case 0x04: (*depth)++; return sk_blocktype(r);
    case 0x0b: (*depth)--; return true;
    case 0x0c: case 0x0d: case 0x10: case 0xd2: return sk_u32s(r, 1);
    case 0x0e: return jwr_count(r, &n, 1) && sk_u32s(r, n + 1);
    case 0x11: return sk_u32s(r, 2);
    case 0x1c: {
        jw_valtype_t t;
        if (!jwr_count(r, &n, 1)) return false;
        for (uint32_t i = 0; i < n; i++)
            if (!jwr_valtype(r, &t)) return false;
        return true;
    }
    case 0x3f: case 0x40: return sk_zero(r);
    case 0x41: return jwr_s33(r, &x); /* value range is checked by the s32 reader below */
    case 0x42: return jwr_s64(r, &x);
    case 0x43: return jwr_bytes(r, 4, &p);
    case 0x44: return jwr_bytes(r, 8, &p);
    case 0xd0: return jwr_u8(r, &op);
    case 0xfc: return sk_prefixed(r);
    case 0xfd: return sk_simd(r);
    }
    if (op <= 0x01 || op == 0x05 || op == 0x0f || op == 0x1a || op == 0x1b || op == 0xd1) return true;
    if (op >= 0x20 && op <= 0x26) return sk_u32s(r, 1);
    if (op >= 0x28 && op <= 0x3e) return sk_u32s(r, 2);
    if (op >= 0x45 && op <= 0xc4) return true;
    r->p--;
    return jwr_fail(r, JW_ERR_MALFORMED, "illegal opcode");
}

/* True if the body from `start` is well formed (errors go to r->err). */
bool sk_body(jwr_t *r, const uint8_t *start) {
    uint32_t depth = 1;
    r->p = start;
    while (depth > 0) {
        if (r->p >= r->end) return jwr_fail(r, JW_ERR_MALFORMED, "unexpected end");
        if (*r->p == 0x41) { /* i32.const: s32 rules */
            int32_t v;
            r->p++;
            if (!jwr_s32(r, &v)) return false;
            continue;
        }
        if (!sk_instr(r, &depth)) return false;
    }
    return true;
}
