/* SPDX-License-Identifier: MIT */
/* wasm_ops.h: wasm's opcodes as tables (from wasm_ops.def): names, immediates, classes, signatures. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * wasm_ops.def is the one definition of the wasm instructions the engine
 * accepts. What used to restate it by hex number is read from these tables:
 * the compiler's per-instruction dispatch (by class), the numeric
 * signatures, the loads' and stores' types and alignments, the skim's and the
 * loop-constant scan's immediates, SIMD's classes and the names.
 */

/* The immediates after an opcode (the `imm` column). */
enum {
    WI_ILLEGAL, /* not an opcode (every row has another kind) */
    WI_NONE,
    WI_BLOCK, /* a block type; opens a block */
    WI_END, /* none; closes a block */
    WI_IDX, /* one u32 (an index or label) */
    WI_IDX2, /* two u32s */
    WI_BR_TABLE, /* a u32 count n, then n + 1 labels */
    WI_SELECT_T, /* a vector of value types */
    WI_MEM8,
    WI_MEM16,
    WI_MEM32,
    WI_MEM64, /* a memarg; natural alignment 2^(k - WI_MEM8) */
    WI_I32,
    WI_I64, /* a signed LEB128 constant */
    WI_F32,
    WI_F64, /* 4 or 8 bytes */
    WI_ZERO, /* one zero byte (a reserved memory index) */
    WI_ZERO2, /* two */
    WI_IDX_ZERO, /* a u32 and a zero byte (memory.init) */
    WI_REFTYPE, /* a reference type byte */
    WI_PREFIX, /* a LEB128 sub-opcode, then that instruction's (0xfc, 0xfd) */
    WI_MEMARG, /* 0xfd: a memarg (the class's arg is its natural alignment) */
    WI_MEMARG_LANE, /* 0xfd: a memarg and a lane byte */
    WI_V128, /* 0xfd: 16 bytes */
    WI_LANE, /* 0xfd: a lane byte */
};

/* How the compiler takes a one-byte or 0xfc instruction (the `class` column). */
enum {
    WC_ILLEGAL,
    WC_NUM,
    WC_LOAD,
    WC_STORE,
    WC_LOCAL,
    WC_CONST,
    WC_REF,
    WC_CTRL,
    WC_BULK,
    WC_FC,
    WC_FD
};

/* How cs_scan_konsts walks an instruction (derived from imm): skip 1 byte,
 * 1 byte + one LEB128, 1 byte + two, record a float constant, or go through
 * the skim (blocks, br_table, prefixes, anything unusual: also illegal
 * opcodes, which the skim refuses). In this order: the scan tests k <= 2. */
enum { WS_NONE, WS_LEB, WS_LEB2, WS_KONST, WS_SKIM };

/* The `a, b, r` and `scalar` columns: jw_valtype_t values; `_` is none. */
#define WT__   0
#define WT_I32 0x7f /* JW_I32 .. JW_F64 */
#define WT_I64 0x7e
#define WT_F32 0x7d
#define WT_F64 0x7c

/* A one-byte or 0xfc opcode. */
typedef struct jw_wop {
    const char *name; /* text format; NULL: illegal */
    uint16_t iop; /* NUM, LOAD, STORE: the internal op (IOP_NAME) */
    uint8_t imm, cls;
    uint8_t a, b, r; /* NUM: operands, result; LOAD: address, -, result; STORE: address, value */
} jw_wop_t;

/* A 0xfd sub-opcode. */
typedef struct jw_vop {
    const char *name; /* NULL: illegal */
    uint8_t imm, cls, arg, scalar; /* cls: JV_* (simd.h); arg, scalar: see wasm_ops.def */
} jw_vop_t;

/* Opcode names for the hand-written cases: WOP_BLOCK, WOP_FC_MEMORY_INIT. */
enum {
#define OP(code, NAME, text, imm, cls, a, b, r) WOP_##NAME = code,
#define FC(sub, NAME, text, imm, cls, a, b, r)  WOP_FC_##NAME = sub,
#include "wasm_ops.def"
    WOP_FC_COUNT = WOP_FC_TABLE_FILL + 1,
    WOP_FD_COUNT = 256, /* sub-opcodes 0..255 (none above) */
};

/* Indexed by opcode, sub-opcode: all-zero rows are illegal. */
extern const jw_wop_t jw__wop[256];
/* The loop-constant scan's step (WS_*) by opcode: a byte each, as the scan
 * runs over every instruction of a function with float locals. */
extern const uint8_t jw__wop_scan[256];
extern const jw_wop_t jw__wop_fc[WOP_FC_COUNT];
extern const jw_vop_t jw__wop_fd[WOP_FD_COUNT];

/* The row of 0xfc sub-opcode `sub`, or NULL if illegal. */
static inline const jw_wop_t *jw__wop_fc_row(uint32_t sub)
{
    return sub < WOP_FC_COUNT ? &jw__wop_fc[sub] : NULL;
}
/* The row of 0xfd sub-opcode `sub`, or NULL if illegal. */
static inline const jw_vop_t *jw__wop_fd_row(uint32_t sub)
{
    return sub < WOP_FD_COUNT && jw__wop_fd[sub].name ? &jw__wop_fd[sub] : NULL;
}

/* The text-format name of opcode `op` (prefix 0, or 0xfc/0xfd and the
 * sub-opcode `op`), or NULL if the engine does not know it. */
const char *jw__wasm_op_name(uint32_t prefix, uint32_t op);
