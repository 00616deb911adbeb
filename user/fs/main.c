/* SPDX-License-Identifier: MIT */
/* main.c: the file server: a tree in memory, from its job's image, served over IPC (fs_proto.h) to the modules that call it. */
#include "../runner/heap.h"
#include "../runner/job.h"
#include "image.h"
#include "jx.h"
#include "ops.h"

/*
 * Started by the root for a manifest line with program=fs.elf
 * file=IMAGE caps=serve:NAME,clock (docs/MANIFEST.md, docs/DESIGN.md "Files
 * on the OS"): the job (user/runner/job.h) is the runner's, its module
 * bytes the image (image.h), its arguments `ro` (refuse every change) and
 * `quota=BYTES` (what the tree may hold; default the line's memory=). It
 * serves its endpoint forever, one request at a time; the root does not
 * wait for it (it is a service=yes line) and powers off when the modules
 * it serves have ended, so what they wrote is gone with the power.
 */
#define FS_EXIT_USAGE 2

static struct {
    uint32_t ep, reply, clock;
    bool readonly;
    uint64_t quota;
    fs_tree_t tree;
    char in[JX_IPC_DATA_MAX]; /* a request's bytes, copied: the reply's go where they were */
} srv;

/* Files' times: the wall clock, as on a disk (0 without the clock). */
static uint64_t now_ns(void)
{
    uint64_t ns = 0;
    if (srv.clock != JX_CAP_NONE)
        jx_clock_realtime_cap(srv.clock, &ns);
    return ns;
}

/* A decimal number with an optional KiB/MiB/GiB; false if it is not one. */
static bool parse_size(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    const char *d = s;
    while (*s >= '0' && *s <= '9' && v < (1ull << 50))
        v = v * 10 + (uint64_t)(*s++ - '0');
    unsigned shift = !strcmp(s, "KiB")   ? 10
                     : !strcmp(s, "MiB") ? 20
                     : !strcmp(s, "GiB") ? 30
                     : !*s               ? 0
                                         : 99;
    if (s == d || shift == 99)
        return false;
    *out = v << shift;
    return true;
}

/* Does NUL-terminated s begin with prefix? */
static bool starts(const char *s, const char *prefix)
{
    while (*prefix && *s == *prefix)
        s++, prefix++;
    return !*prefix;
}

/*
 * The job's strings: the file name, argv, env, capability names (job.h).
 * Takes the first serve: capability, the clock, and the arguments; NULL,
 * or what is wrong.
 */
static const char *job_read(const struct runner_job_header *h, uint64_t size)
{
    const char *base = (const char *)h, *why = 0;
    uint64_t at = sizeof *h;
    uint32_t nstr = 1 + h->argc + h->envc + h->ncaps;
    srv.ep = srv.clock = JX_CAP_NONE;
    srv.quota = h->memory;
    for (uint32_t k = 0; k < nstr && !why; k++) {
        const char *str = base + at;
        while (at < h->wasm_off && at < size && base[at])
            at++;
        if (at++ >= h->wasm_off)
            return "a string runs into the image";
        uint32_t cap = k >= nstr - h->ncaps ? k - (nstr - h->ncaps) : RUNNER_JOB_MAX_CAPS;
        if (k >= 2 && k < 1 + h->argc)
            why = !strcmp(str, "ro") ? (srv.readonly = true, (const char *)0)
                  : starts(str, "quota=") && parse_size(str + 6, &srv.quota)
                      ? 0
                      : "an argument that is neither ro nor quota=SIZE";
        else if (cap < h->ncaps && starts(str, "serve:") && srv.ep == JX_CAP_NONE)
            srv.ep = h->cap_slots[cap];
        else if (cap < h->ncaps && !strcmp(str, "clock"))
            srv.clock = h->cap_slots[cap];
    }
    if (!why && (srv.ep == JX_CAP_NONE || h->reply_slot == JX_CAP_NONE))
        why = "no serve:NAME capability";
    srv.reply = h->reply_slot;
    return why;
}

/* The job at JX_TASK_DATA_ADDR, checked; NULL, or what is wrong with it. */
static const char *job_check(uint64_t size)
{
    const struct runner_job_header *h = (const void *)(uintptr_t)JX_TASK_DATA_ADDR;
    if (size < sizeof *h || size > JX_TASK_DATA_MAX)
        return "too short or too long";
    if (memcmp(h->magic, RUNNER_JOB_MAGIC, sizeof h->magic) != 0)
        return "bad magic";
    if (h->ncaps > RUNNER_JOB_MAX_CAPS || h->argc < 1 || h->argc > RUNNER_JOB_MAX_ARGS ||
        h->envc > RUNNER_JOB_MAX_ENV)
        return "too many capabilities, arguments or environment entries";
    if (h->wasm_off < sizeof *h || h->wasm_off > size || h->wasm_size > size - h->wasm_off)
        return "the image lies outside the job";
    for (uint32_t i = 0; i < h->ncaps; i++)
        if (h->cap_slots[i] >= JX_CSPACE_SLOTS)
            return "a capability slot out of range";
    const char *why = job_read(h, size);
    heap_set_limit(srv.quota + RUNNER_ALLOWANCE);
    if (!why && !tree_init(&srv.tree, srv.quota, now_ns))
        why = "no memory for the tree";
    if (!why)
        why = image_load(&srv.tree, (const uint8_t *)h + h->wasm_off, h->wasm_size);
    return why;
}

/* Answers the request in m (its label the operation) in place: m becomes the reply. */
static void serve_one(struct jx_msg *m)
{
    struct jx_ipc_buffer *b = jx_ipc_buffer();
    struct fs_request q = { 0 };
    struct fs_reply r;
    size_t len = JX_MSG_LEN(m->info), n = 0, data = len > FS_HEADER_MAX ? len - FS_HEADER_MAX : 0;
    memcpy(&q, b->data, len < sizeof q ? len : sizeof q);
    memcpy(srv.in, b->data + FS_HEADER_MAX, data);
    if (len < sizeof q) {
        r = (struct fs_reply){ .err = WASI_EINVAL, .handle = -1 };
    } else {
        n = ops_handle(m->badge, (uint32_t)JX_MSG_LABEL(m->info), &q, srv.in, data, &r,
                       (char *)b->data + FS_HEADER_MAX);
    }
    memcpy(b->data, &r, sizeof r);
    m->info = JX_MSG_INFO(0, FS_HEADER_MAX + n, 0);
}

int64_t main(uint64_t arg)
{
    const char *why = arg & RUNNER_FROM_DATA ? job_check(arg >> 32) : "no job";
    if (why) {
        printf("fs: cannot start: %s\n", why);
        return FS_EXIT_USAGE;
    }
    ops_init(&srv.tree, srv.readonly);
    struct jx_msg m;
    jx_error_t err = jx_recv(srv.ep, srv.reply, &m, JX_TIMEOUT_FOREVER);
    for (;;) {
        if (err != JX_OK) {
            err = jx_recv(srv.ep, srv.reply, &m, JX_TIMEOUT_FOREVER);
            continue;
        }
        serve_one(&m);
        err = jx_reply_recv(srv.ep, srv.reply, &m, JX_TIMEOUT_FOREVER);
    }
}
