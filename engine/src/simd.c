/* SPDX-License-Identifier: MIT */
/* simd.c: the lane operations of fixed-width SIMD, portable C per lane. */
#include "simd.h"
#include "float.h"

/*
 * Every operation is written lane by lane in plain C so that it has exactly
 * the wasm semantics on both targets; floats use the scalar engine's exact
 * helpers (float.c) per lane. The compiler may vectorise these loops; that
 * keeps the semantics since SSE2 and AArch64 NEON lanes are IEEE operations
 * (no flush-to-zero in either default mode). Operations are selected by the
 * wasm sub-opcode (0xfd prefix); its class (wasm_ops.def) decides which.
 */

static const uint8_t jv_fast_ops[JV_NFAST] = {
    0x4e, 0x4f, 0x50, 0x51,             /* v128 and andnot or xor */
    0x23, 0x6e, 0x71,                   /* i8x16 eq add sub */
    0x2d, 0x8e, 0x91, 0x95,             /* i16x8 eq add sub mul */
    0x37, 0xae, 0xb1, 0xb5,             /* i32x4 eq add sub mul */
    0xce, 0xd1,                         /* i64x2 add sub */
    0xe4, 0xe5, 0xe6, 0xe7,             /* f32x4 add sub mul div */
    0xf0, 0xf1, 0xf2,                   /* f64x2 add sub mul */
};

int jv_fast_bin(uint32_t op)
{
    for (int i = 0; i < JV_NFAST; i++)
        if (jv_fast_ops[i] == op)
            return i;
    return -1;
}

/* ---- saturation and conversion helpers ---- */

static int8_t sat_s8(int32_t x) { return (int8_t)(x < -128 ? -128 : x > 127 ? 127 : x); }
static uint8_t sat_u8(int32_t x) { return (uint8_t)(x < 0 ? 0 : x > 255 ? 255 : x); }
static int16_t sat_s16(int32_t x) { return (int16_t)(x < -32768 ? -32768 : x > 32767 ? 32767 : x); }
static uint16_t sat_u16(int32_t x) { return (uint16_t)(x < 0 ? 0 : x > 65535 ? 65535 : x); }

static int32_t trunc_sat_s32(double x)
{
    if (x != x)
        return 0;
    if (x <= -2147483649.0)
        return INT32_MIN;
    if (x >= 2147483648.0)
        return INT32_MAX;
    return (int32_t)x;
}
static uint32_t trunc_sat_u32(double x)
{
    if (x != x || x <= -1.0)
        return 0;
    if (x >= 4294967296.0)
        return UINT32_MAX;
    return (uint32_t)x;
}

static uint64_t mask_of(bool b) { return b ? ~0ull : 0; }

/* ---- unary ---- */

static void un_float(uint32_t op, jv_t *r, const jv_t *a)
{
    for (int i = 0; i < 4; i++) {
        float x = a->f32[i];
        switch (op) {
        case 0x67: r->f32[i] = jf_ceil32(x); break;
        case 0x68: r->f32[i] = jf_floor32(x); break;
        case 0x69: r->f32[i] = jf_trunc32(x); break;
        case 0x6a: r->f32[i] = jf_nearest32(x); break;
        case 0xe0: r->u32[i] = a->u32[i] & 0x7fffffffu; break;
        case 0xe1: r->u32[i] = a->u32[i] ^ 0x80000000u; break;
        case 0xe3: r->f32[i] = jf_sqrt32(x); break;
        case 0xf8: r->i32[i] = trunc_sat_s32(x); break;
        case 0xf9: r->u32[i] = trunc_sat_u32(x); break;
        case 0xfa: r->f32[i] = (float)a->i32[i]; break;
        case 0xfb: r->f32[i] = (float)a->u32[i]; break;
        }
    }
}

static void un_double(uint32_t op, jv_t *r, const jv_t *a)
{
    for (int i = 0; i < 2; i++) {
        double x = a->f64[i];
        switch (op) {
        case 0x74: r->f64[i] = jf_ceil64(x); break;
        case 0x75: r->f64[i] = jf_floor64(x); break;
        case 0x7a: r->f64[i] = jf_trunc64(x); break;
        case 0x94: r->f64[i] = jf_nearest64(x); break;
        case 0xec: r->u64[i] = a->u64[i] & 0x7fffffffffffffffull; break;
        case 0xed: r->u64[i] = a->u64[i] ^ 0x8000000000000000ull; break;
        case 0xef: r->f64[i] = jf_sqrt64(x); break;
        }
    }
}

/* Conversions whose output shape differs from the input's. */
static void un_convert(uint32_t op, jv_t *r, const jv_t *a)
{
    jv_t t; /* no initialiser: at -O0 that is a memset() call */
    t.u64[0] = t.u64[1] = 0;
    for (int i = 0; i < 2; i++) {
        switch (op) {
        case 0x5e: t.f32[i] = (float)a->f64[i]; break;
        case 0x5f: t.f64[i] = (double)a->f32[i]; break;
        case 0xfc: t.i32[i] = trunc_sat_s32(a->f64[i]); break;
        case 0xfd: t.u32[i] = trunc_sat_u32(a->f64[i]); break;
        case 0xfe: t.f64[i] = (double)a->i32[i]; break;
        case 0xff: t.f64[i] = (double)a->u32[i]; break;
        }
    }
    *r = t;
}

/* extend_low/high and extadd_pairwise. */
static void un_widen(uint32_t op, jv_t *r, const jv_t *a)
{
    jv_t t;
    switch (op) {
    case 0x7c:
        for (int i = 0; i < 8; i++)
            t.i16[i] = (int16_t)(a->i8[2 * i] + a->i8[2 * i + 1]);
        break;
    case 0x7d:
        for (int i = 0; i < 8; i++)
            t.u16[i] = (uint16_t)(a->u8[2 * i] + a->u8[2 * i + 1]);
        break;
    case 0x7e:
        for (int i = 0; i < 4; i++)
            t.i32[i] = a->i16[2 * i] + a->i16[2 * i + 1];
        break;
    case 0x7f:
        for (int i = 0; i < 4; i++)
            t.u32[i] = (uint32_t)a->u16[2 * i] + a->u16[2 * i + 1];
        break;
    case 0x87:
        for (int i = 0; i < 8; i++)
            t.i16[i] = a->i8[i];
        break;
    case 0x88:
        for (int i = 0; i < 8; i++)
            t.i16[i] = a->i8[i + 8];
        break;
    case 0x89:
        for (int i = 0; i < 8; i++)
            t.u16[i] = a->u8[i];
        break;
    case 0x8a:
        for (int i = 0; i < 8; i++)
            t.u16[i] = a->u8[i + 8];
        break;
    case 0xa7:
        for (int i = 0; i < 4; i++)
            t.i32[i] = a->i16[i];
        break;
    case 0xa8:
        for (int i = 0; i < 4; i++)
            t.i32[i] = a->i16[i + 4];
        break;
    case 0xa9:
        for (int i = 0; i < 4; i++)
            t.u32[i] = a->u16[i];
        break;
    case 0xaa:
        for (int i = 0; i < 4; i++)
            t.u32[i] = a->u16[i + 4];
        break;
    case 0xc7:
        for (int i = 0; i < 2; i++)
            t.i64[i] = a->i32[i];
        break;
    case 0xc8:
        for (int i = 0; i < 2; i++)
            t.i64[i] = a->i32[i + 2];
        break;
    case 0xc9:
        for (int i = 0; i < 2; i++)
            t.u64[i] = a->u32[i];
        break;
    default:
        for (int i = 0; i < 2; i++)
            t.u64[i] = a->u32[i + 2];
        break;
    }
    *r = t;
}

/* abs/neg/popcnt: unsigned arithmetic, so INT_MIN wraps as wasm wants. */
static void un_int(uint32_t op, jv_t *r, const jv_t *a)
{
    switch (op) {
    case 0x60:
        for (int i = 0; i < 16; i++)
            r->u8[i] = (uint8_t)(a->i8[i] < 0 ? -a->i8[i] : a->i8[i]);
        break;
    case 0x61:
        for (int i = 0; i < 16; i++)
            r->u8[i] = (uint8_t)(0u - a->u8[i]);
        break;
    case 0x62:
        for (int i = 0; i < 16; i++)
            r->u8[i] = (uint8_t)__builtin_popcount(a->u8[i]);
        break;
    case 0x80:
        for (int i = 0; i < 8; i++)
            r->u16[i] = (uint16_t)(a->i16[i] < 0 ? -a->i16[i] : a->i16[i]);
        break;
    case 0x81:
        for (int i = 0; i < 8; i++)
            r->u16[i] = (uint16_t)(0u - a->u16[i]);
        break;
    case 0xa0:
        for (int i = 0; i < 4; i++)
            r->u32[i] = a->i32[i] < 0 ? 0u - a->u32[i] : a->u32[i];
        break;
    case 0xa1:
        for (int i = 0; i < 4; i++)
            r->u32[i] = 0u - a->u32[i];
        break;
    case 0xc0:
        for (int i = 0; i < 2; i++)
            r->u64[i] = a->i64[i] < 0 ? 0ull - a->u64[i] : a->u64[i];
        break;
    case 0xc1:
        for (int i = 0; i < 2; i++)
            r->u64[i] = 0ull - a->u64[i];
        break;
    }
}

void jv_unop(uint32_t op, jv_t *r, const jv_t *a)
{
    switch (op) {
    case 0x4d:
        r->u64[0] = ~a->u64[0];
        r->u64[1] = ~a->u64[1];
        return;
    case 0x5e:
    case 0x5f:
    case 0xfc:
    case 0xfd:
    case 0xfe:
    case 0xff: un_convert(op, r, a); return;
    case 0x67:
    case 0x68:
    case 0x69:
    case 0x6a:
    case 0xe0:
    case 0xe1:
    case 0xe3:
    case 0xf8:
    case 0xf9:
    case 0xfa:
    case 0xfb: un_float(op, r, a); return;
    case 0x74:
    case 0x75:
    case 0x7a:
    case 0x94:
    case 0xec:
    case 0xed:
    case 0xef: un_double(op, r, a); return;
    }
    if ((op >= 0x7c && op <= 0x7f) || (op >= 0x87 && op <= 0x8a) || (op >= 0xa7 && op <= 0xaa) ||
        (op >= 0xc7 && op <= 0xca)) {
        un_widen(op, r, a);
        return;
    }
    un_int(op, r, a);
}

/* ---- binary ---- */

/* Comparisons 0x23..0x4c and i64x2 0xd6..0xdb: all-ones lanes where true. */
static bool cmp_int(uint32_t k, int64_t x, int64_t y, uint64_t ux, uint64_t uy)
{
    switch (k) { /* eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u */
    case 0: return ux == uy;
    case 1: return ux != uy;
    case 2: return x < y;
    case 3: return ux < uy;
    case 4: return x > y;
    case 5: return ux > uy;
    case 6: return x <= y;
    case 7: return ux <= uy;
    case 8: return x >= y;
    default: return ux >= uy;
    }
}
static bool cmp_float(uint32_t k, double x, double y)
{
    switch (k) { /* eq ne lt gt le ge */
    case 0: return x == y;
    case 1: return x != y;
    case 2: return x < y;
    case 3: return x > y;
    case 4: return x <= y;
    default: return x >= y;
    }
}

static void bin_compare(uint32_t op, jv_t *r, const jv_t *a, const jv_t *b)
{
    jv_t t;
    if (op <= 0x2c) {
        for (int i = 0; i < 16; i++)
            t.u8[i] = (uint8_t)mask_of(cmp_int(op - 0x23, a->i8[i], b->i8[i], a->u8[i], b->u8[i]));
    } else if (op <= 0x36) {
        for (int i = 0; i < 8; i++)
            t.u16[i] =
                (uint16_t)mask_of(cmp_int(op - 0x2d, a->i16[i], b->i16[i], a->u16[i], b->u16[i]));
    } else if (op <= 0x40) {
        for (int i = 0; i < 4; i++)
            t.u32[i] =
                (uint32_t)mask_of(cmp_int(op - 0x37, a->i32[i], b->i32[i], a->u32[i], b->u32[i]));
    } else if (op <= 0x46) {
        for (int i = 0; i < 4; i++)
            t.u32[i] = (uint32_t)mask_of(cmp_float(op - 0x41, a->f32[i], b->f32[i]));
    } else if (op <= 0x4c) {
        for (int i = 0; i < 2; i++)
            t.u64[i] = mask_of(cmp_float(op - 0x47, a->f64[i], b->f64[i]));
    } else { /* 0xd6..0xdb: eq ne lt_s gt_s le_s ge_s */
        static const uint8_t k[6] = { 0, 1, 2, 4, 6, 8 };
        for (int i = 0; i < 2; i++)
            t.u64[i] = mask_of(cmp_int(k[op - 0xd6], a->i64[i], b->i64[i], a->u64[i], b->u64[i]));
    }
    *r = t;
}

static void bin_i8(uint32_t op, jv_t *r, const jv_t *a, const jv_t *b)
{
    for (int i = 0; i < 16; i++) {
        int32_t x = a->i8[i], y = b->i8[i];
        uint32_t ux = a->u8[i], uy = b->u8[i];
        switch (op) {
        case 0x6e: r->u8[i] = (uint8_t)(ux + uy); break;
        case 0x6f: r->i8[i] = sat_s8(x + y); break;
        case 0x70: r->u8[i] = sat_u8((int32_t)(ux + uy)); break;
        case 0x71: r->u8[i] = (uint8_t)(ux - uy); break;
        case 0x72: r->i8[i] = sat_s8(x - y); break;
        case 0x73: r->u8[i] = sat_u8((int32_t)ux - (int32_t)uy); break;
        case 0x76: r->i8[i] = (int8_t)(x < y ? x : y); break;
        case 0x77: r->u8[i] = (uint8_t)(ux < uy ? ux : uy); break;
        case 0x78: r->i8[i] = (int8_t)(x > y ? x : y); break;
        case 0x79: r->u8[i] = (uint8_t)(ux > uy ? ux : uy); break;
        case 0x7b: r->u8[i] = (uint8_t)((ux + uy + 1) >> 1); break;
        }
    }
}

static void bin_i16(uint32_t op, jv_t *r, const jv_t *a, const jv_t *b)
{
    for (int i = 0; i < 8; i++) {
        int32_t x = a->i16[i], y = b->i16[i];
        uint32_t ux = a->u16[i], uy = b->u16[i];
        switch (op) {
        case 0x82: r->i16[i] = sat_s16((x * y + 0x4000) >> 15); break;
        case 0x8e: r->u16[i] = (uint16_t)(ux + uy); break;
        case 0x8f: r->i16[i] = sat_s16(x + y); break;
        case 0x90: r->u16[i] = sat_u16((int32_t)(ux + uy)); break;
        case 0x91: r->u16[i] = (uint16_t)(ux - uy); break;
        case 0x92: r->i16[i] = sat_s16(x - y); break;
        case 0x93: r->u16[i] = sat_u16((int32_t)ux - (int32_t)uy); break;
        case 0x95: r->u16[i] = (uint16_t)(ux * uy); break;
        case 0x96: r->i16[i] = (int16_t)(x < y ? x : y); break;
        case 0x97: r->u16[i] = (uint16_t)(ux < uy ? ux : uy); break;
        case 0x98: r->i16[i] = (int16_t)(x > y ? x : y); break;
        case 0x99: r->u16[i] = (uint16_t)(ux > uy ? ux : uy); break;
        case 0x9b: r->u16[i] = (uint16_t)((ux + uy + 1) >> 1); break;
        }
    }
}

static void bin_i32(uint32_t op, jv_t *r, const jv_t *a, const jv_t *b)
{
    for (int i = 0; i < 4; i++) {
        int32_t x = a->i32[i], y = b->i32[i];
        uint32_t ux = a->u32[i], uy = b->u32[i];
        switch (op) {
        case 0xae: r->u32[i] = ux + uy; break;
        case 0xb1: r->u32[i] = ux - uy; break;
        case 0xb5: r->u32[i] = ux * uy; break;
        case 0xb6: r->i32[i] = x < y ? x : y; break;
        case 0xb7: r->u32[i] = ux < uy ? ux : uy; break;
        case 0xb8: r->i32[i] = x > y ? x : y; break;
        case 0xb9: r->u32[i] = ux > uy ? ux : uy; break;
        }
    }
}

/* Narrowing: a's lanes then b's, each saturated to the narrower type. */
static void bin_narrow(uint32_t op, jv_t *t, const jv_t *a, const jv_t *b)
{
    for (int i = 0; i < 16 && op <= 0x66; i++) {
        int32_t v = i < 8 ? a->i16[i] : b->i16[i - 8];
        if (op == 0x65)
            t->i8[i] = sat_s8(v);
        else
            t->u8[i] = sat_u8(v);
    }
    for (int i = 0; i < 8 && op >= 0x85; i++) {
        int64_t v = i < 4 ? a->i32[i] : b->i32[i - 4];
        if (op == 0x85)
            t->i16[i] = (int16_t)(v < -32768 ? -32768 : v > 32767 ? 32767 : v);
        else
            t->u16[i] = (uint16_t)(v < 0 ? 0 : v > 65535 ? 65535 : v);
    }
}

/* extmul_low/high: the low or high half of each input, widened, multiplied. */
static void bin_extmul(uint32_t op, jv_t *t, const jv_t *a, const jv_t *b)
{
    bool high = (op & 1) != 0;
    if (op >= 0x9c && op <= 0x9f) {
        int h = high ? 8 : 0;
        for (int i = 0; i < 8; i++) {
            if (op <= 0x9d)
                t->i16[i] = (int16_t)(a->i8[i + h] * b->i8[i + h]);
            else
                t->u16[i] = (uint16_t)(a->u8[i + h] * b->u8[i + h]);
        }
    } else if (op >= 0xbc && op <= 0xbf) {
        int h = high ? 4 : 0;
        for (int i = 0; i < 4; i++) {
            if (op <= 0xbd)
                t->u32[i] = (uint32_t)(a->i16[i + h] * b->i16[i + h]);
            else
                t->u32[i] = (uint32_t)a->u16[i + h] * b->u16[i + h];
        }
    } else {
        int h = high ? 2 : 0;
        for (int i = 0; i < 2; i++) {
            if (op <= 0xdd)
                t->i64[i] = (int64_t)a->i32[i + h] * b->i32[i + h];
            else
                t->u64[i] = (uint64_t)a->u32[i + h] * b->u32[i + h];
        }
    }
}

/* Lane counts change: results go through a temporary (r may be a or b). */
static void bin_reshape(uint32_t op, jv_t *r, const jv_t *a, const jv_t *b)
{
    jv_t t;
    if (op == 0x65 || op == 0x66 || op == 0x85 || op == 0x86) {
        bin_narrow(op, &t, a, b);
    } else if (op == 0xba) { /* dot: pairwise products summed, wrapping */
        for (int i = 0; i < 4; i++)
            t.u32[i] = (uint32_t)((int64_t)a->i16[2 * i] * b->i16[2 * i] +
                                  (int64_t)a->i16[2 * i + 1] * b->i16[2 * i + 1]);
    } else {
        bin_extmul(op, &t, a, b);
    }
    *r = t;
}

/* pmin/pmax pick one operand's bits: b < a ? b : a and a < b ? b : a. */
static void bin_float(uint32_t op, jv_t *r, const jv_t *a, const jv_t *b)
{
    for (int i = 0; i < 4; i++) {
        float x = a->f32[i], y = b->f32[i];
        switch (op) {
        case 0xe4: r->f32[i] = x + y; break;
        case 0xe5: r->f32[i] = x - y; break;
        case 0xe6: r->f32[i] = x * y; break;
        case 0xe7: r->f32[i] = x / y; break;
        case 0xe8: r->u32[i] = (uint32_t)jf_min32(x, y); break;
        case 0xe9: r->u32[i] = (uint32_t)jf_max32(x, y); break;
        case 0xea: r->u32[i] = y < x ? b->u32[i] : a->u32[i]; break;
        case 0xeb: r->u32[i] = x < y ? b->u32[i] : a->u32[i]; break;
        }
    }
}

static void bin_double(uint32_t op, jv_t *r, const jv_t *a, const jv_t *b)
{
    for (int i = 0; i < 2; i++) {
        double x = a->f64[i], y = b->f64[i];
        switch (op) {
        case 0xf0: r->f64[i] = x + y; break;
        case 0xf1: r->f64[i] = x - y; break;
        case 0xf2: r->f64[i] = x * y; break;
        case 0xf3: r->f64[i] = x / y; break;
        case 0xf4: r->u64[i] = jf_min64(x, y); break;
        case 0xf5: r->u64[i] = jf_max64(x, y); break;
        case 0xf6: r->u64[i] = y < x ? b->u64[i] : a->u64[i]; break;
        case 0xf7: r->u64[i] = x < y ? b->u64[i] : a->u64[i]; break;
        }
    }
}

static void bin_bits(uint32_t op, jv_t *r, const jv_t *a, const jv_t *b)
{
    jv_t t;
    switch (op) {
    case 0x0e:
        for (int i = 0; i < 16; i++)
            t.u8[i] = b->u8[i] < 16 ? a->u8[b->u8[i]] : 0;
        break;
    case 0x4e:
        for (int i = 0; i < 2; i++)
            t.u64[i] = a->u64[i] & b->u64[i];
        break;
    case 0x4f:
        for (int i = 0; i < 2; i++)
            t.u64[i] = a->u64[i] & ~b->u64[i];
        break;
    case 0x50:
        for (int i = 0; i < 2; i++)
            t.u64[i] = a->u64[i] | b->u64[i];
        break;
    default:
        for (int i = 0; i < 2; i++)
            t.u64[i] = a->u64[i] ^ b->u64[i];
        break;
    }
    *r = t;
}

void jv_binop(uint32_t op, jv_t *r, const jv_t *a, const jv_t *b)
{
    if (op == 0x0e || (op >= 0x4e && op <= 0x51))
        bin_bits(op, r, a, b);
    else if ((op >= 0x23 && op <= 0x4c) || (op >= 0xd6 && op <= 0xdb))
        bin_compare(op, r, a, b);
    else if (op == 0x65 || op == 0x66 || op == 0x85 || op == 0x86 || (op >= 0x9c && op <= 0x9f) ||
             op == 0xba || (op >= 0xbc && op <= 0xbf) || op >= 0xdc) {
        if (op >= 0xe4 && op <= 0xeb)
            bin_float(op, r, a, b);
        else if (op >= 0xf0)
            bin_double(op, r, a, b);
        else
            bin_reshape(op, r, a, b);
    } else if (op < 0x80)
        bin_i8(op, r, a, b);
    else if (op < 0xa0)
        bin_i16(op, r, a, b);
    else if (op < 0xc0)
        bin_i32(op, r, a, b);
    else { /* i64x2 add sub mul */
        for (int i = 0; i < 2; i++) {
            uint64_t x = a->u64[i], y = b->u64[i];
            r->u64[i] = op == 0xce ? x + y : op == 0xd1 ? x - y : x * y;
        }
    }
}

/* ---- tests, shifts, lanes ---- */

uint32_t jv_test(uint32_t op, const jv_t *a)
{
    uint32_t r = 0;
    switch (op) {
    case 0x53: return (a->u64[0] | a->u64[1]) != 0;
    case 0x63:
        for (int i = 0; i < 16; i++)
            if (!a->u8[i])
                return 0;
        return 1;
    case 0x83:
        for (int i = 0; i < 8; i++)
            if (!a->u16[i])
                return 0;
        return 1;
    case 0xa3:
        for (int i = 0; i < 4; i++)
            if (!a->u32[i])
                return 0;
        return 1;
    case 0xc3:
        for (int i = 0; i < 2; i++)
            if (!a->u64[i])
                return 0;
        return 1;
    case 0x64:
        for (int i = 0; i < 16; i++)
            r |= (uint32_t)(a->u8[i] >> 7) << i;
        return r;
    case 0x84:
        for (int i = 0; i < 8; i++)
            r |= (uint32_t)(a->u16[i] >> 15) << i;
        return r;
    case 0xa4:
        for (int i = 0; i < 4; i++)
            r |= (a->u32[i] >> 31) << i;
        return r;
    default:
        for (int i = 0; i < 2; i++)
            r |= (uint32_t)(a->u64[i] >> 63) << i;
        return r;
    }
}

/* Shift counts are taken modulo the lane width. Right shifts of negative
 * signed values are arithmetic on both targets (clang defines it). */
void jv_shift(uint32_t op, jv_t *r, const jv_t *a, uint32_t k)
{
    uint32_t kind = (op - 0x6b) & 31; /* 0 shl, 1 shr_s, 2 shr_u within each shape */
    if (op <= 0x6d) {
        k &= 7;
        for (int i = 0; i < 16; i++)
            r->u8[i] = (uint8_t)(kind == 0   ? a->u8[i] << k
                                 : kind == 1 ? a->i8[i] >> k
                                             : a->u8[i] >> k);
    } else if (op <= 0x8d) {
        k &= 15;
        kind = op - 0x8b;
        for (int i = 0; i < 8; i++)
            r->u16[i] = (uint16_t)(kind == 0   ? a->u16[i] << k
                                   : kind == 1 ? a->i16[i] >> k
                                               : a->u16[i] >> k);
    } else if (op <= 0xad) {
        k &= 31;
        kind = op - 0xab;
        for (int i = 0; i < 4; i++)
            r->u32[i] = kind == 0   ? a->u32[i] << k
                        : kind == 1 ? (uint32_t)(a->i32[i] >> k)
                                    : a->u32[i] >> k;
    } else {
        k &= 63;
        kind = op - 0xcb;
        for (int i = 0; i < 2; i++)
            r->u64[i] = kind == 0   ? a->u64[i] << k
                        : kind == 1 ? (uint64_t)(a->i64[i] >> k)
                                    : a->u64[i] >> k;
    }
}

void jv_splat(uint32_t op, jv_t *r, uint64_t x)
{
    switch (op) {
    case 0x0f:
        for (int i = 0; i < 16; i++)
            r->u8[i] = (uint8_t)x;
        break;
    case 0x10:
        for (int i = 0; i < 8; i++)
            r->u16[i] = (uint16_t)x;
        break;
    case 0x11:
    case 0x13:
        for (int i = 0; i < 4; i++)
            r->u32[i] = (uint32_t)x;
        break;
    default: r->u64[0] = r->u64[1] = x; break;
    }
}

/* Results as slot bits: i32 lanes zero-extended, floats as bit patterns. */
uint64_t jv_extract(uint32_t op, const jv_t *a, uint32_t lane)
{
    switch (op) {
    case 0x15: return (uint32_t)(int32_t)a->i8[lane];
    case 0x16: return a->u8[lane];
    case 0x18: return (uint32_t)(int32_t)a->i16[lane];
    case 0x19: return a->u16[lane];
    case 0x1b:
    case 0x1f: return a->u32[lane];
    default: return a->u64[lane];
    }
}

void jv_replace(uint32_t op, jv_t *r, uint64_t x, uint32_t lane)
{
    switch (op) {
    case 0x17: r->u8[lane] = (uint8_t)x; break;
    case 0x1a: r->u16[lane] = (uint16_t)x; break;
    case 0x1c:
    case 0x20: r->u32[lane] = (uint32_t)x; break;
    default: r->u64[lane] = x; break;
    }
}

/* Lane indices were validated (< 32) at load time: one table lookup each.
 * The result is assembled in registers and stored at once (see
 * interp_simd.h: byte stores followed by a 16-byte load would stall). */
void jv_shuffle(jv_t *r, const jv_t *a, const jv_t *b, const uint8_t *lanes)
{
    uint8_t ab[32];
    __builtin_memcpy(ab, a, 16);
    __builtin_memcpy(ab + 16, b, 16);
    uint64_t lo = 0, hi = 0;
    for (int i = 7; i >= 0; i--) {
        lo = lo << 8 | ab[lanes[i] & 31];
        hi = hi << 8 | ab[lanes[i + 8] & 31];
    }
    jv_u64x2 v = { lo, hi };
    __builtin_memcpy(r, &v, 16);
}

/* ---- loads ---- */

void jv_load(uint32_t op, jv_t *r, const uint8_t *p)
{
    jv_t m;
    m.u64[0] = m.u64[1] = 0;
    switch (op) {
    case 0x00: __builtin_memcpy(r, p, 16); return;
    case 0x07: jv_splat(0x0f, r, p[0]); return;
    case 0x08:
        __builtin_memcpy(&m, p, 2);
        jv_splat(0x10, r, m.u16[0]);
        return;
    case 0x09:
        __builtin_memcpy(&m, p, 4);
        jv_splat(0x11, r, m.u32[0]);
        return;
    case 0x0a:
        __builtin_memcpy(&m, p, 8);
        jv_splat(0x12, r, m.u64[0]);
        return;
    case 0x5c:
        __builtin_memcpy(&m, p, 4);
        *r = m;
        return;
    case 0x5d:
        __builtin_memcpy(&m, p, 8);
        *r = m;
        return;
    }
    /* 0x01..0x06: 8 bytes, each half-lane extended (= extend_low). */
    static const uint8_t ext[6] = { 0x87, 0x89, 0xa7, 0xa9, 0xc7, 0xc9 };
    __builtin_memcpy(&m, p, 8);
    un_widen(ext[op - 1], r, &m);
}
