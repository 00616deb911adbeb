/* SPDX-License-Identifier: MIT */
/* ops.h: the internal code: opcodes (from ops.def), their operand layout, and the code walker/disassembler (ops.c). */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
/*
 * A function's internal code is an array of 32-bit words: an opcode word
 * followed by its operands, as ops.def declares them. Operands are frame-slot
 * indices (each slot holds one value in 8 bytes; slots [0, nlocals) are the
 * locals, then come the return link (JW_LINK_SLOTS, written by the call) and
 * the loop constants (CONSTS), then the operand stack, its height known
 * statically at every instruction; a v128 takes two consecutive slots, named
 * by the first), code indices (a branch target t is relative to the word
 * holding it: the target is &t + (int32_t)t) or immediates.
 */
enum {
#define X(name, handler, operands) IOP_##name,
#include "ops.def"
#undef X
    IOP_COUNT
};

/* The first of each family the compiler reaches by offset (ops.def's order). */
enum {
    IOP_BR_LAST_LOOP = IOP_BR_GE_U_I_LOOP, /* BR_EQ_LOOP .. : BR_EQ .. BR_GE_U_I's loop forms */
    IOP_BR64_LAST = IOP_BR64_GE_U_I_LOOP,
    IOP_I64_I = IOP_I64_ADD_I, /* + (wasm op - 0x7c) */
    IOP_I64_I_LAST = IOP_I64_ROTR_I,
    IOP_NUM_BASE = IOP_I32_EQZ, /* + (wasm op - i32.eqz), through i64.extend32_s */
    IOP_SAT_BASE = IOP_I32_TRUNC_SAT_F32_S, /* + 0xfc sub-opcode 0..7 */
    IOP_V_FAST = IOP_V_AND, /* + jv_fast_bin(op) */
};

/* ---- ops.c: the table's views ---- */

/* The opcode's name ("i32_add", "ld32_ai"), or NULL past IOP_COUNT. */
const char *jw__op_name(uint32_t op);
/* Its operand kinds, one character per operand word (ops.def). */
const char *jw__op_operands(uint32_t op);
/* Words of the instruction at code[pc] (opcode included) in code[0, len),
 * or 0 if it is not a valid instruction there (unknown opcode, or it runs
 * past len). */
uint32_t jw__op_len(const uint32_t *code, uint32_t len, uint32_t pc);
/* Is code[0, len) a sequence of whole instructions whose branch targets
 * are instruction starts, and does every pcmap entry (n, ascending pcs)
 * start an instruction? The check of every emitter against ops.def (run on
 * every function the sanitizer build compiles, JW_CHECK_CODE). `starts` is
 * scratch of len bytes. */
struct jwm_pcmap;
bool jw__code_check(const uint32_t *code, uint32_t len, const struct jwm_pcmap *map, uint32_t n,
                    uint8_t *starts);
/* Writes instruction code[pc] as text ("12: i32_add d5 s3 s4" with targets
 * as absolute pcs) into buf (cap bytes, NUL-terminated, truncated if need
 * be); returns its length in words (0: invalid, see jw__op_len). */
uint32_t jw__op_format(const uint32_t *code, uint32_t len, uint32_t pc, char *buf, size_t cap);
