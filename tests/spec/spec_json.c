/* SPDX-License-Identifier: MIT */
/* spec_json.c: reads one wast2json command list and executes every command. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "spec.h"

int spec_progress_fd = -1;

typedef enum verdict { PASS, FAIL, SKIP, SKIP_TEXT, NOT_COUNTED } verdict_t;

/* What one script run needs while walking its commands. */
typedef struct script {
    const char *label;
    char dir[4096]; /* where the .wasm files of the script are */
    spec_env_t *env;
    const spec_options_t *opt;
    spec_counts_t counts;
    int line;
    const char *cmd;
} script_t;

static const char *str_field(const cJSON *j, const char *name)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(j, name);
    return cJSON_IsString(f) ? f->valuestring : NULL;
}

/* One line per failure: file:line: command: what was expected, what came. */
static verdict_t failf(script_t *sc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static verdict_t failf(script_t *sc, const char *fmt, ...)
{
    va_list ap;
    printf("%s:%d: %s: ", sc->label, sc->line, sc->cmd);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    return FAIL;
}

static void describe_error(jw_error_t *err, char *buf, size_t n)
{
    if (err->kind == JW_ERR_TRAP)
        snprintf(buf, n, "TRAP %d (%s) at func %u offset %zu: \"%s\"", (int)err->trap,
                 jw_trap_name(err->trap) ? jw_trap_name(err->trap) : "?", err->func, err->offset,
                 spec_err_text(err));
    else
        snprintf(buf, n, "%s at offset %zu: \"%s\"", spec_kind_name(err->kind), err->offset,
                 spec_err_text(err));
}

/* The spec's trap wording mapped to the API's trap kinds; NONE = any. */
jw_trap_kind_t spec_trap_for_text(const char *text)
{
    static const struct {
        const char *prefix;
        jw_trap_kind_t kind;
    } map[] = {
        { "unreachable", JW_TRAP_UNREACHABLE },
        { "out of bounds memory access", JW_TRAP_MEMORY_OOB },
        { "out of bounds table access", JW_TRAP_TABLE_OOB },
        { "integer divide by zero", JW_TRAP_DIV_ZERO },
        { "integer overflow", JW_TRAP_INT_OVERFLOW },
        { "invalid conversion to integer", JW_TRAP_INVALID_CONVERSION },
        { "indirect call type mismatch", JW_TRAP_INDIRECT_TYPE_MISMATCH },
        { "undefined element", JW_TRAP_UNDEFINED_ELEMENT },
        { "uninitialized element", JW_TRAP_UNINITIALIZED_ELEMENT },
        { "null", JW_TRAP_NULL_REFERENCE },
        { "call stack exhausted", JW_TRAP_CALL_STACK_EXHAUSTED },
    };
    for (size_t i = 0; text && i < sizeof map / sizeof map[0]; i++)
        if (strncmp(text, map[i].prefix, strlen(map[i].prefix)) == 0)
            return map[i].kind;
    return JW_TRAP_NONE;
}

static bool module_path(script_t *sc, const cJSON *cmd, char *path, size_t n)
{
    const char *file = str_field(cmd, "filename");
    if (!file || strchr(file, '/'))
        return false;
    return (size_t)snprintf(path, n, "%s/%s", sc->dir, file) < n;
}

/* ---- module / register ---- */

static verdict_t cmd_module(script_t *sc, const cJSON *cmd)
{
    char path[8192], why[512];
    size_t len;
    jw_error_t err;
    const char *name = str_field(cmd, "name");
    spec_env_set_current(sc->env, name, NULL);
    if (!module_path(sc, cmd, path, sizeof path))
        return failf(sc, "no module file");
    jw_module_t *m = spec_env_load(sc->env, path, &len, &err);
    if (!m)
        return describe_error(&err, why, sizeof why), failf(sc, "load failed: %s", why);
    jw_instance_t *inst = spec_env_instantiate(sc->env, m, &err);
    if (!inst)
        return describe_error(&err, why, sizeof why), failf(sc, "instantiate failed: %s", why);
    spec_env_set_current(sc->env, name, inst);
    return PASS;
}

static verdict_t cmd_register(script_t *sc, const cJSON *cmd)
{
    const char *as = str_field(cmd, "as");
    jw_instance_t *inst = spec_env_find(sc->env, str_field(cmd, "name"));
    if (!as || !inst)
        return failf(sc, "nothing to register as %s", as ? as : "?");
    if (!spec_env_register(sc->env, as, inst))
        return failf(sc, "cannot register %s", as);
    return NOT_COUNTED; /* like the reference runners: register is not a test */
}

/* ---- actions and their assertions ---- */

static spec_outcome_t outcome; /* large: keep it off the stack */

static verdict_t run_action(script_t *sc, const cJSON *cmd, spec_outcome_t *out)
{
    const cJSON *action = cJSON_GetObjectItemCaseSensitive(cmd, "action");
    const char *field = action ? str_field(action, "field") : NULL;
    if (!action)
        return failf(sc, "no action");
    if (!spec_run_action(sc->env, action, out))
        return failf(sc, "\"%s\": %s", field ? field : "?", out->problem);
    return PASS;
}

static verdict_t cmd_action(script_t *sc, const cJSON *cmd)
{
    char why[512];
    if (run_action(sc, cmd, &outcome) == FAIL)
        return FAIL;
    if (!outcome.ok)
        return describe_error(&outcome.err, why, sizeof why), failf(sc, "got %s", why);
    return PASS;
}

static bool value_matches(const cJSON *exp, const jw_value_t *got, int i, char *why, size_t n)
{
    spec_expect_t e;
    char want[160], have[160];
    if (!spec_parse_expect(exp, &e, why, n))
        return false;
    if (spec_value_matches(&e, got))
        return true;
    spec_format_expect(&e, want, sizeof want);
    spec_format_value(got, have, sizeof have);
    snprintf(why, n, "result %d: expected %s, got %s", i, want, have);
    return false;
}

static bool results_match(const cJSON *exp, const spec_outcome_t *out, char *why, size_t n)
{
    int count = cJSON_GetArraySize(exp);
    if ((size_t)count != out->nresults)
        return snprintf(why, n, "expected %d results, got %zu", count, out->nresults), false;
    for (int i = 0; i < count; i++)
        if (!value_matches(cJSON_GetArrayItem(exp, i), &out->results[i], i, why, n))
            return false;
    return true;
}

/* `either` (relaxed SIMD): the single result may be any one of the values. */
static bool either_matches(const cJSON *alts, const spec_outcome_t *out, char *why, size_t n)
{
    const cJSON *alt;
    if (out->nresults != 1)
        return snprintf(why, n, "expected 1 result, got %zu", out->nresults), false;
    cJSON_ArrayForEach(alt, alts)
    {
        if (value_matches(alt, &out->results[0], 0, why, n))
            return true;
    }
    return false; /* `why` describes the last alternative */
}

static verdict_t cmd_assert_return(script_t *sc, const cJSON *cmd)
{
    char why[600];
    const char *field = str_field(cJSON_GetObjectItemCaseSensitive(cmd, "action"), "field");
    if (run_action(sc, cmd, &outcome) == FAIL)
        return FAIL;
    if (!outcome.ok)
        return describe_error(&outcome.err, why, sizeof why),
               failf(sc, "\"%s\": expected a return, got %s", field, why);
    const cJSON *exp = cJSON_GetObjectItemCaseSensitive(cmd, "expected");
    const cJSON *alts = cJSON_GetObjectItemCaseSensitive(cmd, "either");
    bool ok = cJSON_IsArray(alts)
                  ? either_matches(alts, &outcome, why, sizeof why)
                  : cJSON_IsArray(exp) && results_match(exp, &outcome, why, sizeof why);
    return ok ? PASS : failf(sc, "\"%s\": %s", field, why);
}

/* Shared by assert_trap and assert_exhaustion (action forms). */
static verdict_t expect_trap(script_t *sc, const cJSON *cmd, jw_trap_kind_t want)
{
    char why[512];
    const char *text = str_field(cmd, "text");
    const char *field = str_field(cJSON_GetObjectItemCaseSensitive(cmd, "action"), "field");
    if (run_action(sc, cmd, &outcome) == FAIL)
        return FAIL;
    if (outcome.ok)
        return failf(sc, "\"%s\": expected trap \"%s\", got a return", field, text);
    describe_error(&outcome.err, why, sizeof why);
    if (outcome.err.kind != JW_ERR_TRAP)
        return failf(sc, "\"%s\": expected trap \"%s\", got %s", field, text, why);
    if (!sc->opt->loose && want != JW_TRAP_NONE && outcome.err.trap != want)
        return failf(sc, "\"%s\": expected trap \"%s\" (kind %d), got %s", field, text, (int)want,
                     why);
    return PASS;
}

static verdict_t cmd_assert_trap(script_t *sc, const cJSON *cmd)
{
    return expect_trap(sc, cmd, spec_trap_for_text(str_field(cmd, "text")));
}

static verdict_t cmd_assert_exhaustion(script_t *sc, const cJSON *cmd)
{
    return expect_trap(sc, cmd, JW_TRAP_CALL_STACK_EXHAUSTED);
}

/* ---- module assertions ---- */

static bool is_text_module(const cJSON *cmd)
{
    const char *t = str_field(cmd, "module_type");
    return t && strcmp(t, "text") == 0;
}

/* wast2json writes a module's binary without a data count section even
 * when its code uses memory.init/data.drop (0xfc 0x08 / 0xfc 0x09); such a
 * binary is malformed ("data count section required") before it can be
 * invalid, so for assert_invalid that MALFORMED is the right answer. */
bool spec_datacount_artifact(const char *path)
{
    size_t len, at = 8;
    bool has_count = false, uses = false;
    uint8_t *b = spec_read_file(path, &len);
    for (size_t i = 0; b && i + 1 < len; i++)
        uses |= b[i] == 0xfc && (b[i + 1] == 0x08 || b[i + 1] == 0x09);
    while (b && at < len) {
        uint8_t id = b[at++];
        uint32_t size = 0;
        unsigned shift = 0;
        while (at < len && shift < 35) {
            size |= (uint32_t)(b[at] & 0x7f) << shift;
            shift += 7;
            if (!(b[at++] & 0x80))
                break;
        }
        has_count |= id == 12;
        if (size > len - at)
            break;
        at += size;
    }
    free(b);
    return uses && !has_count;
}

/* assert_invalid / assert_malformed: the load must fail with `want`. */
static verdict_t expect_load_error(script_t *sc, const cJSON *cmd, jw_error_kind_t want)
{
    char path[8192], why[512];
    size_t len;
    jw_error_t err;
    const char *text = str_field(cmd, "text");
    if (is_text_module(cmd))
        return SKIP_TEXT; /* tests a text parser; the engine reads binaries only */
    if (!module_path(sc, cmd, path, sizeof path))
        return failf(sc, "no module file");
    if (spec_env_load(sc->env, path, &len, &err))
        return failf(sc, "expected %s (\"%s\"), but the module loaded", spec_kind_name(want), text);
    describe_error(&err, why, sizeof why);
    bool artifact =
        want == JW_ERR_INVALID && err.kind == JW_ERR_MALFORMED && spec_datacount_artifact(path);
    if (!sc->opt->loose && err.kind != want && !artifact)
        return failf(sc, "expected %s (\"%s\"), got %s", spec_kind_name(want), text, why);
    if (err.offset > len)
        return failf(sc, "error offset %zu past the %zu-byte module: %s", err.offset, len, why);
    return PASS;
}

static verdict_t cmd_assert_invalid(script_t *sc, const cJSON *cmd)
{
    return expect_load_error(sc, cmd, JW_ERR_INVALID);
}

static verdict_t cmd_assert_malformed(script_t *sc, const cJSON *cmd)
{
    return expect_load_error(sc, cmd, JW_ERR_MALFORMED);
}

/* assert_unlinkable / assert_uninstantiable: loads, then instantiation
 * fails with `want` (and for traps, the trap the text names). */
static verdict_t expect_instantiate_error(script_t *sc, const cJSON *cmd, jw_error_kind_t want)
{
    char path[8192], why[512];
    size_t len;
    jw_error_t err;
    const char *text = str_field(cmd, "text");
    if (is_text_module(cmd))
        return SKIP_TEXT;
    if (!module_path(sc, cmd, path, sizeof path))
        return failf(sc, "no module file");
    jw_module_t *m = spec_env_load(sc->env, path, &len, &err);
    if (!m)
        return describe_error(&err, why, sizeof why), failf(sc, "load failed: %s", why);
    if (spec_env_instantiate(sc->env, m, &err))
        return failf(sc, "expected %s (\"%s\"), but it instantiated", spec_kind_name(want), text);
    describe_error(&err, why, sizeof why);
    if (!sc->opt->loose && err.kind != want)
        return failf(sc, "expected %s (\"%s\"), got %s", spec_kind_name(want), text, why);
    jw_trap_kind_t trap = want == JW_ERR_TRAP ? spec_trap_for_text(text) : JW_TRAP_NONE;
    if (!sc->opt->loose && trap != JW_TRAP_NONE && err.trap != trap)
        return failf(sc, "expected trap \"%s\" (kind %d), got %s", text, (int)trap, why);
    return PASS;
}

static verdict_t cmd_assert_unlinkable(script_t *sc, const cJSON *cmd)
{
    return expect_instantiate_error(sc, cmd, JW_ERR_UNLINKABLE);
}

static verdict_t cmd_assert_uninstantiable(script_t *sc, const cJSON *cmd)
{
    return expect_instantiate_error(sc, cmd, JW_ERR_TRAP);
}

/* ---- dispatch ---- */

typedef verdict_t (*handler_t)(script_t *, const cJSON *);

static handler_t handler_for(const char *type)
{
    static const struct {
        const char *type;
        handler_t fn;
    } table[] = {
        { "module", cmd_module },
        { "register", cmd_register },
        { "action", cmd_action },
        { "assert_return", cmd_assert_return },
        { "assert_trap", cmd_assert_trap },
        { "assert_exhaustion", cmd_assert_exhaustion },
        { "assert_invalid", cmd_assert_invalid },
        { "assert_malformed", cmd_assert_malformed },
        { "assert_unlinkable", cmd_assert_unlinkable },
        { "assert_uninstantiable", cmd_assert_uninstantiable },
    };
    for (size_t i = 0; type && i < sizeof table / sizeof table[0]; i++)
        if (strcmp(type, table[i].type) == 0)
            return table[i].fn;
    return NULL;
}

static void report_progress(const script_t *sc, int done)
{
    if (spec_progress_fd < 0)
        return;
    spec_progress_t p = { sc->counts, sc->line, done };
    if (write(spec_progress_fd, &p, sizeof p) != (ssize_t)sizeof p)
        spec_progress_fd = -1; /* parent gone: keep running, stop reporting */
}

static void tally(script_t *sc, verdict_t v)
{
    switch (v) {
    case PASS: sc->counts.passed++; break;
    case FAIL: sc->counts.failed++; break;
    case SKIP: sc->counts.skipped++; break;
    case SKIP_TEXT: sc->counts.skipped++, sc->counts.text_skipped++; break;
    case NOT_COUNTED: break;
    }
}

static void run_command(script_t *sc, const cJSON *cmd)
{
    const cJSON *line = cJSON_GetObjectItemCaseSensitive(cmd, "line");
    sc->line = cJSON_IsNumber(line) ? line->valueint : 0;
    sc->cmd = str_field(cmd, "type");
    if (!sc->cmd)
        sc->cmd = "?";
    report_progress(sc, 0);
    handler_t fn = handler_for(sc->cmd);
    verdict_t v = fn ? fn(sc, cmd) : SKIP; /* e.g. assert_exception: later */
    if (sc->opt->verbose && v == PASS)
        printf("%s:%d: %s: ok\n", sc->label, sc->line, sc->cmd);
    tally(sc, v);
}

/* Loads and parses a JSON script; NULL (with a message) on failure. */
static cJSON *load_json(const char *path)
{
    size_t len;
    char *raw = (char *)spec_read_file(path, &len), *text = NULL;
    if (raw) {
        char *nt = realloc(raw, len + 1);
        if (nt) {
            nt[len] = '\0';
            text = spec_protect_nul_escapes(nt);
            raw = nt;
        }
    }
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    free(raw);
    free(text);
    if (!root)
        fprintf(stderr, "spec: cannot read or parse %s\n", path);
    return root;
}

static void set_dir(script_t *sc, const char *json_path)
{
    snprintf(sc->dir, sizeof sc->dir, "%s", json_path);
    char *slash = strrchr(sc->dir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(sc->dir, sizeof sc->dir, ".");
}

spec_counts_t spec_run_script(const char *json_path, const char *label, const spec_options_t *opt)
{
    script_t sc = { .label = label, .opt = opt };
    cJSON *root = load_json(json_path);
    const cJSON *cmds = root ? cJSON_GetObjectItemCaseSensitive(root, "commands") : NULL;
    if (!cJSON_IsArray(cmds) || !(sc.env = spec_env_new())) {
        printf("%s: cannot run (bad JSON or no store)\n", label);
        sc.counts.failed++;
        cJSON_Delete(root);
        return sc.counts;
    }
    set_dir(&sc, json_path);
    const cJSON *cmd;
    cJSON_ArrayForEach(cmd, cmds) run_command(&sc, cmd);
    int64_t leaked = spec_env_free(sc.env);
    if (leaked != 0) {
        printf("%s: engine still holds %lld bytes after jw_store_free/jw_module_free\n", label,
               (long long)leaked);
        sc.counts.failed++;
    }
    cJSON_Delete(root);
    return sc.counts;
}

bool spec_count_json(const char *json_path, spec_counts_t *out)
{
    cJSON *root = load_json(json_path);
    const cJSON *cmds = root ? cJSON_GetObjectItemCaseSensitive(root, "commands") : NULL;
    if (!cJSON_IsArray(cmds)) {
        cJSON_Delete(root);
        return false;
    }
    const cJSON *cmd;
    cJSON_ArrayForEach(cmd, cmds)
    {
        const char *t = str_field(cmd, "type");
        if (t && strcmp(t, "register") == 0)
            continue;
        out->skipped++;
        if (is_text_module(cmd))
            out->text_skipped++;
    }
    cJSON_Delete(root);
    return true;
}
