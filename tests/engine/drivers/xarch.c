/* SPDX-License-Identifier: MIT */
/* xarch.c: cross-architecture check: runs xarch.wat's ops over edge inputs, prints a digest. */
/*
 * Built freestanding (no libc: raw Linux syscalls, a bump allocator) for
 * x86-64 and aarch64 and run natively / under qemu-aarch64: both must print
 * the same digest, so float rounding, conversions and NaN rules do not depend
 * on the architecture. NaN results are hashed as "quiet NaN" or "signalling
 * NaN" only, since the spec lets the payload and sign vary.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "jwasm.h"
#include "linux_min.h"
#include "xarch_wasm.h" /* xarch.wasm as xarch_wasm[], xarch_wasm_len (engine.mk) */

void _start(void);

static void xa_hex(uint64_t v)
{
    char b[17];
    for (int i = 15; i >= 0; i--, v >>= 4)
        b[i] = "0123456789abcdef"[v & 15];
    b[16] = 0;
    lm_puts(b);
}

static _Alignas(16) uint8_t xa_heap[8 << 20];
static size_t xa_used;
static void *xa_alloc(void *ud, size_t n)
{
    (void)ud;
    n = (n + 15) & ~(size_t)15;
    if (n > sizeof xa_heap - xa_used)
        return NULL;
    void *p = xa_heap + xa_used;
    xa_used += n;
    return p;
}
static void xa_free(void *ud, void *p, size_t n) { (void)ud, (void)p, (void)n; }

static const uint32_t xa_f32[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0xbf000000, 0x3fc00000,
    0x40200000, 0xc0200000, 0x7f7fffff, 0xff7fffff, 0x00800000, 0x00000001, 0x807fffff,
    0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 0xffc01234, 0x4f000000, 0xcf000000,
    0x4effffff, 0xcf000001, 0x4f800000, 0x4f7fffff, 0x5f000000, 0xdf000000, 0x5f7fffff,
    0x5f800000, 0x3effffff, 0x4b000001, 0x4b800001, 0xbf7fffff, 0x501502f9, 0x3f7fffff,
};
static const uint64_t xa_f64[] = {
    0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
    0x3fe0000000000000, 0xbfe0000000000000, 0x3ff8000000000000, 0x4004000000000000,
    0xc004000000000000, 0x7fefffffffffffff, 0x0010000000000000, 0x0000000000000001,
    0x800fffffffffffff, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000,
    0x7ff4000000000000, 0xfff8000000001234, 0x41e0000000000000, 0xc1e0000000000000,
    0x41dfffffffc00000, 0xc1e0000000200000, 0x41efffffffe00000, 0x41f0000000000000,
    0x43e0000000000000, 0xc3e0000000000000, 0x43dfffffffffffff, 0x43f0000000000000,
    0x43efffffffffffff, 0x3fdfffffffffffff, 0x4330000000000001, 0x4340000000000001,
    0x36a0000000000000, 0x47efffffe0000000, 0x47efffff00000001, 0x3fefffffffffffff,
};
static const uint64_t xa_int[] = {
    0,
    1,
    2,
    3,
    7,
    31,
    32,
    33,
    63,
    64,
    0x7f,
    0x80,
    0xff,
    0x8000,
    0xffff,
    0x7fffffff,
    0x80000000,
    0xffffffff,
    0x100000000,
    0x20000000000001,
    0x7fffffffffffffff,
    0x8000000000000000,
    0xffffffffffffffff,
    0xfffffffffffffffe,
    0x7fffff4000000000,
    0x7fffffc000000001,
    0x0020000020000001,
    0xffffff8000000001,
    0x1000001,
    0x1000003,
};

#define XA_N(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t xa_hash;
static uint32_t xa_cases;
static void xa_mix(uint64_t v)
{
    for (int i = 0; i < 8; i++, v >>= 8)
        xa_hash = (xa_hash ^ (v & 0xff)) * 0x100000001b3ull;
}

static size_t xa_count(jw_valtype_t t)
{
    return t == JW_F32 ? XA_N(xa_f32) : t == JW_F64 ? XA_N(xa_f64) : XA_N(xa_int);
}
static jw_value_t xa_input(jw_valtype_t t, size_t i)
{
    jw_value_t v = { .type = t };
    if (t == JW_F32)
        v.of.f32 = xa_f32[i];
    else if (t == JW_F64)
        v.of.f64 = xa_f64[i];
    else if (t == JW_I32)
        v.of.i32 = (uint32_t)xa_int[i] ^ (uint32_t)(xa_int[i] >> 32);
    else
        v.of.i64 = xa_int[i];
    return v;
}

/* NaNs hash by quietness only; everything else by its bits. */
static void xa_result(const jw_value_t *r)
{
    if (r->type == JW_F32 && (r->of.f32 & 0x7fffffffu) > 0x7f800000u) {
        xa_mix((r->of.f32 & 0x00400000u) ? 'Q' : 'S');
    } else if (r->type == JW_F64 && (r->of.f64 & 0x7fffffffffffffffull) > 0x7ff0000000000000ull) {
        xa_mix((r->of.f64 & 0x0008000000000000ull) ? 'Q' : 'S');
    } else {
        xa_mix(r->type == JW_F32 || r->type == JW_I32 ? r->of.i32 : r->of.i64);
    }
}

static void xa_run(jw_store_t *s, jw_func_t *f)
{
    jw_functype_t ft;
    jw_value_t args[2], res;
    jw_error_t err;
    jw_func_type(f, &ft);
    size_t n0 = xa_count(ft.params[0]), n1 = ft.nparams > 1 ? xa_count(ft.params[1]) : 1;
    for (size_t i = 0; i < n0; i++)
        for (size_t k = 0; k < n1; k++) {
            args[0] = xa_input(ft.params[0], i);
            if (ft.nparams > 1)
                args[1] = xa_input(ft.params[1], k);
            if (jw_call(s, f, args, ft.nparams, &res, 1, &err))
                xa_result(&res);
            else
                xa_mix(0x7700 + (uint64_t)err.trap);
            xa_cases++;
        }
}

/* The kernel enters with the stack 16-byte aligned, not as after a call. */
#if defined(__x86_64__)
__attribute__((force_align_arg_pointer))
#endif
void _start(void)
{
    jw_allocator_t a = { xa_alloc, xa_free, NULL };
    jw_error_t err;
    int rc = 1;
    xa_hash = 0xcbf29ce484222325ull;
    jw_module_t *m = jw_module_load(&a, xarch_wasm, xarch_wasm_len, &err);
    jw_store_t *s = jw_store_new(&a, NULL);
    jw_instance_t *in = m && s ? jw_instantiate(s, m, NULL, NULL, &err) : NULL;
    if (in) {
        for (uint32_t i = 0; i < jw_module_export_count(m); i++) {
            jw_export_info_t info;
            jw_extern_t x;
            jw_module_export(m, i, &info);
            if (jw_instance_export(in, info.name, info.name_len, &x))
                xa_run(s, x.of.func);
        }
        lm_puts("xarch digest ");
        xa_hex(xa_hash);
        lm_puts(" cases ");
        xa_hex(xa_cases);
        lm_puts("\n");
        rc = 0;
    } else {
        lm_puts("xarch: load/instantiate failed: ");
        lm_puts(err.message);
        lm_puts("\n");
    }
    lm_exit(rc);
    for (;;) {
    }
}
