/* SPDX-License-Identifier: MIT */
/* caps.c: the "jericho" imports (sdk/jericho.h): IPC, notifications and capability operations for a module. */
#include "caps.h"
#include "jx.h"

/*
 * Each import checks the handles it is given against the module's own
 * (`owned`) and every pointer against linear memory before it makes a
 * syscall, so that a bad argument costs nothing but its error code: a
 * forged handle is -JX_EEMPTY (or -JX_EBADSLOT out of range), as if the
 * slot were empty; a buffer outside memory is -JX_EFAULT. Nothing traps:
 * an error is the module's to handle.
 */
#define MSG_SIZE  24 /* jericho_msg_t in linear memory */
#define INFO_SIZE 16 /* jericho_cap_info_t */

static bool slot_owned(const runner_caps_t *c, int32_t h)
{
    return h >= 0 && h < JX_CSPACE_SLOTS && (c->owned >> h & 1);
}

/* 0 if the module holds h, else the error to return. */
static int32_t check_handle(const runner_caps_t *c, int32_t h)
{
    if (h < 0 || h >= JX_CSPACE_SLOTS)
        return -JX_EBADSLOT;
    return slot_owned(c, h) ? 0 : -JX_EEMPTY;
}

/* A free slot for a capability the module gets, or JX_CAP_NONE. */
static uint32_t free_slot(const runner_caps_t *c)
{
    for (uint32_t s = 0; s < JX_CSPACE_SLOTS; s++)
        if (!((c->owned | c->runner_own) >> s & 1))
            return s;
    return JX_CAP_NONE;
}

void caps_init(runner_caps_t *c, uint32_t n, const char *const *names, const uint32_t *slots,
               uint32_t reply, uint64_t runner_own)
{
    *c = (runner_caps_t){ .ncaps = n, .reply = reply, .runner_own = runner_own };
    for (uint32_t i = 0; i < n; i++) {
        c->names[i] = names[i];
        c->slots[i] = slots[i];
        /* A preopen's endpoint ("dir:...", files.c) is the runner's: the
         * module reaches that server only through the WASI layer's checks. */
        if (memcmp(names[i], "dir:", 4) == 0)
            c->runner_own |= 1ull << slots[i];
        else
            c->owned |= 1ull << slots[i];
    }
    c->console = caps_find(c, "console", 7);
    c->clock = caps_find(c, "clock", 5);
}

uint32_t caps_find(const runner_caps_t *c, const char *name, uint32_t len)
{
    for (uint32_t i = 0; i < c->ncaps; i++)
        if ((c->owned >> c->slots[i] & 1) && strlen(c->names[i]) == len &&
            memcmp(c->names[i], name, len) == 0)
            return c->slots[i];
    return JX_CAP_NONE;
}

/* [addr, addr + len) of linear memory, or NULL if it is not all inside. */
static uint8_t *span(jw_host_call_t *call, uint32_t addr, uint32_t len)
{
    jw_memory_t *mem = jw_host_memory(call);
    if (!mem || (uint64_t)addr + len > jw_memory_size(mem))
        return 0;
    return jw_memory_data(mem) + addr;
}

static runner_caps_t *caps_of(jw_host_call_t *call)
{
    return ((caps_bind_t *)jw_host_userdata(call))->caps;
}

/* Puts a message's bytes in the IPC buffer and names its capability; the info word, or an error (< 0). */
static int64_t stage(jw_host_call_t *call, uint32_t label, uint32_t buf, uint32_t len, int32_t cap)
{
    const uint8_t *p = span(call, buf, len);
    if (len > JX_IPC_DATA_MAX)
        return -JX_EINVAL;
    if (!p)
        return -JX_EFAULT;
    if (cap != -1 && check_handle(caps_of(call), cap))
        return check_handle(caps_of(call), cap);
    memcpy(jx_ipc_buffer()->data, p, len);
    jx_ipc_buffer()->send_caps[0] = (uint32_t)cap;
    return (int64_t)JX_MSG_INFO(label, len, cap != -1 ? 1 : 0);
}

/* Where a capability that comes with the next message goes. */
static void expect_cap(const runner_caps_t *c) { jx_ipc_buffer()->recv_slots[0] = free_slot(c); }

/* Copies what arrived (info, badge) to the module's buffer and jericho_msg_t. */
static void deliver(jw_host_call_t *call, const struct jx_msg *m, uint8_t *buf, uint32_t max,
                    uint8_t *out)
{
    runner_caps_t *c = caps_of(call);
    uint32_t len = JX_MSG_LEN(m->info), cap = (uint32_t)-1;
    memcpy(buf, jx_ipc_buffer()->data, len < max ? len : max);
    if (JX_MSG_NCAPS(m->info)) {
        cap = jx_ipc_buffer()->recv_slots[0];
        c->owned |= 1ull << cap;
    }
    uint32_t label = (uint32_t)JX_MSG_LABEL(m->info), zero = 0;
    memcpy(out, &len, 4);
    memcpy(out + 4, &label, 4);
    memcpy(out + 8, &m->badge, 8);
    memcpy(out + 16, &cap, 4);
    memcpy(out + 20, &zero, 4);
}

static int32_t result(jx_error_t err) { return err == JX_OK ? 0 : -(int32_t)err; }

/* handle(name, len) -> handle */
static int32_t imp_handle(jw_host_call_t *call, const uint32_t *a, const uint64_t *w)
{
    (void)w;
    const uint8_t *name = span(call, a[0], a[1]);
    if (!name)
        return -JX_EFAULT;
    uint32_t s = caps_find(caps_of(call), (const char *)name, a[1]);
    return s == JX_CAP_NONE ? -JX_ENOENT : (int32_t)s;
}

/* print(console, buf, len) */
static int32_t imp_print(jw_host_call_t *call, const uint32_t *a, const uint64_t *w)
{
    (void)w;
    const uint8_t *p = span(call, a[1], a[2]);
    int32_t bad = check_handle(caps_of(call), (int32_t)a[0]);
    if (bad || !p)
        return bad ? bad : -JX_EFAULT;
    return result(jx_console_write(a[0], p, a[2]));
}

/* send(ep, label, buf, len, cap, timeout) */
static int32_t imp_send(jw_host_call_t *call, const uint32_t *a, const uint64_t *w)
{
    int32_t bad = check_handle(caps_of(call), (int32_t)a[0]);
    int64_t info = bad ? bad : stage(call, a[1], a[2], a[3], (int32_t)a[4]);
    if (info < 0)
        return (int32_t)info;
    struct jx_msg m = { .info = (uint64_t)info };
    return result(jx_send(a[0], &m, w[5]));
}

/* call(ep, label, buf, len, cap, reply, reply_max, out) */
static int32_t imp_call(jw_host_call_t *call, const uint32_t *a, const uint64_t *w)
{
    (void)w;
    uint8_t *reply = span(call, a[5], a[6]), *out = span(call, a[7], MSG_SIZE);
    int32_t bad = check_handle(caps_of(call), (int32_t)a[0]);
    if (!bad && (!reply || !out))
        bad = -JX_EFAULT;
    int64_t info = bad ? bad : stage(call, a[1], a[2], a[3], (int32_t)a[4]);
    if (info < 0)
        return (int32_t)info;
    struct jx_msg m = { .info = (uint64_t)info };
    expect_cap(caps_of(call));
    jx_error_t err = jx_call(a[0], &m);
    if (err == JX_OK) {
        m.badge = 0;
        deliver(call, &m, reply, a[6], out);
    }
    return result(err);
}

/* recv(ep, buf, max, out, timeout) */
static int32_t imp_recv(jw_host_call_t *call, const uint32_t *a, const uint64_t *w)
{
    runner_caps_t *c = caps_of(call);
    uint8_t *buf = span(call, a[1], a[2]), *out = span(call, a[3], MSG_SIZE);
    int32_t bad = check_handle(c, (int32_t)a[0]);
    if (bad || !buf || !out)
        return bad ? bad : -JX_EFAULT;
    struct jx_msg m;
    expect_cap(c);
    jx_error_t err = jx_recv(a[0], c->reply, &m, w[4]);
    if (err == JX_OK)
        deliver(call, &m, buf, a[2], out);
    return result(err);
}

/* reply(label, buf, len, cap) */
static int32_t imp_reply(jw_host_call_t *call, const uint32_t *a, const uint64_t *w)
{
    (void)w;
    runner_caps_t *c = caps_of(call);
    if (c->reply == JX_CAP_NONE)
        return -JX_EEMPTY; /* a module that serves nothing has no calls to answer */
    int64_t info = stage(call, a[0], a[1], a[2], (int32_t)a[3]);
    if (info < 0)
        return (int32_t)info;
    struct jx_msg m = { .info = (uint64_t)info };
    return result(jx_reply(c->reply, &m));
}

/* signal(ntfn, bits) */
static int32_t imp_signal(jw_host_call_t *call, const uint32_t *a, const uint64_t *w)
{
    int32_t bad = check_handle(caps_of(call), (int32_t)a[0]);
    return bad ? bad : result(jx_signal(a[0], w[1]));
}

/* wait(ntfn, bits_out, timeout) */
static int32_t imp_wait(jw_host_call_t *call, const uint32_t *a, const uint64_t *w)
{
    uint8_t *out = span(call, a[1], 8);
    int32_t bad = check_handle(caps_of(call), (int32_t)a[0]);
    if (bad || !out)
        return bad ? bad : -JX_EFAULT;
    uint64_t bits = 0;
    jx_error_t err = jx_wait(a[0], &bits, w[2]);
    memcpy(out, &bits, 8);
    return result(err);
}

/* cap_identify(h, out) */
static int32_t imp_identify(jw_host_call_t *call, const uint32_t *a, const uint64_t *w)
{
    (void)w;
    uint8_t *out = span(call, a[1], INFO_SIZE);
    int32_t bad = check_handle(caps_of(call), (int32_t)a[0]);
    if (bad || !out)
        return bad ? bad : -JX_EFAULT;
    unsigned type, rights;
    uint64_t badge;
    jx_error_t err = jx_cap_identify(a[0], &type, &rights, &badge);
    if (err == JX_OK) {
        uint32_t t = type, r = rights;
        memcpy(out, &t, 4);
        memcpy(out + 4, &r, 4);
        memcpy(out + 8, &badge, 8);
    }
    return result(err);
}

/* cap_copy(h, rights) -> the new handle */
static int32_t imp_copy(jw_host_call_t *call, const uint32_t *a, const uint64_t *w)
{
    (void)w;
    runner_caps_t *c = caps_of(call);
    int32_t bad = check_handle(c, (int32_t)a[0]);
    uint32_t dst = free_slot(c);
    if (bad)
        return bad;
    if (dst == JX_CAP_NONE)
        return -JX_ENOMEM;
    jx_error_t err = jx_cap_copy(a[0], dst, a[1]);
    if (err != JX_OK)
        return result(err);
    c->owned |= 1ull << dst;
    return (int32_t)dst;
}

/* cap_delete(h) */
static int32_t imp_delete(jw_host_call_t *call, const uint32_t *a, const uint64_t *w)
{
    (void)w;
    runner_caps_t *c = caps_of(call);
    int32_t bad = check_handle(c, (int32_t)a[0]);
    if (bad)
        return bad;
    c->owned &= ~(1ull << a[0]);
    return result(jx_cap_delete(a[0]));
}

/* One import: its name, parameter types ('i' i32, 'I' i64) and implementation. */
typedef int32_t (*imp_fn_t)(jw_host_call_t *call, const uint32_t *a, const uint64_t *w);
static const struct {
    const char *name, *sig;
    imp_fn_t fn;
} imports[] = {
    { "handle", "ii", imp_handle },         { "print", "iii", imp_print },
    { "send", "iiiiiI", imp_send },         { "call", "iiiiiiii", imp_call },
    { "recv", "iiiiI", imp_recv },          { "reply", "iiii", imp_reply },
    { "signal", "iI", imp_signal },         { "wait", "iiI", imp_wait },
    { "cap_identify", "ii", imp_identify }, { "cap_copy", "ii", imp_copy },
    { "cap_delete", "i", imp_delete },
};
#define NIMPORTS   (sizeof imports / sizeof imports[0])
#define MAX_PARAMS 8

_Static_assert(NIMPORTS == CAPS_IMPORTS, "caps.h counts the imports");

/* The engine's entry for every import: unpacks the arguments, calls the row, returns its result. */
static bool trampoline(jw_host_call_t *call, const jw_value_t *args, jw_value_t *results)
{
    const caps_bind_t *b = jw_host_userdata(call);
    uint32_t a[MAX_PARAMS] = { 0 };
    uint64_t w[MAX_PARAMS] = { 0 };
    for (uint32_t i = 0; imports[b->row].sig[i]; i++) {
        a[i] = args[i].of.i32;
        w[i] = args[i].of.i64;
    }
    results[0].type = JW_I32;
    results[0].of.i32 = (uint32_t)imports[b->row].fn(call, a, w);
    return true;
}

bool caps_resolve(void *ud, const jw_import_info_t *imp, jw_extern_t *out)
{
    static const jw_valtype_t i32_result[1] = { JW_I32 };
    runner_caps_t *c = ud;
    if (imp->module_len != 7 || memcmp(imp->module, "jericho", 7) != 0 ||
        imp->type.kind != JW_EXTERN_FUNC)
        return false;
    for (uint32_t row = 0; row < NIMPORTS; row++) {
        const char *sig = imports[row].sig;
        if (strlen(imports[row].name) != imp->name_len ||
            memcmp(imports[row].name, imp->name, imp->name_len) != 0)
            continue;
        jw_valtype_t params[MAX_PARAMS];
        uint32_t n = 0;
        for (; sig[n]; n++)
            params[n] = sig[n] == 'I' ? JW_I64 : JW_I32;
        jw_functype_t type = {
            .nparams = n, .params = params, .nresults = 1, .results = i32_result
        };
        c->bind[row] = (caps_bind_t){ c, row };
        out->kind = JW_EXTERN_FUNC;
        out->of.func = jw_host_func_new(c->store, &type, trampoline, &c->bind[row]);
        return out->of.func != 0;
    }
    return false;
}
