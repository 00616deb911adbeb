/* SPDX-License-Identifier: MIT */
/* compile_num.c: numeric instructions and their fusions, and the 0xfc prefix (a unit of the compiler, compile.h). */
#include "compile.h"
/*
 * The numeric ops are compiled from their row in wasm_ops.def (internal op,
 * operand and result types: cs_numeric); an operand that is a constant
 * becomes an immediate (cs_imm_pair) and an f64 multiply feeding an add or
 * sub becomes one instruction (cs_f64_mul_fused).
 */

/* The i32 op with an immediate operand for internal op `iop`, or 0. */
static uint32_t cs_imm_op(uint32_t iop)
{
    switch (iop) {
    case IOP_I32_ADD:
    case IOP_I32_SUB: return IOP_ADD_I;
    case IOP_I32_MUL: return IOP_MUL_I;
    case IOP_I32_AND: return IOP_AND_I;
    case IOP_I32_OR: return IOP_OR_I;
    case IOP_I32_XOR: return IOP_XOR_I;
    case IOP_I32_SHL: return IOP_SHL_I;
    case IOP_I32_SHR_S: return IOP_SHR_S_I;
    case IOP_I32_SHR_U: return IOP_SHR_U_I;
    case IOP_I32_ROTL: return IOP_ROTL_I;
    case IOP_I32_ROTR: return IOP_ROTR_I;
    }
    return 0;
}

/* The immediate form of binary op iop whose second operand (slot lb) is
 * the constant the last instruction wrote, or 0; *k is the immediate. i32:
 * the OP_I family (sub is ADD_I of -k); i64: the I64_I family, division
 * and remainder only by a k that cannot trap (never by 0, nor a signed one
 * by -1: those must trap as the op does).
 * Precondition: lb is the top operand's own slot and the CONST that wrote
 * it is the last code (cs_const_before checks both its place and slot). */
static uint32_t cs_imm_form(const cs_t *c, uint32_t iop, uint32_t lb, uint64_t *k)
{
    uint32_t k32, iiop;
    if (!cs_live(c) || lb != cs_slot(c, c->nvs))
        return 0;
    if (iop >= IOP_I64_ADD && iop <= IOP_I64_ROTR) {
        if (!cs_const64_before(c, lb, c->last_def_pc, c->last_def_end, c->ncode, k))
            return 0;
        if (iop >= IOP_I64_DIV_S && iop <= IOP_I64_REM_U &&
            (*k == 0 || ((iop == IOP_I64_DIV_S || iop == IOP_I64_REM_S) && *k == UINT64_MAX)))
            return 0;
        return IOP_I64_I + (iop - IOP_I64_ADD);
    }
    iiop = cs_imm_op(iop);
    if (!iiop || !cs_const_before(c, lb, c->last_def_pc, c->last_def_end, c->ncode, &k32))
        return 0;
    *k = iop == IOP_I32_SUB ? 0u - k32 : k32;
    return iiop;
}

/* A commutative i32 op (iop) of la and lb (both popped) where one operand
 * is the stack temp the last instruction, `y op_i k`, just wrote: take that
 * back and emit `fused d x y k` at *pc. Pairs: x + (y << k) (array indexing),
 * x ^ (y >> k) (hashes, crc32); x + (y + k) (address arithmetic); x + (y + z)
 * (ADD3, k the slot of z: sums of several terms); x & (y ^ -1) is ANDN d x y.
 * (x ^ rotl(y, k), sha256's sigmas and x & (y ^ z), x ^ (y & z), x | (y & z)
 * were fused too, and removed: they never fire on the real-world suite,
 * DESIGN.md "Fusions on the real-world suite".) */
/* Precondition: cs_last_wrote(lb) with lb lb's own slot (a temp), or
 * cs_last_wrote(la) with la the result slot d (then lb was pushed after it
 * without code: a local or constant slot, read in place); the op is
 * commutative, and the fused op reads all its operands before it writes d. */
static bool cs_imm_pair(cs_t *c, uint32_t iop, uint32_t la, uint32_t lb, uint32_t *pc, bool *done)
{
    enum { K_SHIFT, K_SLOT, K_IMM, K_NOT }; /* what the last instruction's w[3] is */
    static const uint32_t pairs[][4] = {
        { IOP_I32_ADD, IOP_SHL_I, IOP_ADD_SHL, K_SHIFT },
        { IOP_I32_XOR, IOP_SHR_U_I, IOP_XOR_SHRU, K_SHIFT },
        { IOP_I32_ADD, IOP_I32_ADD, IOP_ADD3, K_SLOT },
        { IOP_I32_ADD, IOP_ADD_I, IOP_ADD3_I, K_IMM },
        { IOP_I32_AND, IOP_XOR_I, IOP_ANDN, K_NOT },
    };
    *done = false;
    uint32_t d = cs_top(c, 0), x, fop = 0, kind = 0;
    if (cs_last_wrote(c, lb) && lb == cs_slot(c, c->nvs + 1) && la != lb)
        x = la;
    else if (cs_last_wrote(c, la) && la == d && lb != la)
        x = lb;
    else
        return true;
    const uint32_t *w = &c->code[c->last_def_pc];
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (pairs[i][0] == iop && pairs[i][1] == w[0])
            fop = pairs[i][2], kind = pairs[i][3];
    if (!fop || (kind == K_NOT && w[3] != UINT32_MAX))
        return true;
    uint32_t y = w[2], k = kind == K_SHIFT ? w[3] & 31 : w[3];
    *done = true;
    *pc = c->last_def_pc;
    cs_unemit(c, *pc);
    if (!cs_mark(c) || !cs_emit(c, fop) || !cs_emit3(c, d, x, y))
        return false;
    return kind == K_NOT || cs_emit(c, k);
}

/* Where the map says code at `pc` comes from, or false. */
static bool cs_map_off(const cs_t *c, uint32_t pc, uint32_t *off)
{
    for (uint32_t i = c->nmap; i-- > 0 && c->map[i].pc >= pc;)
        if (c->map[i].pc == pc) {
            *off = c->map[i].off;
            return true;
        }
    return false;
}

/* Is the code at ld, up to `end`, an f64 load (f64.load, or LD64_AI: the
 * f64 op reading it makes it an f64) into the stack temp z whose address
 * slot is not `mdst`? Then m = its memory operand (p imm offset, ops.h)
 * and *loff its wasm offset. */
static bool cs_f64_load_at(const cs_t *c, uint32_t ld, uint32_t end, uint32_t z, uint32_t mdst,
                           uint32_t m[3], uint32_t *loff)
{
    const uint32_t *l = &c->code[ld];
    if (l[0] == IOP_F64_LOAD && end - ld == 4)
        m[1] = 0, m[2] = l[3];
    else if (l[0] == IOP_LD64_AI && end - ld == 5)
        m[1] = l[3], m[2] = l[4];
    else
        return false;
    m[0] = l[2];
    return l[1] == z && l[2] != mdst && cs_map_off(c, ld, loff);
}

/* The load at prev2 (into d), an f64 op X at prev (into t, the multiply's
 * input) and the multiply at mpc, adjacent: X reads neither d nor memory
 * and cannot trap, so it may run before the load (`v - x * y * z`). Then
 * m = the load's operand, *loff its offset and *xoff X's. */
static bool cs_f64_load_past(const cs_t *c, uint32_t mpc, uint32_t d, uint32_t t, uint32_t m[3],
                             uint32_t *loff, uint32_t *xoff)
{
    const uint32_t *x = &c->code[c->prev_def_pc];
    return c->prev_def_end == mpc && c->prev2_def_end == c->prev_def_pc &&
           mpc - c->prev_def_pc == 4 && x[0] >= IOP_F64_ADD && x[0] <= IOP_F64_COPYSIGN &&
           x[1] == t && x[2] != d && x[3] != d && cs_map_off(c, c->prev_def_pc, xoff) &&
           cs_f64_load_at(c, c->prev2_def_pc, c->prev_def_pc, d, t, m, loff);
}

/* Emits fop's load form (MULADD_L..) in place of the load at ld and the
 * multiply at mpc, adjacent in either order or with the f64 op at xpc
 * between (cs_f64_load_past; moved in front with its map entry xoff):
 * nothing between them writes memory, the load's address or the product's
 * inputs, and the multiply cannot trap, so the load may run with the add.
 * Traps report the load. */
static bool cs_f64_mul_load(cs_t *c, uint32_t fop, uint32_t ld, uint32_t mpc, uint32_t xpc,
                            uint32_t xoff, const uint32_t m[3], uint32_t loff, uint32_t *pc)
{
    uint32_t m1 = c->code[mpc + 2], m2 = c->code[mpc + 3], x[4];
    bool moved = xpc != CS_NO_DEF;
    if (moved)
        for (uint32_t i = 0; i < 4; i++)
            x[i] = c->code[xpc + i];
    *pc = ld < mpc ? ld : mpc;
    cs_unemit(c, *pc);
    if (moved) {
        c->map[c->nmap - 1].off = xoff; /* the entry at ld, now X's */
        if (!cs_emit4(c, x[0], x[1], x[2], x[3]))
            return false;
        *pc = c->ncode;
    }
    if (!cs_mark(c))
        return false;
    c->map[c->nmap - 1].off = loff;
    return cs_emit(c, fop - IOP_F64_MULADD + IOP_F64_MULADD_L) &&
           cs_emit4(c, cs_top(c, 0), m1, m2, m[0]) && cs_emit2(c, m[1], m[2]);
}

/* `a * mq + mp`: the add of a MUL_M's product (at mpc) and an f64 load
 * right after it (at ld): one MULADD_ML in their place, its map entry still
 * the first load's. */
static bool cs_f64_mul_ml(cs_t *c, uint32_t mpc, uint32_t ld, uint32_t *pc, bool *done)
{
    uint32_t mp[3], loff;
    if (!cs_f64_load_at(c, ld, c->ncode, cs_slot(c, c->nvs + 1), cs_top(c, 0), mp, &loff))
        return true;
    uint32_t q[4];
    for (uint32_t i = 0; i < 4; i++)
        q[i] = c->code[mpc + 2 + i]; /* a, then mq */
    *pc = mpc;
    cs_unemit(c, mpc);
    c->last_def_end = CS_NO_DEF;
    *done = true;
    return cs_emit4(c, IOP_F64_MULADD_ML, cs_top(c, 0), q[0], q[1]) && cs_emit2(c, q[2], q[3]) &&
           cs_emit3(c, mp[0], mp[1], mp[2]);
}

/* f64.add/sub (operands la, lb popped) of a product that an f64.mul just
 * wrote to a stack temp -- the last instruction, or the one before it when
 * the last one computed the other operand (it cannot read the product:
 * stack order) and is then moved in front, writing the free temp above
 * instead (its own slot may hold an input of the multiply). Emits
 * MULADD/MULSUB/SUBMUL, or their load forms when the other operand is an
 * f64 load next to the multiply (cs_f64_mul_load, cs_f64_mul_ml).
 * Preconditions, by case (d = la's own slot, t = lb's):
 *  - the multiply is the last code and wrote t (or d, when lb was pushed
 *    after it without code); with a load: the load wrote d right before it
 *    (or with a non-trapping, memory-free f64 op between, cs_f64_load_past)
 *    and its address slot is not t, so the load may run after the multiply;
 *  - MUL_M wrote d and an f64 load wrote t right after it (cs_f64_mul_ml):
 *    the second load's address is not d;
 *  - the multiply wrote d and the instruction right after it (X, at most 8
 *    words) wrote t: X read nothing the multiply wrote (its operands were
 *    pushed after d, with no code between: locals, constants, globals), so
 *    it may run first; it writes the free slot above (z) instead of t,
 *    which may be an input of the multiply.
 * The multiply never traps, so no trap moves across another. */
static bool cs_f64_mul_fused(cs_t *c, uint32_t iop, uint32_t la, uint32_t lb, uint32_t *pc,
                             bool *done)
{
    const uint32_t mul = IOP_F64_MUL;
    uint32_t d = cs_top(c, 0), t = cs_slot(c, c->nvs + 1), mpc, x[8], xn = 0, xoff = 0, z, m[3];
    uint32_t ld = CS_NO_DEF, xpc = CS_NO_DEF, moff = 0; /* the load, if it fuses; an op moved */
    bool prod_b;
    *done = false;
    if (!cs_live(c) || c->last_def_end != c->ncode)
        return true;
    const uint32_t *w = &c->code[c->last_def_pc], *pw = &c->code[c->prev_def_pc];
    if (w[0] == mul && w[1] == lb && lb == t && la != lb) {
        mpc = c->last_def_pc, prod_b = true, z = la;
        if (la == d && c->prev_def_end == mpc &&
            cs_f64_load_at(c, c->prev_def_pc, mpc, d, t, m, &xoff))
            ld = c->prev_def_pc;
        else if (la == d && cs_f64_load_past(c, mpc, d, t, m, &xoff, &moff))
            ld = c->prev2_def_pc, xpc = c->prev_def_pc;
    } else if (w[0] == mul && w[1] == la && la == d && lb != la) {
        mpc = c->last_def_pc, prod_b = false, z = lb;
    } else if (c->prev_def_end == c->last_def_pc && pw[0] == IOP_F64_MUL_M && pw[1] == la &&
               la == d && lb == t && iop == IOP_F64_ADD) {
        return cs_f64_mul_ml(c, c->prev_def_pc, c->last_def_pc, pc, done);
    } else if (c->prev_def_end == c->last_def_pc && pw[0] == mul && pw[1] == la && la == d &&
               w[1] == lb && lb == t && c->ncode - c->last_def_pc <= 8 &&
               cs_map_off(c, c->last_def_pc, &xoff)) {
        mpc = c->prev_def_pc, prod_b = false, z = cs_slot(c, c->nvs + 2);
        if (cs_f64_load_at(c, c->last_def_pc, c->ncode, t, d, m, &xoff)) {
            ld = c->last_def_pc;
        } else {
            xn = c->ncode - c->last_def_pc;
            for (uint32_t i = 0; i < xn; i++)
                x[i] = w[i];
            x[1] = z;
            if (c->max_slot < z)
                c->max_slot = z; /* z is used: nslots = max_slot + 1 */
        }
    } else {
        return true;
    }
    uint32_t m1 = c->code[mpc + 2], m2 = c->code[mpc + 3], fop;
    if (iop == IOP_F64_ADD)
        fop = IOP_F64_MULADD;
    else
        fop = prod_b ? IOP_F64_SUBMUL : IOP_F64_MULSUB;
    c->last_def_end = CS_NO_DEF;
    *done = true;
    if (ld != CS_NO_DEF)
        return cs_f64_mul_load(c, fop, ld, mpc, xpc, moff, m, xoff, pc);
    cs_unemit(c, mpc);
    if (xn) { /* the other operand's instruction first, with its map entry */
        if (c->nmap && c->map[c->nmap - 1].pc == mpc)
            c->map[c->nmap - 1].off = xoff;
        for (uint32_t i = 0; i < xn; i++)
            if (!cs_emit(c, x[i]))
                return false;
    }
    *pc = c->ncode;
    return cs_mark(c) && cs_emit(c, fop) && cs_emit4(c, d, m1, m2, z);
}

/* f64.add/sub/mul/div of la and lb (popped) where lb is the stack temp an
 * f64 load, the last instruction, just wrote: one F64_*_M op in its place,
 * with its map entry (only the load traps).
 * Precondition: cs_last_wrote(lb) by an f64 load, lb its own slot (a temp)
 * and not la: the load runs where it ran, la is read after it as before. */
static bool cs_f64_mem_fused(cs_t *c, uint32_t iop, uint32_t la, uint32_t lb, uint32_t *pc,
                             bool *done)
{
    uint32_t m[3], loff;
    *done = false;
    if (!cs_last_wrote(c, lb) || lb != cs_slot(c, c->nvs + 1) || la == lb ||
        !cs_f64_load_at(c, c->last_def_pc, c->ncode, lb, CS_NO_DEF, m, &loff))
        return true;
    *pc = c->last_def_pc;
    cs_unemit(c, *pc);
    c->last_def_end = CS_NO_DEF;
    *done = true;
    return cs_emit4(c, iop - IOP_F64_ADD + IOP_F64_ADD_M, cs_top(c, 0), la, m[0]) &&
           cs_emit2(c, m[1], m[2]);
}

bool cs_numeric(cs_t *c, uint32_t iop, uint8_t a, uint8_t b, uint8_t r)
{
    uint32_t la, lb = 0, pc = c->ncode;
    uint64_t k;
    if (b && !cs_popl(c, b, NULL, &lb))
        return false;
    uint32_t iiop = b && iop < IOP_SAT_BASE ? cs_imm_form(c, iop, lb, &k) : 0;
    if (iiop) {
        /* `x; const k; op` -> `op_i d x k`: the constant is dropped, and
         * with it its place in the def chain. */
        pc = c->last_def_pc;
        cs_unemit(c, pc);
        c->last_def_pc = c->prev_def_pc;
        c->last_def_end = c->prev_def_end;
        if (!cs_popl(c, a, NULL, &la))
            return false;
        if (!cs_emit4(c, iiop, cs_top(c, 0), la, (uint32_t)k))
            return false;
        if (iiop >= IOP_I64_I && !cs_emit(c, (uint32_t)(k >> 32)))
            return false;
        cs_def(c, pc);
        return cs_push(c, r);
    }
    if (!cs_popl(c, a, NULL, &la))
        return false;
    uint32_t d = cs_top(c, 0);
    bool fused = false;
    if ((iop == IOP_I32_ADD || (iop >= IOP_I32_AND && iop <= IOP_I32_XOR)) &&
        !cs_imm_pair(c, iop, la, lb, &pc, &fused))
        return false;
    if ((iop == IOP_F64_ADD || iop == IOP_F64_SUB) &&
        !cs_f64_mul_fused(c, iop, la, lb, &pc, &fused))
        return false;
    if (!fused && iop >= IOP_F64_ADD && iop <= IOP_F64_DIV &&
        !cs_f64_mem_fused(c, iop, la, lb, &pc, &fused))
        return false;
    if (!fused && (b ? !cs_emit4(c, iop, d, la, lb) : !cs_emit3(c, iop, d, la)))
        return false;
    cs_def(c, pc);
    return cs_push(c, r);
}

/* ---- 0xfc prefix ---- */

bool cs_prefixed(cs_t *c)
{
    uint32_t sub, x, y;
    if (!jwr_u32(c->r, &sub))
        return false;
    const jw_wop_t *w = jw__wop_fc_row(sub);
    if (!w)
        return cs_fail(c, JW_ERR_MALFORMED, "illegal opcode");
    if (w->cls == WC_NUM)
        return cs_numeric(c, w->iop, w->a, w->b, w->r);
    if (!cs_flush(c))
        return false; /* the bulk ops read consecutive slots */
    switch (sub) {
    case WOP_FC_MEMORY_INIT:
        if (!cs_data(c, &x) || !cs_zero_byte(c) || !cs_need_mem(c) || !cs_pop_i32s(c, 3))
            return false;
        return cs_emit3(c, IOP_MEMORY_INIT, x, cs_top(c, 0));
    case WOP_FC_DATA_DROP:
        if (!cs_data(c, &x))
            return false;
        return cs_emit2(c, IOP_DATA_DROP, x);
    case WOP_FC_MEMORY_COPY:
        if (!cs_zero_byte(c) || !cs_zero_byte(c) || !cs_need_mem(c) || !cs_pop_i32s(c, 3))
            return false;
        return cs_emit2(c, IOP_MEMORY_COPY, cs_top(c, 0));
    case WOP_FC_MEMORY_FILL:
        if (!cs_zero_byte(c) || !cs_need_mem(c) || !cs_pop_i32s(c, 3))
            return false;
        return cs_emit2(c, IOP_MEMORY_FILL, cs_top(c, 0));
    case WOP_FC_TABLE_INIT: /* table.init elem table */
        if (!cs_elem(c, &y) || !cs_table(c, &x))
            return false;
        if (c->m->elems[y].type != c->m->tables[x].elem)
            return cs_invalid(c, "type mismatch");
        if (!cs_pop_i32s(c, 3))
            return false;
        return cs_emit4(c, IOP_TABLE_INIT, x, y, cs_top(c, 0));
    case WOP_FC_ELEM_DROP:
        if (!cs_elem(c, &x))
            return false;
        return cs_emit2(c, IOP_ELEM_DROP, x);
    case WOP_FC_TABLE_COPY: /* table.copy dst src */
        if (!cs_table(c, &x) || !cs_table(c, &y))
            return false;
        if (c->m->tables[x].elem != c->m->tables[y].elem)
            return cs_invalid(c, "type mismatch");
        if (!cs_pop_i32s(c, 3))
            return false;
        return cs_emit4(c, IOP_TABLE_COPY, x, y, cs_top(c, 0));
    case WOP_FC_TABLE_GROW: /* table.grow: ref n -> i32 */
        if (!cs_table(c, &x) || !cs_pop(c, JW_I32, NULL))
            return false;
        if (!cs_pop(c, c->m->tables[x].elem, NULL))
            return false;
        return cs_emit3(c, IOP_TABLE_GROW, x, cs_top(c, 0)) && cs_push(c, JW_I32);
    case WOP_FC_TABLE_SIZE:
        if (!cs_table(c, &x))
            return false;
        return cs_emit3(c, IOP_TABLE_SIZE, cs_top(c, 0), x) && cs_push(c, JW_I32);
    case WOP_FC_TABLE_FILL: /* table.fill: i ref n */
        if (!cs_table(c, &x) || !cs_pop(c, JW_I32, NULL))
            return false;
        if (!cs_pop(c, c->m->tables[x].elem, NULL) || !cs_pop(c, JW_I32, NULL))
            return false;
        return cs_emit3(c, IOP_TABLE_FILL, x, cs_top(c, 0));
    }
    return cs_fail(c, JW_ERR_MALFORMED, "illegal opcode");
}
