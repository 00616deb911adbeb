/* SPDX-License-Identifier: MIT */
/* compile_simd.c: validation and translation of the 0xfd (SIMD) prefix (a unit of the compiler, compile.h). */
#include "compile.h"
#include "simd.h"
/*
 * Kept in its own unit so that SIMD stays apart from the scalar compiler.
 * The class of each sub-opcode (its row in wasm_ops.def) decides its
 * immediates and signature; every v128 result is written to the result
 * position's own slot pair and recorded with cs_def, so `local.set` can
 * retarget it like any scalar result. Internal operands: see ops.h.
 */

/* A lane index immediate: one byte, below `lanes`. */
static bool cs_lane(cs_t *c, uint32_t lanes, uint32_t *lane)
{
    uint8_t b;
    if (!jwr_u8(c->r, &b))
        return false;
    if (b >= lanes)
        return cs_invalid(c, "invalid lane index");
    *lane = b;
    return true;
}

/* 16 immediate bytes as four little-endian words (v128.const, shuffle). */
static bool cs_v128_words(cs_t *c, uint32_t w[4], bool shuffle)
{
    const uint8_t *p;
    if (!jwr_bytes(c->r, 16, &p))
        return false;
    for (int i = 0; i < 4; i++) {
        w[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 | (uint32_t)p[4 * i + 2] << 16 |
               (uint32_t)p[4 * i + 3] << 24;
    }
    if (shuffle)
        for (int i = 0; i < 16; i++)
            if (p[i] >= 32)
                return cs_invalid(c, "invalid lane index");
    return true;
}

/* Emits `iop d <operands...>` for a v128 result and pushes it. */
static bool cs_v_result(cs_t *c, uint32_t pc, ct_t t)
{
    cs_def(c, pc);
    return cs_push(c, t);
}

/* Memory forms: loads, stores and their lane variants. */
static bool cs_simd_mem(cs_t *c, int cls, uint32_t op, uint32_t k, uint32_t lanes)
{
    uint32_t off, a, v, lane = 0, pc = c->ncode;
    uint32_t log2 =
        cls == JV_LOAD_LANE || cls == JV_STORE_LANE ? (uint32_t)__builtin_ctz(16 / lanes) : k;
    if (!cs_memarg(c, log2, &off))
        return false;
    if ((cls == JV_LOAD_LANE || cls == JV_STORE_LANE) && !cs_lane(c, lanes, &lane))
        return false;
    switch (cls) {
    case JV_LOAD:
        if (!cs_popl(c, JW_I32, NULL, &a))
            return false;
        if (op == 0x00) {
            if (!cs_emit4(c, IOP_V_LOAD128, cs_top(c, 0), a, off))
                return false;
            return cs_v_result(c, pc, JW_V128);
        }
        if (!cs_emit4(c, IOP_V_LOAD, cs_top(c, 0), a, off) || !cs_emit(c, op))
            return false;
        return cs_v_result(c, pc, JW_V128);
    case JV_STORE:
        if (!cs_popl(c, JW_V128, NULL, &v) || !cs_popl(c, JW_I32, NULL, &a))
            return false;
        return cs_emit4(c, IOP_V_STORE, a, v, off);
    case JV_LOAD_LANE:
        if (!cs_popl(c, JW_V128, NULL, &v) || !cs_popl(c, JW_I32, NULL, &a))
            return false;
        if (!cs_emit4(c, IOP_V_LOAD_LANE, cs_top(c, 0), a, v) || !cs_emit2(c, off, op | lane << 8))
            return false;
        return cs_v_result(c, pc, JW_V128);
    default:
        if (!cs_popl(c, JW_V128, NULL, &v) || !cs_popl(c, JW_I32, NULL, &a))
            return false;
        return cs_emit4(c, IOP_V_STORE_LANE, a, v, off) && cs_emit(c, op | lane << 8);
    }
}

/* Lane access and splats: one scalar side. */
static bool cs_simd_lane(cs_t *c, int cls, uint32_t op, uint32_t lanes, ct_t scalar)
{
    uint32_t a, b, lane, pc = c->ncode;
    switch (cls) {
    case JV_SPLAT:
        if (!cs_popl(c, scalar, NULL, &a))
            return false;
        if (!cs_emit4(c, IOP_V_SPLAT, cs_top(c, 0), a, op))
            return false;
        return cs_v_result(c, pc, JW_V128);
    case JV_EXTRACT:
        if (!cs_lane(c, lanes, &lane) || !cs_popl(c, JW_V128, NULL, &a))
            return false;
        if (!cs_emit4(c, IOP_V_EXTRACT, cs_top(c, 0), a, op | lane << 8))
            return false;
        return cs_v_result(c, pc, scalar);
    default:
        if (!cs_lane(c, lanes, &lane) || !cs_popl(c, scalar, NULL, &b) ||
            !cs_popl(c, JW_V128, NULL, &a))
            return false;
        if (!cs_emit4(c, IOP_V_REPLACE, cs_top(c, 0), a, b) || !cs_emit(c, op | lane << 8))
            return false;
        return cs_v_result(c, pc, JW_V128);
    }
}

/* Pure v128 operations: const, shuffle, unary, binary, bitselect, tests, shifts. */
static bool cs_simd_arith(cs_t *c, int cls, uint32_t op)
{
    uint32_t a, b, v, w[4], pc = c->ncode;
    switch (cls) {
    case JV_CONST:
        if (!cs_v128_words(c, w, false))
            return false;
        if (!cs_emit3(c, IOP_V_CONST, cs_top(c, 0), w[0]) || !cs_emit3(c, w[1], w[2], w[3]))
            return false;
        return cs_v_result(c, pc, JW_V128);
    case JV_SHUFFLE:
        if (!cs_v128_words(c, w, true))
            return false;
        if (!cs_popl(c, JW_V128, NULL, &b) || !cs_popl(c, JW_V128, NULL, &a))
            return false;
        if (!cs_emit4(c, IOP_V_SHUFFLE, cs_top(c, 0), a, b) || !cs_emit4(c, w[0], w[1], w[2], w[3]))
            return false;
        return cs_v_result(c, pc, JW_V128);
    case JV_UN:
    case JV_TEST:
        if (!cs_popl(c, JW_V128, NULL, &a))
            return false;
        if (!cs_emit4(c, cls == JV_UN ? IOP_V_UN : IOP_V_TEST, cs_top(c, 0), a, op))
            return false;
        return cs_v_result(c, pc, cls == JV_UN ? JW_V128 : JW_I32);
    case JV_BIN:
    case JV_SHIFT:
        if (!cs_popl(c, cls == JV_BIN ? JW_V128 : JW_I32, NULL, &b) ||
            !cs_popl(c, JW_V128, NULL, &a))
            return false;
        if (cls == JV_BIN && jv_fast_bin(op) >= 0) {
            if (!cs_emit4(c, IOP_V_FAST + (uint32_t)jv_fast_bin(op), cs_top(c, 0), a, b))
                return false;
            return cs_v_result(c, pc, JW_V128);
        }
        if (!cs_emit4(c, cls == JV_BIN ? IOP_V_BIN : IOP_V_SHIFT, cs_top(c, 0), a, b) ||
            !cs_emit(c, op))
            return false;
        return cs_v_result(c, pc, JW_V128);
    default: /* JV_TER: v128.bitselect */
        if (!cs_popl(c, JW_V128, NULL, &v) || !cs_popl(c, JW_V128, NULL, &b) ||
            !cs_popl(c, JW_V128, NULL, &a))
            return false;
        if (!cs_emit4(c, IOP_V_BITSELECT, cs_top(c, 0), a, b) || !cs_emit(c, v))
            return false;
        return cs_v_result(c, pc, JW_V128);
    }
}

bool cs_simd(cs_t *c)
{
    uint32_t op;
    if (!jwr_u32(c->r, &op))
        return false;
    const jw_vop_t *v = jw__wop_fd_row(op);
    if (!v)
        return cs_fail(c, JW_ERR_MALFORMED, "illegal opcode");
    switch (v->cls) {
    case JV_LOAD:
    case JV_STORE:
    case JV_LOAD_LANE:
    case JV_STORE_LANE: return cs_simd_mem(c, v->cls, op, v->arg, v->arg);
    case JV_SPLAT:
    case JV_EXTRACT:
    case JV_REPLACE: return cs_simd_lane(c, v->cls, op, v->arg, v->scalar);
    default: return cs_simd_arith(c, v->cls, op);
    }
}
