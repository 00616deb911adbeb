/* SPDX-License-Identifier: MIT */
/* interp.h: what the handler units share: the handler signature and macros, the context, hot helpers (internal). */
#pragma once
#include "float.h"
#include "internal.h"
#include "ops.h"

/*
 * The dispatcher is interp.c (calls, returns, control flow, plain memory
 * ops, the dispatch table, the entry); the other handlers are units of
 * their own: interp_fused.c (super-instructions), interp_num.c (wasm's
 * numeric ops), interp_simd.c (v128). A handler tail-calls the next through
 * jw__in_tab, so which unit holds it does not change dispatch; the helpers
 * handlers inline are `static inline` here.
 */

/* Every wasm float operation rounds: never contract a*b+c into an FMA
 * (in every unit that includes this header). */
#pragma STDC FP_CONTRACT OFF

/* Little-endian unaligned memory access (both targets are little-endian). */
static inline uint32_t in_ld32(const uint8_t *p)
{
    uint32_t v;
    __builtin_memcpy(&v, p, 4);
    return v;
}
static inline uint64_t in_ld64(const uint8_t *p)
{
    uint64_t v;
    __builtin_memcpy(&v, p, 8);
    return v;
}
static inline uint16_t in_ld16(const uint8_t *p)
{
    uint16_t v;
    __builtin_memcpy(&v, p, 2);
    return v;
}
static inline void in_st32(uint8_t *p, uint32_t v) { __builtin_memcpy(p, &v, 4); }
static inline void in_st64(uint8_t *p, uint64_t v) { __builtin_memcpy(p, &v, 8); }
static inline void in_st16(uint8_t *p, uint16_t v) { __builtin_memcpy(p, &v, 2); }

static inline uint32_t in_rotl32(uint32_t x, uint32_t k)
{
    k &= 31;
    return (x << k) | (x >> ((32 - k) & 31));
}
static inline uint32_t in_rotr32(uint32_t x, uint32_t k)
{
    k &= 31;
    return (x >> k) | (x << ((32 - k) & 31));
}
static inline uint64_t in_rotl64(uint64_t x, uint64_t k)
{
    k &= 63;
    return (x << k) | (x >> ((64 - k) & 63));
}
static inline uint64_t in_rotr64(uint64_t x, uint64_t k)
{
    k &= 63;
    return (x >> k) | (x << ((64 - k) & 63));
}
static inline uint32_t in_clz32(uint32_t x) { return x ? (uint32_t)__builtin_clz(x) : 32; }
static inline uint32_t in_ctz32(uint32_t x) { return x ? (uint32_t)__builtin_ctz(x) : 32; }
static inline uint64_t in_clz64(uint64_t x) { return x ? (uint64_t)__builtin_clzll(x) : 64; }
static inline uint64_t in_ctz64(uint64_t x) { return x ? (uint64_t)__builtin_ctzll(x) : 64; }
static inline uint32_t in_pop32(uint32_t x) { return (uint32_t)__builtin_popcount(x); }
static inline uint64_t in_pop64(uint64_t x) { return (uint64_t)__builtin_popcountll(x); }
static inline uint64_t in_copysign32(uint64_t a, uint64_t b)
{
    return ((uint32_t)a & 0x7fffffffu) | ((uint32_t)b & 0x80000000u);
}
static inline uint64_t in_copysign64(uint64_t a, uint64_t b)
{
    return (a & 0x7fffffffffffffffull) | (b & 0x8000000000000000ull);
}

/* The state a handler needs beyond its register arguments. */
typedef struct in_ctx {
    jw_store_t *s;
    jw_func_t *fn; /* the running function */
    jw_instance_t *inst; /* its instance */
    jw_func_t **funcs; /* inst->funcs */
    jw_memory_t *mem; /* the instance's memory 0, or NULL */
    jw_error_t *err;
    uint64_t *stack_end; /* s->stack_end */
    /* Wasm calls left before max_call_depth (< 2^31, JW_MAX_CALL_DEPTH),
     * with the top bit set while fuel is metered (s->metering, read again
     * after host calls): a call tests both with one signed compare. */
    uint32_t room;
} in_ctx_t;
#define IN_METERING 0x80000000u
#define IN_ROOM(x)  ((x)->room & ~IN_METERING)
static inline bool in_metered(const in_ctx_t *x) { return (int32_t)x->room < 0; }
static inline uint32_t in_meter_flag(const jw_store_t *s) { return s->metering ? IN_METERING : 0; }

/*
 * Each internal opcode has a handler function; a handler ends by tail-calling
 * (musttail: a jump, the C stack does not grow) the next instruction's
 * handler. preserve_none lets the hot state stay in argument registers
 * across the whole chain: pc, fp and memory 0's base and size. Traps and
 * slow paths call ordinary functions and return false down the chain.
 * no_builtin: short local-zeroing and result-copying loops must not become
 * memset/memcpy calls.
 */
#define IN_PN   __attribute__((preserve_none))
#define IN_ARGS const uint32_t *pc, uint64_t *fp, uint8_t *mb, uint64_t ms, in_ctx_t *x
#define IN_NB   __attribute__((no_builtin("memset", "memcpy", "memmove")))
typedef IN_PN bool (*in_handler_t)(IN_ARGS);
/* The dispatch table (interp.c), indexed by opcode. Hidden: reached
 * pc-relative, as when it was static. */
extern const in_handler_t jw__in_tab[IOP_COUNT] __attribute__((visibility("hidden")));
/* Every handler has the one signature the tail calls need, used or not. */
#pragma clang diagnostic ignored "-Wunused-parameter"

/* Operand words and slot access. */
#define W(k)    (pc[k])
#define S(k)    (fp[pc[k]])
#define I32(k)  ((uint32_t)S(k))
#define SI32(k) ((int32_t)(uint32_t)S(k))
#define I64(k)  (S(k))
#define SI64(k) ((int64_t)S(k))
#define F32(k)  (jf_f32(S(k)))
#define F64(k)  (jf_f64(S(k)))
#define DISPATCH()                                                                                 \
    do {                                                                                           \
        __attribute__((musttail)) return jw__in_tab[*pc](pc, fp, mb, ms, x);                       \
    } while (0)
#define NEXT(n)                                                                                    \
    do {                                                                                           \
        pc += (n);                                                                                 \
        DISPATCH();                                                                                \
    } while (0)
/* Branch targets are relative to the target word itself: no load of the
 * function's code base on the critical path of a taken branch. */
/* Signed arithmetic: k may be unsigned (br_table's 3 + index) and a
 * backward offset must not wrap to a huge unsigned one. */
#define JUMP(k)                                                                                    \
    do {                                                                                           \
        pc += (int32_t)(k) + (int32_t)W(k);                                                        \
        DISPATCH();                                                                                \
    } while (0)
#define TRAP(kind) return in_trap(x, pc, fp, (kind))
/* Memory 0 of the running instance, cached in mb/ms: reload after calls. */
#define RELOAD()                                                                                   \
    do {                                                                                           \
        x->mem = x->inst->module->nmems ? x->inst->mems[0] : NULL;                                 \
        mb = x->mem ? x->mem->data : NULL;                                                         \
        ms = x->mem ? x->mem->size : 0;                                                            \
    } while (0)
/* Effective address of a load (k = 2) or store (k = 1) of `sz` bytes. */
#define EA(k, sz)                                                                                  \
    uint64_t ea = (uint64_t)I32(k) + W(3);                                                         \
    if (__builtin_expect(ea + (sz) > ms, 0))                                                       \
    TRAP(JW_TRAP_MEMORY_OOB)

/* Slow paths (traps, running out of fuel) stay out of line and out of the
 * handlers' hot layout: the fast path falls through. */
#define IN_COLD __attribute__((cold, noinline))

/* Handlers are external symbols of the engine object: prefixed, so that a
 * name like `i32_add` cannot clash with the embedder's. */
#define IN_HANDLER(name) jw__op_##name
#define H(name)          IN_PN IN_NB bool IN_HANDLER(name)(IN_ARGS)
/* A handler's declaration (no_builtin is for definitions only). */
#define H_DECL(name) IN_PN bool IN_HANDLER(name)(IN_ARGS)

/* Reports a trap at pc, with the call stack from frame fp (trace.c); the
 * entry's caller finds the store as it was. False, for `return`. */
IN_COLD bool in_trap(in_ctx_t *x, const uint32_t *pc, const uint64_t *fp, jw_trap_kind_t tk);

/* The handlers (their units: interp*.c), one per ops.def line (shared
 * handlers are declared again: harmless). */
#define X(name, handler, operands) H_DECL(handler);
#include "ops.def"
#undef X
