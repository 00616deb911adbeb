/* SPDX-License-Identifier: MIT */
/* test_opcodes.c: the wasm opcode table (engine/src/wasm_ops.def) against what the engine accepts. */
#include <ctype.h>
#include <string.h>
#include "../../engine/src/ops.h"
#include "../../engine/src/wasm_ops.h"
#include "test.h"
#include "test_alloc.h"
#include "wasm_builder.h"

/*
 * wasm_ops.def is the one list of the instructions the engine knows: every
 * opcode it lists must load (any error but "illegal opcode": the test body
 * is not meant to validate), every other one must be refused as "illegal
 * opcode", the one-byte space, 0xfc sub-opcodes 0..127 and 0xfd 0..511.
 * The spec suites cover what each listed instruction does; this covers the
 * partition, and the promises the compiler's switch makes about the table.
 */

/* Loads a module whose one function's body is `code` (n bytes), 24 zero
 * bytes (any immediates, then unreachable) and `end`; true if the load
 * failed with "illegal opcode". */
static bool illegal(const uint8_t *code, size_t n)
{
    wb_t types = { 0 }, funcs = { 0 }, csec = { 0 }, body = { 0 }, m = { 0 };
    static const uint8_t zeros[24];
    wb_u32(&types, 1), wb_byte(&types, 0x60), wb_u32(&types, 0), wb_u32(&types, 0);
    wb_u32(&funcs, 1), wb_u32(&funcs, 0);
    wb_u32(&body, 0), wb_bytes(&body, code, n), wb_bytes(&body, zeros, sizeof zeros);
    wb_byte(&body, 0x0b);
    wb_u32(&csec, 1), wb_body(&csec, &body);
    wb_header(&m);
    wb_section(&m, WB_SEC_TYPE, &types);
    wb_section(&m, WB_SEC_FUNCTION, &funcs);
    wb_section(&m, WB_SEC_CODE, &csec);
    test_alloc_t ta;
    test_alloc_init(&ta);
    jw_error_t err = { 0 };
    jw_module_t *mod = jw_module_load(&ta.api, m.buf, m.len, &err);
    bool ill = !mod && err.kind == JW_ERR_MALFORMED && strcmp(err.message, "illegal opcode") == 0;
    if (mod)
        jw_module_free(mod);
    wb_free(&types), wb_free(&funcs), wb_free(&csec), wb_free(&body), wb_free(&m);
    return ill;
}

static void test_opcodes_accepted_or_illegal(void)
{
    unsigned listed = 0;
    for (uint32_t op = 0; op < 256; op++) {
        uint8_t code[1] = { (uint8_t)op };
        if (op == WOP_PREFIX_FC || op == WOP_PREFIX_FD)
            continue;
        bool in = jw__wasm_op_name(0, op) != NULL;
        listed += in;
        if (illegal(code, 1) == in)
            test_fail(__FILE__, __LINE__, "opcode 0x%02x", op);
    }
    for (uint32_t sub = 0; sub < 128; sub++) {
        uint8_t code[2] = { WOP_PREFIX_FC, (uint8_t)sub };
        bool in = jw__wasm_op_name(0xfc, sub) != NULL;
        listed += in;
        if (illegal(code, 2) == in)
            test_fail(__FILE__, __LINE__, "opcode 0xfc %u", sub);
    }
    for (uint32_t sub = 0; sub < 512; sub++) {
        uint8_t code[3] = { WOP_PREFIX_FD, (uint8_t)(sub | 0x80), (uint8_t)(sub >> 7) };
        bool in = jw__wasm_op_name(0xfd, sub) != NULL;
        listed += in;
        if (illegal(code, 3) == in)
            test_fail(__FILE__, __LINE__, "opcode 0xfd %u", sub);
    }
    /* 183 one-byte, 18 0xfc and 236 0xfd instructions (WebAssembly 2.0). */
    CHECK_EQ(listed, 183 + 18 + 236);
}

/* A class's opcodes, as compile.c's switch takes them: one range each. */
static void check_range(uint8_t cls, uint32_t lo, uint32_t hi)
{
    for (uint32_t op = 0; op < 256; op++)
        if ((jw__wop[op].cls == cls) != (op >= lo && op <= hi))
            test_fail(__FILE__, __LINE__, "opcode 0x%02x: class %u, range of %u is 0x%02x..0x%02x",
                      op, jw__wop[op].cls, cls, lo, hi);
}

/* The internal op of a row is named after the instruction (ops.def), as is its handler. */
static void check_iop(const jw_wop_t *w)
{
    char want[40];
    size_t n = strlen(w->name);
    if (n >= sizeof want) {
        test_fail(__FILE__, __LINE__, "%s: name too long", w->name);
        return;
    }
    for (size_t i = 0; i <= n; i++) /* i32.add: I32_ADD */
        want[i] = w->name[i] == '.' ? '_' : (char)toupper((unsigned char)w->name[i]);
    const char *got = jw__op_name(w->iop);
    if (!got || strcmp(got, want) != 0)
        test_fail(__FILE__, __LINE__, "%s: internal op %u is %s", w->name, w->iop, got ? got : "?");
}

static void test_opcodes_table(void)
{
    check_range(WC_NUM, WOP_I32_EQZ, WOP_I64_EXTEND32_S);
    check_range(WC_LOAD, WOP_I32_LOAD, WOP_I64_LOAD32_U);
    check_range(WC_STORE, WOP_I32_STORE, WOP_I64_STORE32);
    check_range(WC_LOCAL, WOP_LOCAL_GET, WOP_LOCAL_TEE);
    check_range(WC_CONST, WOP_I32_CONST, WOP_F64_CONST);
    check_range(WC_REF, WOP_REF_NULL, WOP_REF_FUNC);
    check_range(WC_FC, WOP_PREFIX_FC, WOP_PREFIX_FC);
    check_range(WC_FD, WOP_PREFIX_FD, WOP_PREFIX_FD);
    for (uint32_t op = 0; op < 256; op++) {
        const jw_wop_t *w = &jw__wop[op];
        CHECK((w->name != NULL) == (w->cls != WC_ILLEGAL));
        CHECK((w->name != NULL) == (w->imm != WI_ILLEGAL));
        if (w->cls == WC_NUM || w->cls == WC_LOAD || w->cls == WC_STORE)
            check_iop(w);
        /* The compare fusions (compile_ctrl.c) map internal ops back to wasm's. */
        if (w->cls == WC_NUM)
            CHECK_EQ(w->iop, IOP_NUM_BASE + (op - WOP_I32_EQZ));
    }
    for (uint32_t sub = 0; sub < WOP_FC_COUNT; sub++) {
        const jw_wop_t *w = &jw__wop_fc[sub];
        CHECK(w->name != NULL && w->imm != WI_ILLEGAL);
        CHECK(w->cls == WC_NUM || w->cls == WC_BULK);
        if (w->cls == WC_NUM)
            check_iop(w);
    }
    for (uint32_t sub = 0; sub < WOP_FD_COUNT; sub++)
        CHECK((jw__wop_fd[sub].name != NULL) == (jw__wop_fd[sub].imm != WI_ILLEGAL));
    CHECK(strcmp(jw__wasm_op_name(0, WOP_I32_ADD), "i32.add") == 0);
    CHECK(strcmp(jw__wasm_op_name(0xfc, WOP_FC_MEMORY_FILL), "memory.fill") == 0);
    CHECK(strcmp(jw__wasm_op_name(0xfd, 0x0c), "v128.const") == 0);
    CHECK(jw__wasm_op_name(0, 0x27) == NULL && jw__wasm_op_name(0xfd, 0x9a) == NULL);
}

const test_case_t opcode_tests[] = {
    { "opcodes: every listed opcode accepted, every other one illegal",
      test_opcodes_accepted_or_illegal },
    { "opcodes: the table's classes, ranges and internal ops", test_opcodes_table },
};
const size_t opcode_tests_count = sizeof opcode_tests / sizeof opcode_tests[0];
