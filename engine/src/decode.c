/* SPDX-License-Identifier: MIT */
/* decode.c: module sections: binary decoding and module-level validation. */
#include "internal.h"

typedef struct dc {
    jw_module_t *m;
    jwr_t r;
    const jw_allocator_t *a;
    uint32_t nfunc_decl; /* from the function section */
    bool seen_code;
} dc_t;

static bool dc_nomem(dc_t *d)
{
    if (d->r.err->kind == JW_OK)
        jw__err(d->r.err, JW_ERR_NOMEM, jwr_off(&d->r), "out of memory");
    return false;
}

static bool dc_invalid(dc_t *d, const char *msg) { return jwr_fail(&d->r, JW_ERR_INVALID, msg); }
static bool dc_malformed(dc_t *d, const char *msg)
{
    return jwr_fail(&d->r, JW_ERR_MALFORMED, msg);
}

/* Grows an exact-size array from n to n + add items. */
static bool dc_extend(dc_t *d, void **arr, uint32_t n, uint32_t add, size_t elem)
{
    if (add == 0)
        return true;
    void *na = jw__alloc(d->a, (size_t)(n + add) * elem);
    if (!na)
        return dc_nomem(d);
    if (*arr) {
        jw__memcpy(na, *arr, (size_t)n * elem);
        jw__free(d->a, *arr, (size_t)n * elem);
    }
    *arr = na;
    return true;
}

bool jw__functype_eq(const jw_functype_t *a, const jw_functype_t *b)
{
    if (a == b)
        return true;
    if (a->nparams != b->nparams || a->nresults != b->nresults)
        return false;
    for (uint32_t i = 0; i < a->nparams; i++)
        if (a->params[i] != b->params[i])
            return false;
    for (uint32_t i = 0; i < a->nresults; i++)
        if (a->results[i] != b->results[i])
            return false;
    return true;
}

/* ---- names ---- */

static bool dc_utf8(const uint8_t *s, uint32_t n)
{
    uint32_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        uint32_t len, cp, min;
        if (c < 0x80) {
            i++;
            continue;
        }
        if ((c & 0xe0) == 0xc0) {
            len = 2;
            cp = c & 0x1f;
            min = 0x80;
        } else if ((c & 0xf0) == 0xe0) {
            len = 3;
            cp = c & 0x0f;
            min = 0x800;
        } else if ((c & 0xf8) == 0xf0) {
            len = 4;
            cp = c & 0x07;
            min = 0x10000;
        } else
            return false;
        if (n - i < len)
            return false;
        for (uint32_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += len;
    }
    return true;
}

static bool dc_name(dc_t *d, const char **out, uint32_t *len)
{
    const uint8_t *p;
    if (!jwr_u32(&d->r, len))
        return false;
    if (!jwr_bytes(&d->r, *len, &p))
        return false;
    if (!dc_utf8(p, *len))
        return dc_malformed(d, "malformed UTF-8 encoding");
    *out = (const char *)p;
    return true;
}

/* ---- types ---- */

static bool dc_limits(dc_t *d, jw_limits_t *l)
{
    uint8_t flag;
    if (!jwr_u8(&d->r, &flag))
        return false;
    if (flag > 1)
        return dc_malformed(d, "integer too large");
    if (!jwr_u32(&d->r, &l->min))
        return false;
    l->has_max = flag == 1;
    l->max = 0;
    if (l->has_max && !jwr_u32(&d->r, &l->max))
        return false;
    return true;
}

static bool dc_memtype(dc_t *d, jw_limits_t *l)
{
    if (!dc_limits(d, l))
        return false;
    if (l->min > JW_MAX_PAGES || (l->has_max && l->max > JW_MAX_PAGES))
        return dc_invalid(d, "memory size must be at most 65536 pages (4GiB)");
    if (l->has_max && l->min > l->max)
        return dc_invalid(d, "size minimum must not be greater than maximum");
    return true;
}

static bool dc_reftype(dc_t *d, jw_valtype_t *t)
{
    uint8_t b;
    if (!jwr_u8(&d->r, &b))
        return false;
    if (b != JW_FUNCREF && b != JW_EXTERNREF) {
        d->r.p--;
        return dc_malformed(d, "malformed reference type");
    }
    *t = (jw_valtype_t)b;
    return true;
}

static bool dc_tabletype(dc_t *d, jwm_table_t *t)
{
    if (!dc_reftype(d, &t->elem))
        return false;
    if (!dc_limits(d, &t->limits))
        return false;
    if (t->limits.has_max && t->limits.min > t->limits.max)
        return dc_invalid(d, "size minimum must not be greater than maximum");
    return true;
}

static bool dc_globaltype(dc_t *d, jw_valtype_t *t, bool *mut)
{
    uint8_t b;
    if (!jwr_valtype(&d->r, t))
        return false;
    if (!jwr_u8(&d->r, &b))
        return false;
    if (b > 1)
        return dc_malformed(d, "malformed mutability");
    *mut = b == 1;
    return true;
}

static bool dc_type_section(dc_t *d)
{
    jw_module_t *m = d->m;
    uint32_t n;
    if (!jwr_count(&d->r, &n, 3))
        return false;
    m->types = jw__alloc(d->a, (size_t)n * sizeof *m->types);
    if (!m->types)
        return dc_nomem(d);
    m->ntypes = n;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t form;
        uint32_t np, nr;
        jw_functype_t *ft = &m->types[i];
        if (!jwr_u8(&d->r, &form))
            return false;
        if (form != 0x60)
            return dc_malformed(d, "integer representation too long");
        if (!jwr_count(&d->r, &np, 1))
            return false;
        const uint8_t *save = d->r.p;
        d->r.p += np;
        if (!jwr_count(&d->r, &nr, 1))
            return false;
        d->r.p = save;
        jw_valtype_t *vt = jw__alloc(d->a, (size_t)(np + nr) * sizeof *vt);
        if (!vt)
            return dc_nomem(d);
        ft->params = vt;
        ft->results = vt + np;
        ft->nparams = np;
        ft->nresults = nr;
        for (uint32_t k = 0; k < np; k++)
            if (!jwr_valtype(&d->r, &vt[k]))
                return false;
        if (!jwr_u32(&d->r, &nr))
            return false;
        for (uint32_t k = 0; k < nr; k++)
            if (!jwr_valtype(&d->r, &vt[np + k]))
                return false;
    }
    return true;
}

static bool dc_typeidx(dc_t *d, uint32_t *t)
{
    if (!jwr_u32(&d->r, t))
        return false;
    if (*t >= d->m->ntypes)
        return dc_invalid(d, "unknown type");
    return true;
}

static bool dc_import_section(dc_t *d)
{
    jw_module_t *m = d->m;
    uint32_t n;
    if (!jwr_count(&d->r, &n, 4))
        return false;
    m->imports = jw__alloc(d->a, (size_t)n * sizeof *m->imports);
    if (!m->imports)
        return dc_nomem(d);
    m->nimports = n;
    for (uint32_t i = 0; i < n; i++) {
        jwm_import_t *im = &m->imports[i];
        uint8_t kind;
        if (!dc_name(d, &im->module, &im->module_len))
            return false;
        if (!dc_name(d, &im->name, &im->name_len))
            return false;
        if (!jwr_u8(&d->r, &kind))
            return false;
        switch (kind) {
        case 0: {
            uint32_t t;
            if (!dc_typeidx(d, &t))
                return false;
            if (!dc_extend(d, (void **)&m->funcs, m->nfuncs, 1, sizeof *m->funcs))
                return false;
            im->index = m->nfuncs++;
            m->funcs[im->index].type = t;
            m->funcs[im->index].nparams = m->types[t].nparams;
            m->funcs[im->index].nresults = m->types[t].nresults;
            break;
        }
        case 1:
            if (!dc_extend(d, (void **)&m->tables, m->ntables, 1, sizeof *m->tables))
                return false;
            im->index = m->ntables++;
            if (!dc_tabletype(d, &m->tables[im->index]))
                return false;
            break;
        case 2:
            if (!dc_extend(d, (void **)&m->mems, m->nmems, 1, sizeof *m->mems))
                return false;
            im->index = m->nmems++;
            if (!dc_memtype(d, &m->mems[im->index]))
                return false;
            break;
        case 3: {
            if (!dc_extend(d, (void **)&m->globals, m->nglobals, 1, sizeof *m->globals))
                return false;
            im->index = m->nglobals++;
            jwm_global_t *g = &m->globals[im->index];
            if (!dc_globaltype(d, &g->type, &g->mut))
                return false;
            break;
        }
        default: d->r.p--; return dc_malformed(d, "malformed import kind");
        }
        im->kind = (jw_extern_kind_t)kind;
    }
    if (m->nmems > 1)
        return dc_invalid(d, "multiple memories");
    m->nfunc_imports = m->nfuncs;
    m->ntable_imports = m->ntables;
    m->nmem_imports = m->nmems;
    m->nglobal_imports = m->nglobals;
    return true;
}

static bool dc_function_section(dc_t *d)
{
    jw_module_t *m = d->m;
    uint32_t n;
    if (!jwr_count(&d->r, &n, 1))
        return false;
    if (!dc_extend(d, (void **)&m->funcs, m->nfuncs, n, sizeof *m->funcs))
        return false;
    uint32_t base = m->nfuncs;
    m->nfuncs += n;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t t;
        if (!dc_typeidx(d, &t))
            return false;
        jwm_func_t *f = &m->funcs[base + i];
        f->type = t;
        f->nparams = m->types[t].nparams;
        f->nresults = m->types[t].nresults;
    }
    d->nfunc_decl = n;
    return true;
}

static bool dc_table_section(dc_t *d)
{
    jw_module_t *m = d->m;
    uint32_t n;
    if (!jwr_count(&d->r, &n, 3))
        return false;
    if (!dc_extend(d, (void **)&m->tables, m->ntables, n, sizeof *m->tables))
        return false;
    uint32_t base = m->ntables;
    m->ntables += n;
    for (uint32_t i = 0; i < n; i++)
        if (!dc_tabletype(d, &m->tables[base + i]))
            return false;
    return true;
}

static bool dc_memory_section(dc_t *d)
{
    jw_module_t *m = d->m;
    uint32_t n;
    if (!jwr_count(&d->r, &n, 2))
        return false;
    if (!dc_extend(d, (void **)&m->mems, m->nmems, n, sizeof *m->mems))
        return false;
    uint32_t base = m->nmems;
    m->nmems += n;
    for (uint32_t i = 0; i < n; i++)
        if (!dc_memtype(d, &m->mems[base + i]))
            return false;
    if (m->nmems > 1)
        return dc_invalid(d, "multiple memories");
    return true;
}

/* Is `op` a (non-SIMD) wasm 2.0 opcode byte? */
static bool dc_known_opcode(uint8_t op)
{
    return op <= 0x05 || (op >= 0x0b && op <= 0x11) || (op >= 0x1a && op <= 0x1c) ||
           (op >= 0x20 && op <= 0x26) || (op >= 0x28 && op <= 0xc4) || (op >= 0xd0 && op <= 0xd2) ||
           op == 0xfc || op == 0xfd;
}

/* Constant expressions: one constant instruction then `end`. Only imported,
 * immutable globals are visible (wasm 2.0). */
bool jw__const_expr(jw_module_t *m, jwr_t *r, jw_valtype_t type, jwm_init_t *out, uint32_t nvisible)
{
    uint8_t op;
    jw_valtype_t got;
    if (!jwr_u8(r, &op))
        return false;
    out->value = 0;
    out->hi = 0;
    out->index = 0;
    switch (op) {
    case 0x41: {
        int32_t v;
        if (!jwr_s32(r, &v))
            return false;
        out->kind = JWI_CONST;
        out->value = (uint32_t)v;
        got = JW_I32;
        break;
    }
    case 0x42: {
        int64_t v;
        if (!jwr_s64(r, &v))
            return false;
        out->kind = JWI_CONST;
        out->value = (uint64_t)v;
        got = JW_I64;
        break;
    }
    case 0x43: {
        const uint8_t *p;
        if (!jwr_bytes(r, 4, &p))
            return false;
        out->kind = JWI_CONST;
        out->value =
            (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        got = JW_F32;
        break;
    }
    case 0x44: {
        const uint8_t *p;
        if (!jwr_bytes(r, 8, &p))
            return false;
        out->kind = JWI_CONST;
        for (int k = 7; k >= 0; k--)
            out->value = out->value << 8 | p[k];
        got = JW_F64;
        break;
    }
    case 0xd0: {
        uint8_t t;
        if (!jwr_u8(r, &t))
            return false;
        if (t != JW_FUNCREF && t != JW_EXTERNREF)
            return jwr_fail(r, JW_ERR_MALFORMED, "malformed reference type");
        out->kind = JWI_REF_NULL;
        got = (jw_valtype_t)t;
        break;
    }
    case 0xd2: {
        uint32_t x;
        if (!jwr_u32(r, &x))
            return false;
        if (x >= m->nfuncs)
            return jwr_fail(r, JW_ERR_INVALID, "unknown function");
        out->kind = JWI_REF_FUNC;
        out->index = x;
        got = JW_FUNCREF;
        m->declared[x] = 1;
        break;
    }
    case 0x23: {
        uint32_t x;
        if (!jwr_u32(r, &x))
            return false;
        if (x >= nvisible)
            return jwr_fail(r, JW_ERR_INVALID, "unknown global");
        if (m->globals[x].mut)
            return jwr_fail(r, JW_ERR_INVALID, "constant expression required");
        out->kind = JWI_GLOBAL;
        out->index = x;
        got = m->globals[x].type;
        break;
    }
    case 0xfd: { /* v128.const only */
        uint32_t sub;
        const uint8_t *p;
        if (!jwr_u32(r, &sub))
            return false;
        if (sub != 0x0c)
            return jwr_fail(r, JW_ERR_INVALID, "constant expression required");
        if (!jwr_bytes(r, 16, &p))
            return false;
        out->kind = JWI_CONST;
        for (int k = 7; k >= 0; k--)
            out->value = out->value << 8 | p[k];
        for (int k = 15; k >= 8; k--)
            out->hi = out->hi << 8 | p[k];
        got = JW_V128;
        break;
    }
    case 0x0b: r->p--; return jwr_fail(r, JW_ERR_INVALID, "type mismatch");
    default:
        r->p--;
        if (!dc_known_opcode(op))
            return jwr_fail(r, JW_ERR_MALFORMED, "illegal opcode");
        return jwr_fail(r, JW_ERR_INVALID, "constant expression required");
    }
    if (!jwr_u8(r, &op))
        return false;
    if (op != 0x0b) {
        r->p--;
        /* A second instruction: a constant one leaves too many values. */
        if (op == 0x41 || op == 0x42 || op == 0x43 || op == 0x44 || op == 0xd0 || op == 0xd2 ||
            op == 0x23)
            return jwr_fail(r, JW_ERR_INVALID, "type mismatch");
        return jwr_fail(r, JW_ERR_INVALID, "constant expression required");
    }
    if (got != type)
        return jwr_fail(r, JW_ERR_INVALID, "type mismatch");
    return true;
}

static bool dc_global_section(dc_t *d)
{
    jw_module_t *m = d->m;
    uint32_t n;
    if (!jwr_count(&d->r, &n, 3))
        return false;
    if (!dc_extend(d, (void **)&m->globals, m->nglobals, n, sizeof *m->globals))
        return false;
    uint32_t base = m->nglobals;
    m->nglobals += n;
    for (uint32_t i = 0; i < n; i++) {
        jwm_global_t *g = &m->globals[base + i];
        if (!dc_globaltype(d, &g->type, &g->mut))
            return false;
        if (!jw__const_expr(m, &d->r, g->type, &g->init, m->nglobal_imports))
            return false;
    }
    return true;
}

static uint32_t dc_hash(const char *s, uint32_t n)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

/* Duplicate export names through a temporary open-addressing hash set. */
static bool dc_check_dup_exports(dc_t *d)
{
    jw_module_t *m = d->m;
    uint32_t cap = 16;
    while (cap < m->nexports * 2)
        cap *= 2;
    uint32_t *slot = jw__alloc(d->a, (size_t)cap * sizeof *slot);
    if (!slot)
        return dc_nomem(d);
    bool ok = true;
    for (uint32_t i = 0; i < m->nexports && ok; i++) {
        const jwm_export_t *e = &m->exports[i];
        uint32_t h = dc_hash(e->name, e->name_len) & (cap - 1);
        while (slot[h]) {
            const jwm_export_t *o = &m->exports[slot[h] - 1];
            if (o->name_len == e->name_len && jw__memcmp(o->name, e->name, e->name_len) == 0) {
                ok = dc_invalid(d, "duplicate export name");
                break;
            }
            h = (h + 1) & (cap - 1);
        }
        slot[h] = i + 1;
    }
    jw__free(d->a, slot, (size_t)cap * sizeof *slot);
    return ok;
}

static bool dc_export_section(dc_t *d)
{
    jw_module_t *m = d->m;
    uint32_t n;
    if (!jwr_count(&d->r, &n, 3))
        return false;
    m->exports = jw__alloc(d->a, (size_t)n * sizeof *m->exports);
    if (!m->exports)
        return dc_nomem(d);
    m->nexports = n;
    for (uint32_t i = 0; i < n; i++) {
        jwm_export_t *e = &m->exports[i];
        uint8_t kind;
        if (!dc_name(d, &e->name, &e->name_len))
            return false;
        if (!jwr_u8(&d->r, &kind))
            return false;
        if (!jwr_u32(&d->r, &e->index))
            return false;
        switch (kind) {
        case 0:
            if (e->index >= m->nfuncs)
                return dc_invalid(d, "unknown function");
            m->declared[e->index] = 1;
            break;
        case 1:
            if (e->index >= m->ntables)
                return dc_invalid(d, "unknown table");
            break;
        case 2:
            if (e->index >= m->nmems)
                return dc_invalid(d, "unknown memory");
            break;
        case 3:
            if (e->index >= m->nglobals)
                return dc_invalid(d, "unknown global");
            break;
        default: return dc_malformed(d, "malformed export kind");
        }
        e->kind = (jw_extern_kind_t)kind;
    }
    return dc_check_dup_exports(d);
}

static bool dc_start_section(dc_t *d)
{
    jw_module_t *m = d->m;
    if (!jwr_u32(&d->r, &m->start))
        return false;
    if (m->start >= m->nfuncs)
        return dc_invalid(d, "unknown function");
    const jw_functype_t *t = &m->types[m->funcs[m->start].type];
    if (t->nparams || t->nresults)
        return dc_invalid(d, "start function");
    m->has_start = true;
    return true;
}

static bool dc_elem_items(dc_t *d, jwm_elem_t *e, bool exprs)
{
    jw_module_t *m = d->m;
    uint32_t n;
    if (!jwr_count(&d->r, &n, 1))
        return false;
    e->items = jw__alloc(d->a, (size_t)n * sizeof *e->items);
    if (!e->items)
        return dc_nomem(d);
    e->count = n;
    for (uint32_t i = 0; i < n; i++) {
        if (exprs) {
            if (!jw__const_expr(m, &d->r, e->type, &e->items[i], m->nglobal_imports))
                return false;
        } else {
            uint32_t x;
            if (!jwr_u32(&d->r, &x))
                return false;
            if (x >= m->nfuncs)
                return dc_invalid(d, "unknown function");
            m->declared[x] = 1;
            e->items[i].kind = JWI_REF_FUNC;
            e->items[i].index = x;
        }
    }
    return true;
}

static bool dc_elem(dc_t *d, jwm_elem_t *e)
{
    jw_module_t *m = d->m;
    uint32_t flags;
    if (!jwr_u32(&d->r, &flags))
        return false;
    if (flags > 7)
        return dc_malformed(d, "malformed elements segment kind");
    bool passive_or_decl = flags & 1, explicit_table = flags & 2, exprs = flags & 4;
    e->type = JW_FUNCREF;
    e->table = 0;
    if (!passive_or_decl) {
        e->mode = JWS_ACTIVE;
        if (explicit_table && !jwr_u32(&d->r, &e->table))
            return false;
        if (e->table >= m->ntables)
            return dc_invalid(d, "unknown table");
        if (!jw__const_expr(m, &d->r, JW_I32, &e->offset, m->nglobal_imports))
            return false;
    } else {
        e->mode = explicit_table ? JWS_DECLARATIVE : JWS_PASSIVE;
    }
    if (passive_or_decl || explicit_table) {
        if (exprs) {
            if (!dc_reftype(d, &e->type))
                return false;
        } else {
            uint8_t kind;
            if (!jwr_u8(&d->r, &kind))
                return false;
            if (kind != 0)
                return dc_malformed(d, "malformed element kind");
        }
    }
    if (!dc_elem_items(d, e, exprs))
        return false;
    if (e->mode == JWS_ACTIVE && m->tables[e->table].elem != e->type)
        return dc_invalid(d, "type mismatch");
    return true;
}

static bool dc_element_section(dc_t *d)
{
    jw_module_t *m = d->m;
    uint32_t n;
    if (!jwr_count(&d->r, &n, 2))
        return false;
    m->elems = jw__alloc(d->a, (size_t)n * sizeof *m->elems);
    if (!m->elems)
        return dc_nomem(d);
    m->nelems = n;
    for (uint32_t i = 0; i < n; i++) {
        if (!dc_elem(d, &m->elems[i]))
            return false;
    }
    return true;
}

static bool dc_datacount_section(dc_t *d)
{
    if (!jwr_u32(&d->r, &d->m->datacount))
        return false;
    d->m->has_datacount = true;
    return true;
}

/* One entry of the code section: size, then the body of function fidx. */
static bool dc_code(dc_t *d, jwc_t *c, uint32_t fidx)
{
    uint32_t size;
    const uint8_t *body;
    if (!jwr_u32(&d->r, &size))
        return false;
    if (!jwr_bytes(&d->r, size, &body))
        return false;
    jwr_t br = { body, body + size, d->r.base, d->r.err };
    return jw__compile_func(c, fidx, &br);
}

static bool dc_code_section(dc_t *d)
{
    jw_module_t *m = d->m;
    uint32_t n;
    if (!jwr_count(&d->r, &n, 2))
        return false;
    if (n != d->nfunc_decl)
        return dc_malformed(d, "function and code section have inconsistent lengths");
    d->seen_code = true;
    jwc_t *c = jw__compiler_new(m);
    if (!c)
        return dc_nomem(d);
    bool ok = true;
    for (uint32_t i = 0; ok && i < n; i++)
        ok = dc_code(d, c, m->nfunc_imports + i);
    jw__compiler_free(c);
    return ok;
}

static bool dc_data_section(dc_t *d)
{
    jw_module_t *m = d->m;
    uint32_t n;
    if (!jwr_count(&d->r, &n, 1))
        return false;
    if (m->has_datacount && n != m->datacount)
        return dc_malformed(d, "data count and data section have inconsistent lengths");
    m->datas = jw__alloc(d->a, (size_t)n * sizeof *m->datas);
    if (!m->datas)
        return dc_nomem(d);
    m->ndatas = n;
    for (uint32_t i = 0; i < n; i++) {
        jwm_data_t *s = &m->datas[i];
        uint32_t flags;
        if (!jwr_u32(&d->r, &flags))
            return false;
        if (flags > 2)
            return dc_malformed(d, "malformed data segment kind");
        s->mode = flags == 1 ? JWS_PASSIVE : JWS_ACTIVE;
        if (flags == 2 && !jwr_u32(&d->r, &s->memory))
            return false;
        if (flags != 1) {
            if (s->memory >= m->nmems)
                return dc_invalid(d, "unknown memory");
            if (!jw__const_expr(m, &d->r, JW_I32, &s->offset, m->nglobal_imports))
                return false;
        }
        if (!jwr_u32(&d->r, &s->len))
            return false;
        if (!jwr_bytes(&d->r, s->len, &s->bytes))
            return false;
    }
    return true;
}

static bool dc_custom_section(dc_t *d)
{
    const char *name;
    uint32_t len;
    if (!dc_name(d, &name, &len))
        return false;
    if (len == 4 && jw__memcmp(name, "name", 4) == 0) { /* names.c reads it */
        d->m->names = d->r.p;
        d->m->names_len = (size_t)(d->r.end - d->r.p);
    }
    d->r.p = d->r.end;
    return true;
}

/* Section order rank; the data count section (12) sits between 9 and 10. */
static int dc_rank(uint8_t id)
{
    static const int8_t rank[13] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10 };
    return rank[id];
}

static bool dc_section(dc_t *d, uint8_t id)
{
    switch (id) {
    case 0: return dc_custom_section(d);
    case 1: return dc_type_section(d);
    case 2: return dc_import_section(d);
    case 3: return dc_function_section(d);
    case 4: return dc_table_section(d);
    case 5: return dc_memory_section(d);
    case 6: return dc_global_section(d);
    case 7: return dc_export_section(d);
    case 8: return dc_start_section(d);
    case 9: return dc_element_section(d);
    case 10: return dc_code_section(d);
    case 11: return dc_data_section(d);
    case 12: return dc_datacount_section(d);
    }
    return false;
}

static bool dc_module(dc_t *d)
{
    static const uint8_t magic[4] = { 0, 'a', 's', 'm' };
    static const uint8_t version[4] = { 1, 0, 0, 0 };
    const uint8_t *p;
    jwr_t *r = &d->r;
    if ((size_t)(r->end - r->p) < 4 || jw__memcmp(r->p, magic, 4) != 0)
        return dc_malformed(d, "magic header not detected");
    r->p += 4;
    if ((size_t)(r->end - r->p) < 4 || jw__memcmp(r->p, version, 4) != 0)
        return dc_malformed(d, "unknown binary version");
    r->p += 4;
    int last = 0;
    while (r->p < r->end) {
        uint8_t id;
        uint32_t size;
        if (!jwr_u8(r, &id))
            return false;
        if (id > 12) {
            r->p--;
            return dc_malformed(d, "malformed section id");
        }
        if (!jwr_u32(r, &size))
            return false;
        if (!jwr_bytes(r, size, &p))
            return false;
        if (id != 0) {
            if (dc_rank(id) <= last) {
                r->p = p - 1;
                return dc_malformed(d, "unexpected content after last section");
            }
            last = dc_rank(id);
        }
        if (id > 3 && id != 0 && !d->m->declared) {
            d->m->declared = jw__alloc(d->a, d->m->nfuncs);
            if (!d->m->declared)
                return dc_nomem(d);
        }
        const uint8_t *outer_end = r->end;
        r->p = p;
        r->end = p + size;
        if (!dc_section(d, id))
            return false;
        if (r->p != r->end)
            return dc_malformed(d, "section size mismatch");
        r->end = outer_end;
    }
    if (!d->seen_code && d->nfunc_decl)
        return dc_malformed(d, "function and code section have inconsistent lengths");
    if (d->m->has_datacount && d->m->datas == NULL && d->m->datacount != 0)
        return dc_malformed(d, "data count and data section have inconsistent lengths");
    if (d->m->data_use) { /* memory.init/data.drop without a data count section */
        r->p = r->base + d->m->data_use - 1;
        if (d->m->ndatas)
            return dc_malformed(d, "data count section required");
        return dc_invalid(d, "unknown data segment");
    }
    return true;
}

static void dc_free_module(jw_module_t *m)
{
    const jw_allocator_t *a = &m->alloc;
    for (uint32_t i = 0; i < m->ntypes; i++)
        jw__free(a, (void *)m->types[i].params,
                 (size_t)(m->types[i].nparams + m->types[i].nresults) * sizeof(jw_valtype_t));
    jw__free(a, m->types, (size_t)m->ntypes * sizeof *m->types);
    jw__free(a, m->imports, (size_t)m->nimports * sizeof *m->imports);
    for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
        jwm_func_t *f = &m->funcs[i];
        jw__free(a, f->code, (size_t)f->code_len * sizeof *f->code);
        jw__free(a, f->pcmap, (size_t)f->npcmap * sizeof *f->pcmap);
    }
    jw__free(a, m->funcs, (size_t)m->nfuncs * sizeof *m->funcs);
    jw__free(a, m->tables, (size_t)m->ntables * sizeof *m->tables);
    jw__free(a, m->mems, (size_t)m->nmems * sizeof *m->mems);
    jw__free(a, m->globals, (size_t)m->nglobals * sizeof *m->globals);
    jw__free(a, m->exports, (size_t)m->nexports * sizeof *m->exports);
    for (uint32_t i = 0; i < m->nelems; i++)
        jw__free(a, m->elems[i].items, (size_t)m->elems[i].count * sizeof *m->elems[i].items);
    jw__free(a, m->elems, (size_t)m->nelems * sizeof *m->elems);
    jw__free(a, m->datas, (size_t)m->ndatas * sizeof *m->datas);
    if (m->declared)
        jw__free(a, m->declared, m->nfuncs);
    jw__free(a, m->bytes, m->len);
    jw__free(a, m, sizeof *m);
}

jw_module_t *jw_module_load(const jw_allocator_t *alloc, const uint8_t *bytes, size_t len,
                            jw_error_t *err)
{
    jw_error_t dummy;
    if (!err)
        err = &dummy;
    jw__err(err, JW_OK, 0, "");
    if (!alloc || (!bytes && len)) {
        jw__err(err, JW_ERR_ARG, 0, "bad argument");
        return NULL;
    }
    jw_module_t *m = jw__alloc(alloc, sizeof *m);
    if (!m) {
        jw__err(err, JW_ERR_NOMEM, 0, "out of memory");
        return NULL;
    }
    m->alloc = *alloc;
    m->bytes = jw__alloc_raw(alloc, len); /* copied over at once: no zeroing */
    if (!m->bytes) {
        jw__free(alloc, m, sizeof *m);
        jw__err(err, JW_ERR_NOMEM, 0, "out of memory");
        return NULL;
    }
    m->len = len;
    jw__memcpy(m->bytes, bytes, len);
    dc_t d = { .m = m, .r = { m->bytes, m->bytes + len, m->bytes, err }, .a = &m->alloc };
    if (!dc_module(&d)) {
        if (err->kind == JW_OK)
            jw__err(err, JW_ERR_MALFORMED, jwr_off(&d.r), "malformed module");
        dc_free_module(m);
        return NULL;
    }
    if (!m->declared) {
        m->declared = jw__alloc(alloc, m->nfuncs);
        if (!m->declared) {
            jw__err(err, JW_ERR_NOMEM, 0, "out of memory");
            dc_free_module(m);
            return NULL;
        }
    }
    return m;
}

void jw_module_free(jw_module_t *m)
{
    if (m)
        dc_free_module(m);
}

/* Fills the type of an entity of `kind` at `index` of module m. */
static void dc_externtype(const jw_module_t *m, jw_extern_kind_t kind, uint32_t index,
                          jw_externtype_t *t)
{
    t->kind = kind;
    switch (kind) {
    case JW_EXTERN_FUNC: t->of.func = m->types[m->funcs[index].type]; break;
    case JW_EXTERN_TABLE:
        t->of.table.elem = m->tables[index].elem;
        t->of.table.limits = m->tables[index].limits;
        break;
    case JW_EXTERN_MEMORY: t->of.memory.limits = m->mems[index]; break;
    case JW_EXTERN_GLOBAL:
        t->of.global.type = m->globals[index].type;
        t->of.global.mutable_ = m->globals[index].mut;
        break;
    }
}

uint32_t jw_module_import_count(const jw_module_t *m) { return m->nimports; }

void jw_module_import(const jw_module_t *m, uint32_t i, jw_import_info_t *out)
{
    const jwm_import_t *im = &m->imports[i];
    out->module = im->module;
    out->module_len = im->module_len;
    out->name = im->name;
    out->name_len = im->name_len;
    dc_externtype(m, im->kind, im->index, &out->type);
}

uint32_t jw_module_export_count(const jw_module_t *m) { return m->nexports; }

void jw_module_export(const jw_module_t *m, uint32_t i, jw_export_info_t *out)
{
    const jwm_export_t *e = &m->exports[i];
    out->name = e->name;
    out->name_len = e->name_len;
    dc_externtype(m, e->kind, e->index, &out->type);
}
