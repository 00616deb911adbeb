/* SPDX-License-Identifier: MIT */
/* compile.c: one pass per function body: validation and translation. */
#include "compile.h"
#include "simd.h"

bool cs_fail(cs_t *c, jw_error_kind_t k, const char *msg)
{
    if (c->r->err->kind == JW_OK)
        jw__err(c->r->err, k, c->op_off, msg);
    return false;
}

bool cs_invalid(cs_t *c, const char *msg) { return cs_fail(c, JW_ERR_INVALID, msg); }

bool cs_nomem(cs_t *c) { return cs_fail(c, JW_ERR_NOMEM, "out of memory"); }

/* Room for n more code words. */
bool cs_grow_code(cs_t *c, uint32_t n)
{
    if (!jw__reserve(c->a, (void **)&c->code, &c->cap_code, c->ncode + n, sizeof *c->code))
        return cs_nomem(c);
    return true;
}

/* A new pcmap entry at the current pc. */
bool cs_mark_new(cs_t *c)
{
    if (c->nmap >= c->cap_map &&
        !jw__reserve(c->a, (void **)&c->map, &c->cap_map, c->nmap + 1, sizeof *c->map))
        return cs_nomem(c);
    c->map[c->nmap].pc = c->ncode;
    c->map[c->nmap].off = (uint32_t)c->op_off;
    c->nmap++;
    c->map_pc = c->ncode + 1;
    return true;
}

/* The operand stack's arrays share one block: sbase (cap + 2 entries), vloc
 * (cap), vs (cap): one capacity check per push. */
static size_t cs_stack_bytes(uint32_t cap)
{
    return ((size_t)cap * 2 + 2) * sizeof(uint32_t) + (size_t)cap * sizeof(ct_t);
}

/* Room for `need` operand-stack entries (sbase: need + 2). */
bool cs_reserve_stack(cs_t *c, uint32_t need)
{
    uint32_t old = c->cap_vs, cap = old ? old : 64;
    if (need <= old)
        return true;
    while (cap < need)
        cap *= 2; /* need < JW_MAX_FUNC_SLOTS: no overflow */
    uint32_t *sbase = jw__alloc_raw(c->a, cs_stack_bytes(cap));
    if (!sbase)
        return cs_nomem(c);
    uint32_t *vloc = sbase + cap + 2;
    ct_t *vs = (ct_t *)(vloc + cap);
    if (old) {
        jw__memcpy(sbase, c->sbase, ((size_t)old + 2) * sizeof *sbase);
        jw__memcpy(vloc, c->vloc, (size_t)old * sizeof *vloc);
        jw__memcpy(vs, c->vs, (size_t)old * sizeof *vs);
        jw__free(c->a, c->sbase, cs_stack_bytes(old));
    }
    c->sbase = sbase, c->vloc = vloc, c->vs = vs, c->cap_vs = cap;
    return true;
}

/* cs_popl at the frame's base: a type error unless the rest of the block
 * is unreachable (then the value is of any type). */
bool cs_pop_base(cs_t *c, ct_t expect, ct_t *got, uint32_t *loc)
{
    if (!c->cf[c->ncf - 1].unreachable)
        return cs_invalid(c, "type mismatch");
    if (got)
        *got = expect;
    if (loc)
        *loc = cs_slot(c, c->nvs);
    return true;
}

/* Copies pending entry i of pend[] to its own stack slot. */
static bool cs_materialize(cs_t *c, uint32_t i)
{
    uint32_t pos = c->pend[i];
    if (!cs_emit3(c, cs_copy_op(c->vs[pos]), cs_slot(c, pos), c->vloc[pos]))
        return false;
    c->vloc[pos] = cs_slot(c, pos);
    return true;
}

/* cs_flush with operands pending: copies each to its own slot. */
bool cs_flush_pending(cs_t *c)
{
    for (uint32_t i = 0; i < c->npend; i++)
        if (!cs_materialize(c, i))
            return false;
    c->npend = 0;
    c->last_def_end = c->copy_end = CS_NO_DEF;
    return true;
}

/* Operands still reading local x get their own copy before x changes. */
static bool cs_flush_local(cs_t *c, uint32_t x)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < c->npend; i++) {
        if (c->vloc[c->pend[i]] == x) {
            if (!cs_materialize(c, i))
                return false;
        } else {
            c->pend[k++] = c->pend[i];
        }
    }
    c->npend = k;
    return true;
}

bool cs_pop_n(cs_t *c, uint32_t n, const jw_valtype_t *ts)
{
    for (uint32_t i = n; i-- > 0;)
        if (!cs_pop(c, (ct_t)ts[i], NULL))
            return false;
    return true;
}

bool cs_push_n(cs_t *c, uint32_t n, const jw_valtype_t *ts)
{
    for (uint32_t i = 0; i < n; i++)
        if (!cs_push(c, (ct_t)ts[i]))
            return false;
    return true;
}

/* Marks the rest of the block unreachable: drop its operands. */
void cs_set_unreachable(cs_t *c)
{
    cframe_t *fr = &c->cf[c->ncf - 1];
    c->nvs = fr->height;
    cs_cut_pending(c, c->nvs);
    fr->unreachable = true;
    c->live = false;
}

/* ---- locals: read in place (pending operands) rather than copied; in
 * this unit, with the pending operands, so that the per-instruction
 * switch inlines them (a call each cost ~2% of translation) ---- */

/* local.set/tee's copy (op cp) x <- v. A COPY right after another one
 * joins it as a COPY2, then COPY3 (sha256 rotates its eight variables so):
 * no label can fall between, since control instructions flush, which
 * forgets copy_end.
 * Precondition: the last code is that COPY/COPY2 (copy_end == ncode); the
 * joined copies run in order, as before. */
static bool cs_copy_local(cs_t *c, uint32_t cp, uint32_t x, uint32_t v)
{
    if (cp == IOP_COPY && cs_live(c) && c->copy_end == c->ncode &&
        (c->code[c->copy_pc] == IOP_COPY || c->code[c->copy_pc] == IOP_COPY2)) {
        c->code[c->copy_pc] = c->code[c->copy_pc] == IOP_COPY ? IOP_COPY2 : IOP_COPY3;
        cs_unmark(c, c->ncode);
        if (!cs_emit2(c, x, v))
            return false;
        c->copy_end = c->ncode;
        return true;
    }
    c->copy_pc = c->ncode;
    if (!cs_emit3(c, cp, x, v))
        return false;
    c->copy_end = cs_live(c) ? c->ncode : CS_NO_DEF;
    return true;
}

/* local.set/tee retargeted the ADD_I at p (the last instruction) to a
 * local: right after another such ADD_I (no label between, as for copies)
 * the two become one ADD_I2 (loop counters and pointers stepping together). */
static void cs_join_add(cs_t *c, uint32_t p)
{
    uint32_t *w = c->code;
    if (c->copy_end == p && w[c->copy_pc] == IOP_ADD_I) {
        w[c->copy_pc] = IOP_ADD_I2;
        w[p] = w[p + 1], w[p + 1] = w[p + 2], w[p + 2] = w[p + 3];
        cs_unemit(c, p + 3);
        cs_unmark(c, p);
        c->copy_end = CS_NO_DEF;
        return;
    }
    c->copy_pc = p;
    c->copy_end = c->ncode;
}

/* local.get defers (the operand reads the local's slot); local.set/tee
 * retarget the instruction that produced the value when it is the last one
 * emitted, else copy.
 * Precondition of the retarget: cs_last_def_is(v) -- the producer is the
 * last code and wrote the value's own slot, a temp nothing else reads. No
 * operand still reads x's old value in place: cs_flush_local would have
 * copied it out, and that copy would be the last code. The producer may
 * read x itself (x = x + 1): handlers read their operands before writing. */
static bool cs_local(cs_t *c, uint8_t op)
{
    uint32_t x, v;
    if (!jwr_u32(c->r, &x))
        return false;
    if (x >= c->nlocals)
        return cs_invalid(c, "unknown local");
    ct_t t = (ct_t)c->locals[x];
    uint32_t cp = cs_copy_op(t);
    x = c->lslot[x]; /* from here on, x is the local's slot */
    if (op == WOP_LOCAL_GET) {
        if (cs_live(c) && c->npend < CS_MAX_PENDING)
            return cs_push_at(c, t, x);
        uint32_t pc = c->ncode;
        if (!cs_emit3(c, cp, cs_top(c, 0), x))
            return false;
        cs_def(c, pc);
        return cs_push(c, t);
    }
    if (!cs_popl(c, t, NULL, &v) || !cs_flush_local(c, x))
        return false;
    uint32_t own = cs_top(c, 0);
    bool fold = v == own && cs_last_def_is(c, v);
    c->last_def_end = CS_NO_DEF;
    if (fold) {
        c->code[c->last_def_pc + 1] = x;
        if (c->code[c->last_def_pc] == IOP_ADD_I)
            cs_join_add(c, c->last_def_pc);
    } else if (v != x && !cs_copy_local(c, cp, x, v)) {
        return false;
    }
    if (op == WOP_LOCAL_SET)
        return true;
    /* tee: the value stays on the stack, read from x unless still in place. */
    if (!fold && v == own)
        return cs_push(c, t);
    if (c->npend < CS_MAX_PENDING)
        return cs_push_at(c, t, x);
    return cs_copy_local(c, cp, own, x) && cs_push(c, t);
}

/* ---- one instruction ---- */

/*
 * Loop constants: an f32 or f64 constant inside a loop would cost a
 * dispatch per iteration (CONST, then its consumer reads the slot). Before
 * compiling a body, a skim collects their distinct bit patterns; each gets
 * a frame slot after the return link, filled once at entry by CONSTS, and
 * the constant (anywhere in the body) pushes a pending operand reading its
 * slot, as local.get does. Integer constants are left alone: the fusions
 * take them as immediates (slotting i64 ones cost divmul 7.6%).
 */

/* Skips one LEB128 number (no checks: the compile reads it properly). */
static const uint8_t *cs_skip_leb(const uint8_t *p, const uint8_t *end)
{
    while (p < end && (*p++ & 0x80)) {
    }
    return p;
}

/* Records the constant at r->p (f32.const or f64.const) and skips it. */
static bool cs_scan_konst(cs_t *c, jwr_t *r)
{
    uint32_t n = *r->p++ == WOP_F32_CONST ? 4 : 8;
    if ((size_t)(r->end - r->p) < n)
        return false;
    uint64_t v = 0;
    for (uint32_t i = 0; i < n; i++)
        v |= (uint64_t)r->p[i] << (8 * i);
    r->p += n;
    uint32_t i = 0;
    while (i < c->nk && c->kval[i] != v)
        i++;
    if (i == c->nk && c->nk < CS_MAX_KONST)
        c->kval[c->nk++] = v;
    return true;
}

/* Collects the loop constants of the body at c->r->p, skimming it (a few
 * instructions per byte): only in functions with a float param or local,
 * where float loops keep their values (integer code skips the skim). */
static void cs_scan_konsts(cs_t *c)
{
    uint32_t i = 0;
    while (i < c->nlocals && c->locals[i] != JW_F64 && c->locals[i] != JW_F32)
        i++;
    if (i == c->nlocals)
        return;
    /* A scratch reader: a malformed body stops the scan, and the compile
     * reports it. */
    jw_error_t err;
    jwr_t r = { c->r->p, c->r->end, c->r->base, &err };
    uint32_t depth = 1, loop_at = 0; /* depth inside the outermost loop, or 0 */
    while (depth > 0 && r.p < r.end) {
        /* How to step over the instruction: by its kind of immediates. */
        uint8_t op = *r.p, k = jw__wop_scan[op];
        if (k == WS_NONE) {
            r.p++;
        } else if (k <= WS_LEB2) {
            r.p = cs_skip_leb(r.p + 1, r.end);
            if (k == WS_LEB2)
                r.p = cs_skip_leb(r.p, r.end);
        } else if (k == WS_KONST && loop_at) {
            if (!cs_scan_konst(c, &r))
                return;
        } else { /* WS_SKIM, or a constant outside loops */
            if (op == WOP_LOOP && !loop_at)
                loop_at = depth + 1;
            if (!sk_instr(&r, &depth))
                return;
            if (depth < loop_at)
                loop_at = 0;
        }
    }
}

/* The emission of CONSTS, the body's first instruction. */
static bool cs_emit_konsts(cs_t *c)
{
    if (!cs_emit3(c, IOP_CONSTS, c->kslot, c->nk))
        return false;
    for (uint32_t i = 0; i < c->nk; i++)
        if (!cs_emit2(c, (uint32_t)c->kval[i], (uint32_t)(c->kval[i] >> 32)))
            return false;
    return true;
}

/* The slot holding constant `bits`, or 0. */
static uint32_t cs_konst(const cs_t *c, uint64_t bits)
{
    for (uint32_t i = 0; i < c->nk; i++)
        if (c->kval[i] == bits)
            return c->kslot + i;
    return 0;
}

static bool cs_const(cs_t *c, uint8_t op)
{
    uint32_t d = cs_top(c, 0), pc = c->ncode, lo, hi = 0;
    ct_t t;
    const uint8_t *p;
    switch (op) {
    case WOP_I32_CONST: {
        int32_t v;
        if (!jwr_s32(c->r, &v))
            return false;
        lo = (uint32_t)v;
        t = JW_I32;
        break;
    }
    case WOP_I64_CONST: {
        int64_t v;
        if (!jwr_s64(c->r, &v))
            return false;
        lo = (uint32_t)(uint64_t)v;
        hi = (uint32_t)((uint64_t)v >> 32);
        t = JW_I64;
        break;
    }
    case WOP_F32_CONST:
        if (!jwr_bytes(c->r, 4, &p))
            return false;
        lo = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        t = JW_F32;
        break;
    default: /* f64.const */
        if (!jwr_bytes(c->r, 8, &p))
            return false;
        lo = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        hi = (uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
        t = JW_F64;
        break;
    }
    if ((op == WOP_F32_CONST || op == WOP_F64_CONST) && c->live && c->npend < CS_MAX_PENDING) {
        uint32_t k = cs_konst(c, (uint64_t)hi << 32 | lo);
        if (k)
            return cs_push_at(c, t, k);
    }
    bool ok = t == JW_I32 || t == JW_F32 ? cs_emit3(c, IOP_CONST32, d, lo)
                                         : cs_emit4(c, IOP_CONST64, d, lo, hi);
    if (!ok)
        return false;
    cs_def(c, pc);
    return cs_push(c, t);
}

static bool cs_ref(cs_t *c, uint8_t op)
{
    uint32_t x;
    ct_t t;
    switch (op) {
    case WOP_REF_NULL: {
        uint8_t b;
        if (!jwr_u8(c->r, &b))
            return false;
        if (b != JW_FUNCREF && b != JW_EXTERNREF)
            return cs_fail(c, JW_ERR_MALFORMED, "malformed reference type");
        return cs_emit3(c, IOP_CONST32, cs_top(c, 0), 0) && cs_push(c, b);
    }
    case WOP_REF_IS_NULL:
        if (!cs_popl(c, CT_ANY, &t, &x))
            return false;
        if (t != CT_ANY && !cs_is_ref(t))
            return cs_invalid(c, "type mismatch");
        return cs_emit3(c, IOP_REF_IS_NULL, cs_top(c, 0), x) && cs_push(c, JW_I32);
    default: /* ref.func */
        if (!jwr_u32(c->r, &x))
            return false;
        if (x >= c->m->nfuncs)
            return cs_invalid(c, "unknown function");
        if (!c->m->declared[x])
            return cs_invalid(c, "undeclared function reference");
        return cs_emit3(c, IOP_REF_FUNC, cs_top(c, 0), x) && cs_push(c, JW_FUNCREF);
    }
}

/*
 * One instruction. The cases are wasm_ops.def's names; the classes with
 * many rows are ranges (the table lists each class's opcodes contiguously,
 * and tests/engine/test_opcodes.c checks that every range holds exactly its
 * class), the numeric ones compiled from their row alone. A switch on the
 * opcode is one indirect jump; dispatching on the class read from the row
 * first cost 2.7% of translation (callgrind).
 */
static bool cs_instr(cs_t *c, bool *done)
{
    uint8_t op;
    ct_t t;
    uint32_t x;
    c->op_off = jwr_off(c->r);
    if (!jwr_u8(c->r, &op))
        return false;
    if (!cs_mark(c))
        return false;
    switch (op) {
    case WOP_I32_EQZ ... WOP_I64_EXTEND32_S: { /* class NUM */
        const jw_wop_t *w = &jw__wop[op];
        return cs_numeric(c, w->iop, w->a, w->b, w->r);
    }
    case WOP_I32_LOAD ... WOP_I64_LOAD32_U: return cs_load(c, op);      /* LOAD */
    case WOP_I32_STORE ... WOP_I64_STORE32: return cs_store(c, op);     /* STORE */
    case WOP_LOCAL_GET ... WOP_LOCAL_TEE: return cs_local(c, op);       /* LOCAL */
    case WOP_I32_CONST ... WOP_F64_CONST: return cs_const(c, op);       /* CONST */
    case WOP_REF_NULL ... WOP_REF_FUNC: return cs_ref(c, op);           /* REF */
    case WOP_PREFIX_FC: return cs_prefixed(c);                          /* FC */
    case WOP_PREFIX_FD:
        return cs_simd(c);                              /* FD */
    /* Class CTRL: control flow, calls, parametric, globals, tables, memory. */
    case WOP_UNREACHABLE:
        if (!cs_emit(c, IOP_UNREACHABLE))
            return false;
        cs_set_unreachable(c);
        return true;
    case WOP_NOP: return true;
    case WOP_BLOCK: return cs_block(c, CF_BLOCK);
    case WOP_LOOP: return cs_block(c, CF_LOOP);
    case WOP_IF: return cs_block(c, CF_IF);
    case WOP_ELSE: return cs_else(c);
    case WOP_END: return cs_end(c, done);
    case WOP_BR: return cs_br(c);
    case WOP_BR_IF: return cs_br_if(c);
    case WOP_BR_TABLE: return cs_br_table(c);
    case WOP_RETURN:
        if (!cs_flush(c) || !cs_pop_n(c, c->nres, c->m->types[c->f->type].results))
            return false;
        c->nvs += c->nres;
        if (!cs_return_code(c))
            return false;
        cs_set_unreachable(c);
        return true;
    case WOP_CALL: return cs_call(c);
    case WOP_CALL_INDIRECT: return cs_call_indirect(c);
    case WOP_DROP: cs_forget_defs(c); return cs_pop(c, CT_ANY, &t);
    case WOP_SELECT: return cs_select(c, false);
    case WOP_SELECT_T: return cs_select(c, true);
    case WOP_GLOBAL_GET: return cs_global(c, false);
    case WOP_GLOBAL_SET: return cs_global(c, true);
    case WOP_TABLE_GET:
        if (!cs_flush(c) || !cs_table(c, &x) || !cs_pop(c, JW_I32, NULL))
            return false;
        return cs_emit3(c, IOP_TABLE_GET, cs_top(c, 0), x) && cs_push(c, c->m->tables[x].elem);
    case WOP_TABLE_SET:
        if (!cs_flush(c) || !cs_table(c, &x) || !cs_pop(c, c->m->tables[x].elem, NULL) ||
            !cs_pop(c, JW_I32, NULL))
            return false;
        return cs_emit3(c, IOP_TABLE_SET, x, cs_top(c, 0));
    case WOP_MEMORY_SIZE:
        if (!cs_zero_byte(c) || !cs_need_mem(c))
            return false;
        return cs_emit2(c, IOP_MEMORY_SIZE, cs_top(c, 0)) && cs_push(c, JW_I32);
    case WOP_MEMORY_GROW:
        if (!cs_flush(c) || !cs_zero_byte(c) || !cs_need_mem(c) || !cs_pop(c, JW_I32, NULL))
            return false;
        return cs_emit2(c, IOP_MEMORY_GROW, cs_top(c, 0)) && cs_push(c, JW_I32);
    }
    c->r->p--;
    return cs_fail(c, JW_ERR_MALFORMED, "illegal opcode");
}

/* ---- a function body ---- */

/* Reads the local declarations into c->locals (params first). */
static bool cs_locals(cs_t *c)
{
    const jw_functype_t *ft = &c->m->types[c->f->type];
    uint32_t ngroups;
    uint64_t total = ft->nparams;
    if (!jwr_u32(c->r, &ngroups))
        return false;
    const uint8_t *groups = c->r->p;
    for (uint32_t i = 0; i < ngroups; i++) {
        uint32_t k;
        jw_valtype_t t;
        if (!jwr_u32(c->r, &k) || !jwr_valtype(c->r, &t))
            return false;
        total += k;
    }
    c->op_off = jwr_off(c->r);
    /* The spec's bound is 2^32 - 1; past the engine's own cap it is a limit. */
    if (total > UINT32_MAX)
        return cs_fail(c, JW_ERR_MALFORMED, "too many locals");
    if (total > JW_MAX_LOCALS)
        return cs_fail(c, JW_ERR_LIMIT, "too many locals (engine limit)");
    if (!jw__reserve(c->a, (void **)&c->locals, &c->cap_locals, (uint32_t)total, sizeof *c->locals))
        return cs_nomem(c);
    jw_valtype_t *ts = c->locals;
    for (uint32_t i = 0; i < ft->nparams; i++)
        ts[i] = ft->params[i];
    c->r->p = groups;
    uint32_t at = ft->nparams;
    for (uint32_t i = 0; i < ngroups; i++) {
        uint32_t k;
        jw_valtype_t t;
        (void)(jwr_u32(c->r, &k) && jwr_valtype(c->r, &t));
        while (k--)
            ts[at++] = t;
    }
    c->nlocals = (uint32_t)total;
    return true;
}

/* An exact-size copy of a buffer's first n items (the buffer stays). */
static void *cs_copy_out(cs_t *c, const void *p, uint32_t n, size_t elem)
{
    void *q = jw__alloc_raw(c->a, (size_t)n * elem);
    if (q)
        jw__memcpy(q, p, (size_t)n * elem);
    return q;
}

/* Frame slots of the locals (a v128 takes two) and the operand stack base,
 * past the return link (JW_LINK_SLOTS) that the call writes after them and
 * the loop constants' slots. */
static bool cs_local_slots(cs_t *c)
{
    uint32_t n = c->nlocals;
    if (!jw__reserve(c->a, (void **)&c->lslot, &c->cap_lslot, n + 1, sizeof *c->lslot))
        return cs_nomem(c);
    if (!cs_reserve_stack(c, 1))
        return false;
    uint64_t at = 0;
    for (uint32_t i = 0; i < n; i++) {
        c->lslot[i] = (uint32_t)at;
        at += cs_width((ct_t)c->locals[i]);
        if (at >= JW_MAX_FUNC_SLOTS)
            return cs_fail(c, JW_ERR_LIMIT, "too many locals (engine limit)");
    }
    c->lslot[n] = (uint32_t)at;
    at += JW_LINK_SLOTS;
    c->kslot = (uint32_t)at;
    at += c->nk;
    c->sbase[0] = c->max_slot = (uint32_t)at;
    c->sbase[1] = (uint32_t)at + 1;
    return true;
}

static bool cs_body(cs_t *c)
{
    if (!cs_locals(c))
        return false;
    c->code_start = c->r->p;
    cs_scan_konsts(c);
    const jw_functype_t *ft = &c->m->types[c->f->type];
    c->nres = ft->nresults;
    if (!cs_local_slots(c))
        return false;
    cbt_t bt = { 0, ft->nresults, NULL, ft->results };
    /* No FUEL at the entry: calls charge fuel themselves (one dispatch less). */
    bool ok = cs_push_frame(c, CF_FUNC, &bt) && (!c->nk || cs_emit_konsts(c));
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
    return ok;
}

jwc_t *jw__compiler_new(jw_module_t *m)
{
    cs_t *c = jw__alloc(&m->alloc, sizeof *c);
    if (!c)
        return NULL;
    c->m = m;
    c->a = &m->alloc;
    c->ftype = jw__alloc_raw(c->a, (size_t)m->nfuncs * sizeof *c->ftype);
    if (!c->ftype) {
        jw__free(c->a, c, sizeof *c);
        return NULL;
    }
    for (uint32_t i = 0; i < m->nfuncs; i++)
        c->ftype[i] = m->funcs[i].type;
    return c;
}

void jw__compiler_free(jwc_t *c)
{
    if (!c)
        return;
    const jw_allocator_t *a = c->a;
    jw__free(a, c->locals, (size_t)c->cap_locals * sizeof *c->locals);
    jw__free(a, c->lslot, (size_t)c->cap_lslot * sizeof *c->lslot);
    if (c->sbase)
        jw__free(a, c->sbase, cs_stack_bytes(c->cap_vs));
    jw__free(a, c->cf, (size_t)c->cap_cf * sizeof *c->cf);
    jw__free(a, c->stub, (size_t)c->cap_stub * sizeof *c->stub);
    jw__free(a, c->ftype, (size_t)c->m->nfuncs * sizeof *c->ftype);
    jw__free(a, c->code, (size_t)c->cap_code * sizeof *c->code);
    jw__free(a, c->map, (size_t)c->cap_map * sizeof *c->map);
    jw__free(a, c, sizeof *c);
}

#ifdef JW_CHECK_CODE
/* The sanitizer build checks every function's code against ops.def: each
 * emitter wrote exactly the operands its opcode declares (a wrong count
 * misaligns the walk), targets and map entries are instruction starts. */
static void cs_check_code(cs_t *c, const jwm_func_t *f)
{
    uint8_t *starts = jw__alloc_raw(c->a, f->code_len + 1);
    if (!starts)
        return;
    bool ok = jw__code_check(f->code, f->code_len, f->pcmap, f->npcmap, starts);
    jw__free(c->a, starts, f->code_len + 1);
    if (!ok)
        __builtin_trap();
}
#endif

bool jw__compile_func(jwc_t *c, uint32_t fidx, jwr_t *r)
{
    jw_module_t *m = c->m;
    /* Explicit: a large aggregate initialiser becomes a memset() call at
     * some optimisation levels, and the engine links without libc. */
    jw__memset(c, 0, offsetof(cs_t, m));
    c->f = &m->funcs[fidx];
    c->r->p = r->p, c->r->end = r->end, c->r->base = r->base, c->r->err = r->err;
    c->last_def_end = c->prev_def_end = c->prev2_def_end = c->copy_end = CS_NO_DEF;
    c->live = true;
    jwm_func_t *f = c->f;
    f->body_off = (uint32_t)jwr_off(r);
    c->op_off = jwr_off(r);
    /* Internal code is about one word per body byte: size it up front
     * rather than growing (and copying) it several times. */
    uint64_t guess = (uint64_t)(r->end - r->p) + 16;
    bool ok = guess > UINT32_MAX ||
              jw__reserve(c->a, (void **)&c->code, &c->cap_code, (uint32_t)guess, sizeof *c->code);
    ok = ok ? cs_body(c) : cs_nomem(c);
    if (ok) {
        /* The interpreter counts slots: params, locals and results in slots. */
        const jw_functype_t *ft = &m->types[f->type];
        uint32_t rs = 0;
        for (uint32_t i = 0; i < ft->nresults; i++)
            rs += cs_width((ct_t)ft->results[i]);
        f->nparams = c->lslot[ft->nparams];
        f->nresults = rs;
        f->nlocals = c->lslot[c->nlocals];
        f->nslots = c->max_slot + 1; /* as before v128: one spare slot */
        f->code = cs_copy_out(c, c->code, c->ncode, sizeof *c->code);
        f->code_len = c->ncode;
        f->pcmap = cs_copy_out(c, c->map, c->nmap, sizeof *c->map);
        f->npcmap = c->nmap;
        if (!f->code || !f->pcmap)
            ok = cs_nomem(c);
#ifdef JW_CHECK_CODE
        if (ok)
            cs_check_code(c, f);
#endif
    }
    if (!ok && r->err->kind == JW_ERR_INVALID && c->code_start) {
        jw_error_t invalid; /* jw__memcpy: a struct copy this big may become memcpy() */
        jw__memcpy(&invalid, r->err, sizeof invalid);
        r->err->kind = JW_OK;
        if (sk_body(r, c->code_start))
            jw__memcpy(r->err, &invalid, sizeof invalid);
    }
    return ok;
}
