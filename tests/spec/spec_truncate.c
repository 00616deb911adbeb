/* SPDX-License-Identifier: MIT */
/* spec_truncate.c: loads truncated copies of every module of a script; none may crash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "spec.h"

/* Modules up to this size are cut at every length; bigger ones at this
 * many evenly spread lengths plus around every section boundary. */
#define ALL_CUTS_UPTO 192
#define SPREAD_CUTS   192
#define MAX_REPORTS   3

typedef struct cut_set {
    uint8_t *boundary; /* boundary[k]: a prefix of k bytes ends a section */
    uint8_t *want;     /* want[k]: try the prefix of k bytes */
} cut_set_t;

static bool read_leb32(const uint8_t *b, size_t len, size_t *at, uint32_t *out)
{
    uint32_t v = 0;
    for (unsigned shift = 0; shift < 35 && *at < len; shift += 7) {
        uint8_t byte = b[(*at)++];
        v |= (uint32_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return *out = v, true;
    }
    return false;
}

/* Marks where sections end (as far as the module's own headers say). */
static void mark_boundaries(const uint8_t *b, size_t len, cut_set_t *cs)
{
    size_t at = 8;
    if (len < 8)
        return;
    cs->boundary[8] = 1;
    while (at < len) {
        uint32_t size;
        at++; /* section id */
        if (!read_leb32(b, len, &at, &size) || size > len - at)
            return;
        at += size;
        cs->boundary[at] = 1;
    }
}

static void choose_cuts(size_t len, cut_set_t *cs)
{
    for (size_t k = 0; k < len; k++) {
        bool near = cs->boundary[k] || (k + 1 <= len && cs->boundary[k + 1]) ||
                    (k > 0 && cs->boundary[k - 1]);
        bool spread = len <= ALL_CUTS_UPTO || k % (len / SPREAD_CUTS + 1) == 0;
        cs->want[k] = near || spread || k < 16;
    }
}

typedef struct trunc_ctx {
    const char *label;
    int line;
    unsigned reports;
} trunc_ctx_t;

static bool bad(trunc_ctx_t *t, size_t k, size_t len, const char *what, jw_error_t *err)
{
    if (t->reports++ < MAX_REPORTS)
        printf("%s:%d: truncated to %zu of %zu bytes: %s (got %s at %zu: \"%s\")\n", t->label,
               t->line, k, len, what, spec_kind_name(err->kind), err->offset, spec_err_text(err));
    return false;
}

/* One prefix: loads it from an exact-size copy so over-reads are caught. */
static bool try_prefix(trunc_ctx_t *t, const uint8_t *b, size_t k, size_t len, bool strict)
{
    uint8_t *copy = malloc(k ? k : 1);
    jw_error_t err;
    if (!copy)
        return true;
    memcpy(copy, b, k);
    spec_err_reset(&err);
    jw_module_t *m = jw_module_load(&spec_allocator, copy, k, &err);
    free(copy);
    if (m) {
        jw_module_free(m);
        return !strict || bad(t, k, len, "loaded, but the cut is inside a section", &err);
    }
    if (err.kind == JW_OK)
        return bad(t, k, len, "NULL with kind OK", &err);
    if (strict && err.kind != JW_ERR_MALFORMED)
        return bad(t, k, len, "expected MALFORMED", &err);
    if (!err.message[0])
        return bad(t, k, len, "empty message", &err);
    if (err.offset > k)
        return bad(t, k, len, "error offset past the end", &err);
    return true;
}

/* `valid`: the module is expected to load whole, so any cut that is not at
 * a section boundary must be MALFORMED; others must merely fail cleanly. */
static bool truncate_module(trunc_ctx_t *t, const char *path, bool valid)
{
    size_t len;
    uint8_t *b = spec_read_file(path, &len);
    if (!b)
        return printf("%s:%d: cannot read %s\n", t->label, t->line, path), false;
    cut_set_t cs = { calloc(len + 2, 1), calloc(len + 2, 1) };
    bool ok = cs.boundary && cs.want;
    if (ok) {
        mark_boundaries(b, len, &cs);
        choose_cuts(len, &cs);
    }
    for (size_t k = 0; ok && k < len; k++)
        if (cs.want[k] && !try_prefix(t, b, k, len, k < 8 || (valid && !cs.boundary[k])))
            ok = false;
    free(cs.boundary);
    free(cs.want);
    free(b);
    return ok;
}

static const char *str_field(const cJSON *j, const char *name)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(j, name);
    return cJSON_IsString(f) ? f->valuestring : NULL;
}

spec_counts_t spec_truncate_script(const char *json_path, const char *label)
{
    spec_counts_t c = { 0 };
    size_t len;
    char *text = (char *)spec_read_file(json_path, &len),
         *nt = text ? realloc(text, len + 1) : NULL;
    if (nt)
        nt[len] = '\0';
    cJSON *root = nt ? cJSON_Parse(nt) : NULL;
    free(nt ? nt : text);
    const cJSON *cmds = cJSON_GetObjectItemCaseSensitive(root, "commands"), *cmd;
    int64_t baseline = spec_alloc_outstanding();
    trunc_ctx_t t = { label, 0, 0 };
    char dir[2048], path[4096];
    snprintf(dir, sizeof dir, "%s", json_path);
    *(strrchr(dir, '/') ? strrchr(dir, '/') : dir) = '\0';
    cJSON_ArrayForEach(cmd, cmds)
    {
        const char *file = str_field(cmd, "filename"), *mt = str_field(cmd, "module_type");
        const char *type = str_field(cmd, "type");
        const cJSON *line = cJSON_GetObjectItemCaseSensitive(cmd, "line");
        if (!file || strchr(file, '/') || (mt && strcmp(mt, "binary") != 0))
            continue;
        t.line = cJSON_IsNumber(line) ? line->valueint : 0;
        t.reports = 0;
        snprintf(path, sizeof path, "%s/%s", dir, file);
        bool valid = type && strcmp(type, "module") == 0;
        truncate_module(&t, path, valid) ? c.passed++ : c.failed++;
    }
    if (spec_alloc_outstanding() != baseline) {
        printf("%s: engine leaked %lld bytes over the truncated loads\n", label,
               (long long)(spec_alloc_outstanding() - baseline));
        c.failed++;
    }
    cJSON_Delete(root);
    return c;
}
