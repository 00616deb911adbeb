/* SPDX-License-Identifier: MIT */
/* manifest.c: parses the system manifest (docs/MANIFEST.md); freestanding, no allocation. */
#include "manifest.h"

/* ---- messages ---- */

/* Appends to an error message, truncating at its end. */
typedef struct mf_msg {
    char *p;
    uint32_t n, cap;
} mf_msg_t;

static void msg_str(mf_msg_t *m, const char *s, uint32_t len)
{
    for (uint32_t i = 0; i < len && m->n + 1 < m->cap; i++)
        m->p[m->n++] = s[i];
    m->p[m->n] = '\0';
}

static void msg_z(mf_msg_t *m, const char *z)
{
    uint32_t len = 0;
    while (z[len])
        len++;
    msg_str(m, z, len);
}

/* Fails at `line` with "A 'B' C" (B may be empty: then "A C"). */
static bool fail(mf_error_t *err, uint32_t line, const char *a, mf_str_t b, const char *c)
{
    mf_msg_t m = { err->message, 0, sizeof err->message };
    err->line = line;
    msg_z(&m, a);
    if (b.len) {
        msg_z(&m, " '");
        msg_str(&m, b.p, b.len);
        msg_z(&m, "'");
    }
    msg_z(&m, c);
    return false;
}

static const mf_str_t mf_none = { "", 0 };

bool mf_str_eq(mf_str_t s, const char *z)
{
    uint32_t i = 0;
    for (; i < s.len; i++)
        if (z[i] != s.p[i])
            return false;
    return z[i] == '\0';
}

static bool str_same(mf_str_t a, mf_str_t b)
{
    if (a.len != b.len)
        return false;
    for (uint32_t i = 0; i < a.len; i++)
        if (a.p[i] != b.p[i])
            return false;
    return true;
}

/* ---- numbers with units ---- */

/* The decimal number at the start of s: its value and digit count (0 if none
 * or it overflows 2^63). */
static uint32_t num_prefix(mf_str_t s, uint64_t *v)
{
    uint32_t i = 0;
    *v = 0;
    while (i < s.len && s.p[i] >= '0' && s.p[i] <= '9') {
        if (*v > (UINT64_C(1) << 63) / 10)
            return 0;
        *v = *v * 10 + (uint64_t)(s.p[i] - '0');
        i++;
    }
    return i;
}

/* NUMBER followed by one of the units; false if no unit matches. */
static bool num_unit(mf_str_t s, const char *const *units, const uint64_t *scale, uint64_t *out)
{
    uint64_t v;
    uint32_t k = num_prefix(s, &v);
    if (k == 0)
        return false;
    mf_str_t unit = { s.p + k, s.len - k };
    for (uint32_t i = 0; units[i]; i++) {
        if (!mf_str_eq(unit, units[i]))
            continue;
        if (v > UINT64_MAX / scale[i])
            return false;
        *out = v * scale[i];
        return true;
    }
    return false;
}

static bool parse_size(mf_str_t s, uint64_t *bytes)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", NULL };
    static const uint64_t scale[] = { 1, 1 << 10, 1 << 20, 1 << 30 };
    return num_unit(s, units, scale, bytes);
}

static bool parse_time(mf_str_t s, uint64_t *us)
{
    static const char *const units[] = { "us", "ms", "s", NULL };
    static const uint64_t scale[] = { 1, 1000, 1000000 };
    return num_unit(s, units, scale, us);
}

static bool parse_uint(mf_str_t s, uint32_t max, uint32_t *out)
{
    uint64_t v;
    if (num_prefix(s, &v) != s.len || s.len == 0 || v > max)
        return false;
    *out = (uint32_t)v;
    return true;
}

/* ---- words ---- */

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

static bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

static bool is_name(mf_str_t s)
{
    if (s.len == 0)
        return false;
    for (uint32_t i = 0; i < s.len; i++)
        if (!is_name_char(s.p[i]))
            return false;
    return true;
}

/* A line being read: the next word, a "quoted string" being one word. */
typedef struct mf_line {
    const char *p, *end;
    uint32_t no;
} mf_line_t;

/* The next word of the line into *w; false at the end (or at a '#'). A
 * word is KEY=VALUE or a bare word; VALUE may be "quoted" (no escapes),
 * and *w then spans the quotes. */
static bool next_word(mf_line_t *l, mf_str_t *w, mf_error_t *err, bool *bad)
{
    while (l->p < l->end && is_space(*l->p))
        l->p++;
    if (l->p == l->end || *l->p == '#')
        return false;
    const char *start = l->p;
    bool quoted = false;
    while (l->p < l->end && (quoted || (!is_space(*l->p) && *l->p != '#'))) {
        if (*l->p == '"')
            quoted = !quoted;
        l->p++;
    }
    w->p = start;
    w->len = (uint32_t)(l->p - start);
    if (quoted) {
        *bad = true;
        return fail(err, l->no, "unterminated quote in", *w, "");
    }
    return true;
}

/* A value without its quotes. */
static mf_str_t unquote(mf_str_t v)
{
    if (v.len >= 2 && v.p[0] == '"' && v.p[v.len - 1] == '"')
        return (mf_str_t){ v.p + 1, v.len - 2 };
    return v;
}

/* ---- keys ---- */

static bool add_cap(mf_module_t *m, mf_str_t item, uint32_t line, mf_error_t *err)
{
    static const struct {
        const char *word;
        mf_cap_kind_t kind;
        bool named, grant;
    } kinds[] = {
        { "console", MF_CAP_CONSOLE, false, false }, { "clock", MF_CAP_CLOCK, false, false },
        { "serve", MF_CAP_SERVE, true, false },      { "call", MF_CAP_CALL, true, false },
        { "call+grant", MF_CAP_CALL, true, true },   { "signal", MF_CAP_SIGNAL, true, false },
        { "wait", MF_CAP_WAIT, true, false },
    };
    uint32_t colon = 0;
    while (colon < item.len && item.p[colon] != ':')
        colon++;
    mf_str_t word = { item.p, colon };
    mf_str_t name =
        colon < item.len ? (mf_str_t){ item.p + colon + 1, item.len - colon - 1 } : mf_none;
    for (uint32_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (!mf_str_eq(word, kinds[i].word))
            continue;
        if (kinds[i].named != (colon < item.len) || (kinds[i].named && !is_name(name)))
            return fail(err, line, "capability", item,
                        kinds[i].named ? " needs a name: KIND:NAME" : " takes no name");
        if (m->ncaps == MANIFEST_MAX_CAPS)
            return fail(err, line, "more than 16 capabilities for module", m->name, "");
        m->caps[m->ncaps++] = (mf_cap_t){ kinds[i].kind, name, kinds[i].grant, mf_none, false };
        return true;
    }
    return fail(
        err, line, "unknown capability", item,
        " (known: console, clock, serve:NAME, call:NAME, call+grant:NAME, signal:NAME, wait:NAME)");
}

static bool parse_caps(mf_module_t *m, mf_str_t v, uint32_t line, mf_error_t *err)
{
    uint32_t i = 0;
    while (i <= v.len) {
        uint32_t j = i;
        while (j < v.len && v.p[j] != ',')
            j++;
        mf_str_t item = { v.p + i, j - i };
        if (item.len == 0)
            return fail(err, line, "empty capability in", v, "");
        if (!add_cap(m, item, line, err))
            return false;
        i = j + 1;
    }
    return true;
}

/* args="a b c": the words of v, separated by spaces. */
static bool parse_args(mf_module_t *m, mf_str_t v, uint32_t line, mf_error_t *err)
{
    uint32_t i = 0;
    while (i < v.len) {
        while (i < v.len && v.p[i] == ' ')
            i++;
        uint32_t j = i;
        while (j < v.len && v.p[j] != ' ')
            j++;
        if (j == i)
            break;
        if (m->nargs == MANIFEST_MAX_ARGS)
            return fail(err, line, "more than 32 arguments for module", m->name, "");
        m->args[m->nargs++] = (mf_str_t){ v.p + i, j - i };
        i = j;
    }
    return true;
}

static bool parse_cpu(mf_module_t *m, mf_str_t v, uint32_t line, mf_error_t *err)
{
    uint32_t slash = 0;
    while (slash < v.len && v.p[slash] != '/')
        slash++;
    mf_str_t b = { v.p, slash }, p = { v.p + slash + 1, slash < v.len ? v.len - slash - 1 : 0 };
    if (slash == v.len || !parse_time(b, &m->cpu_budget) || !parse_time(p, &m->cpu_period) ||
        m->cpu_budget == 0 || m->cpu_budget > m->cpu_period)
        return fail(err, line, "cpu", v,
                    " is not BUDGET/PERIOD with 0 < BUDGET <= PERIOD (e.g. 5ms/50ms)");
    return true;
}

/* The last ':' of s, or s.len if none. */
static uint32_t last_colon(mf_str_t s)
{
    uint32_t i = s.len;
    while (i > 0 && s.p[i - 1] != ':')
        i--;
    return i ? i - 1 : s.len;
}

/* dir=GUEST:NAME[:ro|:rw]: a preopen the file server on endpoint NAME serves
 * (docs/MANIFEST.md); GUEST is split at the last ':' before NAME, so it may
 * hold ':' itself. It takes one of the module's capability slots. */
static bool parse_dir(mf_module_t *m, mf_str_t v, uint32_t line, mf_error_t *err)
{
    mf_cap_t cap = { .kind = MF_CAP_DIR };
    mf_str_t rest = v;
    uint32_t c = last_colon(rest);
    mf_str_t mode = c < rest.len ? (mf_str_t){ rest.p + c + 1, rest.len - c - 1 } : mf_none;
    if (mf_str_eq(mode, "ro") || mf_str_eq(mode, "rw")) {
        cap.readonly = mf_str_eq(mode, "ro");
        rest.len = c;
    }
    c = last_colon(rest);
    cap.name = c < rest.len ? (mf_str_t){ rest.p + c + 1, rest.len - c - 1 } : mf_none;
    cap.guest = (mf_str_t){ rest.p, c < rest.len ? c : 0 };
    if (c == rest.len || cap.guest.len == 0 || !is_name(cap.name))
        return fail(err, line, "dir", v, " is not GUEST:NAME[:ro|:rw] (e.g. dir=/data:fs:rw)");
    if (cap.guest.len > MANIFEST_MAX_GUEST)
        return fail(err, line, "dir", v, " names a guest path longer than 200 bytes");
    if (m->ncaps == MANIFEST_MAX_CAPS)
        return fail(err, line, "more than 16 capabilities for module", m->name, "");
    m->caps[m->ncaps++] = cap;
    return true;
}

static bool set_key(mf_module_t *m, mf_str_t key, mf_str_t raw, uint32_t line, mf_error_t *err)
{
    mf_str_t v = unquote(raw);
    if (mf_str_eq(key, "file") || mf_str_eq(key, "stdin") || mf_str_eq(key, "program")) {
        if (v.len == 0)
            return fail(err, line, "empty", key, "");
        *(mf_str_eq(key, "file")    ? &m->file
          : mf_str_eq(key, "stdin") ? &m->stdin_file
                                    : &m->program) = v;
        return true;
    }
    if (mf_str_eq(key, "priority")) {
        if (!parse_uint(v, 255, &m->priority) || m->priority == 0)
            return fail(err, line, "priority", v, " is not a number from 1 to 255");
        return true;
    }
    if (mf_str_eq(key, "memory")) {
        if (!parse_size(v, &m->memory) || m->memory < 65536)
            return fail(err, line, "memory", v,
                        " is not a size of at least 64KiB (B, KiB, MiB, GiB)");
        return true;
    }
    if (mf_str_eq(key, "restart")) {
        if (!parse_uint(v, 1000000, &m->restart))
            return fail(err, line, "restart", v, " is not a count from 0 to 1000000");
        return true;
    }
    if (mf_str_eq(key, "backoff")) {
        if (!parse_time(v, &m->backoff))
            return fail(err, line, "backoff", v, " is not a time (us, ms, s)");
        return true;
    }
    if (mf_str_eq(key, "cpu"))
        return parse_cpu(m, v, line, err);
    if (mf_str_eq(key, "dir"))
        return parse_dir(m, v, line, err);
    if (mf_str_eq(key, "service")) {
        if (!mf_str_eq(v, "yes") && !mf_str_eq(v, "no"))
            return fail(err, line, "service", v, " is not yes or no");
        m->service = mf_str_eq(v, "yes");
        return true;
    }
    if (mf_str_eq(key, "caps"))
        return parse_caps(m, v, line, err);
    if (mf_str_eq(key, "args"))
        return parse_args(m, v, line, err);
    if (mf_str_eq(key, "env")) {
        uint32_t eq = 0;
        while (eq < v.len && v.p[eq] != '=')
            eq++;
        if (eq == 0 || eq == v.len)
            return fail(err, line, "env", v, " is not NAME=VALUE");
        if (m->nenv == MANIFEST_MAX_ENV)
            return fail(err, line, "more than 32 env entries for module", m->name, "");
        m->env[m->nenv++] = v;
        return true;
    }
    if (mf_str_eq(key, "invoke")) {
        if (v.len == 0 || v.p[0] == ' ')
            return fail(err, line, "invoke", v, " is not \"EXPORT ARG...\"");
        if (m->ninvoke == MANIFEST_MAX_INVOKE)
            return fail(err, line, "more than 16 invoke entries for module", m->name, "");
        m->invoke[m->ninvoke++] = v;
        return true;
    }
    return fail(err, line, "unknown key", key,
                " (known: file, program, priority, memory, cpu, caps, restart, backoff, args, env, "
                "stdin, invoke, dir, service)");
}

/* ---- lines and the whole ---- */

static bool parse_module(manifest_t *mf, mf_line_t *l, mf_error_t *err)
{
    mf_str_t w;
    bool bad = false;
    if (mf->nmodules == MANIFEST_MAX_MODULES)
        return fail(err, l->no, "more than 64 modules", mf_none, "");
    mf_module_t *m = &mf->modules[mf->nmodules];
    *m = (mf_module_t){ .line = l->no,
                        .priority = MF_DEFAULT_PRIORITY,
                        .memory = MF_DEFAULT_MEMORY,
                        .backoff = MF_DEFAULT_BACKOFF };
    if (!next_word(l, &m->name, err, &bad) || !is_name(m->name))
        return bad ? false
                   : fail(err, l->no, "a module needs a name (letters, digits, _ - .)", mf_none,
                          "");
    for (uint32_t i = 0; i < mf->nmodules; i++)
        if (str_same(mf->modules[i].name, m->name))
            return fail(err, l->no, "module", m->name, " is declared twice");
    while (next_word(l, &w, err, &bad)) {
        uint32_t eq = 0;
        while (eq < w.len && w.p[eq] != '=')
            eq++;
        if (eq == w.len)
            return fail(err, l->no, "expected KEY=VALUE, not", w, "");
        if (!set_key(m, (mf_str_t){ w.p, eq }, (mf_str_t){ w.p + eq + 1, w.len - eq - 1 }, l->no,
                     err))
            return false;
    }
    if (bad)
        return false;
    if (m->file.len == 0)
        return fail(err, l->no, "module", m->name, " has no file=");
    mf->nmodules++;
    return true;
}

/* Every call:NAME is served by one module, every serve:NAME by one only;
 * a wait:/signal: pair names one notification and needs no more. */
static bool check_endpoints(const manifest_t *mf, mf_error_t *err)
{
    for (uint32_t i = 0; i < mf->nmodules; i++) {
        const mf_module_t *m = &mf->modules[i];
        for (uint32_t c = 0; c < m->ncaps; c++) {
            const mf_cap_t *cap = &m->caps[c];
            if (cap->kind != MF_CAP_CALL && cap->kind != MF_CAP_SERVE && cap->kind != MF_CAP_DIR)
                continue;
            uint32_t servers = 0;
            for (uint32_t j = 0; j < mf->nmodules; j++)
                for (uint32_t d = 0; d < mf->modules[j].ncaps; d++)
                    servers += mf->modules[j].caps[d].kind == MF_CAP_SERVE &&
                               str_same(mf->modules[j].caps[d].name, cap->name);
            if (cap->kind != MF_CAP_SERVE && servers == 0)
                return fail(err, m->line, "no module serves endpoint", cap->name,
                            " (add serve:NAME to one)");
            if (cap->kind == MF_CAP_SERVE && servers > 1)
                return fail(err, m->line, "endpoint", cap->name,
                            " is served by more than one module");
        }
    }
    return true;
}

bool manifest_parse(const char *text, size_t len, manifest_t *out, mf_error_t *err)
{
    const char *p = text, *end = text + len;
    out->nmodules = 0;
    err->line = 0;
    err->message[0] = '\0';
    for (uint32_t no = 1; p < end; no++) {
        const char *eol = p;
        while (eol < end && *eol != '\n')
            eol++;
        mf_line_t l = { p, eol, no };
        mf_str_t w;
        bool bad = false;
        if (next_word(&l, &w, err, &bad)) {
            if (!mf_str_eq(w, "module"))
                return fail(err, no, "expected 'module NAME KEY=VALUE...', not", w, "");
            if (!parse_module(out, &l, err))
                return false;
        } else if (bad) {
            return false;
        }
        p = eol < end ? eol + 1 : end;
    }
    if (out->nmodules == 0)
        return fail(err, 1, "no module in the manifest", mf_none, "");
    return check_endpoints(out, err);
}
