/* SPDX-License-Identifier: MIT */
/* wasm_ops.c: the tables of wasm's opcodes, from wasm_ops.def, and their names. */
#include "wasm_ops.h"
#include "jwasm.h"
#include "ops.h"
#include "simd.h"

_Static_assert(WT_I32 == JW_I32 && WT_I64 == JW_I64 && WT_F32 == JW_F32 && WT_F64 == JW_F64,
               "wasm_ops.h's type codes are jw_valtype_t's");

/* The internal op of a row: by name for the classes the table compiles. */
#define WIOP_NUM(NAME)   IOP_##NAME
#define WIOP_LOAD(NAME)  IOP_##NAME
#define WIOP_STORE(NAME) IOP_##NAME
#define WIOP_LOCAL(NAME) 0
#define WIOP_CONST(NAME) 0
#define WIOP_REF(NAME)   0
#define WIOP_CTRL(NAME)  0
#define WIOP_BULK(NAME)  0
#define WIOP_FC(NAME)    0
#define WIOP_FD(NAME)    0

/* The loop-constant scan's step for each kind of immediate (WS_*). */
#define WSCAN_NONE     WS_NONE
#define WSCAN_BLOCK    WS_SKIM
#define WSCAN_END      WS_SKIM
#define WSCAN_IDX      WS_LEB
#define WSCAN_IDX2     WS_LEB2
#define WSCAN_BR_TABLE WS_SKIM
#define WSCAN_SELECT_T WS_SKIM
#define WSCAN_MEM8     WS_LEB2
#define WSCAN_MEM16    WS_LEB2
#define WSCAN_MEM32    WS_LEB2
#define WSCAN_MEM64    WS_LEB2
#define WSCAN_I32      WS_LEB
#define WSCAN_I64      WS_LEB
#define WSCAN_F32      WS_KONST
#define WSCAN_F64      WS_KONST
#define WSCAN_ZERO     WS_SKIM
#define WSCAN_ZERO2    WS_SKIM
#define WSCAN_IDX_ZERO WS_SKIM
#define WSCAN_REFTYPE  WS_SKIM
#define WSCAN_PREFIX   WS_SKIM

#define WROW(NAME, text, imm, cls, a, b, r)                                                        \
    { text, WIOP_##cls(NAME), WI_##imm, WC_##cls, WT_##a, WT_##b, WT_##r }

const jw_wop_t jw__wop[256] = {
#define OP(code, NAME, text, imm, cls, a, b, r) [code] = WROW(NAME, text, imm, cls, a, b, r),
#include "wasm_ops.def"
};

/* Unlisted opcodes are WS_SKIM: the skim refuses them. The rows override
 * that default (on purpose: hence the pragma). */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Winitializer-overrides"
const uint8_t jw__wop_scan[256] = {
    [0 ... 255] = WS_SKIM,
#define OP(code, NAME, text, imm, cls, a, b, r) [code] = WSCAN_##imm,
#include "wasm_ops.def"
};
#pragma clang diagnostic pop

const jw_wop_t jw__wop_fc[WOP_FC_COUNT] = {
#define FC(sub, NAME, text, imm, cls, a, b, r) [sub] = WROW(NAME, text, imm, cls, a, b, r),
#include "wasm_ops.def"
};

const jw_vop_t jw__wop_fd[WOP_FD_COUNT] = {
#define FD(sub, text, imm, cls, arg, scalar) [sub] = { text, WI_##imm, JV_##cls, arg, WT_##scalar },
#include "wasm_ops.def"
};

const char *jw__wasm_op_name(uint32_t prefix, uint32_t op)
{
    if (prefix == 0)
        return op < 256 ? jw__wop[op].name : 0;
    if (prefix == 0xfc)
        return op < WOP_FC_COUNT ? jw__wop_fc[op].name : 0;
    if (prefix == 0xfd)
        return op < WOP_FD_COUNT ? jw__wop_fd[op].name : 0;
    return 0;
}
