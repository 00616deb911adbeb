/* SPDX-License-Identifier: MIT */
/* compile_mem.c: memory, tables, globals, calls and select (a unit of the compiler, compile.h). */
#include "compile.h"
/*
 * Loads fuse with the add that computed their address (cs_load_fused).
 * Locals are in compile.c, with the pending operands they create.
 */

/* ---- memory, tables, globals, calls ---- */

bool cs_need_mem(cs_t *c)
{
    if (c->m->nmems == 0)
        return cs_invalid(c, "unknown memory 0");
    return true;
}

bool cs_memarg(cs_t *c, uint32_t natural_log2, uint32_t *offset)
{
    uint32_t align;
    if (!jwr_u32(c->r, &align) || !jwr_u32(c->r, offset))
        return false;
    if (!cs_need_mem(c))
        return false;
    if (align > natural_log2)
        return cs_invalid(c, "alignment must not be larger than natural");
    return true;
}

/* The natural alignment (log2) of a load or store: its memarg kind. */
static uint32_t cs_natural(const jw_wop_t *w) { return (uint32_t)w->imm - WI_MEM8; }

/* A 32/64-bit load whose address (slot a) is the sum the last instruction
 * computed (`x + k` or `x + y`): take the add back and emit one fused load
 * at *pc. The sum still wraps to 32 bits before the offset is added.
 * Precondition: cs_last_def_is(a): the add is the last code and wrote the
 * address's own slot, a temp only the load reads. */
static bool cs_load_fused(cs_t *c, const jw_wop_t *wl, uint32_t k, uint32_t a, uint32_t off,
                          uint32_t *pc, bool *done)
{
    /* By load i32.load + k (i32, i64, f32, f64, i32 8s/8u/16s/16u): x+k, x+y forms. */
    static const uint16_t ai[8] = { IOP_LD32_AI, IOP_LD64_AI, IOP_LD32_AI,  IOP_LD64_AI,
                                    IOP_LD8S_AI, IOP_LD8U_AI, IOP_LD16S_AI, IOP_LD16U_AI };
    static const uint16_t aa[8] = { IOP_LD32_AA, IOP_LD64_AA, IOP_LD32_AA,  IOP_LD64_AA,
                                    IOP_LD8S_AA, IOP_LD8U_AA, IOP_LD16S_AA, IOP_LD16U_AA };
    *done = false;
    if (k > 7 || !cs_last_def_is(c, a))
        return true;
    const uint32_t *w = &c->code[c->last_def_pc];
    uint32_t fop;
    if (w[0] == IOP_ADD_I)
        fop = ai[k];
    else if (w[0] == IOP_I32_ADD)
        fop = aa[k];
    else if (w[0] == IOP_ADD_SHL && k <= 3)
        fop = wl->imm == WI_MEM64 ? IOP_LD64_AS : IOP_LD32_AS;
    else
        return true;
    uint32_t x = w[2], y = w[3], sh = w[0] == IOP_ADD_SHL ? w[4] : 0;
    *pc = c->last_def_pc;
    cs_unemit(c, *pc);
    c->last_def_end = CS_NO_DEF;
    *done = true;
    /* The fused load is the load's instruction for trap reports. */
    if (!cs_mark(c) || !cs_emit(c, fop) || !cs_emit3(c, cs_top(c, 0), x, y))
        return false;
    return fop == IOP_LD32_AS || fop == IOP_LD64_AS ? cs_emit2(c, sh, off) : cs_emit(c, off);
}

bool cs_load(cs_t *c, uint8_t op)
{
    const jw_wop_t *w = &jw__wop[op];
    uint32_t off, k = op - WOP_I32_LOAD;
    uint32_t a, pc = c->ncode;
    bool fused;
    if (!cs_memarg(c, cs_natural(w), &off) || !cs_popl(c, JW_I32, NULL, &a))
        return false;
    if (!cs_load_fused(c, w, k, a, off, &pc, &fused))
        return false;
    if (!fused && !cs_emit4(c, w->iop, cs_top(c, 0), a, off))
        return false;
    cs_def(c, pc);
    return cs_push(c, w->r);
}

/* An f64.store (address slot a, value v, both popped) of what the last
 * instruction computed from a load at the same slot and offset, the last
 * operand of a MULADD_L-family op or of MULADD_ML: one read-modify-write op
 * (_RMW, AXPY) in its place.
 * Precondition: cs_last_wrote(v), v the value's own slot (a temp), and that
 * op's memory operand is (a, no added immediate, off): it wrote only v, so
 * slot a held the same address at the load as at the store, and the one
 * access both make traps (or not) the same way. */
static bool cs_store_rmw(cs_t *c, uint32_t wop, uint32_t a, uint32_t v, uint32_t off, bool *done)
{
    *done = false;
    if (wop != WOP_F64_STORE || !cs_last_wrote(c, v) || v != cs_slot(c, c->nvs + 1))
        return true;
    const uint32_t *w = &c->code[c->last_def_pc];
    uint32_t n = c->ncode - c->last_def_pc, x[4];
    bool l = w[0] >= IOP_F64_MULADD_L && w[0] <= IOP_F64_SUBMUL_L, ml = w[0] == IOP_F64_MULADD_ML;
    if ((!l && !ml) || w[n - 3] != a || w[n - 2] != 0 || w[n - 1] != off)
        return true;
    for (uint32_t i = 0; i < n - 5; i++)
        x[i] = w[2 + i]; /* the product's operands */
    uint32_t op = ml ? IOP_F64_AXPY : w[0] - IOP_F64_MULADD_L + IOP_F64_MULADD_RMW;
    cs_unemit(c, c->last_def_pc); /* keeps its map entry: traps report the (first) load */
    c->last_def_end = CS_NO_DEF;
    *done = true;
    if (!cs_emit3(c, op, a, off))
        return false;
    for (uint32_t i = 0; i < n - 5; i++)
        if (!cs_emit(c, x[i]))
            return false;
    return true;
}

/* A store (row w; address slot a, value v, both popped) of the constant
 * the last instruction wrote to the stack temp v: one ST*_K op in its
 * place, which traps as the store.
 * Precondition: cs_last_wrote(v) by a CONST, v the value's own slot (a
 * temp) and not the address slot. */
static bool cs_store_const(cs_t *c, const jw_wop_t *ws, uint32_t a, uint32_t v, uint32_t off,
                           bool *done)
{
    *done = false;
    if (!cs_last_wrote(c, v) || v != cs_slot(c, c->nvs + 1) || a == v)
        return true;
    const uint32_t *w = &c->code[c->last_def_pc];
    if (w[0] != IOP_CONST32 && w[0] != IOP_CONST64)
        return true;
    uint32_t sz = cs_natural(ws), lo = w[2], hi = w[0] == IOP_CONST64 ? w[3] : 0;
    cs_unemit(c, c->last_def_pc);
    c->last_def_end = CS_NO_DEF;
    *done = true;
    if (!cs_mark(c) || !cs_emit3(c, IOP_ST8_K + sz, a, lo))
        return false;
    return sz == 3 ? cs_emit2(c, hi, off) : cs_emit(c, off);
}

bool cs_store(cs_t *c, uint8_t op)
{
    const jw_wop_t *w = &jw__wop[op];
    uint32_t off;
    if (!cs_memarg(c, cs_natural(w), &off))
        return false;
    uint32_t a, v;
    bool fused;
    if (!cs_popl(c, w->b, NULL, &v) || !cs_popl(c, JW_I32, NULL, &a))
        return false;
    if (!cs_store_rmw(c, op, a, v, off, &fused) ||
        (!fused && !cs_store_const(c, w, a, v, off, &fused)))
        return false;
    return fused || cs_emit4(c, w->iop, a, v, off);
}

bool cs_zero_byte(cs_t *c)
{
    uint8_t b;
    if (!jwr_u8(c->r, &b))
        return false;
    if (b != 0)
        return cs_fail(c, JW_ERR_MALFORMED, "zero byte expected");
    return true;
}

bool cs_table(cs_t *c, uint32_t *t)
{
    if (!jwr_u32(c->r, t))
        return false;
    if (*t >= c->m->ntables)
        return cs_invalid(c, "unknown table");
    return true;
}

bool cs_elem(cs_t *c, uint32_t *e)
{
    if (!jwr_u32(c->r, e))
        return false;
    if (*e >= c->m->nelems)
        return cs_invalid(c, "unknown elem segment");
    return true;
}

bool cs_data(cs_t *c, uint32_t *d)
{
    if (!jwr_u32(c->r, d))
        return false;
    if (!c->m->has_datacount) { /* decided at the end of the module */
        if (!c->m->data_use)
            c->m->data_use = c->op_off + 1;
        return true;
    }
    if (*d >= c->m->datacount)
        return cs_invalid(c, "unknown data segment");
    return true;
}

bool cs_pop_i32s(cs_t *c, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (!cs_pop(c, JW_I32, NULL))
            return false;
    return true;
}

static bool cs_call_args(cs_t *c, const jw_functype_t *ft)
{
    return cs_pop_n(c, ft->nparams, ft->params);
}

bool cs_call(cs_t *c)
{
    uint32_t f;
    if (!jwr_u32(c->r, &f))
        return false;
    if (f >= c->m->nfuncs)
        return cs_invalid(c, "unknown function");
    const jw_functype_t *ft = &c->m->types[c->ftype[f]];
    if (!cs_flush(c) || !cs_call_args(c, ft))
        return false;
    uint32_t op = f >= c->m->nfunc_imports ? IOP_CALL_LOCAL : IOP_CALL;
    if (!cs_emit3(c, op, f, cs_slot(c, c->nvs)))
        return false;
    return cs_push_n(c, ft->nresults, ft->results);
}

bool cs_call_indirect(cs_t *c)
{
    uint32_t ti, t;
    if (!jwr_u32(c->r, &ti))
        return false;
    if (!cs_table(c, &t))
        return false;
    if (ti >= c->m->ntypes)
        return cs_invalid(c, "unknown type");
    if (c->m->tables[t].elem != JW_FUNCREF)
        return cs_invalid(c, "type mismatch");
    const jw_functype_t *ft = &c->m->types[ti];
    if (!cs_flush(c) || !cs_pop(c, JW_I32, NULL))
        return false;
    uint32_t idx = cs_slot(c, c->nvs);
    if (!cs_call_args(c, ft))
        return false;
    if (!cs_emit(c, IOP_CALL_INDIRECT) || !cs_emit4(c, t, ti, cs_slot(c, c->nvs), idx))
        return false;
    return cs_push_n(c, ft->nresults, ft->results);
}

bool cs_global(cs_t *c, bool set)
{
    uint32_t g;
    if (!jwr_u32(c->r, &g))
        return false;
    if (g >= c->m->nglobals)
        return cs_invalid(c, "unknown global");
    const jwm_global_t *gl = &c->m->globals[g];
    uint32_t pc = c->ncode, v;
    if (!set) {
        if (!cs_emit3(c, gl->type == JW_V128 ? IOP_GLOBAL_GET128 : IOP_GLOBAL_GET, cs_top(c, 0), g))
            return false;
        cs_def(c, pc);
        return cs_push(c, gl->type);
    }
    if (!gl->mut)
        return cs_invalid(c, "global is immutable");
    if (!cs_popl(c, gl->type, NULL, &v))
        return false;
    return cs_emit3(c, gl->type == JW_V128 ? IOP_GLOBAL_SET128 : IOP_GLOBAL_SET, g, v);
}

static bool cs_is_num(ct_t t)
{
    return t == JW_I32 || t == JW_I64 || t == JW_F32 || t == JW_F64 || t == JW_V128;
}

bool cs_select(cs_t *c, bool typed)
{
    ct_t t1, t2, want = CT_ANY;
    if (typed) {
        uint32_t n;
        jw_valtype_t vt;
        if (!jwr_u32(c->r, &n))
            return false;
        if (n != 1)
            return cs_invalid(c, "invalid result arity");
        if (!jwr_valtype(c->r, &vt))
            return false;
        want = (ct_t)vt;
    }
    uint32_t lc, l1, l2, pc = c->ncode;
    if (!cs_popl(c, JW_I32, NULL, &lc) || !cs_popl(c, want, &t1, &l2) ||
        !cs_popl(c, want, &t2, &l1))
        return false;
    if (!typed) {
        if ((t1 != CT_ANY && !cs_is_num(t1)) || (t2 != CT_ANY && !cs_is_num(t2)))
            return cs_invalid(c, "type mismatch");
        if (t1 != CT_ANY && t2 != CT_ANY && t1 != t2)
            return cs_invalid(c, "type mismatch");
        want = t1 != CT_ANY ? t1 : t2;
    }
    if (!cs_emit(c, want == JW_V128 ? IOP_SELECT128 : IOP_SELECT) ||
        !cs_emit4(c, cs_top(c, 0), l1, l2, lc))
        return false;
    cs_def(c, pc);
    return cs_push(c, want);
}
