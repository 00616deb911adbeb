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
/* The dispatch table (interp.c), indexed by opcode. Hidden: reached
 * pc-relative, as when it was static. */
extern const in_handler_t jw__in_tab[IOP_COUNT] __attribute__((visibility("hidden")));
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
#define DISPATCH() do { __attribute__((musttail)) return jw__in_tab[*pc](pc, fp, mb, ms, x); } while (0)
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


/* Handlers are external symbols of the engine object: prefixed, so that a
 * name like `i32_add` cannot clash with the embedder's. */
#define IN_HANDLER(name) jw__op_##name
#define H(name) IN_PN IN_NB bool IN_HANDLER(name)(IN_ARGS)
/* A handler's declaration (no_builtin is for definitions only). */
#define H_DECL(name) IN_PN bool IN_HANDLER(name)(IN_ARGS)

/* Reports a trap at pc, with the call stack from frame fp (trace.c); the
 * entry's caller finds the store as it was. False, for `return`. */
IN_COLD bool in_trap(in_ctx_t *x, const uint32_t *pc, const uint64_t *fp, jw_trap_kind_t tk);

/* The handlers (their units: interp*.c). */
H_DECL(op_unreachable);
H_DECL(op_br);
H_DECL(op_br_if);
H_DECL(op_br_unless);
H_DECL(op_br_table);
H_DECL(op_copy);
H_DECL(op_copy2);
H_DECL(op_copy3);
H_DECL(br_eq);
H_DECL(br_ne);
H_DECL(br_lt_s);
H_DECL(br_lt_u);
H_DECL(br_gt_s);
H_DECL(br_gt_u);
H_DECL(br_le_s);
H_DECL(br_le_u);
H_DECL(br_ge_s);
H_DECL(br_ge_u);
H_DECL(br_eq_i);
H_DECL(br_ne_i);
H_DECL(br_lt_s_i);
H_DECL(br_lt_u_i);
H_DECL(br_gt_s_i);
H_DECL(br_gt_u_i);
H_DECL(br_le_s_i);
H_DECL(br_le_u_i);
H_DECL(br_ge_s_i);
H_DECL(br_ge_u_i);
H_DECL(br_f64_eq);
H_DECL(br_f64_ne);
H_DECL(br_f64_lt);
H_DECL(br_f64_gt);
H_DECL(br_f64_le);
H_DECL(br_f64_ge);
H_DECL(br_f64_nlt);
H_DECL(br_f64_ngt);
H_DECL(br_f64_nle);
H_DECL(br_f64_nge);
H_DECL(br_loop);
H_DECL(br_if_loop);
H_DECL(br_unless_loop);
H_DECL(br_eq_loop);
H_DECL(br_ne_loop);
H_DECL(br_lt_s_loop);
H_DECL(br_lt_u_loop);
H_DECL(br_gt_s_loop);
H_DECL(br_gt_u_loop);
H_DECL(br_le_s_loop);
H_DECL(br_le_u_loop);
H_DECL(br_ge_s_loop);
H_DECL(br_ge_u_loop);
H_DECL(br_eq_i_loop);
H_DECL(br_ne_i_loop);
H_DECL(br_lt_s_i_loop);
H_DECL(br_lt_u_i_loop);
H_DECL(br_gt_s_i_loop);
H_DECL(br_gt_u_i_loop);
H_DECL(br_le_s_i_loop);
H_DECL(br_le_u_i_loop);
H_DECL(br_ge_s_i_loop);
H_DECL(br_ge_u_i_loop);
H_DECL(add_br_eq_i_loop);
H_DECL(add_br_ne_i_loop);
H_DECL(add_br_lt_s_i_loop);
H_DECL(add_br_lt_u_i_loop);
H_DECL(add_br_gt_s_i_loop);
H_DECL(add_br_gt_u_i_loop);
H_DECL(add_br_le_s_i_loop);
H_DECL(add_br_le_u_i_loop);
H_DECL(add_br_ge_s_i_loop);
H_DECL(add_br_ge_u_i_loop);
H_DECL(add_br_if_loop);
H_DECL(op_return);
H_DECL(op_return1);
H_DECL(op_exit);
H_DECL(op_consts);
H_DECL(op_call);
H_DECL(op_call_local);
H_DECL(op_call_indirect);
H_DECL(op_select);
H_DECL(op_global_get);
H_DECL(op_global_set);
H_DECL(op_const32);
H_DECL(op_const64);
H_DECL(op_memory_size);
H_DECL(op_memory_grow);
H_DECL(op_memory_init);
H_DECL(op_data_drop);
H_DECL(op_memory_copy);
H_DECL(op_memory_fill);
H_DECL(op_table_get);
H_DECL(op_table_set);
H_DECL(op_table_size);
H_DECL(op_table_grow);
H_DECL(op_table_fill);
H_DECL(op_table_copy);
H_DECL(op_table_init);
H_DECL(op_elem_drop);
H_DECL(op_ref_is_null);
H_DECL(op_ref_func);
H_DECL(ld_i32);
H_DECL(ld_i64);
H_DECL(ld_i32_8s);
H_DECL(ld_i32_8u);
H_DECL(ld_i32_16s);
H_DECL(ld_i32_16u);
H_DECL(ld_i64_8s);
H_DECL(ld_i64_16s);
H_DECL(ld_i64_32s);
H_DECL(st_8);
H_DECL(st_16);
H_DECL(st_32);
H_DECL(st_64);
H_DECL(st8_k);
H_DECL(st16_k);
H_DECL(st32_k);
H_DECL(st64_k);
H_DECL(ld32_ai);
H_DECL(ld64_ai);
H_DECL(ld32_aa);
H_DECL(ld64_aa);
H_DECL(ld8s_ai);
H_DECL(ld8u_ai);
H_DECL(ld16s_ai);
H_DECL(ld16u_ai);
H_DECL(ld8s_aa);
H_DECL(ld8u_aa);
H_DECL(ld16s_aa);
H_DECL(ld16u_aa);
H_DECL(add_shl);
H_DECL(xor_rotl);
H_DECL(xor_shru);
H_DECL(add3);
H_DECL(add3_i);
H_DECL(add_i2);
H_DECL(sigma2);
H_DECL(sigma3);
H_DECL(andn);
H_DECL(and_xor);
H_DECL(xor_and);
H_DECL(or_and);
H_DECL(ld32_as);
H_DECL(ld64_as);
H_DECL(f64_muladd);
H_DECL(f64_mulsub);
H_DECL(f64_submul);
H_DECL(f64_muladd_l);
H_DECL(f64_mulsub_l);
H_DECL(f64_submul_l);
H_DECL(f64_muladd_rmw);
H_DECL(f64_mulsub_rmw);
H_DECL(f64_submul_rmw);
H_DECL(f64_add_m);
H_DECL(f64_sub_m);
H_DECL(f64_mul_m);
H_DECL(f64_div_m);
H_DECL(f64_muladd_ml);
H_DECL(f64_axpy);
H_DECL(add_i);
H_DECL(mul_i);
H_DECL(and_i);
H_DECL(or_i);
H_DECL(xor_i);
H_DECL(shl_i);
H_DECL(shr_s_i);
H_DECL(shr_u_i);
H_DECL(rotl_i);
H_DECL(rotr_i);
H_DECL(add64_i);
H_DECL(sub64_i);
H_DECL(mul64_i);
H_DECL(div64_s_i);
H_DECL(div64_u_i);
H_DECL(rem64_s_i);
H_DECL(rem64_u_i);
H_DECL(and64_i);
H_DECL(or64_i);
H_DECL(xor64_i);
H_DECL(shl64_i);
H_DECL(shr64_s_i);
H_DECL(shr64_u_i);
H_DECL(rotl64_i);
H_DECL(rotr64_i);
H_DECL(n45);
H_DECL(n46);
H_DECL(n47);
H_DECL(n48);
H_DECL(n49);
H_DECL(n4a);
H_DECL(n4b);
H_DECL(n4c);
H_DECL(n4d);
H_DECL(n4e);
H_DECL(n4f);
H_DECL(n50);
H_DECL(n51);
H_DECL(n52);
H_DECL(n53);
H_DECL(n54);
H_DECL(n55);
H_DECL(n56);
H_DECL(n57);
H_DECL(n58);
H_DECL(n59);
H_DECL(n5a);
H_DECL(n5b);
H_DECL(n5c);
H_DECL(n5d);
H_DECL(n5e);
H_DECL(n5f);
H_DECL(n60);
H_DECL(n61);
H_DECL(n62);
H_DECL(n63);
H_DECL(n64);
H_DECL(n65);
H_DECL(n66);
H_DECL(n67);
H_DECL(n68);
H_DECL(n69);
H_DECL(n6a);
H_DECL(n6b);
H_DECL(n6c);
H_DECL(n6d);
H_DECL(n6e);
H_DECL(n6f);
H_DECL(n70);
H_DECL(n71);
H_DECL(n72);
H_DECL(n73);
H_DECL(n74);
H_DECL(n75);
H_DECL(n76);
H_DECL(n77);
H_DECL(n78);
H_DECL(n79);
H_DECL(n7a);
H_DECL(n7b);
H_DECL(n7c);
H_DECL(n7d);
H_DECL(n7e);
H_DECL(n7f);
H_DECL(n80);
H_DECL(n81);
H_DECL(n82);
H_DECL(n83);
H_DECL(n84);
H_DECL(n85);
H_DECL(n86);
H_DECL(n87);
H_DECL(n88);
H_DECL(n89);
H_DECL(n8a);
H_DECL(n8b);
H_DECL(n8c);
H_DECL(n8d);
H_DECL(n8e);
H_DECL(n8f);
H_DECL(n90);
H_DECL(n91);
H_DECL(n92);
H_DECL(n93);
H_DECL(n94);
H_DECL(n95);
H_DECL(n96);
H_DECL(n97);
H_DECL(n98);
H_DECL(n99);
H_DECL(n9a);
H_DECL(n9b);
H_DECL(n9c);
H_DECL(n9d);
H_DECL(n9e);
H_DECL(n9f);
H_DECL(na0);
H_DECL(na1);
H_DECL(na2);
H_DECL(na3);
H_DECL(na4);
H_DECL(na5);
H_DECL(na6);
H_DECL(na7);
H_DECL(na8);
H_DECL(na9);
H_DECL(naa);
H_DECL(nab);
H_DECL(nac);
H_DECL(nad);
H_DECL(nae);
H_DECL(naf);
H_DECL(nb0);
H_DECL(nb1);
H_DECL(nb2);
H_DECL(nb3);
H_DECL(nb4);
H_DECL(nb5);
H_DECL(nb6);
H_DECL(nb7);
H_DECL(nb8);
H_DECL(nb9);
H_DECL(nba);
H_DECL(nbb);
H_DECL(nc0);
H_DECL(nc1);
H_DECL(nc2);
H_DECL(nc3);
H_DECL(nc4);
H_DECL(sat0);
H_DECL(sat1);
H_DECL(sat2);
H_DECL(sat3);
H_DECL(sat4);
H_DECL(sat5);
H_DECL(sat6);
H_DECL(sat7);
H_DECL(op_copy128);
H_DECL(op_select128);
H_DECL(op_global_get128);
H_DECL(op_global_set128);
H_DECL(v_load);
H_DECL(v_store);
H_DECL(v_load_lane);
H_DECL(v_store_lane);
H_DECL(v_splat);
H_DECL(v_extract);
H_DECL(v_replace);
H_DECL(v_const);
H_DECL(v_shuffle);
H_DECL(v_un);
H_DECL(v_test);
H_DECL(v_bin);
H_DECL(v_shift);
H_DECL(v_bitselect);
H_DECL(v_load128);
H_DECL(v_and);
H_DECL(v_andnot);
H_DECL(v_or);
H_DECL(v_xor);
H_DECL(v_i8x16_eq);
H_DECL(v_i8x16_add);
H_DECL(v_i8x16_sub);
H_DECL(v_i16x8_eq);
H_DECL(v_i16x8_add);
H_DECL(v_i16x8_sub);
H_DECL(v_i16x8_mul);
H_DECL(v_i32x4_eq);
H_DECL(v_i32x4_add);
H_DECL(v_i32x4_sub);
H_DECL(v_i32x4_mul);
H_DECL(v_i64x2_add);
H_DECL(v_i64x2_sub);
H_DECL(v_f32x4_add);
H_DECL(v_f32x4_sub);
H_DECL(v_f32x4_mul);
H_DECL(v_f32x4_div);
H_DECL(v_f64x2_add);
H_DECL(v_f64x2_sub);
H_DECL(v_f64x2_mul);
H_DECL(br64_eq);
H_DECL(br64_eq_i);
H_DECL(br64_eq_loop);
H_DECL(br64_eq_i_loop);
H_DECL(br64_ne);
H_DECL(br64_ne_i);
H_DECL(br64_ne_loop);
H_DECL(br64_ne_i_loop);
H_DECL(br64_lt_s);
H_DECL(br64_lt_s_i);
H_DECL(br64_lt_s_loop);
H_DECL(br64_lt_s_i_loop);
H_DECL(br64_lt_u);
H_DECL(br64_lt_u_i);
H_DECL(br64_lt_u_loop);
H_DECL(br64_lt_u_i_loop);
H_DECL(br64_gt_s);
H_DECL(br64_gt_s_i);
H_DECL(br64_gt_s_loop);
H_DECL(br64_gt_s_i_loop);
H_DECL(br64_gt_u);
H_DECL(br64_gt_u_i);
H_DECL(br64_gt_u_loop);
H_DECL(br64_gt_u_i_loop);
H_DECL(br64_le_s);
H_DECL(br64_le_s_i);
H_DECL(br64_le_s_loop);
H_DECL(br64_le_s_i_loop);
H_DECL(br64_le_u);
H_DECL(br64_le_u_i);
H_DECL(br64_le_u_loop);
H_DECL(br64_le_u_i_loop);
H_DECL(br64_ge_s);
H_DECL(br64_ge_s_i);
H_DECL(br64_ge_s_loop);
H_DECL(br64_ge_s_i_loop);
H_DECL(br64_ge_u);
H_DECL(br64_ge_u_i);
H_DECL(br64_ge_u_loop);
H_DECL(br64_ge_u_i_loop);
