/* SPDX-License-Identifier: MIT */
/* packrun.c: runs packed spec commands (tests/spec/spec_pack.h) on the freestanding engine. */
/*
 * Built like xarch.c (no libc: raw Linux syscalls, a bump allocator) for
 * x86-64 and aarch64; reads the pack on stdin and prints per-script and
 * total "passed, failed, skipped" lines, with one line per failure.
 * tests/suites/engine-aarch64.sh runs the simd scripts natively and under
 * qemu-aarch64 and wants 0 failed and the same counts. The checks are those
 * of the hosted runner (spec_values.c): exact bits, NaN classes per lane.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "jwasm.h"
#include "linux_min.h"
#include "spec_pack.h"

void _start(void);

static void pr_dec(uint64_t v) {
    char b[21];
    int i = 20;
    b[20] = 0;
    do b[--i] = (char)('0' + v % 10); while ((v /= 10) != 0);
    lm_puts(b + i);
}

/* The whole pack, then a bump heap reset at every script (all of a
 * script's objects are freed with its store). */
static _Alignas(16) uint8_t pr_pack[32 << 20];
static _Alignas(16) uint8_t pr_heap[96 << 20];
static size_t pr_used;
static void *pr_alloc(void *ud, size_t n) {
    (void)ud;
    n = (n + 15) & ~(size_t)15;
    if (n > sizeof pr_heap - pr_used) return NULL;
    void *p = pr_heap + pr_used;
    pr_used += n;
    return p;
}
static void pr_free(void *ud, void *p, size_t n) { (void)ud, (void)p, (void)n; }

/* ---- reading the pack ---- */

typedef struct pr_reader { const uint8_t *p, *end; bool bad; } pr_reader_t;

static uint32_t pr_u32(pr_reader_t *r) {
    if (r->end - r->p < 4) { r->bad = true; return 0; }
    uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
    r->p += 4;
    return v;
}
static const uint8_t *pr_bytes(pr_reader_t *r, uint32_t *n) {
    *n = pr_u32(r);
    uint32_t padded = (*n + 3) & ~3u;
    if ((uint64_t)(r->end - r->p) < padded) { r->bad = true; *n = 0; return r->p; }
    const uint8_t *b = r->p;
    r->p += padded;
    return b;
}
static void pr_fixed(pr_reader_t *r, uint8_t *out, uint32_t n) {
    if ((uint64_t)(r->end - r->p) < n) { r->bad = true; return; }
    for (uint32_t i = 0; i < n; i++) out[i] = r->p[i];
    r->p += n;
}
static jw_value_t pr_value(pr_reader_t *r, jw_valtype_t t) {
    jw_value_t v;
    uint8_t b[16];
    pr_fixed(r, b, 16);
    v.type = t;
    for (int i = 0; i < 16; i++) v.of.v128[i] = 0;
    if (t == JW_V128) for (int i = 0; i < 16; i++) v.of.v128[i] = b[i];
    else if (t == JW_I32 || t == JW_F32) __builtin_memcpy(&v.of.i32, b, 4);
    else __builtin_memcpy(&v.of.i64, b, 8);
    return v;
}

/* ---- matching (as tests/spec/spec_values.c) ---- */

static bool pr_f32(uint32_t pat, uint32_t want, uint32_t got) {
    if (pat == 1) return (got & 0x7fffffffu) == 0x7fc00000u;
    if (pat == 2) return (got & 0x7fc00000u) == 0x7fc00000u;
    return want == got;
}
static bool pr_f64(uint32_t pat, uint64_t want, uint64_t got) {
    const uint64_t quiet = 0x7ff8000000000000ull;
    if (pat == 1) return (got & 0x7fffffffffffffffull) == quiet;
    if (pat == 2) return (got & quiet) == quiet;
    return want == got;
}
static uint64_t pr_lane(const uint8_t *v, uint32_t bits, uint32_t i) {
    uint64_t x = 0;
    for (uint32_t b = 0; b < bits / 8; b++) x |= (uint64_t)v[i * (bits / 8) + b] << (8 * b);
    return x;
}

/* One expected result against `got`; consumes the record's bytes. */
static bool pr_expect(pr_reader_t *r, const jw_value_t *got) {
    jw_valtype_t t = (jw_valtype_t)pr_u32(r);
    uint32_t pat = pr_u32(r), bits = pr_u32(r), lane_float = pr_u32(r);
    uint8_t lanes[16];
    pr_fixed(r, lanes, 16);
    jw_value_t want = pr_value(r, t);
    if (r->bad || got->type != t) return false;
    switch (t) {
    case JW_I32: return got->of.i32 == want.of.i32;
    case JW_I64: return got->of.i64 == want.of.i64;
    case JW_F32: return pr_f32(pat, want.of.f32, got->of.f32);
    case JW_F64: return pr_f64(pat, want.of.f64, got->of.f64);
    case JW_V128:
        if (bits < 8 || bits > 64) return false;
        for (uint32_t i = 0; i < 128 / bits; i++) {
            uint64_t w = pr_lane(want.of.v128, bits, i), g = pr_lane(got->of.v128, bits, i);
            bool ok = !lane_float ? w == g : bits == 32 ? pr_f32(lanes[i], (uint32_t)w, (uint32_t)g)
                                                        : pr_f64(lanes[i], w, g);
            if (!ok) return false;
        }
        return true;
    default: return false;
    }
}

/* ---- running ---- */

typedef struct pr_run {
    jw_allocator_t a;
    jw_store_t *store;
    jw_instance_t *cur;
    const uint8_t *label; uint32_t label_len;
    uint64_t passed, failed, skipped;      /* this script */
    uint64_t tpassed, tfailed, tskipped;   /* all scripts */
} pr_run_t;

#define PR_MAX_VALUES 64
static jw_value_t pr_args[PR_MAX_VALUES], pr_results[PR_MAX_VALUES];

static void pr_fail(pr_run_t *run, uint32_t line, const char *what) {
    lm_write((const char *)run->label, run->label_len);
    lm_puts(":");
    pr_dec(line);
    lm_puts(": ");
    lm_puts(what);
    lm_puts("\n");
    run->failed++;
}

static void pr_end_script(pr_run_t *run) {
    if (!run->label) return;
    lm_write((const char *)run->label, run->label_len);
    lm_puts(": ");
    pr_dec(run->passed); lm_puts(" passed, ");
    pr_dec(run->failed); lm_puts(" failed, ");
    pr_dec(run->skipped); lm_puts(" skipped\n");
    run->tpassed += run->passed, run->tfailed += run->failed, run->tskipped += run->skipped;
    run->passed = run->failed = run->skipped = 0;
    /* Every object of the script goes with the store and modules: the
     * bump heap starts over (modules are not freed one by one). */
    run->store = NULL;
    run->cur = NULL;
    pr_used = 0;
}

/* Invokes the record's export; *nres results, false if the call trapped. */
static bool pr_invoke(pr_run_t *run, pr_reader_t *r, size_t *nres, jw_error_t *err, bool *found) {
    uint32_t flen, nargs;
    const uint8_t *field = pr_bytes(r, &flen);
    nargs = pr_u32(r);
    for (uint32_t i = 0; i < nargs && !r->bad; i++) {
        jw_valtype_t t = (jw_valtype_t)pr_u32(r);
        jw_value_t v = pr_value(r, t);
        if (i < PR_MAX_VALUES) pr_args[i] = v;
    }
    jw_extern_t x;
    *found = run->cur && nargs <= PR_MAX_VALUES && !r->bad &&
             jw_instance_export(run->cur, (const char *)field, flen, &x) && x.kind == JW_EXTERN_FUNC;
    if (!*found) return false;
    jw_functype_t ft;
    jw_func_type(x.of.func, &ft);
    *nres = ft.nresults;
    if (ft.nresults > PR_MAX_VALUES) { *found = false; return false; }
    return jw_call(run->store, x.of.func, pr_args, nargs, pr_results, ft.nresults, err);
}

static void pr_command(pr_run_t *run, pr_reader_t *r, uint32_t kind, uint32_t line) {
    jw_error_t err;
    uint32_t n;
    size_t nres = 0;
    bool found;
    switch (kind) {
    case PK_MODULE: {
        const uint8_t *b = pr_bytes(r, &n);
        jw_module_t *m = jw_module_load(&run->a, b, n, &err);
        run->cur = m ? jw_instantiate(run->store, m, NULL, NULL, &err) : NULL;
        if (run->cur) run->passed++;
        else pr_fail(run, line, "module: load/instantiate failed");
        return;
    }
    case PK_RETURN: case PK_ACTION: {
        bool ok = pr_invoke(run, r, &nres, &err, &found);
        uint32_t nexp = kind == PK_RETURN ? pr_u32(r) : 0;
        bool match = ok && (kind == PK_ACTION || nexp == nres);
        for (uint32_t i = 0; i < nexp; i++)
            if (!pr_expect(r, i < nres ? &pr_results[i] : &pr_results[0]) || i >= nres) match = false;
        if (match) run->passed++;
        else pr_fail(run, line, !found ? "no such export" : ok ? "wrong result" : "unexpected trap");
        return;
    }
    case PK_TRAP: {
        bool ok = pr_invoke(run, r, &nres, &err, &found);
        uint32_t want = pr_u32(r);
        if (found && !ok && err.kind == JW_ERR_TRAP && (want == 0 || err.trap == (jw_trap_kind_t)want))
            run->passed++;
        else pr_fail(run, line, "expected a trap");
        return;
    }
    case PK_LOAD_ERROR: {
        uint32_t want = pr_u32(r);
        const uint8_t *b = pr_bytes(r, &n);
        jw_module_t *m = jw_module_load(&run->a, b, n, &err);
        if (!m && err.kind == (jw_error_kind_t)want) run->passed++;
        else pr_fail(run, line, m ? "expected a load error, it loaded" : "wrong load error kind");
        if (m) jw_module_free(m);
        return;
    }
    case PK_SKIP: run->skipped++; return;
    default: r->bad = true; return;
    }
}

static uint64_t pr_run_pack(pr_run_t *run, pr_reader_t *r) {
    if (pr_u32(r) != PK_MAGIC) return 1;
    while (!r->bad) {
        uint32_t kind = pr_u32(r);
        if (kind == PK_END) break;
        uint32_t line = pr_u32(r);
        if (kind == PK_SCRIPT) {
            pr_end_script(run);
            run->label = pr_bytes(r, &run->label_len);
            run->store = jw_store_new(&run->a, NULL);
            if (!run->store) r->bad = true;
            continue;
        }
        pr_command(run, r, kind, line);
    }
    pr_end_script(run);
    return r->bad;
}

#if defined(__x86_64__)
__attribute__((force_align_arg_pointer))
#endif
void _start(void) {
    pr_run_t run;
    size_t len = 0;
    long got;
    __builtin_memset(&run, 0, sizeof run); /* constant size: inlined, no libc call */
    run.a = (jw_allocator_t){pr_alloc, pr_free, NULL};
    while (len < sizeof pr_pack &&
           (got = lm_read(pr_pack + len, (long)(sizeof pr_pack - len))) > 0)
        len += (size_t)got;
    pr_reader_t r = {pr_pack, pr_pack + len, false};
    uint64_t bad = pr_run_pack(&run, &r);
    if (bad) lm_puts("packrun: bad or truncated pack\n");
    lm_puts("total: ");
    pr_dec(run.tpassed); lm_puts(" passed, ");
    pr_dec(run.tfailed + bad); lm_puts(" failed, ");
    pr_dec(run.tskipped); lm_puts(" skipped\n");
    lm_exit(run.tfailed || bad ? 1 : 0);
    for (;;) {}
}
