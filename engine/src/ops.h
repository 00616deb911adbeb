/* SPDX-License-Identifier: MIT */
/* ops.h: the internal code: opcodes and their operand layout. */
#pragma once
/*
 * A function's internal code is an array of 32-bit words: an opcode word
 * followed by its operands. Operands are frame-slot indices (each slot holds
 * one value in 8 bytes; slots [0, nlocals) are the locals, then come the
 * return link (JW_LINK_SLOTS, written by the call) and the loop constants
 * (CONSTS), then the operand stack, its height known statically at every
 * instruction; a v128 takes
 * two consecutive slots, named by the first), code indices
 * (a branch target t is relative to the word holding it: the target is
 * &t + (int32_t)t) or immediates.
 * Notation below: d = destination slot, a/b/c = source slots, t = target.
 */
enum {
    IOP_UNREACHABLE,  /* */
    IOP_BR,           /* t */
    IOP_BR_IF,        /* c t          jump if slot c (i32) != 0 */
    IOP_BR_UNLESS,    /* c t          jump if slot c (i32) == 0 */
    IOP_BR_TABLE,     /* a n t0..tn   n+1 targets, the last is the default */
    IOP_COPY,         /* d a */
    IOP_RETURN,       /* a l          results are slots a.. (function's count); the
                       * return link is at slot l (= nlocals, interp.c in_link) */
    IOP_CALL,         /* f base       args at base.., results written there */
    IOP_CALL_INDIRECT,/* table type base a   a = element index slot */
    IOP_SELECT,       /* d a b c      d = c ? a : b */
    IOP_GLOBAL_GET,   /* d g */
    IOP_GLOBAL_SET,   /* g a */
    IOP_CONST32,      /* d v          zero-extended */
    IOP_CONST64,      /* d lo hi */
    IOP_MEMORY_SIZE,  /* d */
    IOP_MEMORY_GROW,  /* d            in: delta, out: old size or -1 */
    IOP_MEMORY_INIT,  /* seg base     base: dst, src, n */
    IOP_DATA_DROP,    /* seg */
    IOP_MEMORY_COPY,  /* base         base: dst, src, n */
    IOP_MEMORY_FILL,  /* base         base: dst, val, n */
    IOP_TABLE_GET,    /* d table      in: index */
    IOP_TABLE_SET,    /* table base   base: index, ref */
    IOP_TABLE_SIZE,   /* d table */
    IOP_TABLE_GROW,   /* table base   base: ref, n; out base: old or -1 */
    IOP_TABLE_FILL,   /* table base   base: index, ref, n */
    IOP_TABLE_COPY,   /* dtable stable base   base: dst, src, n */
    IOP_TABLE_INIT,   /* table seg base       base: dst, src, n */
    IOP_ELEM_DROP,    /* seg */
    IOP_REF_IS_NULL,  /* d a */
    IOP_REF_FUNC,     /* d f */
    IOP_CALL_LOCAL,   /* f base       CALL of a function the module defines:
                       * wasm code, same instance (no host or instance check) */
    IOP_RETURN1,      /* a l          RETURN of a function with one 1-slot result */
    IOP_EXIT,         /*              the entry frame's return pc: leaves the interpreter */
    IOP_CONSTS,       /* d n lo0 hi0 .. lo(n-1) hi(n-1)   slot d + i = lo_i | hi_i << 32:
                       * a function's loop constants, filled at its entry */
    /* Fused i32 compare + branch: a b t, jump if `a op b` (signed/unsigned). */
    IOP_BR_EQ, IOP_BR_NE, IOP_BR_LT_S, IOP_BR_LT_U, IOP_BR_GT_S, IOP_BR_GT_U,
    IOP_BR_LE_S, IOP_BR_LE_U, IOP_BR_GE_S, IOP_BR_GE_U,
    /* The same with an immediate: a imm t. */
    IOP_BR_EQ_I, IOP_BR_NE_I, IOP_BR_LT_S_I, IOP_BR_LT_U_I, IOP_BR_GT_S_I, IOP_BR_GT_U_I,
    IOP_BR_LE_S_I, IOP_BR_LE_U_I, IOP_BR_GE_S_I, IOP_BR_GE_U_I,
    /* Loop back-edges: BR, BR_IF, BR_UNLESS and the fused branches above, in
     * the same order, that also charge fuel (one unit when taken). A loop's
     * head has no instruction of its own: other branches to a loop (br_table
     * entries, f64 compares) go through a BR_LOOP stub after the function's
     * code, so fuel is charged on every back-edge and calls charge it too. */
    IOP_BR_LOOP, IOP_BR_IF_LOOP, IOP_BR_UNLESS_LOOP,
    IOP_BR_EQ_LOOP,
    IOP_BR_LAST_LOOP = IOP_BR_EQ_LOOP + 19,
    /* i32 ops with an immediate second operand: d a imm (sub is ADD_I of -imm). */
    IOP_ADD_I, IOP_MUL_I, IOP_AND_I, IOP_OR_I, IOP_XOR_I, IOP_SHL_I, IOP_SHR_S_I, IOP_SHR_U_I,
    IOP_ROTL_I, IOP_ROTR_I,
    /* Loads fused with the add that computed their address: d a imm offset,
     * ea = (u32)(a + imm) + offset (AI), and d a b offset, ea = (u32)(a + b)
     * + offset (AA). 32 = i32/f32.load, 64 = i64/f64.load; 8/16 = i32.load8/16. */
    IOP_LD32_AI, IOP_LD64_AI, IOP_LD32_AA, IOP_LD64_AA,
    IOP_LD8S_AI, IOP_LD8U_AI, IOP_LD16S_AI, IOP_LD16U_AI,
    IOP_LD8S_AA, IOP_LD8U_AA, IOP_LD16S_AA, IOP_LD16U_AA,
    /* Scaled index: d a b k, d = a + (b << k) (i32), and the 32/64-bit loads
     * fused with it: d a b k offset, ea = (u32)(a + (b << k)) + offset. */
    IOP_ADD_SHL, IOP_LD32_AS, IOP_LD64_AS,
    /* i32 xor of a rotated/shifted value: d a b k, d = a ^ rotl(b, k), a ^ (b >> k). */
    IOP_XOR_ROTL, IOP_XOR_SHRU,
    /* i32 sum of three slots: d a b c, d = a + b + c. */
    IOP_ADD3,
    /* f64 multiply fused with the add/sub that consumes the product: d a b c,
     * d = a*b + c, a*b - c, c - a*b (two roundings, exactly the pair). */
    IOP_F64_MULADD, IOP_F64_MULSUB, IOP_F64_SUBMUL,
    /* Fused f64 compare + branch: a b t, jump if `a op b`, or (N forms, for
     * `if` and negated br_if; exact with NaN) if !(a op b). No loop
     * variants: a back-edge with one of these goes through the loop's stub. */
    IOP_BR_F64_EQ, IOP_BR_F64_NE, IOP_BR_F64_LT, IOP_BR_F64_GT, IOP_BR_F64_LE, IOP_BR_F64_GE,
    IOP_BR_F64_NLT, IOP_BR_F64_NGT, IOP_BR_F64_NLE, IOP_BR_F64_NGE,
    /* Fused i64 compare + branch, ten of each in IOP_BR_EQ's order: a b t;
     * a imm t (imm sign-extended to 64 bits; i64.eqz is EQ with 0); then
     * the loop back-edge forms of those twenty, as IOP_BR_EQ_LOOP's. */
    IOP_BR64_EQ,
    IOP_BR64_EQ_I = IOP_BR64_EQ + 10,
    IOP_BR64_EQ_LOOP = IOP_BR64_EQ + 20,
    IOP_BR64_LAST = IOP_BR64_EQ + 39,
    /* i64 binary ops with an immediate second operand, in wasm order
     * 0x7c..0x8a (add .. rotr): d a lo hi, the immediate lo | hi << 32.
     * Division and remainder only by an immediate that cannot trap (not 0,
     * not -1 when signed): they do not check. */
    IOP_I64_I,
    IOP_I64_I_LAST = IOP_I64_I + 14,
    /* i32 bit-logic pairs: d a b, d = a & ~b; d a b c, d = a & (b ^ c),
     * a ^ (b & c), a | (b & c) (sha256's choose and majority). */
    IOP_ANDN, IOP_AND_XOR, IOP_XOR_AND, IOP_OR_AND,
    /* Two and three COPYs in one: d1 a1 d2 a2 [d3 a3], done in that order. */
    IOP_COPY2, IOP_COPY3,
    /* i32 sum of two slots and an immediate: d a b imm, d = a + b + imm. */
    IOP_ADD3_I,
    /* Two ADD_Is in one: d1 a1 k1 d2 a2 k2, done in that order. */
    IOP_ADD_I2,
    /* Sums of rotations (sha256's big sigmas): d a k1 k2 [k3], d =
     * rotl(a, k1) ^ rotl(a, k2) [^ rotl(a, k3)]. */
    IOP_SIGMA2, IOP_SIGMA3,
    /* f64 ops with an operand loaded from memory: "m" below is the f64 at
     * (u32)(p + imm) + offset, three words p imm offset (a plain f64.load
     * has imm 0; its sum is not wrapped: imm + offset would be).
     * MULADD/MULSUB/SUBMUL whose c operand is m: d a b p imm offset. */
    IOP_F64_MULADD_L, IOP_F64_MULSUB_L, IOP_F64_SUBMUL_L,
    /* The same stored back where c was loaded from: p offset a b,
     * m = f64 at (u32)p + offset; m = a*b + m, a*b - m, m - a*b (daxpy's
     * c[j] += a * b[j]; two roundings). One bounds check for both. */
    IOP_F64_MULADD_RMW, IOP_F64_MULSUB_RMW, IOP_F64_SUBMUL_RMW,
    /* f64.add/sub/mul/div of slot a and m: d a p imm offset, d = a op m. */
    IOP_F64_ADD_M, IOP_F64_SUB_M, IOP_F64_MUL_M, IOP_F64_DIV_M,
    /* d a q qimm qoff p pimm poff: d = a * mq + mp, mq and mp two m
     * operands, loaded in that order (wasm's: b[j] before c[j]); and the
     * read-modify-write p poff a q qimm qoff: mp = f64 at (u32)p + poff,
     * mp = a * mq + mp (daxpy). Traps report the first load. */
    IOP_F64_MULADD_ML, IOP_F64_AXPY,
    /* Stores of a constant: a imm offset (8/16/32-bit: the low bits of imm)
     * and a lo hi offset (64-bit); the address as in the plain stores. */
    IOP_ST8_K, IOP_ST16_K, IOP_ST32_K, IOP_ST64_K,
    /* A loop's closing step and back-edge, an ADD_I that local.set/tee wrote
     * to d followed by a loop branch on d: d a k imm t, v = a + k, jump to
     * t if `v op imm` (BR_EQ_I_LOOP's ten compares, in its order), and d a
     * k t, jump if v != 0. d = v either way; the fuel of a taken jump is
     * charged before d is written, so jw_resume runs the whole op again. */
    IOP_ADD_BR_EQ_I_LOOP,
    IOP_ADD_BR_IF_LOOP = IOP_ADD_BR_EQ_I_LOOP + 10,
    /* Loads d a offset (wasm 0x28..0x35), stores a b offset (0x36..0x3e). */
    IOP_LOAD_BASE,
    IOP_STORE_BASE = IOP_LOAD_BASE + 14,
    /* Numeric ops, in wasm order 0x45..0xc4: unary d a, binary d a b. */
    IOP_NUM_BASE = IOP_STORE_BASE + 9,
    /* Saturating truncations 0xfc 0..7: d a. */
    IOP_SAT_BASE = IOP_NUM_BASE + 128,
    /* v128 (SIMD): a value takes two consecutive slots, named by the first.
     * op = the wasm 0xfd sub-opcode (simd.c); lane ops carry op | lane << 8. */
    IOP_COPY128 = IOP_SAT_BASE + 8, /* d a */
    IOP_SELECT128,    /* d a b c */
    IOP_GLOBAL_GET128,/* d g */
    IOP_GLOBAL_SET128,/* g a */
    IOP_V_LOAD,       /* d a offset op     all v128.load forms */
    IOP_V_STORE,      /* a v offset */
    IOP_V_LOAD_LANE,  /* d a v offset op|lane */
    IOP_V_STORE_LANE, /* a v offset op|lane */
    IOP_V_SPLAT,      /* d a op            a scalar */
    IOP_V_EXTRACT,    /* d a op|lane       d scalar */
    IOP_V_REPLACE,    /* d a b op|lane     b scalar */
    IOP_V_CONST,      /* d w0 w1 w2 w3 */
    IOP_V_SHUFFLE,    /* d a b w0 w1 w2 w3 */
    IOP_V_UN,         /* d a op */
    IOP_V_TEST,       /* d a op            d i32 */
    IOP_V_BIN,        /* d a b op */
    IOP_V_SHIFT,      /* d a b op          b i32 */
    IOP_V_BITSELECT,  /* d a b c */
    IOP_V_LOAD128,    /* d a offset        v128.load */
    IOP_V_FAST,       /* d a b             JV_NFAST binary ops, see simd.c jv_fast_ops */
    IOP_COUNT = IOP_V_FAST + 24,
};

#define IOP_NUM(wasm_op) (IOP_NUM_BASE + ((wasm_op) - 0x45))
