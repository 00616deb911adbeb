/* SPDX-License-Identifier: MIT */
/* compile.h: the compiler's state and the helpers its parts share (compile*.c; internal). */
#pragma once
#include "internal.h"
#include "ops.h"
#include "wasm_ops.h"

/*
 * The compiler is one pass per function body (compile.c drives it, and
 * holds the locals with the pending operands); each other family of
 * instructions is a unit of its own: compile_ctrl.c (blocks, branches),
 * compile_mem.c (memory, calls), compile_num.c (numeric ops and their
 * fusions), compile_simd.c (0xfd), compile_skim.c (the syntax-only skim).
 * The helpers run for nearly every instruction are here, `static inline`
 * and forced inline (CS_HOT), so that the split into units costs no
 * translation speed (a call per instruction is ~1% of it); their rare
 * paths are out of line in compile.c.
 */

/* Operands are "pending" when `local.get` did not copy: the operand's value
 * is still read from the local's slot. At most this many at a time; all are
 * materialized (copied to their stack slots) at control instructions and
 * calls, and those of local x before x is written. */
#define CS_MAX_PENDING 8
/* At most this many loop constants per function get frame slots (cs_konst). */
#define CS_MAX_KONST 16
#define CS_NO_DEF    UINT32_MAX

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
    uint32_t chain;     /* forward branches to patch at end (a loop: branches
                         * to its stub): word index + 1 */
    uint32_t else_site; /* if: word to patch with the else start (index + 1) */
} cframe_t;

/* A loop's fuel-charging stub to emit at the function's end (cs_emit_stubs). */
typedef struct cstub {
    uint32_t chain, loop_pc;
} cstub_t;

/* A module's compiler: per-function state, then the buffers every function
 * of the module reuses (they grow to the largest one's needs). */
typedef struct cs {
    /* ---- per function: zeroed before each (jw__compile_func) ---- */
    jwm_func_t *f;
    /* The body's reader, held here (an array: `c->r` stays a pointer)
     * so that reaching it is not a load: every instruction starts there. */
    jwr_t r[1];
    uint32_t nlocals;
    uint32_t nres;      /* the function's result count */
    /* Of the top frame, cached for the per-instruction paths: */
    bool live;          /* emitting: the frame is neither unreachable nor dead */
    uint32_t fh;        /* its height */
    uint32_t nvs, max_slot;             /* operand stack height, highest slot */
    uint32_t pend[CS_MAX_PENDING];      /* positions whose vloc is a local */
    uint32_t npend;
    uint32_t last_def_pc, last_def_end; /* producer of the top value, if last */
    uint32_t prev_def_pc, prev_def_end; /* the producer before it */
    uint32_t prev2_def_pc, prev2_def_end; /* and the one before that */
    uint32_t copy_pc, copy_end;         /* what local.set last wrote, if last (cs_copy_local) */
    uint32_t ncf, ncode, nmap, nstub;
    uint32_t map_pc;    /* pc of the last pcmap entry + 1, or 0 */
    /* Loop constants (cs_scan_konsts): their bits, and the slot of kval[0]. */
    uint64_t kval[CS_MAX_KONST];
    uint32_t nk, kslot;
    size_t op_off; /* offset of the instruction being compiled */
    const uint8_t *code_start; /* first instruction of the body */
    /* ---- per module ---- */
    jw_module_t *m;
    const jw_allocator_t *a;
    jw_valtype_t *locals;
    uint32_t cap_locals;
    uint32_t *lslot;
    uint32_t cap_lslot; /* frame slot of each local; [nlocals] = all */
    /* The operand stack: vs, sbase and vloc have room for cap_vs entries.
     * sbase: own slot of each position (a v128 takes two slots, so
     * sbase[h + 1] = sbase[h] + width; valid for h <= nvs + 1); vloc: the
     * slot holding each operand's value. */
    ct_t *vs;
    uint32_t *sbase, *vloc;
    uint32_t cap_vs;
    cframe_t *cf;
    uint32_t cap_cf;
    cstub_t *stub;
    uint32_t cap_stub;
    /* Type index of each function: calls look it up at random, and 4
     * bytes a function stay cached where m->funcs (56) did not. */
    uint32_t *ftype;
    uint32_t *code;
    uint32_t cap_code;
    jwm_pcmap_t *map;
    uint32_t cap_map;
} cs_t;

/* ---- compile.c: errors, emission and the type stack (rare paths) ---- */

bool cs_fail(cs_t *c, jw_error_kind_t k, const char *msg);
bool cs_invalid(cs_t *c, const char *msg);
bool cs_nomem(cs_t *c);
/* Room for n more code words. */
bool cs_grow_code(cs_t *c, uint32_t n);
/* A new pcmap entry at the current pc. */
bool cs_mark_new(cs_t *c);
/* Room for `need` operand-stack entries (sbase: need + 2). */
bool cs_reserve_stack(cs_t *c, uint32_t need);
/* cs_popl at the frame's base: a type error unless the rest of the block
 * is unreachable (then the value is of any type). */
bool cs_pop_base(cs_t *c, ct_t expect, ct_t *got, uint32_t *loc);
/* cs_flush's rare path: operands are pending. */
bool cs_flush_pending(cs_t *c);
/* Pops/pushes values of types ts[0..n) (block params and results, calls). */
bool cs_pop_n(cs_t *c, uint32_t n, const jw_valtype_t *ts);
bool cs_push_n(cs_t *c, uint32_t n, const jw_valtype_t *ts);
/* Marks the rest of the block unreachable: drop its operands. */
void cs_set_unreachable(cs_t *c);

/* The helpers run for nearly every instruction: forced inline (the calls
 * and reloads around them were a third of translation time), their rare
 * paths out of line. */
#define CS_HOT static inline __attribute__((always_inline))

CS_HOT bool cs_live(const cs_t *c) { return c->live; }
CS_HOT bool cs_emit(cs_t *c, uint32_t w)
{
    if (!cs_live(c))
        return true;
    if (c->ncode >= c->cap_code && !cs_grow_code(c, 1))
        return false;
    c->code[c->ncode++] = w;
    return true;
}

CS_HOT bool cs_emit2(cs_t *c, uint32_t a, uint32_t b) { return cs_emit(c, a) && cs_emit(c, b); }
CS_HOT bool cs_emit3(cs_t *c, uint32_t a, uint32_t b, uint32_t d)
{
    if (!cs_live(c))
        return true;
    if (c->cap_code - c->ncode < 3 && !cs_grow_code(c, 3))
        return false;
    uint32_t *w = c->code + c->ncode;
    w[0] = a, w[1] = b, w[2] = d;
    c->ncode += 3;
    return true;
}
CS_HOT bool cs_emit4(cs_t *c, uint32_t a, uint32_t b, uint32_t d, uint32_t e)
{
    if (!cs_live(c))
        return true;
    if (c->cap_code - c->ncode < 4 && !cs_grow_code(c, 4))
        return false;
    uint32_t *w = c->code + c->ncode;
    w[0] = a, w[1] = b, w[2] = d, w[3] = e;
    c->ncode += 4;
    return true;
}

/* Records that code from here on comes from the current instruction. */
CS_HOT bool cs_mark(cs_t *c)
{
    if (!cs_live(c))
        return true;
    if (c->map_pc == c->ncode + 1) {
        c->map[c->nmap - 1].off = (uint32_t)c->op_off;
        return true;
    }
    return cs_mark_new(c);
}

/* Slot of operand-stack position `h`. */
CS_HOT uint32_t cs_slot(const cs_t *c, uint32_t h) { return c->sbase[h]; }
/* Frame slots a value of type t takes: v128 two, everything else one. */
CS_HOT uint32_t cs_width(ct_t t) { return t == JW_V128 ? 2 : 1; }
/* The copy instruction for a value of type t. */
CS_HOT uint32_t cs_copy_op(ct_t t) { return t == JW_V128 ? IOP_COPY128 : IOP_COPY; }
CS_HOT uint32_t cs_top(const cs_t *c, uint32_t k) { return cs_slot(c, c->nvs - k); }

/* Pushes a value held in slot `loc` (its own stack slot unless pending). */
CS_HOT bool cs_push_at(cs_t *c, ct_t t, uint32_t loc)
{
    uint32_t h = c->nvs, next = c->sbase[h] + cs_width(t);
    if (next >= JW_MAX_FUNC_SLOTS)
        return cs_fail(c, JW_ERR_LIMIT, "function operand stack too large");
    if (h >= c->cap_vs && !cs_reserve_stack(c, h + 1))
        return false;
    uint32_t *sb = c->sbase;
    if (loc != sb[h])
        c->pend[c->npend++] = h;
    c->vloc[h] = loc;
    c->vs[h] = t;
    sb[h + 1] = next;
    sb[h + 2] = next + 1; /* read by the compare fusion (cs_cond) */
    c->nvs = h + 1;
    if (next > c->max_slot)
        c->max_slot = next;
    return true;
}

CS_HOT bool cs_push(cs_t *c, ct_t t) { return cs_push_at(c, t, cs_slot(c, c->nvs)); }

/* Forgets pending entries at positions >= h (the stack was cut to h). */
CS_HOT void cs_cut_pending(cs_t *c, uint32_t h)
{
    while (c->npend && c->pend[c->npend - 1] >= h)
        c->npend--;
}

/* Pops a value of type `expect`; *loc (optional) is the slot holding it. */
CS_HOT bool cs_popl(cs_t *c, ct_t expect, ct_t *got, uint32_t *loc)
{
    uint32_t h = c->nvs;
    if (h == c->fh)
        return cs_pop_base(c, expect, got, loc);
    ct_t t = c->vs[--h];
    c->nvs = h;
    cs_cut_pending(c, h);
    if (expect != CT_ANY && t != CT_ANY && t != expect)
        return cs_invalid(c, "type mismatch");
    if (got)
        *got = t == CT_ANY ? expect : t;
    if (loc)
        *loc = c->vloc[h];
    return true;
}

CS_HOT bool cs_pop(cs_t *c, ct_t expect, ct_t *got) { return cs_popl(c, expect, got, NULL); }

/* Every operand into its own slot: before control flow and calls. Also
 * ends the local.set retarget and copy joins (no fusion across a label). */
CS_HOT bool cs_flush(cs_t *c)
{
    if (c->npend)
        return cs_flush_pending(c);
    c->last_def_end = c->copy_end = CS_NO_DEF;
    return true;
}

/* Recaches `live` and `fh` after the top frame changed. */
CS_HOT void cs_relive(cs_t *c)
{
    const cframe_t *fr = &c->cf[c->ncf - 1];
    c->live = !fr->unreachable && !fr->dead;
    c->fh = fr->height;
}

/* Records that the instruction just emitted at `pc` wrote the top value
 * (its operand 1) and may be retargeted by a following local.set. */
CS_HOT void cs_def(cs_t *c, uint32_t pc)
{
    c->prev2_def_pc = c->prev_def_pc;
    c->prev2_def_end = c->prev_def_end;
    c->prev_def_pc = c->last_def_pc;
    c->prev_def_end = c->last_def_end;
    c->last_def_pc = pc;
    c->last_def_end = cs_live(c) ? c->ncode : CS_NO_DEF;
}

/* Forgets the def chain: after a stack change that emits nothing (drop),
 * the last instruction no longer produced the top value, and the chain's
 * order no longer matches the stack's. */
CS_HOT void cs_forget_defs(cs_t *c)
{
    c->last_def_end = c->prev_def_end = c->prev2_def_end = CS_NO_DEF;
}

/*
 * Fusions take back instructions already emitted and emit one that does
 * their work and the current instruction's. Each states its precondition
 * where it is made; they all start from this one: the last instruction
 * recorded by cs_def is still the last code emitted (nothing was emitted
 * after it, so nothing has read or written its operands since) and wrote
 * slot `loc` (its operand 1). The caller adds that `loc` is the own stack
 * slot of an operand it just popped: a temp that nothing else will read,
 * so the taken-back result need not exist.
 */
CS_HOT bool cs_last_wrote(const cs_t *c, uint32_t loc)
{
    return cs_live(c) && c->last_def_end == c->ncode && c->code[c->last_def_pc + 1] == loc;
}

/* cs_last_wrote, for the operand popped last (the top one, its own slot). */
CS_HOT bool cs_last_def_is(const cs_t *c, uint32_t loc)
{
    return cs_last_wrote(c, loc) && loc == cs_slot(c, c->nvs);
}

/* Drops the code from `pc` on (an instruction being folded into the next). */
static inline void cs_unemit(cs_t *c, uint32_t pc)
{
    c->ncode = pc;
    while (c->nmap && c->map[c->nmap - 1].pc > pc)
        c->nmap--;
    c->map_pc = c->nmap ? c->map[c->nmap - 1].pc + 1 : 0;
}

/* Is the value in slot `loc` (its own stack slot) the i32.const emitted
 * just before `end`? Then *imm is its value. */
static inline bool cs_const_before(const cs_t *c, uint32_t loc, uint32_t def_pc, uint32_t def_end,
                                   uint32_t end, uint32_t *imm)
{
    if (def_end != end || def_end == CS_NO_DEF)
        return false;
    if (c->code[def_pc] != IOP_CONST32 || c->code[def_pc + 1] != loc)
        return false;
    *imm = c->code[def_pc + 2];
    return true;
}

/* The same for an i64.const: *imm is its 64-bit value. */
static inline bool cs_const64_before(const cs_t *c, uint32_t loc, uint32_t def_pc, uint32_t def_end,
                                     uint32_t end, uint64_t *imm)
{
    if (def_end != end || def_end == CS_NO_DEF)
        return false;
    if (c->code[def_pc] != IOP_CONST64 || c->code[def_pc + 1] != loc)
        return false;
    *imm = (uint64_t)c->code[def_pc + 2] | (uint64_t)c->code[def_pc + 3] << 32;
    return true;
}

/* Drops the pcmap entry at `pc` if it is the last one: the code from pc
 * was joined into the instruction before it (COPY2, ADD_I2, ADD_BR_*_LOOP),
 * so pc is no longer an instruction start. Traps and fuel stops report an
 * instruction's start, so no report changes. */
static inline void cs_unmark(cs_t *c, uint32_t pc)
{
    if (c->nmap && c->map[c->nmap - 1].pc == pc) {
        c->nmap--;
        c->map_pc = c->nmap ? c->map[c->nmap - 1].pc + 1 : 0;
    }
}

static inline bool cs_is_ref(ct_t t) { return t == JW_FUNCREF || t == JW_EXTERNREF; }

/* ---- the parts: each instruction family's entry points ---- */

/* compile_ctrl.c: control frames, blocks and branches. */
bool cs_push_frame(cs_t *c, uint8_t kind, const cbt_t *bt);
bool cs_block(cs_t *c, uint8_t kind);
bool cs_else(cs_t *c);
/* `end`: true with *done set when the function body is complete. */
bool cs_end(cs_t *c, bool *done);
bool cs_br(cs_t *c);
bool cs_br_if(cs_t *c);
bool cs_br_table(cs_t *c);
/* The return of the function's results from the stack top. */
bool cs_return_code(cs_t *c);

/* compile_mem.c: memory, tables, globals, calls, select. */
bool cs_need_mem(cs_t *c);
bool cs_zero_byte(cs_t *c);
bool cs_table(cs_t *c, uint32_t *t);
bool cs_elem(cs_t *c, uint32_t *e);
bool cs_data(cs_t *c, uint32_t *d);
bool cs_pop_i32s(cs_t *c, uint32_t n);
/* A memarg whose alignment must not exceed 2^natural_log2. */
bool cs_memarg(cs_t *c, uint32_t natural_log2, uint32_t *offset);
bool cs_load(cs_t *c, uint8_t op);
bool cs_store(cs_t *c, uint8_t op);
bool cs_call(cs_t *c);
bool cs_call_indirect(cs_t *c);
bool cs_global(cs_t *c, bool set);
bool cs_select(cs_t *c, bool typed);

/* compile_num.c: numeric ops (class NUM, from their row in wasm_ops.def)
 * and the 0xfc prefix. */
/* Internal op iop with operands of types a (and b, unless 0), result r. */
bool cs_numeric(cs_t *c, uint32_t iop, uint8_t a, uint8_t b, uint8_t r);
bool cs_prefixed(cs_t *c);

/* compile_simd.c: the 0xfd prefix. */
bool cs_simd(cs_t *c);

/* compile_skim.c: one instruction's immediates (*depth tracks nesting),
 * and the whole body from `start`: true if well formed (errors to r->err). */
bool sk_instr(jwr_t *r, uint32_t *depth);
bool sk_body(jwr_t *r, const uint8_t *start);
