/* SPDX-License-Identifier: MIT */
/* interp.c: the threaded dispatcher over the internal code (see ops.h). */
// clang-format off
#include "interp.h"

/*
 * One handler function per internal opcode (see jw__in_tab): each decodes its
 * operands from the code words after its opcode, reads/writes frame slots
 * and tail-calls the next handler. Wasm-to-wasm calls write a return link
 * into the callee's frame (in_link) and continue in the same chain, so the
 * C stack never grows with wasm recursion. A trap returns false.
 */

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

/* Zeroes the declared locals of wasm function f, whose frame is at fp.
 * Two slots a step: an odd count also zeroes slot nlocals, the first word
 * of the return link, which the caller writes next (in_link; the frame
 * check covers the link). */
static inline IN_NB_EARLY void in_zero_locals(const jw_func_t *f, uint64_t *fp) {
    /* Usually a handful of slots: a plain loop, not vector code with its
     * set-up and remainder (one local: 14 -> 10 instructions). Two a step:
     * 4 instructions per two slots instead of per slot (sqlite's calls
     * zero ~6 locals). */
    uint64_t *p = fp + f->nparam_slots, *end = fp + f->nlocals;
#pragma clang loop vectorize(disable) interleave(disable) unroll(disable)
    while (p < end) { p[0] = 0; p[1] = 0; p += 2; }
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

IN_COLD bool in_trap(in_ctx_t *x, const uint32_t *pc, const uint64_t *fp, jw_trap_kind_t tk) {
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

/* Does the callee's type equal `want`? A wasm function's type is a copy of
 * its module's entry: the same entry (the common case) has the same params
 * array and counts, which settles it without the call and the loops of
 * jw__functype_eq (sqlite: 1.8% of all instructions). */
static inline bool in_type_ok(const jw_functype_t *have, const jw_functype_t *want) {
    if (have->params == want->params && have->nparams == want->nparams && have->nresults == want->nresults)
        return true;
    return jw__functype_eq(have, want);
}

H(op_call_indirect) {
    jw_table_t *t = x->inst->tables[W(1)];
    uint32_t i = I32(4);
    if (i >= t->size) TRAP(JW_TRAP_UNDEFINED_ELEMENT);
    jw_func_t *callee = t->elems[i];
    if (!callee) TRAP(JW_TRAP_UNINITIALIZED_ELEMENT);
    if (!in_type_ok(&callee->type, &x->inst->module->types[W(2)]))
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

/* The dispatch table: ops.def's handler column. */
const in_handler_t jw__in_tab[IOP_COUNT] = {
#define X(name, handler, operands) [IOP_##name] = IN_HANDLER(handler),
#include "ops.def"
#undef X
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
    return jw__in_tab[*st.pc](st.pc, st.fp, mb, ms, x);
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
// clang-format on
