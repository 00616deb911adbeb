/* SPDX-License-Identifier: MIT */
/* test_decode.c: decoder edge cases the spec tests do not reach. */
#include <stdlib.h>
#include <string.h>
#include "test.h"
#include "test_alloc.h"
#include "wasm_builder.h"

/* Loads `b` with a fresh counting allocator; the module (if any) is freed
 * and the allocator must end with nothing outstanding. */
static bool load_expect(const wb_t *b, jw_error_kind_t want, test_alloc_t *ta, jw_error_t *err)
{
    test_alloc_init(ta);
    memset(err, 0, sizeof *err);
    jw_module_t *m = jw_module_load(&ta->api, b->buf, b->len, err);
    if (m)
        jw_module_free(m);
    CHECK(!b->oom);
    CHECK_EQ(ta->outstanding, 0);
    CHECK_EQ(ta->bad_frees, 0);
    if (want == JW_OK)
        return m != NULL;
    CHECK(m == NULL);
    if (!m)
        CHECK_ERR(*err, want, b->len);
    return m != NULL;
}

/* header + one section `id` whose content is a LEB128 2^32-1 (+ `tail`). */
static void huge_count_module(wb_t *b, uint8_t id, const uint8_t *tail, size_t ntail)
{
    wb_t s = { 0 };
    wb_u32(&s, UINT32_MAX);
    wb_bytes(&s, tail, ntail);
    wb_header(b);
    wb_section(b, id, &s);
    wb_free(&s);
}

/* A vector claiming 2^32-1 entries in a ~15-byte file must be rejected as
 * malformed without the engine allocating for the claimed count. */
static void test_huge_vector_counts(void)
{
    static const uint8_t ids[] = { WB_SEC_CUSTOM, WB_SEC_TYPE,   WB_SEC_IMPORT, WB_SEC_FUNCTION,
                                   WB_SEC_TABLE,  WB_SEC_MEMORY, WB_SEC_GLOBAL, WB_SEC_EXPORT,
                                   WB_SEC_ELEM,   WB_SEC_CODE,   WB_SEC_DATA };
    static const uint8_t one_type[] = { 0x60, 0x00, 0x00 };
    for (size_t i = 0; i < sizeof ids; i++)
        for (int with_entry = 0; with_entry < 2; with_entry++) {
            wb_t b = { 0 };
            test_alloc_t ta;
            jw_error_t err;
            huge_count_module(&b, ids[i], one_type, with_entry ? sizeof one_type : 0);
            double t0 = test_now();
            load_expect(&b, JW_ERR_MALFORMED, &ta, &err);
            CHECK(err.offset >= 8); /* past the header it accepted */
            if (ta.peak > (1 << 20))
                test_fail(__FILE__, __LINE__,
                          "section %u: %lld bytes allocated for a %zu-byte file", ids[i],
                          (long long)ta.peak, b.len);
            CHECK(test_now() - t0 < 1.0);
            wb_free(&b);
        }
}

/* A module with type () -> () and one function whose body is `body`. */
static void one_func_module(wb_t *b, const wb_t *body)
{
    wb_t types = { 0 }, funcs = { 0 }, code = { 0 };
    wb_u32(&types, 1), wb_byte(&types, 0x60), wb_u32(&types, 0), wb_u32(&types, 0);
    wb_u32(&funcs, 1), wb_u32(&funcs, 0);
    wb_u32(&code, 1), wb_body(&code, body);
    wb_header(b);
    wb_section(b, WB_SEC_TYPE, &types);
    wb_section(b, WB_SEC_FUNCTION, &funcs);
    wb_section(b, WB_SEC_CODE, &code);
    wb_free(&types), wb_free(&funcs), wb_free(&code);
}

static void locals_module(wb_t *b, const uint32_t *counts, size_t n)
{
    wb_t body = { 0 };
    wb_u32(&body, (uint32_t)n);
    for (size_t i = 0; i < n; i++)
        wb_u32(&body, counts[i]), wb_byte(&body, JW_I32);
    wb_byte(&body, 0x0b);
    one_func_module(b, &body);
    wb_free(&body);
}

/* Locals beyond 2^32-1 in total (two groups whose sum wraps a 32-bit
 * counter) are the spec's "too many locals": malformed. Exactly 2^32-1 is
 * legal wasm, so refusing it is an implementation limit. Nothing may be
 * allocated for the claimed count either way. */
static void test_huge_locals(void)
{
    static const uint32_t huge[] = { UINT32_MAX }, wrap[] = { 0x80000000u, 0x80000000u };
    static const uint32_t wrap1[] = { UINT32_MAX, 1 }, wrap2[] = { UINT32_MAX, 2 };
    const uint32_t *cases[] = { huge, wrap, wrap1, wrap2 };
    const size_t ns[] = { 1, 2, 2, 2 };
    const jw_error_kind_t want[] = { JW_ERR_LIMIT, JW_ERR_MALFORMED, JW_ERR_MALFORMED,
                                     JW_ERR_MALFORMED };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wb_t b = { 0 };
        test_alloc_t ta;
        jw_error_t err;
        unsigned before = test_failed_checks;
        locals_module(&b, cases[i], ns[i]);
        load_expect(&b, want[i], &ta, &err);
        CHECK(ta.peak < (1 << 20));
        if (test_failed_checks != before)
            printf("    (case %zu)\n", i);
        wb_free(&b);
    }
}

/* Beyond the engine's own locals limit but legal wasm: either it works or
 * it is refused as an implementation limit, never as malformed/invalid. */
static void test_many_locals_limit(void)
{
    static const uint32_t many[] = { 100000 };
    wb_t b = { 0 };
    test_alloc_t ta;
    jw_error_t err;
    locals_module(&b, many, 1);
    test_alloc_init(&ta);
    memset(&err, 0, sizeof err);
    jw_module_t *m = jw_module_load(&ta.api, b.buf, b.len, &err);
    if (m)
        jw_module_free(m);
    else
        CHECK_ERR(err, JW_ERR_LIMIT, b.len);
    CHECK_EQ(ta.outstanding, 0);
    wb_free(&b);
}

/* Sections cut short or overrunning their declared size. */
static void test_truncated_sections(void)
{
    static const uint8_t cases[][26] = {
        /* length, bytes... */
        { 4, 0x00, 0x61, 0x73, 0x6d },                                   /* no version */
        { 8, 0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00 },           /* version 2 */
        { 10, 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x80 }, /* size LEB cut */
        { 12, 0x00, 0x61, 0x73, 0x6d, 0x01, 0, 0, 0, 0x01, 0x05, 0x01, 0x60 }, /* size > file */
        /* type section says 1 byte but holds a whole functype */
        { 14, 0x00, 0x61, 0x73, 0x6d, 0x01, 0, 0, 0, 0x01, 0x01, 0x01, 0x60, 0x00, 0x00 },
        /* section size LEB with 6 bytes (too long for u32) */
        { 15, 0x00, 0x61, 0x73, 0x6d, 0x01, 0, 0, 0, 0x00, 0x81, 0x80, 0x80, 0x80, 0x80, 0x00 },
        /* function section declares a function, no code section */
        { 18, 0x00, 0x61, 0x73, 0x6d, 0x01, 0, 0, 0, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02,
          0x01, 0x00 },
        /* code body size runs past the section */
        { 24,   0x00, 0x61, 0x73, 0x6d, 0x01, 0,    0,    0,    0x01, 0x04, 0x01, 0x60,
          0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x04, 0x01, 0x09, 0x00, 0x0b },
        /* unknown section id 13 */
        { 10, 0x00, 0x61, 0x73, 0x6d, 0x01, 0, 0, 0, 0x0d, 0x00 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wb_t b = { 0 };
        test_alloc_t ta;
        jw_error_t err;
        wb_bytes(&b, cases[i] + 1, cases[i][0]);
        if (load_expect(&b, JW_ERR_MALFORMED, &ta, &err) || err.kind != JW_ERR_MALFORMED)
            printf("    (case %zu)\n", i);
        wb_free(&b);
    }
}

/* A validation error reports an offset inside the code section. */
static void test_invalid_offset(void)
{
    wb_t body = { 0 }, b = { 0 };
    test_alloc_t ta;
    jw_error_t err;
    wb_u32(&body, 0);
    wb_byte(&body, 0x6a); /* i32.add on an empty stack */
    wb_byte(&body, 0x0b);
    one_func_module(&b, &body);
    load_expect(&b, JW_ERR_INVALID, &ta, &err);
    size_t code_start = b.len - body.len - 4; /* id, size, count, body size */
    if (err.offset < code_start || err.offset > b.len)
        test_fail(__FILE__, __LINE__, "offset %zu not in the code section [%zu, %zu]", err.offset,
                  code_start, b.len);
    wb_free(&body), wb_free(&b);
}

enum { MANY_FUNCS = 10000 };

/* type () -> i32; function i returns i * 7; all exported as "f<i>". */
static void many_funcs_module(wb_t *b)
{
    wb_t types = { 0 }, funcs = { 0 }, exports = { 0 }, code = { 0 };
    char name[16];
    wb_u32(&types, 1), wb_byte(&types, 0x60), wb_u32(&types, 0);
    wb_u32(&types, 1), wb_byte(&types, JW_I32);
    wb_u32(&funcs, MANY_FUNCS), wb_u32(&exports, MANY_FUNCS), wb_u32(&code, MANY_FUNCS);
    for (uint32_t i = 0; i < MANY_FUNCS; i++) {
        wb_t body = { 0 };
        wb_u32(&funcs, 0);
        snprintf(name, sizeof name, "f%u", i);
        wb_name(&exports, name), wb_byte(&exports, 0x00), wb_u32(&exports, i);
        wb_u32(&body, 0), wb_byte(&body, 0x41), wb_s32(&body, (int32_t)(i * 7)),
            wb_byte(&body, 0x0b);
        wb_body(&code, &body);
        wb_free(&body);
    }
    wb_header(b);
    wb_section(b, WB_SEC_TYPE, &types);
    wb_section(b, WB_SEC_FUNCTION, &funcs);
    wb_section(b, WB_SEC_EXPORT, &exports);
    wb_section(b, WB_SEC_CODE, &code);
    wb_free(&types), wb_free(&funcs), wb_free(&exports), wb_free(&code);
}

static void test_ten_thousand_functions(void)
{
    wb_t b = { 0 };
    test_alloc_t ta;
    jw_error_t err;
    jw_export_info_t info;
    many_funcs_module(&b);
    test_alloc_init(&ta);
    jw_module_t *m = jw_module_load(&ta.api, b.buf, b.len, &err);
    REQUIRE(m);
    CHECK_EQ(jw_module_export_count(m), MANY_FUNCS);
    jw_module_export(m, MANY_FUNCS - 1, &info);
    CHECK(info.name_len == 5 && memcmp(info.name, "f9999", 5) == 0);
    CHECK_EQ(info.type.kind, JW_EXTERN_FUNC);
    jw_store_t *s = jw_store_new(&ta.api, &(jw_store_config_t){ 0 });
    jw_instance_t *inst = s ? jw_instantiate(s, m, test_resolve_none, NULL, &err) : NULL;
    CHECK(inst);
    unsigned wrong = 0;
    for (uint32_t i = 0; inst && i < MANY_FUNCS; i++) {
        char name[16];
        jw_value_t r = { 0 };
        snprintf(name, sizeof name, "f%u", i);
        if (!test_call(s, inst, name, NULL, 0, &r, 1, &err) || r.of.i32 != i * 7)
            wrong++;
    }
    CHECK_EQ(wrong, 0);
    jw_store_free(s);
    jw_module_free(m);
    CHECK_EQ(ta.outstanding, 0);
    wb_free(&b);
}

enum { DEEP = 100000 };

/* 100,000 nested empty blocks around `i32.const 7`: the engine may refuse
 * it as an implementation limit, or run it; either way quickly. */
static void test_deep_nesting(void)
{
    wb_t types = { 0 }, funcs = { 0 }, exports = { 0 }, code = { 0 }, body = { 0 }, b = { 0 };
    jw_error_t err;
    test_alloc_t ta;
    wb_u32(&types, 1), wb_byte(&types, 0x60), wb_u32(&types, 0);
    wb_u32(&types, 1), wb_byte(&types, JW_I32);
    wb_u32(&funcs, 1), wb_u32(&funcs, 0);
    wb_u32(&exports, 1), wb_name(&exports, "deep"), wb_byte(&exports, 0), wb_u32(&exports, 0);
    wb_u32(&body, 0);
    for (int i = 0; i < DEEP; i++)
        wb_byte(&body, 0x02), wb_byte(&body, 0x40);
    for (int i = 0; i < DEEP; i++)
        wb_byte(&body, 0x0b);
    wb_byte(&body, 0x41), wb_s32(&body, 7), wb_byte(&body, 0x0b);
    wb_u32(&code, 1), wb_body(&code, &body);
    wb_header(&b);
    wb_section(&b, WB_SEC_TYPE, &types), wb_section(&b, WB_SEC_FUNCTION, &funcs);
    wb_section(&b, WB_SEC_EXPORT, &exports), wb_section(&b, WB_SEC_CODE, &code);
    test_alloc_init(&ta);
    double t0 = test_now();
    jw_module_t *m = jw_module_load(&ta.api, b.buf, b.len, &err);
    if (!m) {
        CHECK_ERR(err, JW_ERR_LIMIT, b.len);
    } else {
        jw_store_t *s = jw_store_new(&ta.api, &(jw_store_config_t){ 0 });
        jw_instance_t *inst = s ? jw_instantiate(s, m, test_resolve_none, NULL, &err) : NULL;
        jw_value_t r = { 0 };
        CHECK(inst && test_call(s, inst, "deep", NULL, 0, &r, 1, &err) && r.of.i32 == 7);
        jw_store_free(s);
        jw_module_free(m);
    }
    CHECK(test_now() - t0 < 20.0);
    CHECK_EQ(ta.outstanding, 0);
    wb_free(&types), wb_free(&funcs), wb_free(&exports), wb_free(&code), wb_free(&body),
        wb_free(&b);
}

/* A fixed-seed xorshift: the same "random" bytes on every run. */
static uint64_t rng_state;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void random_bytes(wb_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        wb_byte(b, (uint8_t)(rng() >> 24));
}

/* Loads random input; must fail with one of the decode error kinds. */
static void expect_random_rejected(const wb_t *b, bool header_ok)
{
    test_alloc_t ta;
    jw_error_t err;
    test_alloc_init(&ta);
    memset(&err, 0, sizeof err);
    jw_module_t *m = jw_module_load(&ta.api, b->buf, b->len, &err);
    CHECK(m == NULL);
    if (m)
        jw_module_free(m);
    else if (!header_ok)
        CHECK_ERR(err, JW_ERR_MALFORMED, b->len);
    else if (err.kind != JW_ERR_MALFORMED && err.kind != JW_ERR_INVALID)
        CHECK_ERR(err, JW_ERR_MALFORMED, b->len);
    CHECK_EQ(ta.outstanding, 0);
}

static void test_random_mib(void)
{
    wb_t b = { 0 };
    rng_state = 0x9e3779b97f4a7c15ull;
    random_bytes(&b, 1 << 20);
    REQUIRE(memcmp(b.buf, "\0asm", 4) != 0);
    double t0 = test_now();
    expect_random_rejected(&b, false);
    memcpy(b.buf, "\0asm\1\0\0\0", 8); /* now the decoder gets past the header */
    expect_random_rejected(&b, true);
    CHECK(test_now() - t0 < 5.0);
    wb_free(&b);
    for (int i = 0; i < 256; i++) {
        wb_t small = { 0 };
        wb_header(&small);
        random_bytes(&small, 64 + (size_t)(rng() % 4096));
        expect_random_rejected(&small, true);
        wb_free(&small);
    }
}

/* Single-byte mutations of a real module: load either succeeds or fails
 * with a proper error; never a crash, leak or bogus offset. */
static void test_mutations(void)
{
    size_t len;
    uint8_t *orig = test_wasm_file("kitchen", &len);
    rng_state = 12345;
    for (int i = 0; i < 4000; i++) {
        wb_t b = { 0 };
        test_alloc_t ta;
        jw_error_t err;
        wb_bytes(&b, orig, len);
        for (int k = 0; k < 1 + i % 3; k++)
            b.buf[8 + rng() % (len - 8)] = (uint8_t)rng();
        test_alloc_init(&ta);
        memset(&err, 0, sizeof err);
        jw_module_t *m = jw_module_load(&ta.api, b.buf, b.len, &err);
        if (m)
            jw_module_free(m);
        else if (err.kind != JW_ERR_MALFORMED && err.kind != JW_ERR_INVALID &&
                 err.kind != JW_ERR_LIMIT)
            CHECK_ERR(err, JW_ERR_MALFORMED, b.len);
        else if (err.offset > len || !err.message[0])
            CHECK_ERR(err, err.kind, len);
        CHECK_EQ(ta.outstanding, 0);
        wb_free(&b);
        if (test_failed_checks > 5)
            break;
    }
    free(orig);
}

/* Import and export descriptions point into the module and are exact. */
static void test_import_export_info(void)
{
    size_t len;
    uint8_t *bytes = test_wasm_file("kitchen", &len);
    test_alloc_t ta;
    jw_error_t err;
    jw_import_info_t imp;
    jw_export_info_t exp;
    test_alloc_init(&ta);
    jw_module_t *m = jw_module_load(&ta.api, bytes, len, &err);
    memset(bytes, 0, len); /* the engine must have copied what it needs */
    free(bytes);
    REQUIRE(m);
    CHECK_EQ(jw_module_import_count(m), 1);
    jw_module_import(m, 0, &imp);
    CHECK(imp.module_len == 8 && memcmp(imp.module, "spectest", 8) == 0);
    CHECK(imp.name_len == 9 && memcmp(imp.name, "print_i32", 9) == 0);
    CHECK(imp.type.kind == JW_EXTERN_FUNC && imp.type.of.func.nparams == 1 &&
          imp.type.of.func.nresults == 0 && imp.type.of.func.params[0] == JW_I32);
    CHECK_EQ(jw_module_export_count(m), 2);
    jw_module_export(m, 1, &exp);
    CHECK(exp.name_len == 1 && exp.name[0] == 'g');
    CHECK(exp.type.kind == JW_EXTERN_GLOBAL && exp.type.of.global.type == JW_I64 &&
          exp.type.of.global.mutable_);
    jw_module_free(m);
    CHECK_EQ(ta.outstanding, 0);
}

static bool host_nop(jw_host_call_t *call, const jw_value_t *args, jw_value_t *results)
{
    (void)call, (void)args, (void)results;
    return true;
}

static bool bind_nop(void *ud, const jw_import_info_t *imp, jw_extern_t *out)
{
    (void)imp;
    out->kind = JW_EXTERN_FUNC;
    out->of.func = ud;
    return ud != NULL;
}

/* import env.f; func 1 = nop; func 2 "u" = nop nop unreachable; func 3
 * "d" = 1 / 0. Records where the two trapping opcodes are. */
static void trap_site_module(wb_t *b, size_t *unreachable_at, size_t *div_at)
{
    wb_t types = { 0 }, imports = { 0 }, funcs = { 0 }, exports = { 0 }, code = { 0 };
    static const uint8_t nop_body[] = { 0x00, 0x01, 0x0b };
    static const uint8_t u_body[] = { 0x00, 0x01, 0x01, 0x00, 0x0b };
    static const uint8_t d_body[] = { 0x00, 0x41, 0x01, 0x41, 0x00, 0x6d, 0x1a, 0x0b };
    wb_u32(&types, 1), wb_byte(&types, 0x60), wb_u32(&types, 0), wb_u32(&types, 0);
    wb_u32(&imports, 1), wb_name(&imports, "env"), wb_name(&imports, "f");
    wb_byte(&imports, 0x00), wb_u32(&imports, 0);
    wb_u32(&funcs, 3), wb_u32(&funcs, 0), wb_u32(&funcs, 0), wb_u32(&funcs, 0);
    wb_u32(&exports, 2);
    wb_name(&exports, "u"), wb_byte(&exports, 0x00), wb_u32(&exports, 2);
    wb_name(&exports, "d"), wb_byte(&exports, 0x00), wb_u32(&exports, 3);
    wb_u32(&code, 3);
    wb_u32(&code, sizeof nop_body), wb_bytes(&code, nop_body, sizeof nop_body);
    wb_u32(&code, sizeof u_body), wb_bytes(&code, u_body, sizeof u_body);
    size_t u_in_code = code.len - 2;
    wb_u32(&code, sizeof d_body), wb_bytes(&code, d_body, sizeof d_body);
    size_t d_in_code = code.len - 3;
    wb_header(b);
    wb_section(b, WB_SEC_TYPE, &types), wb_section(b, WB_SEC_IMPORT, &imports);
    wb_section(b, WB_SEC_FUNCTION, &funcs), wb_section(b, WB_SEC_EXPORT, &exports);
    size_t code_start = b->len + 1 + 1; /* id and a one-byte size */
    wb_section(b, WB_SEC_CODE, &code);
    *unreachable_at = code_start + u_in_code;
    *div_at = code_start + d_in_code;
    wb_free(&types), wb_free(&imports), wb_free(&funcs), wb_free(&exports), wb_free(&code);
}

static void check_site(jw_store_t *s, jw_instance_t *inst, const char *name, jw_trap_kind_t trap,
                       uint32_t func, size_t offset)
{
    jw_error_t err;
    CHECK(!test_call(s, inst, name, NULL, 0, NULL, 0, &err));
    CHECK_ERR(err, JW_ERR_TRAP, SIZE_MAX);
    CHECK_EQ(err.trap, trap);
    CHECK_EQ(err.func, func);
    CHECK_EQ(err.offset, offset);
}

/* A trap names the function (imports counted) and the opcode's offset. */
static void test_trap_site(void)
{
    wb_t b = { 0 };
    size_t u_at, d_at;
    test_alloc_t ta;
    jw_error_t err;
    static const jw_functype_t void_type = { 0, 0, NULL, NULL };
    trap_site_module(&b, &u_at, &d_at);
    REQUIRE(b.buf[u_at] == 0x00 && b.buf[d_at] == 0x6d);
    test_alloc_init(&ta);
    jw_module_t *m = jw_module_load(&ta.api, b.buf, b.len, &err);
    REQUIRE(m);
    jw_store_t *s = jw_store_new(&ta.api, &(jw_store_config_t){ 0 });
    REQUIRE(s);
    jw_func_t *f = jw_host_func_new(s, &void_type, host_nop, NULL);
    jw_instance_t *inst = jw_instantiate(s, m, bind_nop, f, &err);
    CHECK(inst);
    if (inst) {
        check_site(s, inst, "u", JW_TRAP_UNREACHABLE, 2, u_at);
        check_site(s, inst, "d", JW_TRAP_DIV_ZERO, 3, d_at);
    }
    jw_store_free(s);
    jw_module_free(m);
    wb_free(&b);
    CHECK_EQ(ta.outstanding, 0);
}

const test_case_t decode_tests[] = {
    { "decode: 2^32-1 entries in every vector section of a tiny file", test_huge_vector_counts },
    { "decode: over 2^32-1 locals is malformed, 2^32-1 is LIMIT", test_huge_locals },
    { "decode: 100,000 locals load or hit LIMIT", test_many_locals_limit },
    { "decode: truncated and overrunning sections are malformed", test_truncated_sections },
    { "decode: validation error offset lies in the code section", test_invalid_offset },
    { "decode: 10,000 functions load, export and run", test_ten_thousand_functions },
    { "decode: 100,000 nested blocks run or hit LIMIT, quickly", test_deep_nesting },
    { "decode: 1 MiB and 256 smaller random files are rejected", test_random_mib },
    { "decode: 4,000 byte mutations of a module fail cleanly", test_mutations },
    { "decode: import/export info is exact and owned by the module", test_import_export_info },
    { "traps: a trap reports its function index and opcode offset", test_trap_site },
};
const size_t decode_tests_count = sizeof decode_tests / sizeof decode_tests[0];
