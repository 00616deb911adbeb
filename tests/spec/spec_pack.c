/* SPDX-License-Identifier: MIT */
/* spec_pack.c: writes converted spec scripts as packed commands (spec_pack.h) for the freestanding driver. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "spec.h"
#include "spec_pack.h"

#define PACK_MAX_VALUES 64

/* One command's invoke, parsed before anything is written. */
typedef struct pack_invoke {
    const char *field;
    int nargs, nexp;
    jw_value_t args[PACK_MAX_VALUES];
    spec_expect_t exp[PACK_MAX_VALUES];
} pack_invoke_t;

static void put_u32(FILE *f, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    fwrite(b, 1, 4, f);
}

static void put_bytes(FILE *f, const void *p, size_t n)
{
    static const uint8_t zero[3];
    put_u32(f, (uint32_t)n);
    fwrite(p, 1, n, f);
    fwrite(zero, 1, (4 - n % 4) % 4, f);
}

static const char *str_of(const cJSON *j, const char *name)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(j, name);
    return cJSON_IsString(f) ? f->valuestring : NULL;
}

/* The value's 16 bytes, from which the driver rebuilds jw_value_t.of. */
static void put_value_bytes(FILE *f, const jw_value_t *v)
{
    uint8_t b[16] = {0};
    if (v->type == JW_V128)
        memcpy(b, v->of.v128, 16);
    else if (v->type == JW_I32 || v->type == JW_F32)
        memcpy(b, &v->of.i32, 4);
    else
        memcpy(b, &v->of.i64, 8);
    fwrite(b, 1, 16, f);
}

static bool is_ref(jw_valtype_t t) { return t == JW_FUNCREF || t == JW_EXTERNREF; }

/* Parses an invoke action (and `expected` of an assert_return); false if
 * the driver cannot express it (references, other actions, named modules). */
static bool parse_invoke(const cJSON *cmd, pack_invoke_t *p, bool with_expected)
{
    char why[256];
    const cJSON *action = cJSON_GetObjectItemCaseSensitive(cmd, "action");
    const char *type = str_of(action, "type");
    const cJSON *args = cJSON_GetObjectItemCaseSensitive(action, "args"), *a;
    const cJSON *exp = cJSON_GetObjectItemCaseSensitive(cmd, "expected"), *e;
    p->field = str_of(action, "field");
    p->nargs = p->nexp = 0;
    if (!type || strcmp(type, "invoke") != 0 || !p->field || str_of(action, "module") ||
        cJSON_GetObjectItemCaseSensitive(cmd, "either"))
        return false;
    cJSON_ArrayForEach(a, args) {
        if (p->nargs == PACK_MAX_VALUES || !spec_parse_value(a, &p->args[p->nargs], why, sizeof why) ||
            is_ref(p->args[p->nargs].type))
            return false;
        p->nargs++;
    }
    if (!with_expected)
        exp = NULL; /* an assert_trap's `expected` has types only */
    cJSON_ArrayForEach(e, exp) {
        if (p->nexp == PACK_MAX_VALUES || !spec_parse_expect(e, &p->exp[p->nexp], why, sizeof why) ||
            is_ref(p->exp[p->nexp].value.type))
            return false;
        p->nexp++;
    }
    return true;
}

static void put_invoke(FILE *f, const pack_invoke_t *p)
{
    put_bytes(f, p->field, strlen(p->field));
    put_u32(f, (uint32_t)p->nargs);
    for (int i = 0; i < p->nargs; i++) {
        put_u32(f, p->args[i].type);
        put_value_bytes(f, &p->args[i]);
    }
}

static void put_expected(FILE *f, const pack_invoke_t *p)
{
    put_u32(f, (uint32_t)p->nexp);
    for (int i = 0; i < p->nexp; i++) {
        const spec_expect_t *e = &p->exp[i];
        uint8_t lanes[16];
        for (int k = 0; k < 16; k++)
            lanes[k] = (uint8_t)e->lanes[k];
        put_u32(f, e->value.type);
        put_u32(f, e->pattern);
        put_u32(f, e->lane_bits);
        put_u32(f, e->lane_float);
        fwrite(lanes, 1, 16, f);
        put_value_bytes(f, &e->value);
    }
}

static bool put_file(FILE *f, const char *dir, const char *name)
{
    char path[8192];
    size_t len;
    if (!name || strchr(name, '/'))
        return false;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    uint8_t *b = spec_read_file(path, &len);
    if (!b)
        return false;
    put_bytes(f, b, len);
    free(b);
    return true;
}

static pack_invoke_t inv; /* large: off the stack */

/* One command as a record; unsupported ones become PK_SKIP. */
static void pack_command(FILE *f, const cJSON *cmd, const char *dir)
{
    const char *type = str_of(cmd, "type"), *mt = str_of(cmd, "module_type");
    const cJSON *line = cJSON_GetObjectItemCaseSensitive(cmd, "line");
    uint32_t ln = cJSON_IsNumber(line) ? (uint32_t)line->valueint : 0;
    bool text = mt && strcmp(mt, "text") == 0;
    if (!type || strcmp(type, "register") == 0)
        return; /* not a test (and unsupported: the scripts packed have none) */
    if (strcmp(type, "module") == 0 && !str_of(cmd, "name")) {
        put_u32(f, PK_MODULE), put_u32(f, ln);
        if (put_file(f, dir, str_of(cmd, "filename")))
            return;
        put_u32(f, 0); /* no file: an empty module, which fails to load */
        return;
    }
    bool inv_ok = parse_invoke(cmd, &inv, strcmp(type, "assert_return") == 0);
    if (inv_ok && (strcmp(type, "assert_return") == 0 || strcmp(type, "action") == 0)) {
        bool ret = strcmp(type, "assert_return") == 0;
        put_u32(f, ret ? PK_RETURN : PK_ACTION), put_u32(f, ln);
        put_invoke(f, &inv);
        if (ret)
            put_expected(f, &inv);
        return;
    }
    if (inv_ok && strcmp(type, "assert_trap") == 0) {
        put_u32(f, PK_TRAP), put_u32(f, ln);
        put_invoke(f, &inv);
        put_u32(f, spec_trap_for_text(str_of(cmd, "text")));
        return;
    }
    bool invalid = strcmp(type, "assert_invalid") == 0, malformed = strcmp(type, "assert_malformed") == 0;
    if ((invalid || malformed) && !text) {
        put_u32(f, PK_LOAD_ERROR), put_u32(f, ln);
        put_u32(f, invalid ? JW_ERR_INVALID : JW_ERR_MALFORMED);
        if (put_file(f, dir, str_of(cmd, "filename")))
            return;
        put_u32(f, 0);
        return;
    }
    put_u32(f, PK_SKIP), put_u32(f, ln);
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
    put_u32(out, PK_SCRIPT), put_u32(out, 0);
    put_bytes(out, label, strlen(label));
    cJSON_ArrayForEach(cmd, cmds) pack_command(out, cmd, dir);
    cJSON_Delete(root);
    return true;
}
