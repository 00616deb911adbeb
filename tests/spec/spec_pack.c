/* SPDX-License-Identifier: MIT */
/* spec_pack.c: writes converted spec scripts as packed commands (spec_pack.h) for the freestanding drivers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "spec.h"
#include "spec_pack.h"

#define PACK_NAME_MAX 4096

/* One command's action, parsed before anything is written. */
typedef struct pack_action {
    uint32_t kind;
    const char *module; /* NULL: the current module */
    char field[PACK_NAME_MAX];
    size_t field_len;
    int nargs;
    jw_value_t args[PK_MAX_VALUES];
} pack_action_t;

/* A command's expected results (or `either` alternatives). */
typedef struct pack_expected {
    int n;
    spec_expect_t exp[PK_MAX_VALUES];
} pack_expected_t;

static void put_u32(FILE *f, uint32_t v)
{
    uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    fwrite(b, 1, 4, f);
}

static void put_bytes(FILE *f, const void *p, size_t n)
{
    static const uint8_t zero[3];
    put_u32(f, (uint32_t)n);
    fwrite(p, 1, n, f);
    fwrite(zero, 1, (4 - n % 4) % 4, f);
}

static void put_str(FILE *f, const char *s) { put_bytes(f, s ? s : "", s ? strlen(s) : 0); }

static void put_record(FILE *f, uint32_t kind, uint32_t line)
{
    put_u32(f, kind), put_u32(f, line);
}

static const char *str_of(const cJSON *j, const char *name)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(j, name);
    return cJSON_IsString(f) ? f->valuestring : NULL;
}

/* The value's 16 bytes, from which the driver rebuilds jw_value_t.of; a
 * reference is its 64-bit token (spec_extern_ref), 0 for null. */
static void put_value_bytes(FILE *f, const jw_value_t *v)
{
    uint8_t b[16] = { 0 };
    if (v->type == JW_V128) {
        memcpy(b, v->of.v128, 16);
    } else if (v->type == JW_FUNCREF || v->type == JW_EXTERNREF) {
        uint64_t token = (uint64_t)(uintptr_t)v->of.ref;
        memcpy(b, &token, 8);
    } else if (v->type == JW_I32 || v->type == JW_F32) {
        memcpy(b, &v->of.i32, 4);
    } else {
        memcpy(b, &v->of.i64, 8);
    }
    fwrite(b, 1, 16, f);
}

/* Parses the command's action; false (with `why`) where the hosted runner
 * would fail the command before calling anything. */
static bool parse_action(const cJSON *cmd, pack_action_t *p, char *why, size_t n)
{
    const cJSON *action = cJSON_GetObjectItemCaseSensitive(cmd, "action"), *a;
    const char *type = str_of(action, "type"), *field = str_of(action, "field");
    if (!action)
        return snprintf(why, n, "no action"), false;
    if (!type || (strcmp(type, "invoke") != 0 && strcmp(type, "get") != 0))
        return snprintf(why, n, "unknown action type %s", type ? type : "?"), false;
    if (!field || !spec_decode_name(field, p->field, sizeof p->field, &p->field_len))
        return snprintf(why, n, "action without a usable field"), false;
    p->kind = strcmp(type, "get") == 0 ? PK_GET : PK_INVOKE;
    p->module = str_of(action, "module");
    p->nargs = 0;
    if (p->kind == PK_GET)
        return true;
    cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(action, "args"))
    {
        char w[128];
        if (p->nargs == PK_MAX_VALUES)
            return snprintf(why, n, "more than %d args", PK_MAX_VALUES), false;
        if (!spec_parse_value(a, &p->args[p->nargs], w, sizeof w))
            return snprintf(why, n, "arg %d: %s", p->nargs, w), false;
        p->nargs++;
    }
    return true;
}

static bool parse_expected(const cJSON *list, pack_expected_t *e, char *why, size_t n)
{
    const cJSON *j;
    e->n = 0;
    cJSON_ArrayForEach(j, list)
    {
        if (e->n == PK_MAX_VALUES)
            return snprintf(why, n, "more than %d results", PK_MAX_VALUES), false;
        if (!spec_parse_expect(j, &e->exp[e->n], why, n))
            return false;
        e->n++;
    }
    return true;
}

static void put_action(FILE *f, const pack_action_t *p)
{
    put_u32(f, p->kind);
    put_str(f, p->module);
    put_bytes(f, p->field, p->field_len);
    put_u32(f, (uint32_t)p->nargs);
    for (int i = 0; i < p->nargs; i++) {
        put_u32(f, p->args[i].type);
        put_value_bytes(f, &p->args[i]);
    }
}

static void put_expected(FILE *f, const pack_expected_t *e)
{
    put_u32(f, (uint32_t)e->n);
    for (int i = 0; i < e->n; i++) {
        const spec_expect_t *x = &e->exp[i];
        uint8_t lanes[16];
        for (int k = 0; k < 16; k++)
            lanes[k] = (uint8_t)x->lanes[k];
        put_u32(f, x->value.type);
        put_u32(f, x->pattern);
        put_u32(f, x->lane_bits);
        put_u32(f, x->lane_float);
        fwrite(lanes, 1, 16, f);
        put_value_bytes(f, &x->value);
    }
}

static void put_fail(FILE *f, uint32_t line, const char *why)
{
    put_record(f, PK_FAIL, line);
    put_str(f, why);
}

/* The module file's path, or false as the hosted runner's module_path. */
static bool module_path(const cJSON *cmd, const char *dir, char *path, size_t n)
{
    const char *name = str_of(cmd, "filename");
    return name && !strchr(name, '/') && (size_t)snprintf(path, n, "%s/%s", dir, name) < n;
}

/* The file's bytes as a byte string; an empty one if it cannot be read
 * (the driver's load then fails, as the hosted runner's does). */
static void put_file(FILE *f, const char *path)
{
    size_t len = 0;
    uint8_t *b = path ? spec_read_file(path, &len) : NULL;
    put_bytes(f, b ? b : (const uint8_t *)"", b ? len : 0);
    free(b);
}

static pack_action_t act; /* large: off the stack */
static pack_expected_t expect;

static void pack_module(FILE *f, const cJSON *cmd, const char *dir, uint32_t ln)
{
    char path[8192];
    bool ok = module_path(cmd, dir, path, sizeof path);
    put_record(f, PK_MODULE, ln);
    put_str(f, str_of(cmd, "name"));
    put_file(f, ok ? path : NULL);
}

static void pack_register(FILE *f, const cJSON *cmd, uint32_t ln)
{
    const char *as = str_of(cmd, "as");
    if (!as) {
        put_fail(f, ln, "nothing to register");
        return;
    }
    put_record(f, PK_REGISTER, ln);
    put_str(f, str_of(cmd, "name"));
    put_str(f, as);
}

/* assert_return, with `expected` or (relaxed SIMD) `either`. */
static void pack_return(FILE *f, const cJSON *cmd, uint32_t ln)
{
    char why[256];
    const cJSON *alts = cJSON_GetObjectItemCaseSensitive(cmd, "either");
    const cJSON *exp = cJSON_GetObjectItemCaseSensitive(cmd, "expected");
    bool either = cJSON_IsArray(alts);
    if (!parse_action(cmd, &act, why, sizeof why))
        return put_fail(f, ln, why);
    if (!either && !cJSON_IsArray(exp))
        return put_fail(f, ln, "no expected results");
    if (!parse_expected(either ? alts : exp, &expect, why, sizeof why))
        return put_fail(f, ln, why);
    put_record(f, either ? PK_EITHER : PK_RETURN, ln);
    put_action(f, &act);
    put_expected(f, &expect);
}

static void pack_trap(FILE *f, const cJSON *cmd, uint32_t ln, jw_trap_kind_t want)
{
    char why[256];
    if (!parse_action(cmd, &act, why, sizeof why))
        return put_fail(f, ln, why);
    put_record(f, PK_TRAP, ln);
    put_action(f, &act);
    put_u32(f, want);
}

static void pack_plain_action(FILE *f, const cJSON *cmd, uint32_t ln)
{
    char why[256];
    if (!parse_action(cmd, &act, why, sizeof why))
        return put_fail(f, ln, why);
    put_record(f, PK_ACTION, ln);
    put_action(f, &act);
}

/* assert_invalid/malformed (PK_LOAD_ERROR), assert_unlinkable/uninstantiable (PK_LINK_ERROR). */
static void pack_module_error(FILE *f, const cJSON *cmd, const char *dir, uint32_t ln,
                              uint32_t kind, jw_error_kind_t want)
{
    char path[8192];
    const char *mt = str_of(cmd, "module_type");
    if (mt && strcmp(mt, "text") == 0)
        return put_record(f, PK_SKIP, ln); /* a text parser's test */
    if (!module_path(cmd, dir, path, sizeof path))
        return put_fail(f, ln, "no module file");
    put_record(f, kind, ln);
    put_u32(f, want);
    if (kind == PK_LOAD_ERROR)
        put_u32(f, want == JW_ERR_INVALID && spec_datacount_artifact(path));
    else
        put_u32(f, want == JW_ERR_TRAP ? spec_trap_for_text(str_of(cmd, "text")) : JW_TRAP_NONE);
    put_file(f, path);
}

/* One command as one record, as spec_json.c's handler_for dispatches it. */
static void pack_command(FILE *f, const cJSON *cmd, const char *dir)
{
    const char *type = str_of(cmd, "type");
    const cJSON *line = cJSON_GetObjectItemCaseSensitive(cmd, "line");
    uint32_t ln = cJSON_IsNumber(line) ? (uint32_t)line->valueint : 0;
    if (!type)
        put_record(f, PK_SKIP, ln);
    else if (strcmp(type, "module") == 0)
        pack_module(f, cmd, dir, ln);
    else if (strcmp(type, "register") == 0)
        pack_register(f, cmd, ln);
    else if (strcmp(type, "action") == 0)
        pack_plain_action(f, cmd, ln);
    else if (strcmp(type, "assert_return") == 0)
        pack_return(f, cmd, ln);
    else if (strcmp(type, "assert_trap") == 0)
        pack_trap(f, cmd, ln, spec_trap_for_text(str_of(cmd, "text")));
    else if (strcmp(type, "assert_exhaustion") == 0)
        pack_trap(f, cmd, ln, JW_TRAP_CALL_STACK_EXHAUSTED);
    else if (strcmp(type, "assert_invalid") == 0)
        pack_module_error(f, cmd, dir, ln, PK_LOAD_ERROR, JW_ERR_INVALID);
    else if (strcmp(type, "assert_malformed") == 0)
        pack_module_error(f, cmd, dir, ln, PK_LOAD_ERROR, JW_ERR_MALFORMED);
    else if (strcmp(type, "assert_unlinkable") == 0)
        pack_module_error(f, cmd, dir, ln, PK_LINK_ERROR, JW_ERR_UNLINKABLE);
    else if (strcmp(type, "assert_uninstantiable") == 0)
        pack_module_error(f, cmd, dir, ln, PK_LINK_ERROR, JW_ERR_TRAP);
    else
        put_record(f, PK_SKIP, ln); /* e.g. assert_exception: skipped by the hosted runner too */
}

void spec_pack_begin(FILE *out) { put_u32(out, PK_MAGIC); }

void spec_pack_end(FILE *out) { put_u32(out, PK_END); }

void spec_pack_skipped(const char *label, uint64_t n, FILE *out)
{
    put_record(out, PK_SCRIPT, 0);
    put_str(out, label);
    for (uint64_t i = 0; i < n; i++)
        put_record(out, PK_SKIP, 0);
}

bool spec_pack_script(const char *json_path, const char *label, FILE *out)
{
    size_t len;
    char dir[4096];
    char *raw = (char *)spec_read_file(json_path, &len), *text = NULL;
    if (raw && (raw = realloc(raw, len + 1)) != NULL) {
        raw[len] = '\0';
        text = spec_protect_nul_escapes(raw);
    }
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    free(raw);
    free(text);
    const cJSON *cmds = root ? cJSON_GetObjectItemCaseSensitive(root, "commands") : NULL, *cmd;
    if (!cJSON_IsArray(cmds)) {
        cJSON_Delete(root);
        return false;
    }
    snprintf(dir, sizeof dir, "%s", json_path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    put_record(out, PK_SCRIPT, 0);
    put_str(out, label);
    cJSON_ArrayForEach(cmd, cmds) pack_command(out, cmd, dir);
    cJSON_Delete(root);
    return true;
}
