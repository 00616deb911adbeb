/* SPDX-License-Identifier: MIT */
/* test.h: the engine tests' tiny framework: CHECK macros, test tables, helpers. */
#pragma once
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "jwasm.h"

/* A test is a function; it passes if no CHECK in it failed. */
typedef struct test_case {
    const char *name;
    void (*fn)(void);
} test_case_t;

extern unsigned test_failed_checks;
void test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            test_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);                                     \
    } while (0)

/* Both sides as unsigned 64-bit, printed on failure. */
#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);                                           \
        if (a_ != b_)                                                                              \
            test_fail(__FILE__, __LINE__, "%s == %s: 0x%" PRIx64 " != 0x%" PRIx64, #a, #b, a_,     \
                      b_);                                                                         \
    } while (0)

/* A failed engine call: the kind is `k`, the message is non-empty and the
 * offset lies within `len` bytes (pass SIZE_MAX when there is no module). */
#define CHECK_ERR(err, k, len) test_check_err(__FILE__, __LINE__, &(err), (k), (len))
void test_check_err(const char *file, int line, jw_error_t *err, jw_error_kind_t kind, size_t len);

/* Stops the current test when a precondition fails (the rest would only
 * dereference NULL). */
#define REQUIRE(cond)                                                                              \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            test_fail(__FILE__, __LINE__, "REQUIRE(%s)", #cond);                                   \
            return;                                                                                \
        }                                                                                          \
    } while (0)

/* The test tables, one per test file. */
extern const test_case_t decode_tests[], exec_tests[], alloc_tests[], simd_tests[], memory_tests[],
    opcode_tests[];
extern const size_t decode_tests_count, exec_tests_count, alloc_tests_count, simd_tests_count,
    memory_tests_count, opcode_tests_count;

/* ---- helpers (test_util.c) ---- */

/* The directory of the compiled tests/engine/wat/ modules. */
extern const char *test_wat_dir;
/* Reads <test_wat_dir>/<name>.wasm; aborts the test run if missing. */
uint8_t *test_wasm_file(const char *name, size_t *len);
const char *test_kind_name(jw_error_kind_t kind);
double test_now(void);

/* Call helpers: find export `name` and call it with i32/i64 args. */
jw_func_t *test_export_func(jw_instance_t *inst, const char *name);
bool test_call(jw_store_t *s, jw_instance_t *inst, const char *name, const jw_value_t *args,
               size_t nargs, jw_value_t *results, size_t nresults, jw_error_t *err);
jw_value_t test_i32(uint32_t v);
/* A resolver for modules without imports: binds nothing. */
bool test_resolve_none(void *ud, const jw_import_info_t *imp, jw_extern_t *out);
/* Loads <name>.wasm and instantiates it in a new store with `cfg`; both
 * use `alloc`. NULL (test failed) if any step fails. */
typedef struct test_inst {
    jw_module_t *module;
    jw_store_t *store;
    jw_instance_t *inst;
} test_inst_t;
bool test_instantiate(const char *name, const jw_allocator_t *alloc, const jw_store_config_t *cfg,
                      jw_resolve_fn_t resolve, void *ud, test_inst_t *out);
void test_inst_free(test_inst_t *ti);
jw_value_t test_i64(uint64_t v);
