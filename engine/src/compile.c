/* SPDX-License-Identifier: MIT */
/* compile.c: one pass per function body: validation and translation. */
#include "internal.h"
#include "ops.h"
#include "simd.h"

/* Operands are "pending" when `local.get` did not copy: the operand's value
 * is still read from the local's slot. At most this many at a time; all are
 * materialized (copied to their stack slots) at control instructions and
 * calls, and those of local x before x is written. */
#define CS_MAX_PENDING 8
#define CS_NO_DEF UINT32_MAX

/* Types on the validation stack; 0 = unknown (stack-polymorphic code). */
typedef uint8_t ct_t;
#define CT_ANY 0

enum { CF_BLOCK, CF_LOOP, CF_IF, CF_ELSE, CF_FUNC };

/* A block type: either a single optional result or a function type. */
typedef struct cbt {
    uint32_t nparams, nresults;
    const jw_valtype_t *params, *results;
} cbt_t;

typedef struct cframe {
    uint8_t kind;
    bool unreachable;   /* validation: the rest of the block is polymorphic */
    bool dead;          /* emission: opened inside unreachable code */
    uint32_t height;    /* operand height below the block's params */
    cbt_t bt;
    uint32_t loop_pc;   /* loop: branch target */
    uint32_t chain;     /* forward branches to patch at end: word index + 1 */
    uint32_t else_site; /* if: word to patch with the else start (index + 1) */
} cframe_t;

typedef struct cs {
    jw_module_t *m;
    jwm_func_t *f;
    jwr_t *r;
    const jw_allocator_t *a;
    const jw_valtype_t *locals; uint32_t nlocals;
    uint32_t *lslot;    /* frame slot of each local; [nlocals] = slots of all locals */
    uint32_t nres;      /* the function's result count */
    ct_t *vs; uint32_t nvs, cap_vs;
    /* Own slot of each operand-stack position: a v128 takes two slots, so
     * sbase[h + 1] = sbase[h] + width; valid for h <= nvs + 1. */
    uint32_t *sbase; uint32_t cap_sbase, max_slot;
    uint32_t *vloc; uint32_t cap_vloc;  /* slot holding each operand's value */
    uint32_t pend[CS_MAX_PENDING];      /* positions whose vloc is a local */
    uint32_t npend;
    uint32_t last_def_pc, last_def_end; /* producer of the top value, if last */
    uint32_t prev_def_pc, prev_def_end; /* the producer before it */
    cframe_t *cf; uint32_t ncf, cap_cf;
    uint32_t *code; uint32_t ncode, cap_code;
    jwm_pcmap_t *map; uint32_t nmap, cap_map;
    size_t op_off; /* offset of the instruction being compiled */
    const uint8_t *code_start; /* first instruction of the body */
} cs_t;

static const jw_valtype_t cs_one[7] = {JW_I32, JW_I64, JW_F32, JW_F64, JW_FUNCREF, JW_EXTERNREF, JW_V128};

static const jw_valtype_t *cs_single(jw_valtype_t t) {
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

static bool cs_fail(cs_t *c, jw_error_kind_t k, const char *msg) {
    if (c->r->err->kind == JW_OK) jw__err(c->r->err, k, c->op_off, msg);
    return false;
}
static bool cs_invalid(cs_t *c, const char *msg) { return cs_fail(c, JW_ERR_INVALID, msg); }
static bool cs_nomem(cs_t *c) { return cs_fail(c, JW_ERR_NOMEM, "out of memory"); }

/* ---- emission (skipped in unreachable code) ---- */

static bool cs_live(const cs_t *c) {
    const cframe_t *fr = &c->cf[c->ncf - 1];
    return !fr->unreachable && !fr->dead;
}

static bool cs_emit(cs_t *c, uint32_t w) {
    if (!cs_live(c)) return true;
    if (c->ncode >= c->cap_code &&
        !jw__reserve(c->a, (void **)&c->code, &c->cap_code, c->ncode + 1, sizeof *c->code))
        return cs_nomem(c);
    c->code[c->ncode++] = w;
    return true;
}

static bool cs_emit2(cs_t *c, uint32_t a, uint32_t b) { return cs_emit(c, a) && cs_emit(c, b); }
static bool cs_emit3(cs_t *c, uint32_t a, uint32_t b, uint32_t d) {
    if (!cs_live(c)) return true;
    if (c->ncode + 3 > c->cap_code) return cs_emit(c, a) && cs_emit(c, b) && cs_emit(c, d);
    c->code[c->ncode] = a; /* the common case: one liveness and capacity check */
    c->code[c->ncode + 1] = b;
    c->code[c->ncode + 2] = d;
    c->ncode += 3;
    return true;
}
static bool cs_emit4(cs_t *c, uint32_t a, uint32_t b, uint32_t d, uint32_t e) {
    return cs_emit3(c, a, b, d) && cs_emit(c, e);
}

/* Records that code from here on comes from the current instruction. */
static bool cs_mark(cs_t *c) {
    if (!cs_live(c)) return true;
    if (c->nmap && c->map[c->nmap - 1].pc == c->ncode) {
        c->map[c->nmap - 1].off = (uint32_t)c->op_off;
        return true;
    }
    if (c->nmap >= c->cap_map &&
        !jw__reserve(c->a, (void **)&c->map, &c->cap_map, c->nmap + 1, sizeof *c->map))
        return cs_nomem(c);
    c->map[c->nmap].pc = c->ncode;
    c->map[c->nmap].off = (uint32_t)c->op_off;
    c->nmap++;
    return true;
}

/* Slot of operand-stack position `h`. */
static uint32_t cs_slot(const cs_t *c, uint32_t h) { return c->sbase[h]; }
/* Frame slots a value of type t takes: v128 two, everything else one. */
static uint32_t cs_width(ct_t t) { return t == JW_V128 ? 2 : 1; }
/* The copy instruction for a value of type t. */
static uint32_t cs_copy_op(ct_t t) { return t == JW_V128 ? IOP_COPY128 : IOP_COPY; }
static uint32_t cs_top(const cs_t *c, uint32_t k) { return cs_slot(c, c->nvs - k); }

/* ---- the type stack ---- */

/* Pushes a value held in slot `loc` (its own stack slot unless pending). */
static bool cs_push_at(cs_t *c, ct_t t, uint32_t loc) {
    uint32_t next = c->sbase[c->nvs] + cs_width(t);
    if (next >= JW_MAX_FUNC_SLOTS)
        return cs_fail(c, JW_ERR_LIMIT, "function operand stack too large");
    if (c->nvs >= c->cap_vs &&
        !jw__reserve(c->a, (void **)&c->vs, &c->cap_vs, c->nvs + 1, sizeof *c->vs))
        return cs_nomem(c);
    if (c->nvs + 2 >= c->cap_sbase &&
        !jw__reserve(c->a, (void **)&c->sbase, &c->cap_sbase, c->nvs + 3, sizeof *c->sbase))
        return cs_nomem(c);
    if (c->nvs >= c->cap_vloc &&
        !jw__reserve(c->a, (void **)&c->vloc, &c->cap_vloc, c->nvs + 1, sizeof *c->vloc))
        return cs_nomem(c);
    if (loc != cs_slot(c, c->nvs)) c->pend[c->npend++] = c->nvs;
    c->vloc[c->nvs] = loc;
    c->vs[c->nvs++] = t;
    c->sbase[c->nvs] = next;
    c->sbase[c->nvs + 1] = next + 1; /* read by the compare fusion (cs_cond) */
    if (next > c->max_slot) c->max_slot = next;
    return true;
}

static bool cs_push(cs_t *c, ct_t t) { return cs_push_at(c, t, cs_slot(c, c->nvs)); }

/* Forgets pending entries at positions >= h (the stack was cut to h). */
static void cs_cut_pending(cs_t *c, uint32_t h) {
    while (c->npend && c->pend[c->npend - 1] >= h) c->npend--;
}

/* Pops a value of type `expect`; *loc (optional) is the slot holding it. */
static bool cs_popl(cs_t *c, ct_t expect, ct_t *got, uint32_t *loc) {
    cframe_t *fr = &c->cf[c->ncf - 1];
    ct_t t;
    uint32_t l;
    if (c->nvs == fr->height) {
        if (!fr->unreachable) return cs_invalid(c, "type mismatch");
        t = CT_ANY;
        l = cs_slot(c, c->nvs);
    } else {
        t = c->vs[--c->nvs];
        l = c->vloc[c->nvs];
        cs_cut_pending(c, c->nvs);
    }
    if (expect != CT_ANY && t != CT_ANY && t != expect) return cs_invalid(c, "type mismatch");
    if (got) *got = t == CT_ANY ? expect : t;
    if (loc) *loc = l;
    return true;
}

static bool cs_pop(cs_t *c, ct_t expect, ct_t *got) { return cs_popl(c, expect, got, NULL); }

/* Copies pending entry i of pend[] to its own stack slot. */
static bool cs_materialize(cs_t *c, uint32_t i) {
    uint32_t pos = c->pend[i];
    if (!cs_emit3(c, cs_copy_op(c->vs[pos]), cs_slot(c, pos), c->vloc[pos])) return false;
    c->vloc[pos] = cs_slot(c, pos);
    return true;
}

/* Every operand into its own slot: before control flow and calls. */
static bool cs_flush(cs_t *c) {
    for (uint32_t i = 0; i < c->npend; i++)
        if (!cs_materialize(c, i)) return false;
    c->npend = 0;
    c->last_def_end = CS_NO_DEF;
    return true;
}

/* Operands still reading local x get their own copy before x changes. */
static bool cs_flush_local(cs_t *c, uint32_t x) {
    uint32_t k = 0;
    for (uint32_t i = 0; i < c->npend; i++) {
        if (c->vloc[c->pend[i]] == x) {
            if (!cs_materialize(c, i)) return false;
        } else {
            c->pend[k++] = c->pend[i];
        }
    }
    c->npend = k;
    return true;
}

/* Records that the instruction just emitted at `pc` wrote the top value
 * (its operand 1) and may be retargeted by a following local.set. */
static void cs_def(cs_t *c, uint32_t pc) {
    c->prev_def_pc = c->last_def_pc;
    c->prev_def_end = c->last_def_end;
    c->last_def_pc = pc;
    c->last_def_end = cs_live(c) ? c->ncode : CS_NO_DEF;
}

static bool cs_pop_n(cs_t *c, uint32_t n, const jw_valtype_t *ts) {
    for (uint32_t i = n; i-- > 0;)
        if (!cs_pop(c, (ct_t)ts[i], NULL)) return false;
    return true;
}

static bool cs_push_n(cs_t *c, uint32_t n, const jw_valtype_t *ts) {
    for (uint32_t i = 0; i < n; i++)
        if (!cs_push(c, (ct_t)ts[i])) return false;
    return true;
}

/* Marks the rest of the block unreachable: drop its operands. */
static void cs_set_unreachable(cs_t *c) {
    cframe_t *fr = &c->cf[c->ncf - 1];
    c->nvs = fr->height;
    cs_cut_pending(c, c->nvs);
    fr->unreachable = true;
}

/* ---- control frames ---- */

static bool cs_push_frame(cs_t *c, uint8_t kind, const cbt_t *bt) {
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
    return true;
}

static uint32_t cs_label_arity(const cframe_t *fr) {
    return fr->kind == CF_LOOP ? fr->bt.nparams : fr->bt.nresults;
}
static const jw_valtype_t *cs_label_types(const cframe_t *fr) {
    return fr->kind == CF_LOOP ? fr->bt.params : fr->bt.results;
}

/* Branch target words are relative to themselves (see ops.h): the word
 * at `site` that jumps to `target`. */
static uint32_t cs_rel(uint32_t site, uint32_t target) { return target - site; }

/* Sets the target word at `site` to jump to `target`. */
static void cs_set_target(cs_t *c, uint32_t site, uint32_t target) {
    c->code[site] = cs_rel(site, target);
}

/* Patches a chain of forward-branch sites to `target`. */
static void cs_patch(cs_t *c, uint32_t chain, uint32_t target) {
    while (chain) {
        uint32_t site = chain - 1;
        chain = c->code[site];
        cs_set_target(c, site, target);
    }
}

/* The loop back-edge form of branch opcode `op`, or `op` itself. */
static uint32_t cs_loop_variant(uint32_t op) {
    if (op == IOP_BR) return IOP_BR_LOOP;
    if (op == IOP_BR_IF) return IOP_BR_IF_LOOP;
    if (op == IOP_BR_UNLESS) return IOP_BR_UNLESS_LOOP;
    if (op >= IOP_BR_EQ && op <= IOP_BR_GE_U_I) return IOP_BR_EQ_LOOP + (op - IOP_BR_EQ);
    return op;
}

/* Emits the target word of a branch to `fr`: known for a loop, else chained
 * for patching at the frame's end. A branch back to a loop (its opcode at
 * op_pc, or CS_NO_DEF for a br_table entry) becomes the variant that charges
 * fuel itself and skips the loop's FUEL instruction: one dispatch less per
 * iteration. br_table entries go through the FUEL instruction. */
static bool cs_emit_target(cs_t *c, cframe_t *fr, uint32_t op_pc) {
    if (!cs_live(c)) return true;
    if (fr->kind == CF_LOOP && op_pc != CS_NO_DEF && cs_loop_variant(c->code[op_pc]) != c->code[op_pc]) {
        c->code[op_pc] = cs_loop_variant(c->code[op_pc]);
        return cs_emit(c, cs_rel(c->ncode, fr->loop_pc + 1));
    }
    if (fr->kind == CF_LOOP) return cs_emit(c, cs_rel(c->ncode, fr->loop_pc));
    uint32_t site = c->ncode;
    if (!cs_emit(c, fr->chain)) return false;
    fr->chain = site + 1;
    return true;
}

static bool cs_needs_moves(const cs_t *c, const cframe_t *fr) {
    uint32_t n = cs_label_arity(fr);
    return n > 0 && c->nvs - n != fr->height;
}

/* Moves the label's values from the stack top down to the frame's base
 * (upward copy order is safe: destinations are below sources). */
static bool cs_emit_moves(cs_t *c, const cframe_t *fr) {
    if (!cs_live(c) || !cs_needs_moves(c, fr)) return true;
    uint32_t n = cs_label_arity(fr), from = c->nvs - n, to = cs_slot(c, fr->height);
    const jw_valtype_t *ts = cs_label_types(fr);
    for (uint32_t i = 0; i < n; i++) {
        if (!cs_emit3(c, cs_copy_op(ts[i]), to, cs_slot(c, from + i))) return false;
        to += cs_width(ts[i]);
    }
    return true;
}

/* Type-checks the label's values on the stack without consuming them. */
static bool cs_check_label(cs_t *c, const cframe_t *fr) {
    uint32_t saved = c->nvs;
    if (!cs_pop_n(c, cs_label_arity(fr), cs_label_types(fr))) return false;
    c->nvs = saved;
    return true;
}

/* RETURN of the function's results at slot a; RETURN1 when they are one
 * slot (no copy loop). */
static bool cs_emit_return(cs_t *c, uint32_t a) {
    const jw_functype_t *ft = &c->m->types[c->f->type];
    bool one = ft->nresults == 1 && cs_width((ct_t)ft->results[0]) == 1;
    return cs_emit2(c, one ? IOP_RETURN1 : IOP_RETURN, a);
}

static bool cs_return_code(cs_t *c) {
    return cs_emit_return(c, cs_slot(c, c->nvs - c->nres));
}

/* The jump of a branch to `fr` when taken: moves + jump, or a return. */
static bool cs_branch_code(cs_t *c, cframe_t *fr) {
    if (fr->kind == CF_FUNC) return cs_return_code(c);
    if (!cs_emit_moves(c, fr)) return false;
    uint32_t op_pc = c->ncode;
    return cs_emit(c, IOP_BR) && cs_emit_target(c, fr, op_pc);
}

/* A branch condition: a slot, or an i32 comparison folded into the branch. */
typedef struct ccond {
    uint32_t loc;  /* the condition's slot when not fused */
    int cmp;       /* -1, or the wasm compare opcode 0x45..0x4f */
    uint32_t a, b; /* compare operands (b: the immediate when imm) */
    bool imm;
} ccond_t;

/* Drops the code from `pc` on (an instruction being folded into the next). */
static void cs_unemit(cs_t *c, uint32_t pc) {
    c->ncode = pc;
    while (c->nmap && c->map[c->nmap - 1].pc > pc) c->nmap--;
}

/* Is the value in slot `loc` (its own stack slot) the i32.const emitted
 * just before `end`? Then *imm is its value. */
static bool cs_const_before(const cs_t *c, uint32_t loc, uint32_t def_pc, uint32_t def_end,
                            uint32_t end, uint32_t *imm) {
    if (def_end != end || def_end == CS_NO_DEF) return false;
    if (c->code[def_pc] != IOP_CONST32 || c->code[def_pc + 1] != loc) return false;
    *imm = c->code[def_pc + 2];
    return true;
}

/* Takes back the last instruction if it computed the condition just popped
 * from `loc` with an i32 compare: the branch will compare itself. */
static void cs_cond(cs_t *c, uint32_t loc, ccond_t *cc) {
    cc->loc = loc;
    cc->cmp = -1;
    if (!cs_live(c) || loc != cs_slot(c, c->nvs) || c->last_def_end != c->ncode) return;
    const uint32_t *w = &c->code[c->last_def_pc];
    bool f64 = w[0] >= IOP_NUM(0x61) && w[0] <= IOP_NUM(0x66); /* f64 compares: no immediate */
    if (!f64 && (w[0] < IOP_NUM(0x45) || w[0] > IOP_NUM(0x4f))) return;
    cc->cmp = (int)(w[0] - IOP_NUM_BASE) + 0x45;
    cc->a = w[2];
    cc->b = cc->cmp == 0x45 ? 0 : w[3];
    cc->imm = false;
    uint32_t start = c->last_def_pc, imm;
    /* `x; i32.const k; cmp; br_if`: compare with the immediate. */
    if (!f64 && cc->cmp != 0x45 && cc->b == cs_slot(c, c->nvs + 1) &&
        cs_const_before(c, cc->b, c->prev_def_pc, c->prev_def_end, c->last_def_pc, &imm)) {
        cc->imm = true;
        cc->b = imm;
        start = c->prev_def_pc;
    }
    cs_unemit(c, start);
    c->last_def_end = CS_NO_DEF;
}

/* Emits "jump if the condition is `when`"; *site = the target word. */
static bool cs_cond_jump(cs_t *c, const ccond_t *cc, bool when, uint32_t *site) {
    /* i32 compares 0x46..0x4f as fused ops, and each one's negation. */
    static const uint8_t fused[10] = {IOP_BR_EQ, IOP_BR_NE, IOP_BR_LT_S, IOP_BR_LT_U, IOP_BR_GT_S,
                                      IOP_BR_GT_U, IOP_BR_LE_S, IOP_BR_LE_U, IOP_BR_GE_S, IOP_BR_GE_U};
    static const uint8_t negated[10] = {IOP_BR_NE, IOP_BR_EQ, IOP_BR_GE_S, IOP_BR_GE_U, IOP_BR_LE_S,
                                        IOP_BR_LE_U, IOP_BR_GT_S, IOP_BR_GT_U, IOP_BR_LT_S, IOP_BR_LT_U};
    /* f64 compares 0x61..0x66 and their negations (NaN: !(a < b) is not a >= b). */
    static const uint16_t f64_fused[6] = {IOP_BR_F64_EQ, IOP_BR_F64_NE, IOP_BR_F64_LT,
                                          IOP_BR_F64_GT, IOP_BR_F64_LE, IOP_BR_F64_GE};
    static const uint16_t f64_negated[6] = {IOP_BR_F64_NE, IOP_BR_F64_EQ, IOP_BR_F64_NLT,
                                            IOP_BR_F64_NGT, IOP_BR_F64_NLE, IOP_BR_F64_NGE};
    *site = c->ncode + 2;
    if (cc->cmp < 0) return cs_emit3(c, when ? IOP_BR_IF : IOP_BR_UNLESS, cc->loc, 0);
    if (cc->cmp >= 0x61) {
        uint32_t k = (uint32_t)cc->cmp - 0x61;
        *site = c->ncode + 3;
        return cs_emit4(c, when ? f64_fused[k] : f64_negated[k], cc->a, cc->b, 0);
    }
    if (cc->cmp == 0x45) return cs_emit3(c, when ? IOP_BR_UNLESS : IOP_BR_IF, cc->a, 0);
    uint32_t k = (uint32_t)cc->cmp - 0x46;
    uint32_t op = when ? fused[k] : negated[k];
    if (cc->imm) op += IOP_BR_EQ_I - IOP_BR_EQ;
    *site = c->ncode + 3;
    return cs_emit4(c, op, cc->a, cc->b, 0);
}

static bool cs_label(cs_t *c, cframe_t **fr) {
    uint32_t depth;
    if (!jwr_u32(c->r, &depth)) return false;
    if (depth >= c->ncf) return cs_invalid(c, "unknown label");
    *fr = &c->cf[c->ncf - 1 - depth];
    return true;
}

static bool cs_br(cs_t *c) {
    cframe_t *fr;
    if (!cs_flush(c) || !cs_label(c, &fr) || !cs_check_label(c, fr) || !cs_branch_code(c, fr)) return false;
    cs_set_unreachable(c);
    return true;
}

static bool cs_br_if(cs_t *c) {
    cframe_t *fr;
    uint32_t cond, site;
    ccond_t cc;
    if (!cs_label(c, &fr) || !cs_popl(c, JW_I32, NULL, &cond)) return false;
    cs_cond(c, cond, &cc);
    if (!cs_flush(c)) return false;
    uint32_t n = cs_label_arity(fr);
    if (!cs_pop_n(c, n, cs_label_types(fr)) || !cs_push_n(c, n, cs_label_types(fr))) return false;
    if (!cs_live(c)) return true;
    if (fr->kind != CF_FUNC && !cs_needs_moves(c, fr)) {
        uint32_t op_pc = c->ncode;
        if (!cs_cond_jump(c, &cc, true, &site)) return false;
        c->ncode--; /* the target word: chained to the label */
        return cs_emit_target(c, fr, op_pc);
    }
    if (!cs_cond_jump(c, &cc, false, &site) || !cs_branch_code(c, fr)) return false;
    cs_set_target(c, site, c->ncode);
    return true;
}

/* br_table: a jump table; labels needing moves (or a return) get a stub
 * after the table. The label list is read twice: to check and to stub. */
static bool cs_br_table(cs_t *c) {
    uint32_t n;
    cframe_t *fr;
    if (!jwr_count(c->r, &n, 1)) return false;
    if (n > JW_MAX_BR_TABLE) return cs_fail(c, JW_ERR_LIMIT, "br_table too large");
    uint32_t idx;
    if (!cs_popl(c, JW_I32, NULL, &idx) || !cs_flush(c)) return false;
    const uint8_t *labels = c->r->p;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t skip;
        if (!jwr_u32(c->r, &skip)) return false;
    }
    if (!cs_label(c, &fr)) return false;
    uint32_t arity = cs_label_arity(fr);
    const uint8_t *after = c->r->p;
    bool live = cs_live(c);
    uint32_t base = c->ncode + 3;
    if (!cs_emit3(c, IOP_BR_TABLE, idx, n)) return false;
    c->r->p = labels;
    for (uint32_t i = 0; i <= n; i++) {
        if (!cs_label(c, &fr)) return false;
        if (cs_label_arity(fr) != arity) return cs_invalid(c, "type mismatch");
        if (!cs_check_label(c, fr)) return false;
        if (fr->kind == CF_FUNC || cs_needs_moves(c, fr)) {
            if (!cs_emit(c, 0)) return false; /* stub, below */
        } else if (!cs_emit_target(c, fr, CS_NO_DEF)) {
            return false;
        }
    }
    if (live) {
        c->r->p = labels;
        for (uint32_t i = 0; i <= n; i++) {
            if (!cs_label(c, &fr)) return false;
            if (fr->kind != CF_FUNC && !cs_needs_moves(c, fr)) continue;
            cs_set_target(c, base + i, c->ncode);
            if (!cs_branch_code(c, fr)) return false;
        }
    }
    c->r->p = after;
    cs_set_unreachable(c);
    return true;
}

/* ---- blocks ---- */

static bool cs_blocktype(cs_t *c, cbt_t *bt) {
    jwr_t *r = c->r;
    bt->nparams = bt->nresults = 0;
    bt->params = bt->results = NULL;
    if (r->p >= r->end) return jwr_u8(r, &(uint8_t){0});
    uint8_t b = *r->p;
    if (b == 0x40) { r->p++; return true; }
    if (b == JW_I32 || b == JW_I64 || b == JW_F32 || b == JW_F64 || b == JW_FUNCREF || b == JW_EXTERNREF ||
        b == JW_V128) {
        r->p++;
        bt->nresults = 1;
        bt->results = cs_single((jw_valtype_t)b);
        return true;
    }
    int64_t x;
    if (!jwr_s33(r, &x)) return false;
    if (x < 0) return cs_fail(c, JW_ERR_MALFORMED, "malformed value type");
    if ((uint64_t)x >= c->m->ntypes) return cs_invalid(c, "unknown type");
    const jw_functype_t *ft = &c->m->types[x];
    bt->nparams = ft->nparams;
    bt->params = ft->params;
    bt->nresults = ft->nresults;
    bt->results = ft->results;
    return true;
}

static bool cs_block(cs_t *c, uint8_t kind) {
    cbt_t bt;
    uint32_t cond = 0, site;
    ccond_t cc = {0, -1, 0, 0, false};
    if (!cs_blocktype(c, &bt)) return false;
    if (kind == CF_IF) {
        if (!cs_popl(c, JW_I32, NULL, &cond)) return false;
        cs_cond(c, cond, &cc);
    }
    if (!cs_flush(c)) return false;
    if (!cs_pop_n(c, bt.nparams, bt.params)) return false;
    if (!cs_push_n(c, bt.nparams, bt.params)) return false;
    if (!cs_push_frame(c, kind, &bt)) return false;
    cframe_t *fr = &c->cf[c->ncf - 1];
    if (kind == CF_LOOP) {
        fr->loop_pc = c->ncode;
        return cs_emit(c, IOP_FUEL);
    }
    if (kind == CF_IF && cs_live(c)) {
        if (!cs_cond_jump(c, &cc, false, &site)) return false;
        fr->else_site = site + 1;
    }
    return true;
}

/* Checks the block's results are exactly what is on the stack. */
static bool cs_check_end(cs_t *c, const cframe_t *fr) {
    if (!cs_pop_n(c, fr->bt.nresults, fr->bt.results)) return false;
    if (c->nvs != fr->height) return cs_invalid(c, "type mismatch");
    return true;
}

static bool cs_else(cs_t *c) {
    cframe_t *fr = &c->cf[c->ncf - 1];
    if (fr->kind != CF_IF) return cs_invalid(c, "else without if");
    if (!cs_flush(c) || !cs_check_end(c, fr)) return false;
    uint32_t op_pc = c->ncode;
    if (cs_live(c) && (!cs_emit(c, IOP_BR) || !cs_emit_target(c, fr, op_pc))) return false;
    if (fr->else_site) cs_set_target(c, fr->else_site - 1, c->ncode);
    fr->else_site = 0;
    fr->kind = CF_ELSE;
    fr->unreachable = false;
    c->nvs = fr->height;
    cs_cut_pending(c, c->nvs);
    return cs_push_n(c, fr->bt.nparams, fr->bt.params);
}

/* `end`: returns true with *done set when the function body is complete. */
static bool cs_end(cs_t *c, bool *done) {
    cframe_t *fr = &c->cf[c->ncf - 1];
    if (fr->kind == CF_IF) {
        /* No else: the implicit else passes the params through. */
        if (fr->bt.nparams != fr->bt.nresults) return cs_invalid(c, "type mismatch");
        for (uint32_t i = 0; i < fr->bt.nparams; i++)
            if (fr->bt.params[i] != fr->bt.results[i]) return cs_invalid(c, "type mismatch");
    }
    if (!cs_flush(c) || !cs_check_end(c, fr)) return false;
    if (fr->kind == CF_FUNC) {
        if (cs_live(c) && !cs_emit_return(c, cs_slot(c, fr->height))) return false;
        *done = true;
        c->ncf--;
        return true;
    }
    if (fr->else_site) cs_set_target(c, fr->else_site - 1, c->ncode);
    cs_patch(c, fr->chain, c->ncode);
    cbt_t bt = fr->bt;
    c->ncf--;
    return cs_push_n(c, bt.nresults, bt.results);
}

/* ---- memory, tables, globals, calls ---- */

static bool cs_need_mem(cs_t *c) {
    if (c->m->nmems == 0) return cs_invalid(c, "unknown memory 0");
    return true;
}

static bool cs_memarg(cs_t *c, uint32_t natural_log2, uint32_t *offset) {
    uint32_t align;
    if (!jwr_u32(c->r, &align) || !jwr_u32(c->r, offset)) return false;
    if (!cs_need_mem(c)) return false;
    if (align > natural_log2) return cs_invalid(c, "alignment must not be larger than natural");
    return true;
}

static const uint8_t cs_load_size[14] = {2, 3, 2, 3, 0, 0, 1, 1, 0, 0, 1, 1, 2, 2};
static const uint8_t cs_load_type[14] = {JW_I32, JW_I64, JW_F32, JW_F64, JW_I32, JW_I32, JW_I32,
                                         JW_I32, JW_I64, JW_I64, JW_I64, JW_I64, JW_I64, JW_I64};
static const uint8_t cs_store_size[9] = {2, 3, 2, 3, 0, 1, 0, 1, 2};
static const uint8_t cs_store_type[9] = {JW_I32, JW_I64, JW_F32, JW_F64, JW_I32, JW_I32,
                                         JW_I64, JW_I64, JW_I64};

/* A 32/64-bit load whose address (slot a) is the sum the last instruction
 * computed (`x + k` or `x + y`): take the add back and emit one fused load
 * at *pc. The sum still wraps to 32 bits before the offset is added. */
static bool cs_load_fused(cs_t *c, uint32_t k, uint32_t a, uint32_t off, uint32_t *pc, bool *done) {
    /* By wasm load 0x28 + k (i32, i64, f32, f64, i32 8s/8u/16s/16u): x+k, x+y forms. */
    static const uint16_t ai[8] = {IOP_LD32_AI, IOP_LD64_AI, IOP_LD32_AI, IOP_LD64_AI,
                                   IOP_LD8S_AI, IOP_LD8U_AI, IOP_LD16S_AI, IOP_LD16U_AI};
    static const uint16_t aa[8] = {IOP_LD32_AA, IOP_LD64_AA, IOP_LD32_AA, IOP_LD64_AA,
                                   IOP_LD8S_AA, IOP_LD8U_AA, IOP_LD16S_AA, IOP_LD16U_AA};
    *done = false;
    if (k > 7 || !cs_live(c) || a != cs_slot(c, c->nvs) || c->last_def_end != c->ncode) return true;
    const uint32_t *w = &c->code[c->last_def_pc];
    uint32_t fop;
    if (w[0] == IOP_ADD_I) fop = ai[k];
    else if (w[0] == IOP_NUM(0x6a)) fop = aa[k];
    else if (w[0] == IOP_ADD_SHL && k <= 3) fop = cs_load_size[k] == 3 ? IOP_LD64_AS : IOP_LD32_AS;
    else return true;
    uint32_t x = w[2], y = w[3], sh = w[0] == IOP_ADD_SHL ? w[4] : 0;
    *pc = c->last_def_pc;
    cs_unemit(c, *pc);
    c->last_def_end = CS_NO_DEF;
    *done = true;
    /* The fused load is the load's instruction for trap reports. */
    if (!cs_mark(c) || !cs_emit(c, fop) || !cs_emit3(c, cs_top(c, 0), x, y)) return false;
    return fop == IOP_LD32_AS || fop == IOP_LD64_AS ? cs_emit2(c, sh, off) : cs_emit(c, off);
}

static bool cs_load(cs_t *c, uint8_t op) {
    uint32_t off, k = op - 0x28;
    uint32_t a, pc = c->ncode;
    bool fused;
    if (!cs_memarg(c, cs_load_size[k], &off) || !cs_popl(c, JW_I32, NULL, &a)) return false;
    if (!cs_load_fused(c, k, a, off, &pc, &fused)) return false;
    if (!fused && !cs_emit4(c, IOP_LOAD_BASE + k, cs_top(c, 0), a, off)) return false;
    cs_def(c, pc);
    return cs_push(c, cs_load_type[k]);
}

static bool cs_store(cs_t *c, uint8_t op) {
    uint32_t off, k = op - 0x36;
    if (!cs_memarg(c, cs_store_size[k], &off)) return false;
    uint32_t a, v;
    if (!cs_popl(c, cs_store_type[k], NULL, &v) || !cs_popl(c, JW_I32, NULL, &a)) return false;
    return cs_emit4(c, IOP_STORE_BASE + k, a, v, off);
}

static bool cs_zero_byte(cs_t *c) {
    uint8_t b;
    if (!jwr_u8(c->r, &b)) return false;
    if (b != 0) return cs_fail(c, JW_ERR_MALFORMED, "zero byte expected");
    return true;
}

static bool cs_table(cs_t *c, uint32_t *t) {
    if (!jwr_u32(c->r, t)) return false;
    if (*t >= c->m->ntables) return cs_invalid(c, "unknown table");
    return true;
}

static bool cs_elem(cs_t *c, uint32_t *e) {
    if (!jwr_u32(c->r, e)) return false;
    if (*e >= c->m->nelems) return cs_invalid(c, "unknown elem segment");
    return true;
}

static bool cs_data(cs_t *c, uint32_t *d) {
    if (!jwr_u32(c->r, d)) return false;
    if (!c->m->has_datacount) { /* decided at the end of the module */
        if (!c->m->data_use) c->m->data_use = c->op_off + 1;
        return true;
    }
    if (*d >= c->m->datacount) return cs_invalid(c, "unknown data segment");
    return true;
}

static bool cs_pop_i32s(cs_t *c, uint32_t n) {
    for (uint32_t i = 0; i < n; i++)
        if (!cs_pop(c, JW_I32, NULL)) return false;
    return true;
}

static bool cs_call_args(cs_t *c, const jw_functype_t *ft) {
    return cs_pop_n(c, ft->nparams, ft->params);
}

static bool cs_call(cs_t *c) {
    uint32_t f;
    if (!jwr_u32(c->r, &f)) return false;
    if (f >= c->m->nfuncs) return cs_invalid(c, "unknown function");
    const jw_functype_t *ft = &c->m->types[c->m->funcs[f].type];
    if (!cs_flush(c) || !cs_call_args(c, ft)) return false;
    uint32_t op = f >= c->m->nfunc_imports ? IOP_CALL_LOCAL : IOP_CALL;
    if (!cs_emit3(c, op, f, cs_slot(c, c->nvs))) return false;
    return cs_push_n(c, ft->nresults, ft->results);
}

static bool cs_call_indirect(cs_t *c) {
    uint32_t ti, t;
    if (!jwr_u32(c->r, &ti)) return false;
    if (!cs_table(c, &t)) return false;
    if (ti >= c->m->ntypes) return cs_invalid(c, "unknown type");
    if (c->m->tables[t].elem != JW_FUNCREF) return cs_invalid(c, "type mismatch");
    const jw_functype_t *ft = &c->m->types[ti];
    if (!cs_flush(c) || !cs_pop(c, JW_I32, NULL)) return false;
    uint32_t idx = cs_slot(c, c->nvs);
    if (!cs_call_args(c, ft)) return false;
    if (!cs_emit(c, IOP_CALL_INDIRECT) || !cs_emit4(c, t, ti, cs_slot(c, c->nvs), idx)) return false;
    return cs_push_n(c, ft->nresults, ft->results);
}

static bool cs_global(cs_t *c, bool set) {
    uint32_t g;
    if (!jwr_u32(c->r, &g)) return false;
    if (g >= c->m->nglobals) return cs_invalid(c, "unknown global");
    const jwm_global_t *gl = &c->m->globals[g];
    uint32_t pc = c->ncode, v;
    if (!set) {
        if (!cs_emit3(c, gl->type == JW_V128 ? IOP_GLOBAL_GET128 : IOP_GLOBAL_GET, cs_top(c, 0), g)) return false;
        cs_def(c, pc);
        return cs_push(c, gl->type);
    }
    if (!gl->mut) return cs_invalid(c, "global is immutable");
    if (!cs_popl(c, gl->type, NULL, &v)) return false;
    return cs_emit3(c, gl->type == JW_V128 ? IOP_GLOBAL_SET128 : IOP_GLOBAL_SET, g, v);
}

/* local.get defers (the operand reads the local's slot); local.set/tee
 * retarget the instruction that produced the value when it is the last one
 * emitted, else copy. */
static bool cs_local(cs_t *c, uint8_t op) {
    uint32_t x, v;
    if (!jwr_u32(c->r, &x)) return false;
    if (x >= c->nlocals) return cs_invalid(c, "unknown local");
    ct_t t = (ct_t)c->locals[x];
    uint32_t cp = cs_copy_op(t);
    x = c->lslot[x]; /* from here on, x is the local's slot */
    if (op == 0x20) {
        if (cs_live(c) && c->npend < CS_MAX_PENDING) return cs_push_at(c, t, x);
        uint32_t pc = c->ncode;
        if (!cs_emit3(c, cp, cs_top(c, 0), x)) return false;
        cs_def(c, pc);
        return cs_push(c, t);
    }
    if (!cs_popl(c, t, NULL, &v) || !cs_flush_local(c, x)) return false;
    uint32_t own = cs_top(c, 0);
    bool fold = cs_live(c) && v == own && c->last_def_end == c->ncode;
    c->last_def_end = CS_NO_DEF;
    if (fold) c->code[c->last_def_pc + 1] = x;
    else if (v != x && !cs_emit3(c, cp, x, v)) return false;
    if (op == 0x21) return true;
    /* tee: the value stays on the stack, read from x unless still in place. */
    if (!fold && v == own) return cs_push(c, t);
    if (c->npend < CS_MAX_PENDING) return cs_push_at(c, t, x);
    return cs_emit3(c, cp, own, x) && cs_push(c, t);
}

static bool cs_is_ref(ct_t t) { return t == JW_FUNCREF || t == JW_EXTERNREF; }
static bool cs_is_num(ct_t t) {
    return t == JW_I32 || t == JW_I64 || t == JW_F32 || t == JW_F64 || t == JW_V128;
}

static bool cs_select(cs_t *c, bool typed) {
    ct_t t1, t2, want = CT_ANY;
    if (typed) {
        uint32_t n;
        jw_valtype_t vt;
        if (!jwr_u32(c->r, &n)) return false;
        if (n != 1) return cs_invalid(c, "invalid result arity");
        if (!jwr_valtype(c->r, &vt)) return false;
        want = (ct_t)vt;
    }
    uint32_t lc, l1, l2, pc = c->ncode;
    if (!cs_popl(c, JW_I32, NULL, &lc) || !cs_popl(c, want, &t1, &l2) || !cs_popl(c, want, &t2, &l1))
        return false;
    if (!typed) {
        if ((t1 != CT_ANY && !cs_is_num(t1)) || (t2 != CT_ANY && !cs_is_num(t2)))
            return cs_invalid(c, "type mismatch");
        if (t1 != CT_ANY && t2 != CT_ANY && t1 != t2) return cs_invalid(c, "type mismatch");
        want = t1 != CT_ANY ? t1 : t2;
    }
    if (!cs_emit(c, want == JW_V128 ? IOP_SELECT128 : IOP_SELECT) || !cs_emit4(c, cs_top(c, 0), l1, l2, lc))
        return false;
    cs_def(c, pc);
    return cs_push(c, want);
}

/* ---- numeric ops: the signature table ---- */

typedef struct cnum { uint8_t lo, hi, a, b, r; } cnum_t;

static const cnum_t cs_num[] = {
    {0x45, 0x45, JW_I32, 0, JW_I32},      {0x46, 0x4f, JW_I32, JW_I32, JW_I32},
    {0x50, 0x50, JW_I64, 0, JW_I32},      {0x51, 0x5a, JW_I64, JW_I64, JW_I32},
    {0x5b, 0x60, JW_F32, JW_F32, JW_I32}, {0x61, 0x66, JW_F64, JW_F64, JW_I32},
    {0x67, 0x69, JW_I32, 0, JW_I32},      {0x6a, 0x78, JW_I32, JW_I32, JW_I32},
    {0x79, 0x7b, JW_I64, 0, JW_I64},      {0x7c, 0x8a, JW_I64, JW_I64, JW_I64},
    {0x8b, 0x91, JW_F32, 0, JW_F32},      {0x92, 0x98, JW_F32, JW_F32, JW_F32},
    {0x99, 0x9f, JW_F64, 0, JW_F64},      {0xa0, 0xa6, JW_F64, JW_F64, JW_F64},
    {0xa7, 0xa7, JW_I64, 0, JW_I32},      {0xa8, 0xa9, JW_F32, 0, JW_I32},
    {0xaa, 0xab, JW_F64, 0, JW_I32},      {0xac, 0xad, JW_I32, 0, JW_I64},
    {0xae, 0xaf, JW_F32, 0, JW_I64},      {0xb0, 0xb1, JW_F64, 0, JW_I64},
    {0xb2, 0xb3, JW_I32, 0, JW_F32},      {0xb4, 0xb5, JW_I64, 0, JW_F32},
    {0xb6, 0xb6, JW_F64, 0, JW_F32},      {0xb7, 0xb8, JW_I32, 0, JW_F64},
    {0xb9, 0xba, JW_I64, 0, JW_F64},      {0xbb, 0xbb, JW_F32, 0, JW_F64},
    {0xbc, 0xbc, JW_F32, 0, JW_I32},      {0xbd, 0xbd, JW_F64, 0, JW_I64},
    {0xbe, 0xbe, JW_I32, 0, JW_F32},      {0xbf, 0xbf, JW_I64, 0, JW_F64},
    {0xc0, 0xc1, JW_I32, 0, JW_I32},      {0xc2, 0xc4, JW_I64, 0, JW_I64},
};

/* The i32 op with an immediate operand for wasm op `op`, or 0. */
static uint32_t cs_imm_op(uint32_t iop) {
    switch (iop - IOP_NUM_BASE + 0x45) {
    case 0x6a: case 0x6b: return IOP_ADD_I;
    case 0x6c: return IOP_MUL_I;
    case 0x71: return IOP_AND_I;
    case 0x72: return IOP_OR_I;
    case 0x73: return IOP_XOR_I;
    case 0x74: return IOP_SHL_I;
    case 0x75: return IOP_SHR_S_I;
    case 0x76: return IOP_SHR_U_I;
    case 0x77: return IOP_ROTL_I;
    case 0x78: return IOP_ROTR_I;
    }
    return 0;
}

/* A commutative i32 op (iop) of la and lb (both popped) where one operand
 * is the stack temp the last instruction, `y op_i k`, just wrote: take that
 * back and emit `fused d x y k` at *pc. Pairs: x + (y << k) (array indexing),
 * x ^ rotl(y, k), x ^ (y >> k) (hashes, sha256, crc32), and x + (y + z)
 * (ADD3, k the slot of z: sums of several terms). */
static bool cs_imm_pair(cs_t *c, uint32_t iop, uint32_t la, uint32_t lb, uint32_t *pc, bool *done) {
    static const uint32_t pairs[][3] = {
        {IOP_NUM(0x6a), IOP_SHL_I, IOP_ADD_SHL},
        {IOP_NUM(0x73), IOP_ROTL_I, IOP_XOR_ROTL},
        {IOP_NUM(0x73), IOP_SHR_U_I, IOP_XOR_SHRU},
        {IOP_NUM(0x6a), IOP_NUM(0x6a), IOP_ADD3}, /* k is a slot here */
    };
    *done = false;
    if (!cs_live(c) || c->last_def_end != c->ncode) return true;
    const uint32_t *w = &c->code[c->last_def_pc];
    uint32_t d = cs_top(c, 0), x, fop = 0;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (pairs[i][0] == iop && pairs[i][1] == w[0]) fop = pairs[i][2];
    if (!fop) return true;
    if (w[1] == lb && lb == cs_slot(c, c->nvs + 1) && la != lb) x = la;
    else if (w[1] == la && la == d && lb != la) x = lb;
    else return true;
    uint32_t y = w[2], k = fop == IOP_ADD3 ? w[3] : w[3] & 31;
    *pc = c->last_def_pc;
    cs_unemit(c, *pc);
    *done = true;
    return cs_mark(c) && cs_emit(c, fop) && cs_emit4(c, d, x, y, k);
}

/* Where the map says code at `pc` comes from, or false. */
static bool cs_map_off(const cs_t *c, uint32_t pc, uint32_t *off) {
    for (uint32_t i = c->nmap; i-- > 0 && c->map[i].pc >= pc;)
        if (c->map[i].pc == pc) { *off = c->map[i].off; return true; }
    return false;
}

/* f64.add/sub (operands la, lb popped) of a product that an f64.mul just
 * wrote to a stack temp -- the last instruction, or the one before it when
 * the last one computed the other operand (it cannot read the product:
 * stack order) and is then moved in front, writing the free temp above
 * instead (its own slot may hold an input of the multiply). Emits
 * MULADD/MULSUB/SUBMUL. */
static bool cs_f64_mul_fused(cs_t *c, uint32_t iop, uint32_t la, uint32_t lb, uint32_t *pc,
                             bool *done) {
    const uint32_t mul = IOP_NUM(0xa2);
    uint32_t d = cs_top(c, 0), t = cs_slot(c, c->nvs + 1), mpc, x[8], xn = 0, xoff = 0, z;
    bool prod_b;
    *done = false;
    if (!cs_live(c) || c->last_def_end != c->ncode) return true;
    const uint32_t *w = &c->code[c->last_def_pc];
    if (w[0] == mul && w[1] == lb && lb == t && la != lb) {
        mpc = c->last_def_pc, prod_b = true, z = la;
    } else if (w[0] == mul && w[1] == la && la == d && lb != la) {
        mpc = c->last_def_pc, prod_b = false, z = lb;
    } else if (c->prev_def_end == c->last_def_pc && c->code[c->prev_def_pc] == mul &&
               c->code[c->prev_def_pc + 1] == la && la == d && w[1] == lb && lb == t &&
               c->ncode - c->last_def_pc <= 8 && cs_map_off(c, c->last_def_pc, &xoff)) {
        mpc = c->prev_def_pc, prod_b = false, z = cs_slot(c, c->nvs + 2);
        xn = c->ncode - c->last_def_pc;
        for (uint32_t i = 0; i < xn; i++) x[i] = w[i];
        x[1] = z;
        if (c->max_slot < z) c->max_slot = z; /* z is used: nslots = max_slot + 1 */
    } else {
        return true;
    }
    uint32_t m1 = c->code[mpc + 2], m2 = c->code[mpc + 3], fop;
    if (iop == IOP_NUM(0xa0)) fop = IOP_F64_MULADD;
    else fop = prod_b ? IOP_F64_SUBMUL : IOP_F64_MULSUB;
    cs_unemit(c, mpc);
    c->last_def_end = CS_NO_DEF;
    *done = true;
    if (xn) { /* the other operand's instruction first, with its map entry */
        if (c->nmap && c->map[c->nmap - 1].pc == mpc) c->map[c->nmap - 1].off = xoff;
        for (uint32_t i = 0; i < xn; i++)
            if (!cs_emit(c, x[i])) return false;
    }
    *pc = c->ncode;
    return cs_mark(c) && cs_emit(c, fop) && cs_emit4(c, d, m1, m2, z);
}

static bool cs_numeric(cs_t *c, uint32_t iop, uint8_t a, uint8_t b, uint8_t r) {
    uint32_t la, lb = 0, pc = c->ncode, imm;
    if (b && !cs_popl(c, b, NULL, &lb)) return false;
    uint32_t iiop = b && iop < IOP_SAT_BASE ? cs_imm_op(iop) : 0;
    if (iiop && cs_live(c) && lb == cs_slot(c, c->nvs) &&
        cs_const_before(c, lb, c->last_def_pc, c->last_def_end, c->ncode, &imm)) {
        /* `x; i32.const k; op` -> `op_i d x k`: the constant is dropped. */
        pc = c->last_def_pc;
        cs_unemit(c, pc);
        if (!cs_popl(c, a, NULL, &la)) return false;
        if (iop == IOP_NUM(0x6b)) imm = 0u - imm;
        if (!cs_emit4(c, iiop, cs_top(c, 0), la, imm)) return false;
        cs_def(c, pc);
        return cs_push(c, r);
    }
    if (!cs_popl(c, a, NULL, &la)) return false;
    uint32_t d = cs_top(c, 0);
    bool fused = false;
    if ((iop == IOP_NUM(0x6a) || iop == IOP_NUM(0x73)) && !cs_imm_pair(c, iop, la, lb, &pc, &fused))
        return false;
    if ((iop == IOP_NUM(0xa0) || iop == IOP_NUM(0xa1)) && !cs_f64_mul_fused(c, iop, la, lb, &pc, &fused))
        return false;
    if (!fused && (b ? !cs_emit4(c, iop, d, la, lb) : !cs_emit3(c, iop, d, la))) return false;
    cs_def(c, pc);
    return cs_push(c, r);
}

static bool cs_numeric_op(cs_t *c, uint8_t op) {
    /* Binary search: the ranges are sorted and cover 0x45..0xc4. */
    size_t lo = 0, hi = sizeof cs_num / sizeof cs_num[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (op < cs_num[mid].lo) hi = mid;
        else if (op > cs_num[mid].hi) lo = mid + 1;
        else return cs_numeric(c, IOP_NUM(op), cs_num[mid].a, cs_num[mid].b, cs_num[mid].r);
    }
    return cs_fail(c, JW_ERR_MALFORMED, "illegal opcode");
}

/* ---- 0xfc prefix ---- */

static bool cs_prefixed(cs_t *c) {
    static const uint8_t sat_in[8] = {JW_F32, JW_F32, JW_F64, JW_F64, JW_F32, JW_F32, JW_F64, JW_F64};
    uint32_t sub, x, y;
    if (!jwr_u32(c->r, &sub)) return false;
    if (sub <= 7) return cs_numeric(c, IOP_SAT_BASE + sub, sat_in[sub], 0, sub < 4 ? JW_I32 : JW_I64);
    if (!cs_flush(c)) return false; /* the bulk ops read consecutive slots */
    switch (sub) {
    case 8: /* memory.init */
        if (!cs_data(c, &x) || !cs_zero_byte(c) || !cs_need_mem(c) || !cs_pop_i32s(c, 3)) return false;
        return cs_emit3(c, IOP_MEMORY_INIT, x, cs_top(c, 0));
    case 9:
        if (!cs_data(c, &x)) return false;
        return cs_emit2(c, IOP_DATA_DROP, x);
    case 10:
        if (!cs_zero_byte(c) || !cs_zero_byte(c) || !cs_need_mem(c) || !cs_pop_i32s(c, 3)) return false;
        return cs_emit2(c, IOP_MEMORY_COPY, cs_top(c, 0));
    case 11:
        if (!cs_zero_byte(c) || !cs_need_mem(c) || !cs_pop_i32s(c, 3)) return false;
        return cs_emit2(c, IOP_MEMORY_FILL, cs_top(c, 0));
    case 12: /* table.init elem table */
        if (!cs_elem(c, &y) || !cs_table(c, &x)) return false;
        if (c->m->elems[y].type != c->m->tables[x].elem) return cs_invalid(c, "type mismatch");
        if (!cs_pop_i32s(c, 3)) return false;
        return cs_emit4(c, IOP_TABLE_INIT, x, y, cs_top(c, 0));
    case 13:
        if (!cs_elem(c, &x)) return false;
        return cs_emit2(c, IOP_ELEM_DROP, x);
    case 14: /* table.copy dst src */
        if (!cs_table(c, &x) || !cs_table(c, &y)) return false;
        if (c->m->tables[x].elem != c->m->tables[y].elem) return cs_invalid(c, "type mismatch");
        if (!cs_pop_i32s(c, 3)) return false;
        return cs_emit4(c, IOP_TABLE_COPY, x, y, cs_top(c, 0));
    case 15: /* table.grow: ref n -> i32 */
        if (!cs_table(c, &x) || !cs_pop(c, JW_I32, NULL)) return false;
        if (!cs_pop(c, c->m->tables[x].elem, NULL)) return false;
        return cs_emit3(c, IOP_TABLE_GROW, x, cs_top(c, 0)) && cs_push(c, JW_I32);
    case 16:
        if (!cs_table(c, &x)) return false;
        return cs_emit3(c, IOP_TABLE_SIZE, cs_top(c, 0), x) && cs_push(c, JW_I32);
    case 17: /* table.fill: i ref n */
        if (!cs_table(c, &x) || !cs_pop(c, JW_I32, NULL)) return false;
        if (!cs_pop(c, c->m->tables[x].elem, NULL) || !cs_pop(c, JW_I32, NULL)) return false;
        return cs_emit3(c, IOP_TABLE_FILL, x, cs_top(c, 0));
    }
    return cs_fail(c, JW_ERR_MALFORMED, "illegal opcode");
}

#include "compile_simd.h"

/* ---- one instruction ---- */

static bool cs_const(cs_t *c, uint8_t op) {
    uint32_t d = cs_top(c, 0), pc = c->ncode, lo, hi = 0;
    ct_t t;
    const uint8_t *p;
    switch (op) {
    case 0x41: {
        int32_t v;
        if (!jwr_s32(c->r, &v)) return false;
        lo = (uint32_t)v;
        t = JW_I32;
        break;
    }
    case 0x42: {
        int64_t v;
        if (!jwr_s64(c->r, &v)) return false;
        lo = (uint32_t)(uint64_t)v;
        hi = (uint32_t)((uint64_t)v >> 32);
        t = JW_I64;
        break;
    }
    case 0x43:
        if (!jwr_bytes(c->r, 4, &p)) return false;
        lo = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        t = JW_F32;
        break;
    default:
        if (!jwr_bytes(c->r, 8, &p)) return false;
        lo = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        hi = (uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
        t = JW_F64;
        break;
    }
    bool ok = t == JW_I32 || t == JW_F32 ? cs_emit3(c, IOP_CONST32, d, lo)
                                         : cs_emit4(c, IOP_CONST64, d, lo, hi);
    if (!ok) return false;
    cs_def(c, pc);
    return cs_push(c, t);
}

static bool cs_ref(cs_t *c, uint8_t op) {
    uint32_t x;
    ct_t t;
    switch (op) {
    case 0xd0: {
        uint8_t b;
        if (!jwr_u8(c->r, &b)) return false;
        if (b != JW_FUNCREF && b != JW_EXTERNREF) return cs_fail(c, JW_ERR_MALFORMED, "malformed reference type");
        return cs_emit3(c, IOP_CONST32, cs_top(c, 0), 0) && cs_push(c, b);
    }
    case 0xd1:
        if (!cs_popl(c, CT_ANY, &t, &x)) return false;
        if (t != CT_ANY && !cs_is_ref(t)) return cs_invalid(c, "type mismatch");
        return cs_emit3(c, IOP_REF_IS_NULL, cs_top(c, 0), x) && cs_push(c, JW_I32);
    default:
        if (!jwr_u32(c->r, &x)) return false;
        if (x >= c->m->nfuncs) return cs_invalid(c, "unknown function");
        if (!c->m->declared[x]) return cs_invalid(c, "undeclared function reference");
        return cs_emit3(c, IOP_REF_FUNC, cs_top(c, 0), x) && cs_push(c, JW_FUNCREF);
    }
}

static bool cs_instr(cs_t *c, bool *done) {
    uint8_t op;
    ct_t t;
    c->op_off = jwr_off(c->r);
    if (!jwr_u8(c->r, &op)) return false;
    if (!cs_mark(c)) return false;
    switch (op) {
    case 0x00:
        if (!cs_emit(c, IOP_UNREACHABLE)) return false;
        cs_set_unreachable(c);
        return true;
    case 0x01: return true;
    case 0x02: return cs_block(c, CF_BLOCK);
    case 0x03: return cs_block(c, CF_LOOP);
    case 0x04: return cs_block(c, CF_IF);
    case 0x05: return cs_else(c);
    case 0x0b: return cs_end(c, done);
    case 0x0c: return cs_br(c);
    case 0x0d: return cs_br_if(c);
    case 0x0e: return cs_br_table(c);
    case 0x0f:
        if (!cs_flush(c) || !cs_pop_n(c, c->nres, c->m->types[c->f->type].results)) return false;
        c->nvs += c->nres;
        if (!cs_return_code(c)) return false;
        cs_set_unreachable(c);
        return true;
    case 0x10: return cs_call(c);
    case 0x11: return cs_call_indirect(c);
    case 0x1a: return cs_pop(c, CT_ANY, &t);
    case 0x1b: return cs_select(c, false);
    case 0x1c: return cs_select(c, true);
    case 0x20: case 0x21: case 0x22: return cs_local(c, op);
    case 0x23: return cs_global(c, false);
    case 0x24: return cs_global(c, true);
    case 0x25: { /* table.get */
        uint32_t x;
        if (!cs_flush(c) || !cs_table(c, &x) || !cs_pop(c, JW_I32, NULL)) return false;
        return cs_emit3(c, IOP_TABLE_GET, cs_top(c, 0), x) && cs_push(c, c->m->tables[x].elem);
    }
    case 0x26: { /* table.set */
        uint32_t x;
        if (!cs_flush(c) || !cs_table(c, &x) || !cs_pop(c, c->m->tables[x].elem, NULL) || !cs_pop(c, JW_I32, NULL)) return false;
        return cs_emit3(c, IOP_TABLE_SET, x, cs_top(c, 0));
    }
    case 0x3f:
        if (!cs_zero_byte(c) || !cs_need_mem(c)) return false;
        return cs_emit2(c, IOP_MEMORY_SIZE, cs_top(c, 0)) && cs_push(c, JW_I32);
    case 0x40:
        if (!cs_flush(c) || !cs_zero_byte(c) || !cs_need_mem(c) || !cs_pop(c, JW_I32, NULL)) return false;
        return cs_emit2(c, IOP_MEMORY_GROW, cs_top(c, 0)) && cs_push(c, JW_I32);
    case 0x41: case 0x42: case 0x43: case 0x44: return cs_const(c, op);
    case 0xd0: case 0xd1: case 0xd2: return cs_ref(c, op);
    case 0xfc: return cs_prefixed(c);
    case 0xfd: return cs_simd(c);
    }
    if (op >= 0x28 && op <= 0x35) return cs_load(c, op);
    if (op >= 0x36 && op <= 0x3e) return cs_store(c, op);
    if (op >= 0x45 && op <= 0xc4) return cs_numeric_op(c, op);
    c->r->p--;
    return cs_fail(c, JW_ERR_MALFORMED, "illegal opcode");
}

/* ---- a function body ---- */

static bool cs_locals(cs_t *c, jw_valtype_t **out, uint32_t *n) {
    const jw_functype_t *ft = &c->m->types[c->f->type];
    uint32_t ngroups;
    uint64_t total = ft->nparams;
    if (!jwr_u32(c->r, &ngroups)) return false;
    const uint8_t *groups = c->r->p;
    for (uint32_t i = 0; i < ngroups; i++) {
        uint32_t k;
        jw_valtype_t t;
        if (!jwr_u32(c->r, &k) || !jwr_valtype(c->r, &t)) return false;
        total += k;
    }
    c->op_off = jwr_off(c->r);
    /* The spec's bound is 2^32 - 1; past the engine's own cap it is a limit. */
    if (total > UINT32_MAX) return cs_fail(c, JW_ERR_MALFORMED, "too many locals");
    if (total > JW_MAX_LOCALS) return cs_fail(c, JW_ERR_LIMIT, "too many locals (engine limit)");
    jw_valtype_t *ts = jw__alloc_raw(c->a, (size_t)total * sizeof *ts);
    if (!ts) return cs_nomem(c);
    for (uint32_t i = 0; i < ft->nparams; i++) ts[i] = ft->params[i];
    c->r->p = groups;
    uint32_t at = ft->nparams;
    for (uint32_t i = 0; i < ngroups; i++) {
        uint32_t k;
        jw_valtype_t t;
        (void)(jwr_u32(c->r, &k) && jwr_valtype(c->r, &t));
        while (k--) ts[at++] = t;
    }
    *out = ts;
    *n = (uint32_t)total;
    return true;
}

/* Copies a growable buffer into an exact-size allocation. */
static void *cs_shrink(cs_t *c, void *p, uint32_t n, uint32_t cap, size_t elem) {
    void *q = jw__alloc_raw(c->a, (size_t)n * elem);
    if (q) jw__memcpy(q, p, (size_t)n * elem);
    jw__free(c->a, p, (size_t)cap * elem);
    return q;
}

/* Frame slots of the locals (a v128 takes two) and the operand stack base. */
static bool cs_local_slots(cs_t *c) {
    uint32_t n = c->nlocals;
    c->lslot = jw__alloc(c->a, ((size_t)n + 1) * sizeof *c->lslot);
    if (!c->lslot || !jw__reserve(c->a, (void **)&c->sbase, &c->cap_sbase, 2, sizeof *c->sbase))
        return cs_nomem(c);
    uint64_t at = 0;
    for (uint32_t i = 0; i < n; i++) {
        c->lslot[i] = (uint32_t)at;
        at += cs_width((ct_t)c->locals[i]);
        if (at >= JW_MAX_FUNC_SLOTS) return cs_fail(c, JW_ERR_LIMIT, "too many locals (engine limit)");
    }
    c->lslot[n] = (uint32_t)at;
    c->sbase[0] = c->max_slot = (uint32_t)at;
    c->sbase[1] = (uint32_t)at + 1;
    return true;
}

static bool cs_body(cs_t *c) {
    jw_valtype_t *locals = NULL;
    uint32_t nlocals = 0;
    if (!cs_locals(c, &locals, &nlocals)) return false;
    c->locals = locals;
    c->nlocals = nlocals;
    c->code_start = c->r->p;
    const jw_functype_t *ft = &c->m->types[c->f->type];
    c->nres = ft->nresults;
    if (!cs_local_slots(c)) {
        jw__free(c->a, locals, (size_t)nlocals * sizeof *locals);
        return false;
    }
    cbt_t bt = {0, ft->nresults, NULL, ft->results};
    /* No FUEL at the entry: calls charge fuel themselves (one dispatch less). */
    bool ok = cs_push_frame(c, CF_FUNC, &bt);
    bool done = false;
    while (ok && !done) {
        if (c->r->p >= c->r->end) {
            c->op_off = jwr_off(c->r);
            ok = cs_fail(c, JW_ERR_MALFORMED, "unexpected end of section or function");
            break;
        }
        ok = cs_instr(c, &done);
    }
    if (ok && c->r->p != c->r->end) {
        c->op_off = jwr_off(c->r);
        ok = cs_fail(c, JW_ERR_MALFORMED, "section size mismatch");
    }
    jw__free(c->a, locals, (size_t)nlocals * sizeof *locals);
    return ok;
}

/* ---- syntax-only skim ----
 * The spec decodes a whole module before validating it, so a malformed
 * encoding later in a body wins over an earlier validation error. After a
 * validation error the body is skimmed again for encoding errors only. */

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
static bool sk_instr(jwr_t *r, uint32_t *depth) {
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
static bool sk_body(jwr_t *r, const uint8_t *start) {
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

bool jw__compile_func(jw_module_t *m, uint32_t fidx, jwr_t *r) {
    cs_t c;
    /* Explicit: a large aggregate initialiser becomes a memset() call at
     * some optimisation levels, and the engine links without libc. */
    jw__memset(&c, 0, sizeof c);
    c.m = m;
    c.f = &m->funcs[fidx];
    c.r = r;
    c.a = &m->alloc;
    c.last_def_end = c.prev_def_end = CS_NO_DEF;
    jwm_func_t *f = c.f;
    f->body_off = (uint32_t)jwr_off(r);
    c.op_off = jwr_off(r);
    /* Internal code is about one word per body byte: size it up front
     * rather than growing (and copying) it several times. */
    uint64_t guess = (uint64_t)(r->end - r->p) + 16;
    bool ok = guess > UINT32_MAX ||
              jw__reserve(c.a, (void **)&c.code, &c.cap_code, (uint32_t)guess, sizeof *c.code);
    ok = ok ? cs_body(&c) : cs_nomem(&c);
    if (ok) {
        /* The interpreter counts slots: params, locals and results in slots. */
        const jw_functype_t *ft = &m->types[f->type];
        uint32_t rs = 0;
        for (uint32_t i = 0; i < ft->nresults; i++) rs += cs_width((ct_t)ft->results[i]);
        f->nparams = c.lslot[ft->nparams];
        f->nresults = rs;
        f->nlocals = c.lslot[c.nlocals];
        f->nslots = c.max_slot + 1; /* as before v128: one spare slot */
        f->code = cs_shrink(&c, c.code, c.ncode, c.cap_code, sizeof *c.code);
        f->code_len = c.ncode;
        f->pcmap = cs_shrink(&c, c.map, c.nmap, c.cap_map, sizeof *c.map);
        f->npcmap = c.nmap;
        c.code = NULL;
        c.map = NULL;
        if (!f->code || !f->pcmap) ok = cs_nomem(&c);
    }
    jw__free(c.a, c.code, (size_t)c.cap_code * sizeof *c.code);
    jw__free(c.a, c.map, (size_t)c.cap_map * sizeof *c.map);
    jw__free(c.a, c.vs, (size_t)c.cap_vs * sizeof *c.vs);
    jw__free(c.a, c.sbase, (size_t)c.cap_sbase * sizeof *c.sbase);
    if (c.lslot) jw__free(c.a, c.lslot, ((size_t)c.nlocals + 1) * sizeof *c.lslot);
    jw__free(c.a, c.vloc, (size_t)c.cap_vloc * sizeof *c.vloc);
    jw__free(c.a, c.cf, (size_t)c.cap_cf * sizeof *c.cf);
    if (!ok && r->err->kind == JW_ERR_INVALID && c.code_start) {
        jw_error_t invalid; /* jw__memcpy: a struct copy this big may become memcpy() */
        jw__memcpy(&invalid, r->err, sizeof invalid);
        r->err->kind = JW_OK;
        if (sk_body(r, c.code_start)) jw__memcpy(r->err, &invalid, sizeof invalid);
    }
    return ok;
}
