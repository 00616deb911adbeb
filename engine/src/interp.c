/* SPDX-License-Identifier: MIT */
/* interp.c: the threaded dispatcher over the internal code (see ops.h). */
#include "float.h"
#include "internal.h"
#include "ops.h"

/* Every wasm float operation rounds: never contract a*b+c into an FMA. */
#pragma STDC FP_CONTRACT OFF

/*
 * One handler function per internal opcode (see in_tab): each decodes its
 * operands from the code words after its opcode, reads/writes frame slots
 * and tail-calls the next handler. Wasm-to-wasm calls write a return link
 * into the callee's frame (in_link) and continue in the same chain, so the
 * C stack never grows with wasm recursion. A trap returns false.
 */

/* Little-endian unaligned memory access (both targets are little-endian). */
static inline uint32_t in_ld32(const uint8_t *p) { uint32_t v; __builtin_memcpy(&v, p, 4); return v; }
static inline uint64_t in_ld64(const uint8_t *p) { uint64_t v; __builtin_memcpy(&v, p, 8); return v; }
static inline uint16_t in_ld16(const uint8_t *p) { uint16_t v; __builtin_memcpy(&v, p, 2); return v; }
static inline void in_st32(uint8_t *p, uint32_t v) { __builtin_memcpy(p, &v, 4); }
static inline void in_st64(uint8_t *p, uint64_t v) { __builtin_memcpy(p, &v, 8); }
static inline void in_st16(uint8_t *p, uint16_t v) { __builtin_memcpy(p, &v, 2); }

static inline uint32_t in_rotl32(uint32_t x, uint32_t k) { k &= 31; return (x << k) | (x >> ((32 - k) & 31)); }
static inline uint32_t in_rotr32(uint32_t x, uint32_t k) { k &= 31; return (x >> k) | (x << ((32 - k) & 31)); }
static inline uint64_t in_rotl64(uint64_t x, uint64_t k) { k &= 63; return (x << k) | (x >> ((64 - k) & 63)); }
static inline uint64_t in_rotr64(uint64_t x, uint64_t k) { k &= 63; return (x >> k) | (x << ((64 - k) & 63)); }
static inline uint32_t in_clz32(uint32_t x) { return x ? (uint32_t)__builtin_clz(x) : 32; }
static inline uint32_t in_ctz32(uint32_t x) { return x ? (uint32_t)__builtin_ctz(x) : 32; }
static inline uint64_t in_clz64(uint64_t x) { return x ? (uint64_t)__builtin_clzll(x) : 64; }
static inline uint64_t in_ctz64(uint64_t x) { return x ? (uint64_t)__builtin_ctzll(x) : 64; }
static inline uint32_t in_pop32(uint32_t x) { return (uint32_t)__builtin_popcount(x); }
static inline uint64_t in_pop64(uint64_t x) { return (uint64_t)__builtin_popcountll(x); }
static inline uint64_t in_copysign32(uint64_t a, uint64_t b) {
    return ((uint32_t)a & 0x7fffffffu) | ((uint32_t)b & 0x80000000u);
}
static inline uint64_t in_copysign64(uint64_t a, uint64_t b) {
    return (a & 0x7fffffffffffffffull) | (b & 0x8000000000000000ull);
}

/* Float -> int truncation: 0 = ok, else the trap kind. The bounds are the
 * exact first out-of-range values on each side. */
static jw_trap_kind_t in_trunc_check(double x, double lo, double hi) {
    if (x != x) return JW_TRAP_INVALID_CONVERSION;
    if (!(x > lo && x < hi)) return JW_TRAP_INT_OVERFLOW;
    return JW_TRAP_NONE;
}

static int32_t in_sat_i32(double x) {
    if (x != x) return 0;
    if (x <= -2147483649.0) return INT32_MIN;
    if (x >= 2147483648.0) return INT32_MAX;
    return (int32_t)x;
}
static uint32_t in_sat_u32(double x) {
    if (x != x || x <= -1.0) return 0;
    if (x >= 4294967296.0) return UINT32_MAX;
    return (uint32_t)x;
}
static int64_t in_sat_i64(double x) {
    if (x != x) return 0;
    if (x < -9223372036854775808.0) return INT64_MIN;
    if (x >= 9223372036854775808.0) return INT64_MAX;
    return (int64_t)x;
}
static uint64_t in_sat_u64(double x) {
    if (x != x || x <= -1.0) return 0;
    if (x >= 18446744073709551616.0) return UINT64_MAX;
    return (uint64_t)x;
}

size_t jw__pc_offset(const jwm_func_t *f, uint32_t pc) {
    uint32_t lo = 0, hi = f->npcmap;
    size_t off = f->body_off;
    while (lo < hi) { /* last entry with entry.pc <= pc */
        uint32_t mid = lo + (hi - lo) / 2;
        if (f->pcmap[mid].pc <= pc) { off = f->pcmap[mid].off; lo = mid + 1; }
        else hi = mid;
    }
    return off;
}



/* See IN_NB below. */
#define IN_NB_EARLY __attribute__((no_builtin("memset", "memcpy", "memmove")))

typedef struct in_state {
    const uint32_t *pc;
    uint64_t *fp;
    jw_func_t *fn;
    uint32_t room; /* wasm calls left before max_call_depth */
} in_state_t;

/* Does the frame of wasm function f fit at fp? */
static inline bool in_fits(const uint64_t *stack_end, const jw_func_t *f, const uint64_t *fp) {
    return (uintptr_t)fp + (uintptr_t)f->nslots * sizeof *fp <= (uintptr_t)stack_end;
}

/* Zeroes the declared locals of wasm function f, whose frame is at fp. */
static inline IN_NB_EARLY void in_zero_locals(const jw_func_t *f, uint64_t *fp) {
    /* Usually a handful of slots: a plain loop, not vector code with its
     * set-up and remainder (one local: 14 -> 10 instructions). */
    uint64_t *p = fp + f->nparam_slots, *end = fp + f->nlocals;
#pragma clang loop vectorize(disable) interleave(disable) unroll(disable)
    while (p < end) *p++ = 0;
}

/*
 * The return link of a wasm frame sits in its slots [nlocals, nlocals +
 * JW_LINK_SLOTS), between the locals and the operand stack (RETURN carries
 * nlocals): the return pc, the caller's fp and the caller's function. The
 * frame-size check of the call covers it, so there is no separate call
 * stack to check and index.
 */
static inline void in_link(uint64_t *lk, const uint32_t *ret, uint64_t *fp, jw_func_t *fn) {
    lk[0] = (uint64_t)(uintptr_t)ret;
    lk[1] = (uint64_t)(uintptr_t)fp;
    lk[2] = (uint64_t)(uintptr_t)fn;
#ifdef JW_CHECK_LINKS
    lk[3] = lk[0] ^ (lk[1] << 1) ^ (lk[2] << 2) ^ (uint64_t)(uintptr_t)lk ^ 0x9e3779b97f4a7c15u;
#endif
}
/* JW_CHECK_LINKS: the link at lk is still what in_link wrote, or abort. */
#ifdef JW_CHECK_LINKS
#define LINK_CHECK(lk) do { \
    if ((lk)[3] != ((lk)[0] ^ ((lk)[1] << 1) ^ ((lk)[2] << 2) ^ (uint64_t)(uintptr_t)(lk) ^ \
                    0x9e3779b97f4a7c15u)) \
        __builtin_trap(); } while (0)
#else
#define LINK_CHECK(lk) ((void)0)
#endif
#define LINK_PC(lk) ((const uint32_t *)(uintptr_t)(lk)[0])
#define LINK_FP(lk) ((uint64_t *)(uintptr_t)(lk)[1])
#define LINK_FN(lk) ((jw_func_t *)(uintptr_t)(lk)[2])

/* The return pc in the link of the entry frame: its handler leaves the chain. */
static const uint32_t in_exit_code[1] = {IOP_EXIT};

/* The state a handler needs beyond its register arguments. */
typedef struct in_ctx {
    jw_store_t *s;
    jw_func_t *fn;       /* the running function */
    jw_instance_t *inst; /* its instance */
    jw_func_t **funcs;   /* inst->funcs */
    jw_memory_t *mem;    /* the instance's memory 0, or NULL */
    jw_error_t *err;
    uint64_t *stack_end; /* s->stack_end */
    /* Wasm calls left before max_call_depth (< 2^31, JW_MAX_CALL_DEPTH),
     * with the top bit set while fuel is metered (s->metering, read again
     * after host calls): a call tests both with one signed compare. */
    uint32_t room;
} in_ctx_t;
#define IN_METERING 0x80000000u
#define IN_ROOM(x) ((x)->room & ~IN_METERING)
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
#define IN_PN __attribute__((preserve_none))
#define IN_ARGS const uint32_t *pc, uint64_t *fp, uint8_t *mb, uint64_t ms, in_ctx_t *x
#define IN_NB __attribute__((no_builtin("memset", "memcpy", "memmove")))
typedef IN_PN bool (*in_handler_t)(IN_ARGS);
static const in_handler_t in_tab[IOP_COUNT];
#define H(name) static IN_PN IN_NB bool name(IN_ARGS)
/* Every handler has the one signature the tail calls need, used or not. */
#pragma clang diagnostic ignored "-Wunused-parameter"

/* Operand words and slot access. */
#define W(k) (pc[k])
#define S(k) (fp[pc[k]])
#define I32(k) ((uint32_t)S(k))
#define SI32(k) ((int32_t)(uint32_t)S(k))
#define I64(k) (S(k))
#define SI64(k) ((int64_t)S(k))
#define F32(k) (jf_f32(S(k)))
#define F64(k) (jf_f64(S(k)))
#define DISPATCH() do { __attribute__((musttail)) return in_tab[*pc](pc, fp, mb, ms, x); } while (0)
#define NEXT(n) do { pc += (n); DISPATCH(); } while (0)
/* Branch targets are relative to the target word itself: no load of the
 * function's code base on the critical path of a taken branch. */
/* Signed arithmetic: k may be unsigned (br_table's 3 + index) and a
 * backward offset must not wrap to a huge unsigned one. */
#define JUMP(k) do { pc += (int32_t)(k) + (int32_t)W(k); DISPATCH(); } while (0)
#define TRAP(kind) return in_trap(x, pc, fp, (kind))
/* Memory 0 of the running instance, cached in mb/ms: reload after calls. */
#define RELOAD() do { x->mem = x->inst->module->nmems ? x->inst->mems[0] : NULL; \
    mb = x->mem ? x->mem->data : NULL; ms = x->mem ? x->mem->size : 0; } while (0)
/* Effective address of a load (k = 2) or store (k = 1) of `sz` bytes. */
#define EA(k, sz) uint64_t ea = (uint64_t)I32(k) + W(3); if (__builtin_expect(ea + (sz) > ms, 0)) TRAP(JW_TRAP_MEMORY_OOB)

/* Slow paths (traps, running out of fuel) stay out of line and out of the
 * handlers' hot layout: the fast path falls through. */
#define IN_COLD __attribute__((cold, noinline))

/* Reports a trap at pc, with the call stack from frame fp (trace.c); the
 * entry's caller finds the store as it was. */
static IN_COLD bool in_trap(in_ctx_t *x, const uint32_t *pc, const uint64_t *fp, jw_trap_kind_t tk) {
    jw__trap(x->err, tk, x->fn->index, jw__pc_offset(x->fn->code, (uint32_t)(pc - x->fn->code->code)));
    jw__trace(x->err, x->fn, pc, fp);
    return false;
}

/* Out of fuel at a branch or call instruction: keep the state for
 * jw_resume. */
static IN_COLD bool in_out_of_fuel(in_ctx_t *x, const uint32_t *pc, uint64_t *fp) {
    jw_store_t *s = x->s;
    s->suspended = true;
    s->susp_pc = pc;
    s->susp_fp = fp;
    s->susp_func = x->fn;
    s->susp_room = IN_ROOM(x);
    jw__trap(x->err, JW_TRAP_FUEL_EXHAUSTED, x->fn->index,
             jw__pc_offset(x->fn->code, (uint32_t)(pc - x->fn->code->code)));
    jw__trace(x->err, x->fn, pc, fp);
    return false;
}

/* Charges one unit of fuel; false when there is none left. */
static inline bool in_charge(jw_store_t *s) {
    if (s->fuel == 0) return false;
    s->fuel--;
    return true;
}

/* Calls host function `callee` with its args at nfp; false after a trap. */
static bool in_host(in_ctx_t *x, const uint32_t *pc, jw_func_t *callee, uint64_t *nfp) {
    jw_store_t *s = x->s;
    uint32_t np = callee->type.nparams, nr = callee->type.nresults;
    if (IN_ROOM(x) == 0) return in_trap(x, pc, NULL, JW_TRAP_CALL_STACK_EXHAUSTED);
    /* A jw_call from the host function continues the depth count. */
    uint32_t nframes = s->nframes;
    s->nframes = s->cfg.max_call_depth - IN_ROOM(x);
    s->stack_top = nfp + 2 * (np > nr ? np : nr); /* a v128 takes two slots */
    bool ok = jw__call_host(s, callee, x->inst, nfp, x->err);
    s->nframes = nframes;
    x->room = IN_ROOM(x) | in_meter_flag(s);
    return ok;
}

/* Enters wasm function `callee`, whose frame starts at nfp, from frame fp
 * returning to `ret`: NONE, or CALL_STACK_EXHAUSTED or FUEL_EXHAUSTED with
 * nothing changed. */
static inline IN_NB jw_trap_kind_t in_push(in_ctx_t *x, jw_func_t *callee, const uint32_t *ret,
                                           uint64_t *fp, uint64_t *nfp) {
    if (!in_fits(x->stack_end, callee, nfp)) return JW_TRAP_CALL_STACK_EXHAUSTED;
    uint32_t room = x->room;
    if (__builtin_expect((int32_t)room <= 0, 0)) { /* no room left, or metering */
        if (IN_ROOM(x) == 0) return JW_TRAP_CALL_STACK_EXHAUSTED;
        /* A call costs one unit of fuel; out of fuel, the call instruction
         * is where jw_resume starts again. */
        if (!in_charge(x->s)) return JW_TRAP_FUEL_EXHAUSTED;
    }
    x->room = room - 1;
    in_zero_locals(callee, nfp);
    in_link(nfp + callee->nlocals, ret, fp, x->fn);
    x->fn = callee;
    return JW_TRAP_NONE;
}

H(op_unreachable) { TRAP(JW_TRAP_UNREACHABLE); }
H(op_br) { JUMP(1); }
H(op_br_if) {
    if (I32(1)) JUMP(2);
    NEXT(3);
}
H(op_br_unless) {
    if (!I32(1)) JUMP(2);
    NEXT(3);
}
H(op_br_table) {
    uint32_t i = I32(1), n = W(2);
    JUMP(3 + (i < n ? i : n));
}
H(op_copy) { S(1) = S(2); NEXT(3); }
H(op_copy2) { S(1) = S(2); S(3) = S(4); NEXT(5); }
H(op_copy3) { S(1) = S(2); S(3) = S(4); S(5) = S(6); NEXT(7); }
/* Fused i32 compare + branch: a b t. */
#define BR_CMP(cond) do { if (cond) JUMP(3); NEXT(4); } while (0)
H(br_eq) { BR_CMP(I32(1) == I32(2)); }
H(br_ne) { BR_CMP(I32(1) != I32(2)); }
H(br_lt_s) { BR_CMP(SI32(1) < SI32(2)); }
H(br_lt_u) { BR_CMP(I32(1) < I32(2)); }
H(br_gt_s) { BR_CMP(SI32(1) > SI32(2)); }
H(br_gt_u) { BR_CMP(I32(1) > I32(2)); }
H(br_le_s) { BR_CMP(SI32(1) <= SI32(2)); }
H(br_le_u) { BR_CMP(I32(1) <= I32(2)); }
H(br_ge_s) { BR_CMP(SI32(1) >= SI32(2)); }
H(br_ge_u) { BR_CMP(I32(1) >= I32(2)); }
H(br_eq_i) { BR_CMP(I32(1) == W(2)); }
H(br_ne_i) { BR_CMP(I32(1) != W(2)); }
H(br_lt_s_i) { BR_CMP(SI32(1) < (int32_t)W(2)); }
H(br_lt_u_i) { BR_CMP(I32(1) < W(2)); }
H(br_gt_s_i) { BR_CMP(SI32(1) > (int32_t)W(2)); }
H(br_gt_u_i) { BR_CMP(I32(1) > W(2)); }
H(br_le_s_i) { BR_CMP(SI32(1) <= (int32_t)W(2)); }
H(br_le_u_i) { BR_CMP(I32(1) <= W(2)); }
H(br_ge_s_i) { BR_CMP(SI32(1) >= (int32_t)W(2)); }
H(br_ge_u_i) { BR_CMP(I32(1) >= W(2)); }
H(br_f64_eq) { BR_CMP(F64(1) == F64(2)); }
H(br_f64_ne) { BR_CMP(F64(1) != F64(2)); }
H(br_f64_lt) { BR_CMP(F64(1) < F64(2)); }
H(br_f64_gt) { BR_CMP(F64(1) > F64(2)); }
H(br_f64_le) { BR_CMP(F64(1) <= F64(2)); }
H(br_f64_ge) { BR_CMP(F64(1) >= F64(2)); }
H(br_f64_nlt) { BR_CMP(!(F64(1) < F64(2))); }
H(br_f64_ngt) { BR_CMP(!(F64(1) > F64(2))); }
H(br_f64_nle) { BR_CMP(!(F64(1) <= F64(2))); }
H(br_f64_nge) { BR_CMP(!(F64(1) >= F64(2))); }
#undef BR_CMP
/* Loop back-edges: charge one unit of fuel when taken (out of fuel: stop
 * here, the branch runs again on resume), then jump to the loop's head. */
#define LOOP_FUEL() do { if (in_metered(x) && !in_charge(x->s)) return in_out_of_fuel(x, pc, fp); } while (0)
#define BR_LOOP(cond, k, n) do { if (cond) { LOOP_FUEL(); JUMP(k); } NEXT(n); } while (0)
H(br_loop) { LOOP_FUEL(); JUMP(1); }
H(br_if_loop) { BR_LOOP(I32(1), 2, 3); }
H(br_unless_loop) { BR_LOOP(!I32(1), 2, 3); }
H(br_eq_loop) { BR_LOOP(I32(1) == I32(2), 3, 4); }
H(br_ne_loop) { BR_LOOP(I32(1) != I32(2), 3, 4); }
H(br_lt_s_loop) { BR_LOOP(SI32(1) < SI32(2), 3, 4); }
H(br_lt_u_loop) { BR_LOOP(I32(1) < I32(2), 3, 4); }
H(br_gt_s_loop) { BR_LOOP(SI32(1) > SI32(2), 3, 4); }
H(br_gt_u_loop) { BR_LOOP(I32(1) > I32(2), 3, 4); }
H(br_le_s_loop) { BR_LOOP(SI32(1) <= SI32(2), 3, 4); }
H(br_le_u_loop) { BR_LOOP(I32(1) <= I32(2), 3, 4); }
H(br_ge_s_loop) { BR_LOOP(SI32(1) >= SI32(2), 3, 4); }
H(br_ge_u_loop) { BR_LOOP(I32(1) >= I32(2), 3, 4); }
H(br_eq_i_loop) { BR_LOOP(I32(1) == W(2), 3, 4); }
H(br_ne_i_loop) { BR_LOOP(I32(1) != W(2), 3, 4); }
H(br_lt_s_i_loop) { BR_LOOP(SI32(1) < (int32_t)W(2), 3, 4); }
H(br_lt_u_i_loop) { BR_LOOP(I32(1) < W(2), 3, 4); }
H(br_gt_s_i_loop) { BR_LOOP(SI32(1) > (int32_t)W(2), 3, 4); }
H(br_gt_u_i_loop) { BR_LOOP(I32(1) > W(2), 3, 4); }
H(br_le_s_i_loop) { BR_LOOP(SI32(1) <= (int32_t)W(2), 3, 4); }
H(br_le_u_i_loop) { BR_LOOP(I32(1) <= W(2), 3, 4); }
H(br_ge_s_i_loop) { BR_LOOP(SI32(1) >= (int32_t)W(2), 3, 4); }
H(br_ge_u_i_loop) { BR_LOOP(I32(1) >= W(2), 3, 4); }
/* Fused i64 compare + branch (a b t; a imm t, imm sign-extended and then
 * read as the operand's signedness) and their loop back-edge forms. */
#define IMM64(V) ((__typeof__(V(1)))(int64_t)(int32_t)W(2))
#define BR64(i, n, V, op) \
    H(br64_##n) { if (V(1) op V(2)) JUMP(3); NEXT(4); } \
    H(br64_##n##_i) { if (V(1) op IMM64(V)) JUMP(3); NEXT(4); } \
    H(br64_##n##_loop) { BR_LOOP(V(1) op V(2), 3, 4); } \
    H(br64_##n##_i_loop) { BR_LOOP(V(1) op IMM64(V), 3, 4); }
/* In IOP_BR64_EQ's order: index, name, operand kind, comparison. */
#define IN_BR64S(X) X(0, eq, I64, ==) X(1, ne, I64, !=) X(2, lt_s, SI64, <) X(3, lt_u, I64, <) \
    X(4, gt_s, SI64, >) X(5, gt_u, I64, >) X(6, le_s, SI64, <=) X(7, le_u, I64, <=) \
    X(8, ge_s, SI64, >=) X(9, ge_u, I64, >=)
IN_BR64S(BR64)
#undef BR64
#undef IMM64
/* ADD_I + loop back-edge: d a k imm t (compares), d a k t (br_if). The
 * fuel of a taken back-edge is charged before d is written (resume runs
 * the whole instruction again). */
#define ADD_BR_LOOP(cond, k, n) do { uint32_t v = I32(2) + W(3); \
    if (cond) { LOOP_FUEL(); S(1) = v; JUMP(k); } S(1) = v; NEXT(n); } while (0)
H(add_br_eq_i_loop) { ADD_BR_LOOP(v == W(4), 5, 6); }
H(add_br_ne_i_loop) { ADD_BR_LOOP(v != W(4), 5, 6); }
H(add_br_lt_s_i_loop) { ADD_BR_LOOP((int32_t)v < (int32_t)W(4), 5, 6); }
H(add_br_lt_u_i_loop) { ADD_BR_LOOP(v < W(4), 5, 6); }
H(add_br_gt_s_i_loop) { ADD_BR_LOOP((int32_t)v > (int32_t)W(4), 5, 6); }
H(add_br_gt_u_i_loop) { ADD_BR_LOOP(v > W(4), 5, 6); }
H(add_br_le_s_i_loop) { ADD_BR_LOOP((int32_t)v <= (int32_t)W(4), 5, 6); }
H(add_br_le_u_i_loop) { ADD_BR_LOOP(v <= W(4), 5, 6); }
H(add_br_ge_s_i_loop) { ADD_BR_LOOP((int32_t)v >= (int32_t)W(4), 5, 6); }
H(add_br_ge_u_i_loop) { ADD_BR_LOOP(v >= W(4), 5, 6); }
H(add_br_if_loop) { ADD_BR_LOOP(v != 0, 4, 5); }
#undef ADD_BR_LOOP
#undef BR_LOOP
#undef LOOP_FUEL
/* Returns to the caller recorded in the link at fp + W(2), the results
 * already in place (written after the link was read: they may overlap it).
 * mb/ms describe the memory as the callee left it (memory.grow and host
 * calls reload): only a change of instance needs a reload. The entry
 * frame's link returns to in_exit_code. */
#define RETURN_TO(rpc, rfp, caller) do { \
    pc = (rpc); fp = (rfp); x->fn = (caller); x->room++; \
    if (x->inst != x->fn->inst) { \
        x->inst = x->fn->inst; \
        x->funcs = x->inst->funcs; \
        RELOAD(); \
    } \
    DISPATCH(); } while (0)
H(op_return) {
    const uint64_t *lk = fp + W(2);
    LINK_CHECK(lk);
    const uint32_t *rpc = LINK_PC(lk);
    uint64_t *rfp = LINK_FP(lk);
    jw_func_t *caller = LINK_FN(lk);
    uint32_t n = x->fn->code->nresults;
    const uint64_t *src = fp + W(1); /* above the link: a forward copy is safe */
    for (uint32_t i = 0; i < n; i++) fp[i] = src[i];
    RETURN_TO(rpc, rfp, caller);
}
H(op_return1) {
    const uint64_t *lk = fp + W(2);
    LINK_CHECK(lk);
    const uint32_t *rpc = LINK_PC(lk);
    uint64_t *rfp = LINK_FP(lk);
    jw_func_t *caller = LINK_FN(lk);
    fp[0] = S(1);
    RETURN_TO(rpc, rfp, caller);
}
#undef RETURN_TO
H(op_exit) { return true; }
H(op_consts) {
    uint64_t *d = fp + W(1);
    uint32_t n = W(2);
    for (uint32_t i = 0; i < n; i++) d[i] = (uint64_t)W(3 + 2 * i) | (uint64_t)W(4 + 2 * i) << 32;
    NEXT(3 + 2 * n);
}

/* A call that cannot enter its callee stops at the call instruction (where
 * jw_resume starts again after fuel ran out), in handlers of their own:
 * the call's fast path then needs no stack frame. */
static IN_COLD IN_PN bool in_call_exhausted(IN_ARGS) { TRAP(JW_TRAP_CALL_STACK_EXHAUSTED); }
static IN_COLD IN_PN bool in_call_out_of_fuel(IN_ARGS) { return in_out_of_fuel(x, pc, fp); }
#define CALL_FAILED(tk) do { \
    if ((tk) == JW_TRAP_FUEL_EXHAUSTED) \
        __attribute__((musttail)) return in_call_out_of_fuel(pc, fp, mb, ms, x); \
    __attribute__((musttail)) return in_call_exhausted(pc, fp, mb, ms, x); } while (0)

H(op_call) {
    jw_func_t *callee = x->funcs[W(1)];
    uint64_t *nfp = fp + W(2);
    if (!callee->code) {
        if (!in_host(x, pc, callee, nfp)) return false;
        RELOAD();
        NEXT(3);
    }
    jw_trap_kind_t tk = in_push(x, callee, pc + 3, fp, nfp);
    if (tk != JW_TRAP_NONE) CALL_FAILED(tk);
    fp = nfp;
    pc = callee->entry;
    if (x->inst != callee->inst) {
        x->inst = callee->inst;
        x->funcs = x->inst->funcs;
        RELOAD();
    }
    DISPATCH();
}

/* funcs[f] of an f the module defines is wasm code of this instance. */
H(op_call_local) {
    jw_func_t *callee = x->funcs[W(1)];
    uint64_t *nfp = fp + W(2);
    jw_trap_kind_t tk = in_push(x, callee, pc + 3, fp, nfp);
    if (tk != JW_TRAP_NONE) CALL_FAILED(tk);
    fp = nfp;
    pc = callee->entry;
    DISPATCH();
}

H(op_call_indirect) {
    jw_table_t *t = x->inst->tables[W(1)];
    uint32_t i = I32(4);
    if (i >= t->size) TRAP(JW_TRAP_UNDEFINED_ELEMENT);
    jw_func_t *callee = t->elems[i];
    if (!callee) TRAP(JW_TRAP_UNINITIALIZED_ELEMENT);
    if (!jw__functype_eq(&callee->type, &x->inst->module->types[W(2)]))
        TRAP(JW_TRAP_INDIRECT_TYPE_MISMATCH);
    uint64_t *nfp = fp + W(3);
    if (!callee->code) {
        if (!in_host(x, pc, callee, nfp)) return false;
        RELOAD();
        NEXT(5);
    }
    jw_trap_kind_t tk = in_push(x, callee, pc + 5, fp, nfp);
    if (tk != JW_TRAP_NONE) CALL_FAILED(tk);
    fp = nfp;
    pc = callee->entry;
    if (x->inst != callee->inst) {
        x->inst = callee->inst;
        x->funcs = x->inst->funcs;
        RELOAD();
    }
    DISPATCH();
}

#undef CALL_FAILED

H(op_select) { S(1) = I32(4) ? S(2) : S(3); NEXT(5); }
H(op_global_get) { S(1) = x->inst->globals[W(2)]->bits; NEXT(3); }
H(op_global_set) { x->inst->globals[W(1)]->bits = S(2); NEXT(3); }
H(op_const32) { S(1) = W(2); NEXT(3); }
H(op_const64) { S(1) = (uint64_t)W(2) | (uint64_t)W(3) << 32; NEXT(4); }
H(op_memory_size) { S(1) = (uint32_t)(ms / JW_PAGE_SIZE); NEXT(2); }
H(op_memory_grow) {
    S(1) = (uint32_t)jw__memory_grow(x->mem, I32(1));
    RELOAD();
    NEXT(2);
}
H(op_memory_init) {
    jw_trap_kind_t tk;
    uint64_t *a = fp + W(2);
    if ((tk = jw__memory_init(x->inst, W(1), (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2]))) TRAP(tk);
    NEXT(3);
}
H(op_data_drop) { x->inst->data_dropped[W(1)] = 1; NEXT(2); }
H(op_memory_copy) {
    jw_trap_kind_t tk;
    uint64_t *a = fp + W(1);
    if ((tk = jw__memory_copy(x->mem, (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2]))) TRAP(tk);
    NEXT(2);
}
H(op_memory_fill) {
    jw_trap_kind_t tk;
    uint64_t *a = fp + W(1);
    if ((tk = jw__memory_fill(x->mem, (uint32_t)a[0], (uint8_t)a[1], (uint32_t)a[2]))) TRAP(tk);
    NEXT(2);
}
H(op_table_get) {
    jw_table_t *t = x->inst->tables[W(2)];
    uint32_t i = I32(1);
    if (i >= t->size) TRAP(JW_TRAP_TABLE_OOB);
    S(1) = (uint64_t)(uintptr_t)t->elems[i];
    NEXT(3);
}
H(op_table_set) {
    jw_table_t *t = x->inst->tables[W(1)];
    uint64_t *a = fp + W(2);
    if ((uint32_t)a[0] >= t->size) TRAP(JW_TRAP_TABLE_OOB);
    t->elems[(uint32_t)a[0]] = (jw_ref_t)(uintptr_t)a[1];
    NEXT(3);
}
H(op_table_size) { S(1) = x->inst->tables[W(2)]->size; NEXT(3); }
H(op_table_grow) {
    uint64_t *a = fp + W(2);
    a[0] = (uint32_t)jw__table_grow(x->inst->tables[W(1)], (uint32_t)a[1], (jw_ref_t)(uintptr_t)a[0]);
    NEXT(3);
}
H(op_table_fill) {
    jw_trap_kind_t tk;
    uint64_t *a = fp + W(2);
    if ((tk = jw__table_fill(x->inst->tables[W(1)], (uint32_t)a[0], (jw_ref_t)(uintptr_t)a[1], (uint32_t)a[2]))) TRAP(tk);
    NEXT(3);
}
H(op_table_copy) {
    jw_trap_kind_t tk;
    uint64_t *a = fp + W(3);
    if ((tk = jw__table_copy(x->inst->tables[W(1)], x->inst->tables[W(2)], (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2]))) TRAP(tk);
    NEXT(4);
}
H(op_table_init) {
    jw_trap_kind_t tk;
    uint64_t *a = fp + W(3);
    if ((tk = jw__table_init(x->inst, W(1), W(2), (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2]))) TRAP(tk);
    NEXT(4);
}
H(op_elem_drop) { x->inst->elem_len[W(1)] = 0; NEXT(2); }
H(op_ref_is_null) { S(1) = S(2) == 0; NEXT(3); }
H(op_ref_func) { S(1) = (uint64_t)(uintptr_t)x->inst->funcs[W(2)]; NEXT(3); }
H(ld_i32) { EA(2, 4); S(1) = in_ld32(mb + ea); NEXT(4); }
H(ld_i64) { EA(2, 8); S(1) = in_ld64(mb + ea); NEXT(4); }
H(ld_i32_8s) { EA(2, 1); S(1) = (uint32_t)(int32_t)(int8_t)mb[ea]; NEXT(4); }
H(ld_i32_8u) { EA(2, 1); S(1) = mb[ea]; NEXT(4); }
H(ld_i32_16s) { EA(2, 2); S(1) = (uint32_t)(int32_t)(int16_t)in_ld16(mb + ea); NEXT(4); }
H(ld_i32_16u) { EA(2, 2); S(1) = in_ld16(mb + ea); NEXT(4); }
H(ld_i64_8s) { EA(2, 1); S(1) = (uint64_t)(int64_t)(int8_t)mb[ea]; NEXT(4); }
H(ld_i64_16s) { EA(2, 2); S(1) = (uint64_t)(int64_t)(int16_t)in_ld16(mb + ea); NEXT(4); }
H(ld_i64_32s) { EA(2, 4); S(1) = (uint64_t)(int64_t)(int32_t)in_ld32(mb + ea); NEXT(4); }
H(st_8) { EA(1, 1); mb[ea] = (uint8_t)S(2); NEXT(4); }
H(st_16) { EA(1, 2); in_st16(mb + ea, (uint16_t)S(2)); NEXT(4); }
H(st_32) { EA(1, 4); in_st32(mb + ea, (uint32_t)S(2)); NEXT(4); }
H(st_64) { EA(1, 8); in_st64(mb + ea, S(2)); NEXT(4); }
#include "interp_fused.h"
#include "interp_num.h"

#include "interp_simd.h"

static const in_handler_t in_tab[IOP_COUNT] = {
    IN_SIMD_TAB,
    [IOP_UNREACHABLE] = op_unreachable, [IOP_BR] = op_br,
    [IOP_BR_IF] = op_br_if, [IOP_BR_UNLESS] = op_br_unless, [IOP_BR_TABLE] = op_br_table,
    [IOP_COPY] = op_copy, [IOP_RETURN] = op_return, [IOP_CALL] = op_call,
    [IOP_CALL_LOCAL] = op_call_local, [IOP_RETURN1] = op_return1, [IOP_EXIT] = op_exit,
    [IOP_CONSTS] = op_consts,
    [IOP_CALL_INDIRECT] = op_call_indirect, [IOP_SELECT] = op_select,
    [IOP_GLOBAL_GET] = op_global_get, [IOP_GLOBAL_SET] = op_global_set,
    [IOP_CONST32] = op_const32, [IOP_CONST64] = op_const64,
    [IOP_MEMORY_SIZE] = op_memory_size, [IOP_MEMORY_GROW] = op_memory_grow,
    [IOP_MEMORY_INIT] = op_memory_init, [IOP_DATA_DROP] = op_data_drop,
    [IOP_MEMORY_COPY] = op_memory_copy, [IOP_MEMORY_FILL] = op_memory_fill,
    [IOP_TABLE_GET] = op_table_get, [IOP_TABLE_SET] = op_table_set,
    [IOP_TABLE_SIZE] = op_table_size, [IOP_TABLE_GROW] = op_table_grow,
    [IOP_TABLE_FILL] = op_table_fill, [IOP_TABLE_COPY] = op_table_copy,
    [IOP_TABLE_INIT] = op_table_init, [IOP_ELEM_DROP] = op_elem_drop,
    [IOP_REF_IS_NULL] = op_ref_is_null, [IOP_REF_FUNC] = op_ref_func,
    [IOP_BR_EQ] = br_eq, [IOP_BR_NE] = br_ne, [IOP_BR_LT_S] = br_lt_s,
    [IOP_BR_LT_U] = br_lt_u, [IOP_BR_GT_S] = br_gt_s, [IOP_BR_GT_U] = br_gt_u,
    [IOP_BR_LE_S] = br_le_s, [IOP_BR_LE_U] = br_le_u, [IOP_BR_GE_S] = br_ge_s,
    [IOP_BR_GE_U] = br_ge_u,
    [IOP_BR_EQ_I] = br_eq_i, [IOP_BR_NE_I] = br_ne_i, [IOP_BR_LT_S_I] = br_lt_s_i,
    [IOP_BR_LT_U_I] = br_lt_u_i, [IOP_BR_GT_S_I] = br_gt_s_i, [IOP_BR_GT_U_I] = br_gt_u_i,
    [IOP_BR_LE_S_I] = br_le_s_i, [IOP_BR_LE_U_I] = br_le_u_i, [IOP_BR_GE_S_I] = br_ge_s_i,
    [IOP_BR_GE_U_I] = br_ge_u_i,
    [IOP_BR_LOOP] = br_loop, [IOP_BR_IF_LOOP] = br_if_loop,
    [IOP_BR_UNLESS_LOOP] = br_unless_loop,
    [IOP_BR_EQ_LOOP + 0] = br_eq_loop, [IOP_BR_EQ_LOOP + 1] = br_ne_loop,
    [IOP_BR_EQ_LOOP + 2] = br_lt_s_loop, [IOP_BR_EQ_LOOP + 3] = br_lt_u_loop,
    [IOP_BR_EQ_LOOP + 4] = br_gt_s_loop, [IOP_BR_EQ_LOOP + 5] = br_gt_u_loop,
    [IOP_BR_EQ_LOOP + 6] = br_le_s_loop, [IOP_BR_EQ_LOOP + 7] = br_le_u_loop,
    [IOP_BR_EQ_LOOP + 8] = br_ge_s_loop, [IOP_BR_EQ_LOOP + 9] = br_ge_u_loop,
    [IOP_BR_EQ_LOOP + 10] = br_eq_i_loop, [IOP_BR_EQ_LOOP + 11] = br_ne_i_loop,
    [IOP_BR_EQ_LOOP + 12] = br_lt_s_i_loop, [IOP_BR_EQ_LOOP + 13] = br_lt_u_i_loop,
    [IOP_BR_EQ_LOOP + 14] = br_gt_s_i_loop, [IOP_BR_EQ_LOOP + 15] = br_gt_u_i_loop,
    [IOP_BR_EQ_LOOP + 16] = br_le_s_i_loop, [IOP_BR_EQ_LOOP + 17] = br_le_u_i_loop,
    [IOP_BR_EQ_LOOP + 18] = br_ge_s_i_loop, [IOP_BR_EQ_LOOP + 19] = br_ge_u_i_loop,
    [IOP_ROTL_I] = rotl_i, [IOP_ROTR_I] = rotr_i,
#define BR64_TAB(i, n, V, op) [IOP_BR64_EQ + i] = br64_##n, [IOP_BR64_EQ_I + i] = br64_##n##_i, \
    [IOP_BR64_EQ_LOOP + i] = br64_##n##_loop, [IOP_BR64_EQ_LOOP + 10 + i] = br64_##n##_i_loop,
    IN_BR64S(BR64_TAB)
#undef BR64_TAB
    [IOP_I64_I + 0] = add64_i, [IOP_I64_I + 1] = sub64_i, [IOP_I64_I + 2] = mul64_i,
    [IOP_I64_I + 3] = div64_s_i, [IOP_I64_I + 4] = div64_u_i, [IOP_I64_I + 5] = rem64_s_i,
    [IOP_I64_I + 6] = rem64_u_i, [IOP_I64_I + 7] = and64_i, [IOP_I64_I + 8] = or64_i,
    [IOP_I64_I + 9] = xor64_i, [IOP_I64_I + 10] = shl64_i, [IOP_I64_I + 11] = shr64_s_i,
    [IOP_I64_I + 12] = shr64_u_i, [IOP_I64_I + 13] = rotl64_i, [IOP_I64_I + 14] = rotr64_i,
    [IOP_LD32_AI] = ld32_ai, [IOP_LD64_AI] = ld64_ai, [IOP_LD32_AA] = ld32_aa,
    [IOP_LD64_AA] = ld64_aa,
    [IOP_LD8S_AI] = ld8s_ai, [IOP_LD8U_AI] = ld8u_ai, [IOP_LD16S_AI] = ld16s_ai,
    [IOP_LD16U_AI] = ld16u_ai, [IOP_LD8S_AA] = ld8s_aa, [IOP_LD8U_AA] = ld8u_aa,
    [IOP_LD16S_AA] = ld16s_aa, [IOP_LD16U_AA] = ld16u_aa,
    [IOP_ADD_SHL] = add_shl, [IOP_LD32_AS] = ld32_as, [IOP_LD64_AS] = ld64_as,
    [IOP_XOR_ROTL] = xor_rotl, [IOP_XOR_SHRU] = xor_shru, [IOP_ADD3] = add3,
    [IOP_COPY2] = op_copy2, [IOP_COPY3] = op_copy3, [IOP_ADD3_I] = add3_i,
    [IOP_ADD_I2] = add_i2, [IOP_SIGMA2] = sigma2, [IOP_SIGMA3] = sigma3,
    [IOP_ANDN] = andn, [IOP_AND_XOR] = and_xor, [IOP_XOR_AND] = xor_and, [IOP_OR_AND] = or_and,
    [IOP_BR_F64_EQ] = br_f64_eq, [IOP_BR_F64_NE] = br_f64_ne, [IOP_BR_F64_LT] = br_f64_lt,
    [IOP_BR_F64_GT] = br_f64_gt, [IOP_BR_F64_LE] = br_f64_le, [IOP_BR_F64_GE] = br_f64_ge,
    [IOP_BR_F64_NLT] = br_f64_nlt, [IOP_BR_F64_NGT] = br_f64_ngt, [IOP_BR_F64_NLE] = br_f64_nle,
    [IOP_BR_F64_NGE] = br_f64_nge,
    [IOP_F64_MULADD] = f64_muladd, [IOP_F64_MULSUB] = f64_mulsub, [IOP_F64_SUBMUL] = f64_submul,
    [IOP_F64_MULADD_L] = f64_muladd_l, [IOP_F64_MULSUB_L] = f64_mulsub_l,
    [IOP_F64_SUBMUL_L] = f64_submul_l, [IOP_F64_MULADD_RMW] = f64_muladd_rmw,
    [IOP_F64_MULSUB_RMW] = f64_mulsub_rmw, [IOP_F64_SUBMUL_RMW] = f64_submul_rmw,
    [IOP_F64_ADD_M] = f64_add_m, [IOP_F64_SUB_M] = f64_sub_m, [IOP_F64_MUL_M] = f64_mul_m,
    [IOP_F64_DIV_M] = f64_div_m, [IOP_F64_MULADD_ML] = f64_muladd_ml, [IOP_F64_AXPY] = f64_axpy,
    [IOP_ST8_K] = st8_k, [IOP_ST16_K] = st16_k, [IOP_ST32_K] = st32_k, [IOP_ST64_K] = st64_k,
    [IOP_ADD_BR_EQ_I_LOOP] = add_br_eq_i_loop, [IOP_ADD_BR_EQ_I_LOOP + 1] = add_br_ne_i_loop,
    [IOP_ADD_BR_EQ_I_LOOP + 2] = add_br_lt_s_i_loop, [IOP_ADD_BR_EQ_I_LOOP + 3] = add_br_lt_u_i_loop,
    [IOP_ADD_BR_EQ_I_LOOP + 4] = add_br_gt_s_i_loop, [IOP_ADD_BR_EQ_I_LOOP + 5] = add_br_gt_u_i_loop,
    [IOP_ADD_BR_EQ_I_LOOP + 6] = add_br_le_s_i_loop, [IOP_ADD_BR_EQ_I_LOOP + 7] = add_br_le_u_i_loop,
    [IOP_ADD_BR_EQ_I_LOOP + 8] = add_br_ge_s_i_loop, [IOP_ADD_BR_EQ_I_LOOP + 9] = add_br_ge_u_i_loop,
    [IOP_ADD_BR_IF_LOOP] = add_br_if_loop,
    [IOP_ADD_I] = add_i, [IOP_MUL_I] = mul_i, [IOP_AND_I] = and_i, [IOP_OR_I] = or_i,
    [IOP_XOR_I] = xor_i, [IOP_SHL_I] = shl_i, [IOP_SHR_S_I] = shr_s_i,
    [IOP_SHR_U_I] = shr_u_i,
    [IOP_LOAD_BASE + 0] = ld_i32, [IOP_LOAD_BASE + 1] = ld_i64,
    [IOP_LOAD_BASE + 2] = ld_i32, [IOP_LOAD_BASE + 3] = ld_i64,
    [IOP_LOAD_BASE + 4] = ld_i32_8s, [IOP_LOAD_BASE + 5] = ld_i32_8u,
    [IOP_LOAD_BASE + 6] = ld_i32_16s, [IOP_LOAD_BASE + 7] = ld_i32_16u,
    [IOP_LOAD_BASE + 8] = ld_i64_8s, [IOP_LOAD_BASE + 9] = ld_i32_8u,
    [IOP_LOAD_BASE + 10] = ld_i64_16s, [IOP_LOAD_BASE + 11] = ld_i32_16u,
    [IOP_LOAD_BASE + 12] = ld_i64_32s, [IOP_LOAD_BASE + 13] = ld_i32,
    [IOP_STORE_BASE + 0] = st_32, [IOP_STORE_BASE + 1] = st_64,
    [IOP_STORE_BASE + 2] = st_32, [IOP_STORE_BASE + 3] = st_64,
    [IOP_STORE_BASE + 4] = st_8, [IOP_STORE_BASE + 5] = st_16,
    [IOP_STORE_BASE + 6] = st_8, [IOP_STORE_BASE + 7] = st_16,
    [IOP_STORE_BASE + 8] = st_32,
    [IOP_NUM(0x45)] = n45, [IOP_NUM(0x46)] = n46, [IOP_NUM(0x47)] = n47,
    [IOP_NUM(0x48)] = n48, [IOP_NUM(0x49)] = n49, [IOP_NUM(0x4a)] = n4a,
    [IOP_NUM(0x4b)] = n4b, [IOP_NUM(0x4c)] = n4c, [IOP_NUM(0x4d)] = n4d,
    [IOP_NUM(0x4e)] = n4e, [IOP_NUM(0x4f)] = n4f, [IOP_NUM(0x50)] = n50,
    [IOP_NUM(0x51)] = n51, [IOP_NUM(0x52)] = n52, [IOP_NUM(0x53)] = n53,
    [IOP_NUM(0x54)] = n54, [IOP_NUM(0x55)] = n55, [IOP_NUM(0x56)] = n56,
    [IOP_NUM(0x57)] = n57, [IOP_NUM(0x58)] = n58, [IOP_NUM(0x59)] = n59,
    [IOP_NUM(0x5a)] = n5a, [IOP_NUM(0x5b)] = n5b, [IOP_NUM(0x5c)] = n5c,
    [IOP_NUM(0x5d)] = n5d, [IOP_NUM(0x5e)] = n5e, [IOP_NUM(0x5f)] = n5f,
    [IOP_NUM(0x60)] = n60, [IOP_NUM(0x61)] = n61, [IOP_NUM(0x62)] = n62,
    [IOP_NUM(0x63)] = n63, [IOP_NUM(0x64)] = n64, [IOP_NUM(0x65)] = n65,
    [IOP_NUM(0x66)] = n66, [IOP_NUM(0x67)] = n67, [IOP_NUM(0x68)] = n68,
    [IOP_NUM(0x69)] = n69, [IOP_NUM(0x6a)] = n6a, [IOP_NUM(0x6b)] = n6b,
    [IOP_NUM(0x6c)] = n6c, [IOP_NUM(0x6d)] = n6d, [IOP_NUM(0x6e)] = n6e,
    [IOP_NUM(0x6f)] = n6f, [IOP_NUM(0x70)] = n70, [IOP_NUM(0x71)] = n71,
    [IOP_NUM(0x72)] = n72, [IOP_NUM(0x73)] = n73, [IOP_NUM(0x74)] = n74,
    [IOP_NUM(0x75)] = n75, [IOP_NUM(0x76)] = n76, [IOP_NUM(0x77)] = n77,
    [IOP_NUM(0x78)] = n78, [IOP_NUM(0x79)] = n79, [IOP_NUM(0x7a)] = n7a,
    [IOP_NUM(0x7b)] = n7b, [IOP_NUM(0x7c)] = n7c, [IOP_NUM(0x7d)] = n7d,
    [IOP_NUM(0x7e)] = n7e, [IOP_NUM(0x7f)] = n7f, [IOP_NUM(0x80)] = n80,
    [IOP_NUM(0x81)] = n81, [IOP_NUM(0x82)] = n82, [IOP_NUM(0x83)] = n83,
    [IOP_NUM(0x84)] = n84, [IOP_NUM(0x85)] = n85, [IOP_NUM(0x86)] = n86,
    [IOP_NUM(0x87)] = n87, [IOP_NUM(0x88)] = n88, [IOP_NUM(0x89)] = n89,
    [IOP_NUM(0x8a)] = n8a, [IOP_NUM(0x8b)] = n8b, [IOP_NUM(0x8c)] = n8c,
    [IOP_NUM(0x8d)] = n8d, [IOP_NUM(0x8e)] = n8e, [IOP_NUM(0x8f)] = n8f,
    [IOP_NUM(0x90)] = n90, [IOP_NUM(0x91)] = n91, [IOP_NUM(0x92)] = n92,
    [IOP_NUM(0x93)] = n93, [IOP_NUM(0x94)] = n94, [IOP_NUM(0x95)] = n95,
    [IOP_NUM(0x96)] = n96, [IOP_NUM(0x97)] = n97, [IOP_NUM(0x98)] = n98,
    [IOP_NUM(0x99)] = n99, [IOP_NUM(0x9a)] = n9a, [IOP_NUM(0x9b)] = n9b,
    [IOP_NUM(0x9c)] = n9c, [IOP_NUM(0x9d)] = n9d, [IOP_NUM(0x9e)] = n9e,
    [IOP_NUM(0x9f)] = n9f, [IOP_NUM(0xa0)] = na0, [IOP_NUM(0xa1)] = na1,
    [IOP_NUM(0xa2)] = na2, [IOP_NUM(0xa3)] = na3, [IOP_NUM(0xa4)] = na4,
    [IOP_NUM(0xa5)] = na5, [IOP_NUM(0xa6)] = na6, [IOP_NUM(0xa7)] = na7,
    [IOP_NUM(0xa8)] = na8, [IOP_NUM(0xa9)] = na9, [IOP_NUM(0xaa)] = naa,
    [IOP_NUM(0xab)] = nab, [IOP_NUM(0xac)] = nac, [IOP_NUM(0xad)] = nad,
    [IOP_NUM(0xae)] = nae, [IOP_NUM(0xaf)] = naf, [IOP_NUM(0xb0)] = nb0,
    [IOP_NUM(0xb1)] = nb1, [IOP_NUM(0xb2)] = nb2, [IOP_NUM(0xb3)] = nb3,
    [IOP_NUM(0xb4)] = nb4, [IOP_NUM(0xb5)] = nb5, [IOP_NUM(0xb6)] = nb6,
    [IOP_NUM(0xb7)] = nb7, [IOP_NUM(0xb8)] = nb8, [IOP_NUM(0xb9)] = nb9,
    [IOP_NUM(0xba)] = nba, [IOP_NUM(0xbb)] = nbb, [IOP_NUM(0xbc)] = op_copy,
    [IOP_NUM(0xbd)] = op_copy, [IOP_NUM(0xbe)] = op_copy, [IOP_NUM(0xbf)] = op_copy,
    [IOP_NUM(0xc0)] = nc0, [IOP_NUM(0xc1)] = nc1, [IOP_NUM(0xc2)] = nc2,
    [IOP_NUM(0xc3)] = nc3, [IOP_NUM(0xc4)] = nc4,
    [IOP_SAT_BASE + 0] = sat0, [IOP_SAT_BASE + 1] = sat1, [IOP_SAT_BASE + 2] = sat2,
    [IOP_SAT_BASE + 3] = sat3, [IOP_SAT_BASE + 4] = sat4, [IOP_SAT_BASE + 5] = sat5,
    [IOP_SAT_BASE + 6] = sat6, [IOP_SAT_BASE + 7] = sat7,
};

/* Not ASan-instrumented: instrumenting this frame (whose `ctx` outlives the
 * call into the preserve_none chain) miscompiles with clang 19. The
 * handlers themselves stay instrumented. */
__attribute__((no_sanitize("address")))
static bool in_exec(jw_store_t *s, in_state_t st, jw_error_t *err) {
    in_ctx_t ctx = {s, st.fn, st.fn->inst, st.fn->inst->funcs, NULL, err, s->stack_end,
                    st.room | in_meter_flag(s)};
    in_ctx_t *x = &ctx;
    uint8_t *mb;
    uint64_t ms;
    RELOAD();
    return in_tab[*st.pc](st.pc, st.fp, mb, ms, x);
}

/* The wasm frames of the activations below (s->nframes, set by a host call
 * from wasm) count towards max_call_depth. */
bool jw__run(jw_store_t *s, jw_func_t *f, uint64_t *args, jw_error_t *err) {
    if (!f->code) return jw__call_host(s, f, NULL, args, err);
    uint32_t room = s->cfg.max_call_depth - s->nframes;
    if (!in_fits(s->stack_end, f, args) || room == 0) {
        jw__trap(err, JW_TRAP_CALL_STACK_EXHAUSTED, f->index, f->code->body_off);
        return false;
    }
    in_zero_locals(f, args);
    in_link(args + f->nlocals, in_exit_code, NULL, f);
    in_state_t st = {f->code->code, args, f, room};
    if (s->metering && !in_charge(s)) { /* entering costs one unit, like a call */
        s->suspended = true;
        s->susp_pc = st.pc;
        s->susp_fp = args;
        s->susp_func = f;
        s->susp_room = room;
        jw__trap(err, JW_TRAP_FUEL_EXHAUSTED, f->index, f->code->body_off);
        return false;
    }
    return in_exec(s, st, err);
}

bool jw__resume(jw_store_t *s, jw_error_t *err) {
    in_state_t st = {s->susp_pc, s->susp_fp, s->susp_func, s->susp_room};
    s->suspended = false;
    return in_exec(s, st, err);
}
