/* SPDX-License-Identifier: MIT */
/* pack_core.c: reads packed spec commands and runs them on the engine with the hosted runner's checks (no libc). */
#include "pack_core.h"
#include "spec_match.h"
#include "spec_pack.h"

/*
 * Mirrors tests/spec/spec_json.c, spec_module.c, spec_action.c and
 * spectest.c command for command, so that a driver's counts are the hosted
 * runner's; what differs is only that the JSON was turned into records on
 * the host (tests/spec/spec_pack.c) and that a failure's line is shorter.
 * Freestanding: no libc call, no copy of a large struct (the Linux driver
 * links nothing that could provide memcpy).
 */
#define PC_MAX_NAMED 256 /* as SPEC_MAX_NAMED */
#define PC_LINE_MAX  320

/* ---- lines ---- */

typedef struct pc_line {
    char buf[PC_LINE_MAX];
    size_t len;
} pc_line_t;

static void line_bytes(pc_line_t *l, const void *p, size_t n)
{
    const uint8_t *s = p;
    for (size_t i = 0; i < n && l->len < sizeof l->buf - 2; i++) /* room for "\n\0" */
        l->buf[l->len++] = s[i] >= 0x20 && s[i] < 0x7f ? (char)s[i] : '?';
    l->buf[l->len] = 0;
}

static void line_str(pc_line_t *l, const char *s)
{
    size_t n = 0;
    while (s && s[n])
        n++;
    line_bytes(l, s, n);
}

static void line_u64(pc_line_t *l, uint64_t v)
{
    char b[20];
    int i = 20;
    do
        b[--i] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    line_bytes(l, b + i, (size_t)(20 - i));
}

size_t pack_format_counts(char *buf, size_t cap, const char *prefix, const pack_counts_t *c)
{
    pc_line_t l;
    l.len = 0;
    line_str(&l, prefix);
    line_str(&l, ": ");
    line_u64(&l, c->passed), line_str(&l, " passed, ");
    line_u64(&l, c->failed), line_str(&l, " failed, ");
    line_u64(&l, c->skipped), line_str(&l, " skipped");
    l.buf[l.len++] = '\n'; /* line_bytes kept room for it (and makes it '?') */
    size_t n = l.len < cap ? l.len : cap ? cap - 1 : 0;
    for (size_t i = 0; i < n; i++)
        buf[i] = l.buf[i];
    if (cap)
        buf[n] = 0;
    return n;
}

/* ---- reading records ---- */

typedef struct pc_reader {
    const uint8_t *p, *end;
    bool bad;
} pc_reader_t;

typedef struct pc_bytes {
    const uint8_t *p;
    uint32_t len;
} pc_bytes_t;

static uint32_t rd_u32(pc_reader_t *r)
{
    if (r->end - r->p < 4) {
        r->bad = true;
        return 0;
    }
    uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 |
                 (uint32_t)r->p[3] << 24;
    r->p += 4;
    return v;
}

static pc_bytes_t rd_bytes(pc_reader_t *r)
{
    pc_bytes_t b = { r->p, rd_u32(r) };
    uint64_t padded = ((uint64_t)b.len + 3) & ~(uint64_t)3;
    b.p = r->p;
    if ((uint64_t)(r->end - r->p) < padded) {
        r->bad = true;
        b.len = 0;
        return b;
    }
    r->p += padded;
    return b;
}

static void rd_fixed(pc_reader_t *r, uint8_t *out, uint32_t n)
{
    if ((uint64_t)(r->end - r->p) < n) {
        r->bad = true;
        return;
    }
    for (uint32_t i = 0; i < n; i++)
        out[i] = r->p[i];
    r->p += n;
}

static jw_value_t rd_value(pc_reader_t *r, jw_valtype_t t)
{
    jw_value_t v;
    uint8_t b[16];
    uint64_t lo = 0;
    rd_fixed(r, b, 16);
    for (int i = 0; i < 8; i++)
        lo |= (uint64_t)b[i] << (8 * i);
    v.type = t;
    for (int i = 0; i < 16; i++)
        v.of.v128[i] = t == JW_V128 ? b[i] : 0;
    if (t == JW_I32 || t == JW_F32)
        v.of.i32 = (uint32_t)lo;
    else if (t == JW_I64 || t == JW_F64)
        v.of.i64 = lo;
    else if (t == JW_FUNCREF || t == JW_EXTERNREF)
        v.of.ref = (jw_ref_t)(uintptr_t)lo; /* the hosted runner's token (spec_pack.h) */
    return v;
}

static void rd_expect(pc_reader_t *r, spec_expect_t *e)
{
    uint8_t lanes[16];
    jw_valtype_t t = (jw_valtype_t)rd_u32(r);
    e->pattern = (spec_pattern_t)rd_u32(r);
    e->lane_bits = (uint8_t)rd_u32(r);
    e->lane_float = rd_u32(r) != 0;
    rd_fixed(r, lanes, 16);
    for (int i = 0; i < 16; i++)
        e->lanes[i] = (spec_pattern_t)lanes[i];
    e->value = rd_value(r, t);
    if (t == JW_V128 &&
        (e->lane_bits < 8 || e->lane_bits > 64 || e->lane_bits & (e->lane_bits - 1)))
        r->bad = true; /* spec_value_matches divides by it */
}

static bool same(pc_bytes_t a, const char *s, size_t n)
{
    if (a.len != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (a.p[i] != (uint8_t)s[i])
            return false;
    return true;
}

/* ---- one script's state (spec_module.c) ---- */

typedef struct pc_name {
    pc_bytes_t name;
    jw_instance_t *inst;
} pc_name_t;

#define PC_SPECTEST_MAX 16
typedef struct pc_spectest_entry {
    const char *name;
    jw_extern_t ext;
} pc_spectest_entry_t;

static struct pc_state {
    const pack_host_t *host;
    pc_reader_t r;
    pc_bytes_t label;
    uint32_t line;
    jw_store_t *store;
    jw_module_t **modules;
    size_t nmodules, capmodules;
    pc_name_t named[PC_MAX_NAMED], registered[PC_MAX_NAMED];
    size_t nnamed, nregistered;
    jw_instance_t *current;
    bool spectest_made;
    size_t nspectest;
    pc_spectest_entry_t spectest[PC_SPECTEST_MAX];
    pack_counts_t script;
    jw_error_t err;
    jw_value_t args[PK_MAX_VALUES], results[PK_MAX_VALUES];
    spec_expect_t exp;
} pc;

/* One failure: "LABEL:LINE: what[: detail]". */
static void fail(const char *what, const char *detail)
{
    pc_line_t l;
    l.len = 0;
    line_bytes(&l, pc.label.p, pc.label.len);
    line_str(&l, ":");
    line_u64(&l, pc.line);
    line_str(&l, ": ");
    line_str(&l, what);
    if (detail) {
        line_str(&l, ": ");
        line_str(&l, detail);
    }
    l.buf[l.len++] = '\n'; /* line_bytes kept room for it */
    pc.host->print(pc.host->ud, l.buf, l.len);
    pc.script.failed++;
}

/* The engine's error as a short text: the trap's name or the message. */
static const char *err_text(void)
{
    pc.err.message[sizeof pc.err.message - 1] = 0;
    if (pc.err.kind == JW_ERR_TRAP && jw_trap_name(pc.err.trap))
        return jw_trap_name(pc.err.trap);
    return pc.err.message;
}

static void err_reset(void)
{
    pc.err.kind = JW_OK;
    pc.err.trap = JW_TRAP_NONE;
    pc.err.offset = 0;
    pc.err.message[0] = 0;
}

static bool keep_module(jw_module_t *m)
{
    const jw_allocator_t *a = pc.host->alloc;
    if (pc.nmodules == pc.capmodules) {
        size_t cap = pc.capmodules ? pc.capmodules * 2 : 16;
        jw_module_t **n = a->alloc(a->ud, cap * sizeof *n);
        if (!n)
            return false;
        for (size_t i = 0; i < pc.nmodules; i++)
            n[i] = pc.modules[i];
        if (pc.modules)
            a->free(a->ud, pc.modules, pc.capmodules * sizeof *n);
        pc.modules = n, pc.capmodules = cap;
    }
    pc.modules[pc.nmodules++] = m;
    return true;
}

static jw_module_t *load(pc_bytes_t wasm)
{
    err_reset();
    jw_module_t *m = jw_module_load(pc.host->alloc, wasm.p, wasm.len, &pc.err);
    if (m && !keep_module(m)) {
        jw_module_free(m);
        pc.err.kind = JW_ERR_NOMEM;
        return 0;
    }
    return m;
}

static bool set_name(pc_name_t *names, size_t *n, pc_bytes_t name, jw_instance_t *inst)
{
    for (size_t i = 0; i < *n; i++)
        if (same(names[i].name, (const char *)name.p, name.len))
            return names[i].inst = inst, true;
    if (*n == PC_MAX_NAMED)
        return false;
    names[(*n)++] = (pc_name_t){ name, inst };
    return true;
}

/* Empty name: the current module. */
static jw_instance_t *find(pc_bytes_t name)
{
    if (!name.len)
        return pc.current;
    for (size_t i = 0; i < pc.nnamed; i++)
        if (same(pc.named[i].name, (const char *)name.p, name.len))
            return pc.named[i].inst;
    return 0;
}

/* ---- the spectest module (spectest.c) ---- */

static bool quiet_print(jw_host_call_t *call, const jw_value_t *args, jw_value_t *results)
{
    (void)call, (void)args, (void)results;
    return true;
}

static void spectest_add(const char *name, jw_extern_kind_t kind, void *obj)
{
    if (!obj || pc.nspectest == PC_SPECTEST_MAX)
        return; /* a missing entry later shows up as an unlinkable import */
    pc_spectest_entry_t *e = &pc.spectest[pc.nspectest++];
    e->name = name;
    e->ext.kind = kind;
    switch (kind) {
    case JW_EXTERN_FUNC: e->ext.of.func = obj; break;
    case JW_EXTERN_TABLE: e->ext.of.table = obj; break;
    case JW_EXTERN_MEMORY: e->ext.of.memory = obj; break;
    case JW_EXTERN_GLOBAL: e->ext.of.global = obj; break;
    }
}

static void spectest_print(const char *name, const jw_valtype_t *params, uint32_t n)
{
    jw_functype_t ft = { n, 0, params, 0 };
    spectest_add(name, JW_EXTERN_FUNC, jw_host_func_new(pc.store, &ft, quiet_print, 0));
}

static void spectest_global(const char *name, jw_valtype_t t, uint64_t bits)
{
    jw_value_t v = { .type = t };
    if (t == JW_I32 || t == JW_F32)
        v.of.i32 = (uint32_t)bits;
    else
        v.of.i64 = bits;
    spectest_add(name, JW_EXTERN_GLOBAL, jw_global_new(pc.store, v, false));
}

static void spectest_make(void)
{
    static const jw_valtype_t i32[] = { JW_I32 }, i64[] = { JW_I64 };
    static const jw_valtype_t f32[] = { JW_F32 }, f64[] = { JW_F64 };
    static const jw_valtype_t i32_f32[] = { JW_I32, JW_F32 }, f64_f64[] = { JW_F64, JW_F64 };
    pc.spectest_made = true;
    spectest_print("print", 0, 0);
    spectest_print("print_i32", i32, 1);
    spectest_print("print_i64", i64, 1);
    spectest_print("print_f32", f32, 1);
    spectest_print("print_f64", f64, 1);
    spectest_print("print_i32_f32", i32_f32, 2);
    spectest_print("print_f64_f64", f64_f64, 2);
    spectest_global("global_i32", JW_I32, 666);
    spectest_global("global_i64", JW_I64, 666);
    spectest_global("global_f32", JW_F32, 0x4426a666u); /* 666.6f */
    spectest_global("global_f64", JW_F64, 0x4084d4cccccccccdull); /* 666.6 */
    jw_limits_t tl = { 10, 20, true }, ml = { 1, 2, true };
    spectest_add("table", JW_EXTERN_TABLE, jw_table_new(pc.store, JW_FUNCREF, tl, 0));
    spectest_add("memory", JW_EXTERN_MEMORY, jw_memory_new(pc.store, ml));
}

/* Imports resolve against registered instances (the latest first), then spectest. */
static bool resolve(void *ud, const jw_import_info_t *imp, jw_extern_t *out)
{
    (void)ud;
    if (!imp || !imp->module || (!imp->name && imp->name_len))
        return false;
    for (size_t i = pc.nregistered; i-- > 0;)
        if (same(pc.registered[i].name, imp->module, imp->module_len))
            return jw_instance_export(pc.registered[i].inst, imp->name ? imp->name : "",
                                      imp->name_len, out);
    pc_bytes_t mod = { (const uint8_t *)imp->module, (uint32_t)imp->module_len };
    if (!same(mod, "spectest", 8))
        return false;
    if (!pc.spectest_made)
        spectest_make();
    for (size_t i = 0; i < pc.nspectest; i++) {
        const char *n = pc.spectest[i].name;
        size_t len = 0;
        while (n[len])
            len++;
        pc_bytes_t want = { (const uint8_t *)imp->name, (uint32_t)imp->name_len };
        if (same(want, n, len))
            return *out = pc.spectest[i].ext, true;
    }
    return false;
}

/* ---- actions (spec_action.c) ---- */

typedef struct pc_outcome {
    bool ok; /* returned (else pc.err says why) */
    size_t nresults; /* in pc.results */
    const char *problem; /* not even attempted: the command fails with this */
} pc_outcome_t;

static bool check_call(const jw_functype_t *ft, uint32_t nargs, pc_outcome_t *o)
{
    if (ft->nparams > PK_MAX_VALUES || ft->nresults > PK_MAX_VALUES ||
        (ft->nparams && !ft->params) || (ft->nresults && !ft->results))
        return o->problem = "engine gave a garbage function type", false;
    if (nargs != ft->nparams)
        return o->problem = "wrong number of args for the function", false;
    for (uint32_t i = 0; i < nargs; i++)
        if (pc.args[i].type != ft->params[i])
            return o->problem = "an arg's type is not the param's", false;
    return true;
}

static void invoke(jw_func_t *f, uint32_t nargs, pc_outcome_t *o)
{
    jw_functype_t ft = { 0, 0, 0, 0 };
    jw_func_type(f, &ft);
    if (!check_call(&ft, nargs, o))
        return;
    for (uint32_t i = 0; i < ft.nresults; i++)
        pc.results[i].type = (jw_valtype_t)0xa5; /* a result never written shows */
    err_reset();
    o->nresults = ft.nresults;
    o->ok = jw_call(pc.store, f, pc.args, nargs, pc.results, ft.nresults, &pc.err);
    if (!o->ok && pc.err.kind == JW_OK)
        o->problem = "jw_call failed with error kind OK";
    for (uint32_t i = 0; o->ok && i < ft.nresults; i++)
        if (pc.results[i].type != ft.results[i])
            o->problem = "a result's type is not the function type's";
}

/* Reads an action and runs it. */
static pc_outcome_t run_action(void)
{
    pc_outcome_t o = { false, 0, 0 };
    pc_reader_t *r = &pc.r;
    uint32_t kind = rd_u32(r);
    pc_bytes_t mod = rd_bytes(r), field = rd_bytes(r);
    uint32_t nargs = rd_u32(r);
    for (uint32_t i = 0; i < nargs && !r->bad; i++) {
        jw_valtype_t t = (jw_valtype_t)rd_u32(r);
        jw_value_t v = rd_value(r, t);
        if (i < PK_MAX_VALUES)
            pc.args[i] = v;
    }
    if (nargs > PK_MAX_VALUES)
        r->bad = true;
    if (r->bad)
        return o.problem = "bad record", o;
    jw_instance_t *inst = find(mod);
    jw_extern_t x;
    if (!inst)
        return o.problem = "no such module", o;
    if (!jw_instance_export(inst, (const char *)field.p, field.len, &x))
        return o.problem = "no such export", o;
    if (kind == PK_GET) {
        if (x.kind != JW_EXTERN_GLOBAL || !x.of.global)
            return o.problem = "export is not a global", o;
        pc.results[0] = jw_global_get(x.of.global);
        o.ok = true, o.nresults = 1;
        return o;
    }
    if (x.kind != JW_EXTERN_FUNC || !x.of.func)
        return o.problem = "export is not a function", o;
    invoke(x.of.func, nargs, &o);
    return o;
}

/* ---- commands (spec_json.c) ---- */

static void cmd_module(void)
{
    pc_bytes_t name = rd_bytes(&pc.r), wasm = rd_bytes(&pc.r);
    if (pc.r.bad)
        return;
    pc.current = 0;
    if (name.len)
        set_name(pc.named, &pc.nnamed, name, 0);
    jw_module_t *m = load(wasm);
    if (!m)
        return fail("module: load failed", err_text());
    err_reset();
    jw_instance_t *inst = jw_instantiate(pc.store, m, resolve, 0, &pc.err);
    if (!inst)
        return fail("module: instantiate failed", err_text());
    pc.current = inst;
    if (name.len)
        set_name(pc.named, &pc.nnamed, name, inst);
    pc.script.passed++;
}

/* Not a test (as the reference runners): counted only when it fails. */
static void cmd_register(void)
{
    pc_bytes_t name = rd_bytes(&pc.r), as = rd_bytes(&pc.r);
    jw_instance_t *inst = find(name);
    if (pc.r.bad)
        return;
    if (!inst)
        return fail("register: no such module", 0);
    if (!set_name(pc.registered, &pc.nregistered, as, inst))
        return fail("register: too many names", 0);
}

/* assert_return and (either) its one-of-these form. */
static void cmd_return(bool either)
{
    pc_outcome_t o = run_action();
    uint32_t nexp = rd_u32(&pc.r);
    bool any = false, all = true;
    for (uint32_t i = 0; i < nexp && !pc.r.bad; i++) {
        rd_expect(&pc.r, &pc.exp);
        bool m = !pc.r.bad && o.ok && !o.problem &&
                 (either ? o.nresults == 1 && spec_value_matches(&pc.exp, &pc.results[0])
                         : i < o.nresults && spec_value_matches(&pc.exp, &pc.results[i]));
        any |= m;
        all &= m;
    }
    if (pc.r.bad)
        return;
    if (o.problem)
        return fail("assert_return", o.problem);
    if (!o.ok)
        return fail("assert_return: expected a return, got", err_text());
    if (either ? !any || o.nresults != 1 : !all || nexp != o.nresults)
        return fail(
            either ? "assert_return: no alternative matches" : "assert_return: wrong result", 0);
    pc.script.passed++;
}

static void cmd_trap(void)
{
    pc_outcome_t o = run_action();
    jw_trap_kind_t want = (jw_trap_kind_t)rd_u32(&pc.r);
    if (pc.r.bad)
        return;
    if (o.problem)
        return fail("assert_trap", o.problem);
    if (o.ok)
        return fail("assert_trap: expected a trap, got a return", 0);
    if (pc.err.kind != JW_ERR_TRAP)
        return fail("assert_trap: expected a trap, got", err_text());
    if (want != JW_TRAP_NONE && pc.err.trap != want)
        return fail("assert_trap: another trap", err_text());
    pc.script.passed++;
}

static void cmd_action(void)
{
    pc_outcome_t o = run_action();
    if (pc.r.bad)
        return;
    if (o.problem)
        return fail("action", o.problem);
    if (!o.ok)
        return fail("action: got", err_text());
    pc.script.passed++;
}

static void cmd_load_error(void)
{
    jw_error_kind_t want = (jw_error_kind_t)rd_u32(&pc.r);
    bool artifact = rd_u32(&pc.r) != 0;
    pc_bytes_t wasm = rd_bytes(&pc.r);
    if (pc.r.bad)
        return;
    err_reset();
    jw_module_t *m = jw_module_load(pc.host->alloc, wasm.p, wasm.len, &pc.err);
    if (m) {
        jw_module_free(m);
        return fail("expected a load error, but the module loaded", 0);
    }
    if (pc.err.kind != want && !(artifact && pc.err.kind == JW_ERR_MALFORMED))
        return fail("another load error", err_text());
    if (pc.err.offset > wasm.len)
        return fail("error offset past the module", err_text());
    pc.script.passed++;
}

static void cmd_link_error(void)
{
    jw_error_kind_t want = (jw_error_kind_t)rd_u32(&pc.r);
    jw_trap_kind_t trap = (jw_trap_kind_t)rd_u32(&pc.r);
    pc_bytes_t wasm = rd_bytes(&pc.r);
    if (pc.r.bad)
        return;
    jw_module_t *m = load(wasm);
    if (!m)
        return fail("load failed", err_text());
    err_reset();
    if (jw_instantiate(pc.store, m, resolve, 0, &pc.err))
        return fail("expected an instantiation error, but it instantiated", 0);
    if (pc.err.kind != want)
        return fail("another instantiation error", err_text());
    if (trap != JW_TRAP_NONE && pc.err.trap != trap)
        return fail("another trap", err_text());
    pc.script.passed++;
}

static void command(uint32_t kind)
{
    switch (kind) {
    case PK_MODULE: cmd_module(); return;
    case PK_REGISTER: cmd_register(); return;
    case PK_RETURN: cmd_return(false); return;
    case PK_EITHER: cmd_return(true); return;
    case PK_TRAP: cmd_trap(); return;
    case PK_ACTION: cmd_action(); return;
    case PK_LOAD_ERROR: cmd_load_error(); return;
    case PK_LINK_ERROR: cmd_link_error(); return;
    case PK_SKIP: pc.script.skipped++; return;
    case PK_FAIL: {
        pc_bytes_t why = rd_bytes(&pc.r);
        char text[128];
        uint32_t n = why.len < sizeof text - 1 ? why.len : sizeof text - 1;
        for (uint32_t i = 0; i < n; i++)
            text[i] = (char)why.p[i];
        text[n] = 0;
        if (!pc.r.bad)
            fail("fails on the host too", text);
        return;
    }
    default: pc.r.bad = true; return;
    }
}

/* ---- scripts ---- */

static void end_script(pack_counts_t *total)
{
    const jw_allocator_t *a = pc.host->alloc;
    if (!pc.store)
        return;
    /* The store first: modules must outlive their instances. */
    jw_store_free(pc.store);
    for (size_t i = 0; i < pc.nmodules; i++)
        jw_module_free(pc.modules[i]);
    if (pc.modules)
        a->free(a->ud, pc.modules, pc.capmodules * sizeof *pc.modules);
    total->passed += pc.script.passed;
    total->failed += pc.script.failed;
    total->skipped += pc.script.skipped;
    if (pc.host->script_done)
        pc.host->script_done(pc.host->ud, (const char *)pc.label.p, pc.label.len, &pc.script);
    pc.store = 0, pc.modules = 0, pc.nmodules = pc.capmodules = 0;
    pc.nnamed = pc.nregistered = pc.nspectest = 0;
    pc.spectest_made = false;
    pc.current = 0;
    pc.script = (pack_counts_t){ 0, 0, 0 };
}

bool pack_run(const uint8_t *pack, size_t len, const pack_host_t *host, pack_counts_t *total)
{
    pc.host = host;
    pc.r = (pc_reader_t){ pack, pack + len, false };
    if (rd_u32(&pc.r) != PK_MAGIC)
        return false;
    while (!pc.r.bad) {
        uint32_t kind = rd_u32(&pc.r);
        if (kind == PK_END)
            break;
        pc.line = rd_u32(&pc.r);
        if (kind == PK_SCRIPT) {
            end_script(total);
            pc.label = rd_bytes(&pc.r);
            pc.store = jw_store_new(host->alloc, host->config);
            if (!pc.store) {
                fail("cannot make a store", 0);
                return false;
            }
            continue;
        }
        if (!pc.store)
            pc.r.bad = true; /* a command before any script */
        else
            command(kind);
    }
    end_script(total);
    return !pc.r.bad;
}
