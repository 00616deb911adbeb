/* SPDX-License-Identifier: MIT */
/* test_memory.c: linear memory growth on both paths: by reservation (the CLI's mmap provider) and by allocation. */
#include <stdlib.h>
#include <string.h>
#include "test.h"
#include "test_alloc.h"
#include "../../tools/jericho/memory_host.h"

#define PAGE 65536u

/* The host provider behind counters; it can refuse commits or the
 * reservation itself. */
typedef struct counting_provider {
    jw_memory_provider_t host;
    unsigned reserves, releases, commits;
    int64_t reserved_bytes; /* reserved and not released */
    uint64_t last_reserve; /* bytes asked by the last reserve */
    bool refuse_reserve, refuse_commit;
} counting_provider_t;

static void *cp_reserve(void *ud, uint64_t bytes)
{
    counting_provider_t *cp = ud;
    cp->last_reserve = bytes;
    if (cp->refuse_reserve)
        return NULL;
    void *base = cp->host.reserve(cp->host.ud, bytes);
    if (base) {
        cp->reserves++;
        cp->reserved_bytes += (int64_t)bytes;
    }
    return base;
}

static bool cp_commit(void *ud, void *base, uint64_t old_bytes, uint64_t new_bytes)
{
    counting_provider_t *cp = ud;
    if (cp->refuse_commit || new_bytes <= old_bytes || old_bytes % PAGE || new_bytes % PAGE)
        return false;
    cp->commits++;
    return cp->host.commit(cp->host.ud, base, old_bytes, new_bytes);
}

static void cp_release(void *ud, void *base, uint64_t bytes)
{
    counting_provider_t *cp = ud;
    cp->releases++;
    cp->reserved_bytes -= (int64_t)bytes;
    cp->host.release(cp->host.ud, base, bytes);
}

static void cp_init(counting_provider_t *cp)
{
    memset(cp, 0, sizeof *cp);
    cp->host = memory_host_provider();
}

/* A store config for one path: the provider (cp != NULL) or the allocator. */
static jw_store_config_t path_cfg(counting_provider_t *cp, uint32_t max_pages)
{
    jw_store_config_t cfg = { .max_memory_pages = max_pages };
    if (cp)
        cfg.memory = (jw_memory_provider_t){ cp_reserve, cp_commit, cp_release, cp };
    return cfg;
}

static uint32_t call1(test_inst_t *ti, const char *name, uint32_t a, bool *trapped)
{
    jw_value_t arg = test_i32(a), r = { 0 };
    jw_error_t err;
    bool ok = test_call(ti->store, ti->inst, name, &arg, 1, &r, 1, &err);
    *trapped = !ok;
    if (!ok && (err.kind != JW_ERR_TRAP || err.trap != JW_TRAP_MEMORY_OOB))
        test_fail(__FILE__, __LINE__, "%s(%u): not an out-of-bounds trap: %s", name, a,
                  err.message);
    return ok ? r.of.i32 : 0;
}

static uint32_t call2(test_inst_t *ti, const char *name, uint32_t a, uint32_t b, bool *trapped)
{
    jw_value_t args[2] = { test_i32(a), test_i32(b) }, r = { 0 };
    jw_error_t err;
    jw_func_t *f = test_export_func(ti->inst, name);
    jw_functype_t ty;
    jw_func_type(f, &ty);
    bool ok = jw_call(ti->store, f, args, 2, &r, ty.nresults, &err);
    *trapped = !ok;
    if (!ok && (err.kind != JW_ERR_TRAP || err.trap != JW_TRAP_MEMORY_OOB))
        test_fail(__FILE__, __LINE__, "%s(%u, %u): not an out-of-bounds trap: %s", name, a, b,
                  err.message);
    return ok ? r.of.i32 : 0;
}

/* In bounds: returns without a trap. */
#define CHECK_IN(ti, name, a)                                                                      \
    do {                                                                                           \
        bool t_;                                                                                   \
        call1((ti), (name), (a), &t_);                                                             \
        if (t_)                                                                                    \
            test_fail(__FILE__, __LINE__, "%s(0x%x) trapped", (name), (unsigned)(a));              \
    } while (0)
#define CHECK_OOB(ti, name, a)                                                                     \
    do {                                                                                           \
        bool t_;                                                                                   \
        call1((ti), (name), (a), &t_);                                                             \
        if (!t_)                                                                                   \
            test_fail(__FILE__, __LINE__, "%s(0x%x) did not trap", (name), (unsigned)(a));         \
    } while (0)

/* Grows one page, two, three ... up to `pages`, marking every new page and
 * checking all marks (and the zeroed rest) after each growth. */
static void grow_keeps_contents(counting_provider_t *cp)
{
    test_inst_t ti;
    test_alloc_t ta;
    bool t;
    jw_store_config_t cfg = path_cfg(cp, 64);
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("grow", &ta.api, &cfg, NULL, NULL, &ti));
    jw_memory_t *mem = jw_instance_memory(ti.inst);
    uint8_t *base = jw_memory_data(mem);
    call2(&ti, "mark", 0, 1, &t);
    call2(&ti, "store32", 0, 0xdeadbeef, &t);
    uint32_t pages = 1;
    for (uint32_t step = 1; pages + step <= 64; step++) {
        CHECK_EQ(call1(&ti, "grow", step, &t), pages);
        CHECK_EQ(call1(&ti, "load32", pages * PAGE, &t), 0); /* new pages are zero */
        CHECK_EQ(call1(&ti, "load8", (pages + step) * PAGE - 1, &t), 0);
        call2(&ti, "mark", pages, pages + step, &t);
        pages += step;
        CHECK_EQ(call2(&ti, "check", 0, pages, &t), UINT32_MAX);
        CHECK_EQ(call1(&ti, "load32", 0, &t), 0xdeadbeef);
        CHECK_EQ(jw_memory_size(mem), (uint64_t)pages * PAGE);
    }
    CHECK_EQ(pages, 56);
    if (cp) { /* in place: the base never moved, nothing is copied */
        CHECK(jw_memory_data(mem) == base);
        CHECK_EQ(cp->reserves, 1);
        CHECK_EQ(cp->last_reserve, 64ull * PAGE + 65536); /* the cap plus the guard */
    }
    test_inst_free(&ti);
    CHECK_EQ(ta.outstanding, 0);
}

static void test_grow_keeps_contents_reserved(void)
{
    counting_provider_t cp;
    cp_init(&cp);
    grow_keeps_contents(&cp);
    CHECK_EQ(cp.releases, 1);
    CHECK_EQ(cp.reserved_bytes, 0);
}

static void test_grow_keeps_contents_allocated(void) { grow_keeps_contents(NULL); }

/* After each growth the last byte, word, 8 and 16 bytes are in and the next
 * are out, also past the committed pages, in the guard and at 4 GiB - 1. */
static void oob_after_growth(counting_provider_t *cp)
{
    test_inst_t ti;
    test_alloc_t ta;
    bool t;
    jw_store_config_t cfg = path_cfg(cp, 8);
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("grow", &ta.api, &cfg, NULL, NULL, &ti));
    for (uint32_t pages = 1; pages <= 8; pages++) {
        uint32_t end = pages * PAGE;
        CHECK_IN(&ti, "load8", end - 1);
        CHECK_OOB(&ti, "load8", end);
        CHECK_IN(&ti, "load32", end - 4);
        CHECK_OOB(&ti, "load32", end - 3);
        CHECK_IN(&ti, "load64", end - 8);
        CHECK_OOB(&ti, "load64", end - 7);
        CHECK_IN(&ti, "load128", end - 16);
        CHECK_OOB(&ti, "load128", end - 15);
        if (pages > 1) { /* the static offset counts: addr + 65536 + 4 <= end */
            CHECK_IN(&ti, "load32_far", end - PAGE - 4);
            CHECK_OOB(&ti, "load32_far", end - PAGE - 3);
        }
        CHECK_OOB(&ti, "load32_far", end - 4); /* reserved, not committed */
        CHECK_OOB(&ti, "load8", 8 * PAGE); /* the guard's first byte */
        CHECK_OOB(&ti, "load8", 9 * PAGE - 1); /* its last */
        CHECK_OOB(&ti, "load8", 9 * PAGE); /* past the reservation */
        CHECK_OOB(&ti, "load32", UINT32_MAX);
        CHECK_OOB(&ti, "load32_far", UINT32_MAX - 3);
        call2(&ti, "store8", end - 1, 0x5a, &t);
        CHECK(!t);
        call2(&ti, "store8", end, 0x5a, &t);
        CHECK(t);
        call2(&ti, "store32", end - 2, 0x01020304, &t);
        CHECK(t);
        CHECK_EQ(call1(&ti, "load8", end - 1, &t), 0x5a); /* the trapped store wrote nothing */
        call2(&ti, "fill", end - 100, 100, &t);
        CHECK(!t);
        call2(&ti, "fill", end - 100, 101, &t);
        CHECK(t);
        CHECK_EQ(call1(&ti, "load8", end - 100, &t), 0xab);
        uint8_t byte;
        CHECK(jw_memory_read(jw_instance_memory(ti.inst), end - 1, &byte, 1) && byte == 0xab);
        CHECK(!jw_memory_read(jw_instance_memory(ti.inst), end, &byte, 1));
        if (pages < 8)
            CHECK_EQ(call1(&ti, "grow", 1, &t), pages);
    }
    test_inst_free(&ti);
    CHECK_EQ(ta.outstanding, 0);
}

static void test_oob_after_growth_reserved(void)
{
    counting_provider_t cp;
    cp_init(&cp);
    oob_after_growth(&cp);
    CHECK_EQ(cp.reserves, 1);
    CHECK_EQ(cp.reserved_bytes, 0);
}

static void test_oob_after_growth_allocated(void) { oob_after_growth(NULL); }

/* memory.grow past the store's cap or the memory's own maximum, or refused
 * by the provider, returns -1 and changes nothing. */
static void grow_refused(counting_provider_t *cp)
{
    test_inst_t ti;
    test_alloc_t ta;
    bool t;
    jw_store_config_t cfg = path_cfg(cp, 5);
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("grow", &ta.api, &cfg, NULL, NULL, &ti));
    call2(&ti, "mark", 0, 1, &t);
    CHECK_EQ(call1(&ti, "grow", 5, &t), UINT32_MAX); /* 6 > 5 */
    CHECK_EQ(call1(&ti, "grow", UINT32_MAX, &t), UINT32_MAX);
    CHECK_EQ(call1(&ti, "grow", 65536, &t), UINT32_MAX);
    CHECK_EQ(call1(&ti, "grow", 4, &t), 1);
    CHECK_EQ(call1(&ti, "grow", 1, &t), UINT32_MAX);
    CHECK_EQ(call1(&ti, "grow", 0, &t), 5);
    CHECK_EQ(call2(&ti, "check", 0, 1, &t), UINT32_MAX);
    CHECK_OOB(&ti, "load8", 5 * PAGE);
    test_inst_free(&ti);

    /* the memory's own maximum (2 pages) is below the store's cap */
    jw_store_t *s = jw_store_new(&ta.api, &cfg);
    REQUIRE(s);
    jw_memory_t *m = jw_memory_new(s, (jw_limits_t){ .min = 1, .max = 2, .has_max = true });
    REQUIRE(m);
    if (cp)
        CHECK_EQ(cp->last_reserve, 2ull * PAGE + 65536);
    CHECK(jw_memory_write(m, PAGE - 1, "x", 1));
    CHECK(!jw_memory_write(m, PAGE, "x", 1));
    jw_store_free(s);
    CHECK_EQ(ta.outstanding, 0);
}

static void test_grow_refused_reserved(void)
{
    counting_provider_t cp;
    cp_init(&cp);
    grow_refused(&cp);
    CHECK_EQ(cp.reserves, 2);
    CHECK_EQ(cp.releases, 2);
    CHECK_EQ(cp.reserved_bytes, 0);

    /* a commit the provider refuses: -1, size and contents as they were */
    test_inst_t ti;
    test_alloc_t ta;
    bool t;
    jw_store_config_t cfg = path_cfg(&cp, 16);
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("grow", &ta.api, &cfg, NULL, NULL, &ti));
    CHECK_EQ(call1(&ti, "grow", 1, &t), 1);
    call2(&ti, "mark", 0, 2, &t);
    cp.refuse_commit = true;
    CHECK_EQ(call1(&ti, "grow", 1, &t), UINT32_MAX);
    CHECK_EQ(call1(&ti, "grow", 0, &t), 2);
    CHECK_OOB(&ti, "load8", 2 * PAGE);
    cp.refuse_commit = false;
    CHECK_EQ(call1(&ti, "grow", 1, &t), 2);
    CHECK_EQ(call2(&ti, "check", 0, 2, &t), UINT32_MAX);
    CHECK_IN(&ti, "load8", 3 * PAGE - 1);
    test_inst_free(&ti);
    CHECK_EQ(cp.reserved_bytes, 0);
    CHECK_EQ(ta.outstanding, 0);
}

static void test_grow_refused_allocated(void)
{
    grow_refused(NULL);

    /* the allocator saying no is -1 too */
    test_inst_t ti;
    test_alloc_t ta;
    bool t;
    jw_store_config_t cfg = { .max_memory_pages = 16 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("grow", &ta.api, &cfg, NULL, NULL, &ti));
    call2(&ti, "mark", 0, 1, &t);
    ta.fail_at = ta.allocs + 1;
    CHECK_EQ(call1(&ti, "grow", 1, &t), UINT32_MAX);
    CHECK_EQ(call1(&ti, "grow", 0, &t), 1);
    CHECK_EQ(call2(&ti, "check", 0, 1, &t), UINT32_MAX);
    test_inst_free(&ti);
    CHECK_EQ(ta.outstanding, 0);
}

/* Every reservation is released by jw_store_free, including memories the
 * embedder made and one of zero pages; no reservation means the allocator. */
static void test_reservations_released(void)
{
    counting_provider_t cp;
    test_alloc_t ta;
    cp_init(&cp);
    test_alloc_init(&ta);
    jw_store_config_t cfg = path_cfg(&cp, 4);
    jw_store_t *s = jw_store_new(&ta.api, &cfg);
    REQUIRE(s);
    jw_memory_t *a = jw_memory_new(s, (jw_limits_t){ .min = 0 });
    jw_memory_t *b = jw_memory_new(s, (jw_limits_t){ .min = 4 });
    jw_memory_t *c = jw_memory_new(s, (jw_limits_t){ .min = 5 }); /* over the cap */
    REQUIRE(a && b);
    CHECK(c == NULL);
    CHECK_EQ(cp.reserves, 2);
    CHECK_EQ(jw_memory_size(a), 0);
    CHECK(!jw_memory_write(a, 0, "x", 1));
    CHECK(jw_memory_write(b, 4 * PAGE - 1, "x", 1));
    int64_t before = ta.outstanding;
    cp.refuse_reserve = true; /* no address space: this one is allocated */
    jw_memory_t *d = jw_memory_new(s, (jw_limits_t){ .min = 2 });
    REQUIRE(d);
    CHECK_EQ(cp.reserves, 2);
    CHECK(ta.outstanding >= before + 2 * (int64_t)PAGE);
    CHECK(jw_memory_write(d, 2 * PAGE - 1, "x", 1));
    jw_store_free(s);
    CHECK_EQ(cp.releases, 2);
    CHECK_EQ(cp.reserved_bytes, 0);
    CHECK_EQ(ta.outstanding, 0);
}

const test_case_t memory_tests[] = {
    { "memory: reserved: growth keeps contents in place, new pages zero",
      test_grow_keeps_contents_reserved },
    { "memory: allocated: growth keeps contents, new pages zero",
      test_grow_keeps_contents_allocated },
    { "memory: reserved: exact-boundary traps after each growth, into the guard and past it",
      test_oob_after_growth_reserved },
    { "memory: allocated: exact-boundary traps after each growth",
      test_oob_after_growth_allocated },
    { "memory: reserved: grow past a maximum or a refused commit is -1, nothing changed",
      test_grow_refused_reserved },
    { "memory: allocated: grow past a maximum or a refused allocation is -1, nothing changed",
      test_grow_refused_allocated },
    { "memory: reservations released at jw_store_free; no reservation falls back to the allocator",
      test_reservations_released },
};
const size_t memory_tests_count = sizeof memory_tests / sizeof memory_tests[0];
