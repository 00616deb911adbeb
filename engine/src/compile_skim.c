/* SPDX-License-Identifier: MIT */
/* compile_skim.c: the syntax-only skim of a body after a validation error (a unit of the compiler, compile.h). */
#include "compile.h"
/*
 * The spec decodes a whole module before
 * validating it, so a malformed encoding later in a body wins over an
 * earlier validation error: after a validation error the body is skimmed
 * again for encoding errors only.
 */

static bool sk_u32s(jwr_t *r, uint32_t n)
{
    uint32_t x;
    for (uint32_t i = 0; i < n; i++)
        if (!jwr_u32(r, &x))
            return false;
    return true;
}

static bool sk_zero(jwr_t *r)
{
    uint8_t b;
    if (!jwr_u8(r, &b))
        return false;
    if (b != 0)
        return jwr_fail(r, JW_ERR_MALFORMED, "zero byte expected");
    return true;
}

static bool sk_blocktype(jwr_t *r)
{
    int64_t x;
    if (r->p < r->end && (*r->p == 0x40 || *r->p >= 0x6f)) {
        r->p++;
        return true;
    }
    return jwr_s33(r, &x);
}

/* The immediates of kind `imm` (wasm_ops.h, WI_*); *depth tracks block
 * nesting. Forced inline: the skim runs over every instruction of a
 * function with float locals (cs_scan_konsts), and a call more cost 1%. */
static inline __attribute__((always_inline)) bool sk_imm(jwr_t *r, uint8_t imm, uint32_t *depth)
{
    int64_t x;
    uint32_t n;
    uint8_t b;
    const uint8_t *p;
    jw_valtype_t t;
    switch (imm) {
    case WI_NONE: return true;
    case WI_BLOCK: (*depth)++; return sk_blocktype(r);
    case WI_END: (*depth)--; return true;
    case WI_IDX: return sk_u32s(r, 1);
    case WI_IDX2:
    case WI_MEM8:
    case WI_MEM16:
    case WI_MEM32:
    case WI_MEM64:
    case WI_MEMARG: return sk_u32s(r, 2);
    case WI_BR_TABLE: return jwr_count(r, &n, 1) && sk_u32s(r, n + 1);
    case WI_SELECT_T:
        if (!jwr_count(r, &n, 1))
            return false;
        for (uint32_t i = 0; i < n; i++)
            if (!jwr_valtype(r, &t))
                return false;
        return true;
    case WI_I32: return jwr_s33(r, &x); /* value range is checked by the s32 reader (sk_body) */
    case WI_I64: return jwr_s64(r, &x);
    case WI_F32: return jwr_bytes(r, 4, &p);
    case WI_F64: return jwr_bytes(r, 8, &p);
    case WI_ZERO: return sk_zero(r);
    case WI_ZERO2: return sk_zero(r) && sk_zero(r);
    case WI_IDX_ZERO: return sk_u32s(r, 1) && sk_zero(r);
    case WI_REFTYPE:
    case WI_LANE: return jwr_u8(r, &b);
    case WI_MEMARG_LANE: return sk_u32s(r, 2) && jwr_u8(r, &b);
    case WI_V128: return jwr_bytes(r, 16, &p);
    }
    return jwr_fail(r, JW_ERR_MALFORMED, "illegal opcode");
}

/* A prefixed instruction: its sub-opcode and immediates. */
static bool sk_prefixed(jwr_t *r, uint8_t prefix, uint32_t *depth)
{
    uint32_t sub;
    if (!jwr_u32(r, &sub))
        return false;
    if (prefix == WOP_PREFIX_FC) {
        const jw_wop_t *w = jw__wop_fc_row(sub);
        return w ? sk_imm(r, w->imm, depth) : jwr_fail(r, JW_ERR_MALFORMED, "illegal opcode");
    }
    const jw_vop_t *v = jw__wop_fd_row(sub);
    return v ? sk_imm(r, v->imm, depth) : jwr_fail(r, JW_ERR_MALFORMED, "illegal opcode");
}

/* One instruction's immediates, by its row in wasm_ops.def; *depth tracks
 * block nesting. */
bool sk_instr(jwr_t *r, uint32_t *depth)
{
    uint8_t op;
    if (!jwr_u8(r, &op))
        return false;
    uint8_t imm = jw__wop[op].imm;
    if (imm == WI_PREFIX)
        return sk_prefixed(r, op, depth);
    if (imm != WI_ILLEGAL)
        return sk_imm(r, imm, depth);
    r->p--;
    return jwr_fail(r, JW_ERR_MALFORMED, "illegal opcode");
}

/* True if the body from `start` is well formed (errors go to r->err). */
bool sk_body(jwr_t *r, const uint8_t *start)
{
    uint32_t depth = 1;
    r->p = start;
    while (depth > 0) {
        if (r->p >= r->end)
            return jwr_fail(r, JW_ERR_MALFORMED, "unexpected end");
        if (*r->p == WOP_I32_CONST) { /* s32 rules */
            int32_t v;
            r->p++;
            if (!jwr_s32(r, &v))
                return false;
            continue;
        }
        if (!sk_instr(r, &depth))
            return false;
    }
    return true;
}
