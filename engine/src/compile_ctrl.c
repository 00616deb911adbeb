/* SPDX-License-Identifier: MIT */
/* compile_ctrl.c: control flow: frames, labels, branches, blocks (a unit of the compiler, compile.h). */
#include "compile.h"
/*
 * Forward branches are chained through their target words and patched at
 * the block's end; a branch with results first moves them to the label's
 * slots. Compare + branch pairs become one fused instruction (cs_cond).
 */

/* ---- control frames ---- */

static const jw_valtype_t cs_one[7] = { JW_I32,     JW_I64,       JW_F32, JW_F64,
                                        JW_FUNCREF, JW_EXTERNREF, JW_V128 };

static const jw_valtype_t *cs_single(jw_valtype_t t)
{
    switch (t) {
    case JW_I32: return &cs_one[0];
    case JW_I64: return &cs_one[1];
    case JW_F32: return &cs_one[2];
    case JW_F64: return &cs_one[3];
    case JW_FUNCREF: return &cs_one[4];
    case JW_V128: return &cs_one[6];
    default: return &cs_one[5];
    }
}

bool cs_push_frame(cs_t *c, uint8_t kind, const cbt_t *bt)
{
    bool dead = c->ncf ? !cs_live(c) : false;
    if (!jw__reserve(c->a, (void **)&c->cf, &c->cap_cf, c->ncf + 1, sizeof *c->cf))
        return cs_nomem(c);
    cframe_t *fr = &c->cf[c->ncf++];
    fr->kind = kind;
    fr->unreachable = false;
    fr->dead = dead;
    fr->height = c->nvs - bt->nparams;
    fr->bt = *bt;
    fr->loop_pc = c->ncode;
    fr->chain = 0;
    fr->else_site = 0;
    cs_relive(c);
    return true;
}

static uint32_t cs_label_arity(const cframe_t *fr)
{
    return fr->kind == CF_LOOP ? fr->bt.nparams : fr->bt.nresults;
}
static const jw_valtype_t *cs_label_types(const cframe_t *fr)
{
    return fr->kind == CF_LOOP ? fr->bt.params : fr->bt.results;
}

/* Branch target words are relative to themselves (see ops.h): the word
 * at `site` that jumps to `target`. */
static uint32_t cs_rel(uint32_t site, uint32_t target) { return target - site; }

/* Sets the target word at `site` to jump to `target`. */
static void cs_set_target(cs_t *c, uint32_t site, uint32_t target)
{
    c->code[site] = cs_rel(site, target);
}

/* Patches a chain of forward-branch sites to `target`. */
static void cs_patch(cs_t *c, uint32_t chain, uint32_t target)
{
    while (chain) {
        uint32_t site = chain - 1;
        chain = c->code[site];
        cs_set_target(c, site, target);
    }
}

/* The loop back-edge form of branch opcode `op`, or `op` itself. */
static uint32_t cs_loop_variant(uint32_t op)
{
    if (op == IOP_BR)
        return IOP_BR_LOOP;
    if (op == IOP_BR_IF)
        return IOP_BR_IF_LOOP;
    if (op == IOP_BR_UNLESS)
        return IOP_BR_UNLESS_LOOP;
    if (op >= IOP_BR_EQ && op <= IOP_BR_GE_U_I)
        return IOP_BR_EQ_LOOP + (op - IOP_BR_EQ);
    if (op >= IOP_BR64_EQ && op < IOP_BR64_EQ_LOOP)
        return IOP_BR64_EQ_LOOP + (op - IOP_BR64_EQ);
    return op;
}

/* Emits the target word of a branch to `fr`: known for a loop, else chained
 * for patching at the frame's end. Fuel is charged on loop back-edges, not
 * at the loop's head, so that entering a loop costs no dispatch: a branch
 * back to a loop (its opcode at op_pc, or CS_NO_DEF for a br_table entry)
 * becomes the variant that charges fuel itself, and any other (br_table
 * entries, f64 compares) is chained to the loop's stub, a BR_LOOP emitted
 * after the function's code (cs_emit_stubs). */
static bool cs_emit_target(cs_t *c, cframe_t *fr, uint32_t op_pc)
{
    if (!cs_live(c))
        return true;
    if (fr->kind == CF_LOOP && op_pc != CS_NO_DEF &&
        cs_loop_variant(c->code[op_pc]) != c->code[op_pc]) {
        c->code[op_pc] = cs_loop_variant(c->code[op_pc]);
        return cs_emit(c, cs_rel(c->ncode, fr->loop_pc));
    }
    uint32_t site = c->ncode;
    if (!cs_emit(c, fr->chain))
        return false;
    fr->chain = site + 1;
    return true;
}

/* Remembers a loop whose chain of branches needs its fuel-charging stub. */
static bool cs_add_stub(cs_t *c, const cframe_t *fr)
{
    if (!jw__reserve(c->a, (void **)&c->stub, &c->cap_stub, c->nstub + 1, sizeof *c->stub))
        return cs_nomem(c);
    c->stub[c->nstub++] = (cstub_t){ fr->chain, fr->loop_pc };
    return true;
}

/* After the function's last instruction (nothing falls into them): one
 * BR_LOOP per loop that was branched to by a branch without a loop variant. */
static bool cs_emit_stubs(cs_t *c)
{
    for (uint32_t i = 0; i < c->nstub; i++) {
        cs_patch(c, c->stub[i].chain, c->ncode);
        if (!cs_emit2(c, IOP_BR_LOOP, cs_rel(c->ncode + 1, c->stub[i].loop_pc)))
            return false;
    }
    return true;
}

static bool cs_needs_moves(const cs_t *c, const cframe_t *fr)
{
    uint32_t n = cs_label_arity(fr);
    return n > 0 && c->nvs - n != fr->height;
}

/* Moves the label's values from the stack top down to the frame's base
 * (upward copy order is safe: destinations are below sources). */
static bool cs_emit_moves(cs_t *c, const cframe_t *fr)
{
    if (!cs_live(c) || !cs_needs_moves(c, fr))
        return true;
    uint32_t n = cs_label_arity(fr), from = c->nvs - n, to = cs_slot(c, fr->height);
    const jw_valtype_t *ts = cs_label_types(fr);
    for (uint32_t i = 0; i < n; i++) {
        if (!cs_emit3(c, cs_copy_op(ts[i]), to, cs_slot(c, from + i)))
            return false;
        to += cs_width(ts[i]);
    }
    return true;
}

/* Type-checks the label's values on the stack without consuming them. */
static bool cs_check_label(cs_t *c, const cframe_t *fr)
{
    uint32_t saved = c->nvs;
    if (!cs_pop_n(c, cs_label_arity(fr), cs_label_types(fr)))
        return false;
    c->nvs = saved;
    return true;
}

/* RETURN of the function's results at slot a; RETURN1 when they are one
 * slot (no copy loop). The return link follows the locals. */
static bool cs_emit_return(cs_t *c, uint32_t a)
{
    const jw_functype_t *ft = &c->m->types[c->f->type];
    bool one = ft->nresults == 1 && cs_width((ct_t)ft->results[0]) == 1;
    return cs_emit3(c, one ? IOP_RETURN1 : IOP_RETURN, a, c->lslot[c->nlocals]);
}

bool cs_return_code(cs_t *c)
{
    /* In unreachable code the stack may hold fewer values than the results
     * (it is polymorphic): nothing is emitted, and no slot is computed. */
    if (!cs_live(c))
        return true;
    return cs_emit_return(c, cs_slot(c, c->nvs - c->nres));
}

/* The jump of a branch to `fr` when taken: moves + jump, or a return. */
static bool cs_branch_code(cs_t *c, cframe_t *fr)
{
    if (!cs_live(c))
        return true; /* as cs_return_code: dead code emits nothing */
    if (fr->kind == CF_FUNC)
        return cs_return_code(c);
    if (!cs_emit_moves(c, fr))
        return false;
    uint32_t op_pc = c->ncode;
    return cs_emit(c, IOP_BR) && cs_emit_target(c, fr, op_pc);
}

/* A branch condition: a slot, or a comparison folded into the branch. */
typedef struct ccond {
    uint32_t loc; /* the condition's slot when not fused */
    int cmp; /* -1, or the wasm compare opcode WOP_I32_EQZ..WOP_F64_GE (no f32) */
    uint32_t a, b; /* compare operands (b: the immediate when imm) */
    bool imm;
} ccond_t;

/* Does the i64 value fit a branch's immediate word (sign-extended)? */
static bool cs_fits_s32(uint64_t v) { return (uint64_t)(int64_t)(int32_t)(uint32_t)v == v; }

/* Takes back the last instruction if it computed the condition just popped
 * from `loc` with an i32 compare: the branch will compare itself.
 * Precondition: cs_last_def_is(loc); with an immediate, the CONST that
 * wrote the compare's second operand came right before it
 * (cs_const_before). The flush and moves emitted after this cannot touch
 * the compare's operands: they write only slots below the condition's. */
static void cs_cond(cs_t *c, uint32_t loc, ccond_t *cc)
{
    cc->loc = loc;
    cc->cmp = -1;
    if (!cs_last_def_is(c, loc))
        return;
    const uint32_t *w = &c->code[c->last_def_pc];
    bool f64 = w[0] >= IOP_F64_EQ && w[0] <= IOP_F64_GE; /* f64 compares: no immediate */
    bool i64 = w[0] >= IOP_I64_EQZ && w[0] <= IOP_I64_GE_U;
    if (!f64 && !i64 && (w[0] < IOP_I32_EQZ || w[0] > IOP_I32_GE_U))
        return;
    cc->cmp = (int)(w[0] - IOP_NUM_BASE) + WOP_I32_EQZ;
    cc->a = w[2];
    cc->b = cc->cmp == WOP_I32_EQZ || cc->cmp == WOP_I64_EQZ ? 0 : w[3];
    cc->imm = cc->cmp == WOP_I64_EQZ; /* i64.eqz: i64.eq with 0 */
    if (cc->imm)
        cc->cmp = WOP_I64_EQ;
    uint32_t start = c->last_def_pc, imm;
    uint64_t imm64;
    /* `x; i32.const k; cmp; br_if`: compare with the immediate (i64: if it
     * fits in 32 bits, sign-extended). */
    if (!f64 && !cc->imm && cc->cmp != WOP_I32_EQZ && cc->b == cs_slot(c, c->nvs + 1)) {
        if (!i64 &&
            cs_const_before(c, cc->b, c->prev_def_pc, c->prev_def_end, c->last_def_pc, &imm)) {
            cc->imm = true;
            cc->b = imm;
        } else if (i64 &&
                   cs_const64_before(c, cc->b, c->prev_def_pc, c->prev_def_end, c->last_def_pc,
                                     &imm64) &&
                   cs_fits_s32(imm64)) {
            cc->imm = true;
            cc->b = (uint32_t)imm64;
        }
        if (cc->imm)
            start = c->prev_def_pc;
    }
    cs_unemit(c, start);
    c->last_def_end = CS_NO_DEF;
}

/* Emits "jump if the condition is `when`"; *site = the target word. */
static bool cs_cond_jump(cs_t *c, const ccond_t *cc, bool when, uint32_t *site)
{
    /* i32 compares WOP_I32_EQ..WOP_I32_GE_U as fused ops, and each one's negation. */
    static const uint8_t fused[10] = { IOP_BR_EQ,   IOP_BR_NE,   IOP_BR_LT_S, IOP_BR_LT_U,
                                       IOP_BR_GT_S, IOP_BR_GT_U, IOP_BR_LE_S, IOP_BR_LE_U,
                                       IOP_BR_GE_S, IOP_BR_GE_U };
    static const uint8_t negated[10] = { IOP_BR_NE,   IOP_BR_EQ,   IOP_BR_GE_S, IOP_BR_GE_U,
                                         IOP_BR_LE_S, IOP_BR_LE_U, IOP_BR_GT_S, IOP_BR_GT_U,
                                         IOP_BR_LT_S, IOP_BR_LT_U };
    /* f64 compares WOP_F64_EQ..WOP_F64_GE and their negations (NaN: !(a < b) is not a >= b). */
    static const uint16_t f64_fused[6] = { IOP_BR_F64_EQ, IOP_BR_F64_NE, IOP_BR_F64_LT,
                                           IOP_BR_F64_GT, IOP_BR_F64_LE, IOP_BR_F64_GE };
    static const uint16_t f64_negated[6] = { IOP_BR_F64_NE,  IOP_BR_F64_EQ,  IOP_BR_F64_NLT,
                                             IOP_BR_F64_NGT, IOP_BR_F64_NLE, IOP_BR_F64_NGE };
    *site = c->ncode + 2;
    if (cc->cmp < 0)
        return cs_emit3(c, when ? IOP_BR_IF : IOP_BR_UNLESS, cc->loc, 0);
    if (cc->cmp >= WOP_F64_EQ) {
        uint32_t k = (uint32_t)cc->cmp - WOP_F64_EQ;
        *site = c->ncode + 3;
        return cs_emit4(c, when ? f64_fused[k] : f64_negated[k], cc->a, cc->b, 0);
    }
    if (cc->cmp == WOP_I32_EQZ)
        return cs_emit3(c, when ? IOP_BR_UNLESS : IOP_BR_IF, cc->a, 0);
    bool i64 = cc->cmp >= WOP_I64_EQ;
    uint32_t k = (uint32_t)cc->cmp - (i64 ? WOP_I64_EQ : WOP_I32_EQ);
    uint32_t op = when ? fused[k] : negated[k];
    if (i64)
        op += IOP_BR64_EQ - IOP_BR_EQ; /* in the same order */
    if (cc->imm)
        op += IOP_BR_EQ_I - IOP_BR_EQ; /* ten, as IOP_BR64_EQ_I - IOP_BR64_EQ */
    *site = c->ncode + 3;
    return cs_emit4(c, op, cc->a, cc->b, 0);
}

static bool cs_label(cs_t *c, cframe_t **fr)
{
    uint32_t depth;
    if (!jwr_u32(c->r, &depth))
        return false;
    if (depth >= c->ncf)
        return cs_invalid(c, "unknown label");
    *fr = &c->cf[c->ncf - 1 - depth];
    return true;
}

bool cs_br(cs_t *c)
{
    cframe_t *fr;
    if (!cs_flush(c) || !cs_label(c, &fr) || !cs_check_label(c, fr) || !cs_branch_code(c, fr))
        return false;
    cs_set_unreachable(c);
    return true;
}

/* The ADD_I that local.set/tee retargeted, if it is the last instruction
 * (no label since: control instructions flush, which forgets copy_end). */
static uint32_t cs_last_add(const cs_t *c)
{
    if (!cs_live(c) || c->copy_end != c->ncode || c->code[c->copy_pc] != IOP_ADD_I)
        return CS_NO_DEF;
    return c->copy_pc;
}

/* `ADD_I d a k` at add_pc, then a loop back-edge at op_pc = add_pc + 4
 * that tests d: one ADD_BR_*_LOOP (a loop's step and test, one dispatch). */
static void cs_fuse_add_loop(cs_t *c, uint32_t add_pc, uint32_t op_pc, const cframe_t *fr)
{
    /* The immediate compares' loop variants, in IOP_BR_EQ_I's order. */
    const uint32_t first = IOP_BR_EQ_LOOP + (IOP_BR_EQ_I - IOP_BR_EQ);
    uint32_t *w = c->code, op = w[op_pc];
    bool cmp = op >= first && op <= IOP_BR_LAST_LOOP;
    if (add_pc == CS_NO_DEF || op_pc != add_pc + 4 || w[op_pc + 1] != w[add_pc + 1])
        return;
    if (!cmp && op != IOP_BR_IF_LOOP)
        return;
    uint32_t end = add_pc + 4;
    w[add_pc] = cmp ? IOP_ADD_BR_EQ_I_LOOP + (op - first) : IOP_ADD_BR_IF_LOOP;
    if (cmp)
        w[end++] = w[op_pc + 2];
    w[end] = cs_rel(end, fr->loop_pc);
    cs_unemit(c, end + 1);
    cs_unmark(c, op_pc);
}

bool cs_br_if(cs_t *c)
{
    cframe_t *fr;
    uint32_t cond, site;
    ccond_t cc;
    if (!cs_label(c, &fr) || !cs_popl(c, JW_I32, NULL, &cond))
        return false;
    cs_cond(c, cond, &cc);
    uint32_t add_pc = cs_last_add(c);
    if (!cs_flush(c))
        return false;
    uint32_t n = cs_label_arity(fr);
    if (!cs_pop_n(c, n, cs_label_types(fr)) || !cs_push_n(c, n, cs_label_types(fr)))
        return false;
    if (!cs_live(c))
        return true;
    if (fr->kind != CF_FUNC && !cs_needs_moves(c, fr)) {
        uint32_t op_pc = c->ncode;
        if (!cs_cond_jump(c, &cc, true, &site))
            return false;
        c->ncode--; /* the target word: chained to the label */
        if (!cs_emit_target(c, fr, op_pc))
            return false;
        if (fr->kind == CF_LOOP)
            cs_fuse_add_loop(c, add_pc, op_pc, fr);
        return true;
    }
    if (!cs_cond_jump(c, &cc, false, &site) || !cs_branch_code(c, fr))
        return false;
    cs_set_target(c, site, c->ncode);
    return true;
}

/* br_table: a jump table; labels needing moves (or a return) get a stub
 * after the table. The label list is read twice: to check and to stub. */
bool cs_br_table(cs_t *c)
{
    uint32_t n;
    cframe_t *fr;
    if (!jwr_count(c->r, &n, 1))
        return false;
    if (n > JW_MAX_BR_TABLE)
        return cs_fail(c, JW_ERR_LIMIT, "br_table too large");
    uint32_t idx;
    if (!cs_popl(c, JW_I32, NULL, &idx) || !cs_flush(c))
        return false;
    const uint8_t *labels = c->r->p;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t skip;
        if (!jwr_u32(c->r, &skip))
            return false;
    }
    if (!cs_label(c, &fr))
        return false;
    uint32_t arity = cs_label_arity(fr);
    const uint8_t *after = c->r->p;
    bool live = cs_live(c);
    uint32_t base = c->ncode + 3;
    if (!cs_emit3(c, IOP_BR_TABLE, idx, n))
        return false;
    c->r->p = labels;
    for (uint32_t i = 0; i <= n; i++) {
        if (!cs_label(c, &fr))
            return false;
        if (cs_label_arity(fr) != arity)
            return cs_invalid(c, "type mismatch");
        if (!cs_check_label(c, fr))
            return false;
        if (fr->kind == CF_FUNC || cs_needs_moves(c, fr)) {
            if (!cs_emit(c, 0))
                return false; /* stub, below */
        } else if (!cs_emit_target(c, fr, CS_NO_DEF)) {
            return false;
        }
    }
    if (live) {
        c->r->p = labels;
        for (uint32_t i = 0; i <= n; i++) {
            if (!cs_label(c, &fr))
                return false;
            if (fr->kind != CF_FUNC && !cs_needs_moves(c, fr))
                continue;
            cs_set_target(c, base + i, c->ncode);
            if (!cs_branch_code(c, fr))
                return false;
        }
    }
    c->r->p = after;
    cs_set_unreachable(c);
    return true;
}

/* ---- blocks ---- */

static bool cs_blocktype(cs_t *c, cbt_t *bt)
{
    jwr_t *r = c->r;
    bt->nparams = bt->nresults = 0;
    bt->params = bt->results = NULL;
    if (r->p >= r->end)
        return jwr_u8(r, &(uint8_t){ 0 });
    uint8_t b = *r->p;
    if (b == 0x40) {
        r->p++;
        return true;
    }
    if (b == JW_I32 || b == JW_I64 || b == JW_F32 || b == JW_F64 || b == JW_FUNCREF ||
        b == JW_EXTERNREF || b == JW_V128) {
        r->p++;
        bt->nresults = 1;
        bt->results = cs_single((jw_valtype_t)b);
        return true;
    }
    int64_t x;
    if (!jwr_s33(r, &x))
        return false;
    if (x < 0)
        return cs_fail(c, JW_ERR_MALFORMED, "malformed value type");
    if ((uint64_t)x >= c->m->ntypes)
        return cs_invalid(c, "unknown type");
    const jw_functype_t *ft = &c->m->types[x];
    bt->nparams = ft->nparams;
    bt->params = ft->params;
    bt->nresults = ft->nresults;
    bt->results = ft->results;
    return true;
}

bool cs_block(cs_t *c, uint8_t kind)
{
    cbt_t bt;
    uint32_t cond = 0, site;
    ccond_t cc = { 0, -1, 0, 0, false };
    if (!cs_blocktype(c, &bt))
        return false;
    if (kind == CF_IF) {
        if (!cs_popl(c, JW_I32, NULL, &cond))
            return false;
        cs_cond(c, cond, &cc);
    }
    if (!cs_flush(c))
        return false;
    if (!cs_pop_n(c, bt.nparams, bt.params))
        return false;
    if (!cs_push_n(c, bt.nparams, bt.params))
        return false;
    if (!cs_push_frame(c, kind, &bt))
        return false;
    cframe_t *fr = &c->cf[c->ncf - 1];
    if (kind == CF_LOOP) {
        fr->loop_pc = c->ncode;
        return true;
    }
    if (kind == CF_IF && cs_live(c)) {
        if (!cs_cond_jump(c, &cc, false, &site))
            return false;
        fr->else_site = site + 1;
    }
    return true;
}

/* Checks the block's results are exactly what is on the stack. */
static bool cs_check_end(cs_t *c, const cframe_t *fr)
{
    if (!cs_pop_n(c, fr->bt.nresults, fr->bt.results))
        return false;
    if (c->nvs != fr->height)
        return cs_invalid(c, "type mismatch");
    return true;
}

bool cs_else(cs_t *c)
{
    cframe_t *fr = &c->cf[c->ncf - 1];
    if (fr->kind != CF_IF)
        return cs_invalid(c, "else without if");
    if (!cs_flush(c) || !cs_check_end(c, fr))
        return false;
    uint32_t op_pc = c->ncode;
    if (cs_live(c) && (!cs_emit(c, IOP_BR) || !cs_emit_target(c, fr, op_pc)))
        return false;
    if (fr->else_site)
        cs_set_target(c, fr->else_site - 1, c->ncode);
    fr->else_site = 0;
    fr->kind = CF_ELSE;
    fr->unreachable = false;
    cs_relive(c);
    c->nvs = fr->height;
    cs_cut_pending(c, c->nvs);
    return cs_push_n(c, fr->bt.nparams, fr->bt.params);
}

/* `end`: returns true with *done set when the function body is complete. */
bool cs_end(cs_t *c, bool *done)
{
    cframe_t *fr = &c->cf[c->ncf - 1];
    if (fr->kind == CF_IF) {
        /* No else: the implicit else passes the params through. */
        if (fr->bt.nparams != fr->bt.nresults)
            return cs_invalid(c, "type mismatch");
        for (uint32_t i = 0; i < fr->bt.nparams; i++)
            if (fr->bt.params[i] != fr->bt.results[i])
                return cs_invalid(c, "type mismatch");
    }
    if (!cs_flush(c) || !cs_check_end(c, fr))
        return false;
    if (fr->kind == CF_FUNC) {
        if (cs_live(c) && !cs_emit_return(c, cs_slot(c, fr->height)))
            return false;
        fr->unreachable = false; /* the stubs are emitted even after a return */
        cs_relive(c);
        if (!cs_emit_stubs(c))
            return false;
        *done = true;
        c->ncf--;
        return true;
    }
    if (fr->else_site)
        cs_set_target(c, fr->else_site - 1, c->ncode);
    if (fr->kind == CF_LOOP && fr->chain && !cs_add_stub(c, fr))
        return false;
    if (fr->kind != CF_LOOP)
        cs_patch(c, fr->chain, c->ncode);
    cbt_t bt = fr->bt;
    c->ncf--;
    cs_relive(c);
    return cs_push_n(c, bt.nresults, bt.results);
}
