/* SPDX-License-Identifier: MIT */
/* sim.c: the MQTT demo on the host: its modules as threads of one process, over a fake of the jericho imports. */
#define _POSIX_C_SOURCE 200809L /* rand_r, nanosleep under -std=c11 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jericho.h"
#include "manifest.h"

/*
 * Not JerichoOS: a check of the demo's own logic (ordering, termination,
 * output) that needs no QEMU (tests/suites/mqtt.sh). It reads the manifest
 * with the root task's parser (user/root/manifest.c), runs each module's
 * main in a thread with the manifest's arguments, and gives each exactly the
 * handles its line names: endpoints with one badge per calling module,
 * notifications whose bits persist until waited for, capabilities passed in
 * a call only with the grant right. Random delays, seeded from the command
 * line, vary the interleaving from run to run.
 *
 * Usage: mqtt_sim MANIFEST [SEED]; exits 0 when every module exited 0.
 */
#define SIM_MODULES 8
#define SIM_HANDLES 24
#define SIM_OBJECTS 32

typedef enum { SIM_NONE, SIM_CONSOLE, SIM_SERVE, SIM_CALL, SIM_SIGNAL, SIM_WAIT } sim_kind_t;

typedef struct {
    sim_kind_t kind;
    int obj; /* index into objects[] */
    uint64_t badge;
    bool grant;
} sim_cap_t;

/* A call waiting on an endpoint, or being answered. */
typedef struct sim_call {
    uint32_t label, len;
    const void *data;
    sim_cap_t cap; /* kind SIM_NONE: none passed */
    uint64_t badge;
    void *reply;
    uint32_t reply_max;
    jericho_msg_t *out;
    bool done;
    struct sim_call *next;
} sim_call_t;

typedef struct {
    char name[32];
    bool endpoint;
    sim_call_t *calls; /* endpoint: the queue */
    uint64_t bits; /* notification */
} sim_object_t;

typedef struct {
    const mf_module_t *mf;
    int (*main)(int, char **);
    char *argv[MANIFEST_MAX_ARGS + 2];
    char strings[2048];
    sim_cap_t caps[SIM_HANDLES];
    sim_call_t *answering;
    unsigned seed;
    int rc;
} sim_module_t;

int mqtt_sim_broker_main(int argc, char **argv);
int mqtt_sim_publisher_main(int argc, char **argv);
int mqtt_sim_subscriber_main(int argc, char **argv);
int mqtt_sim_badclient_main(int argc, char **argv);

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static sim_object_t objects[SIM_OBJECTS];
static int nobjects;
static _Thread_local sim_module_t *self;

/* A short random pause, so that runs interleave differently. */
static void jitter(void)
{
    struct timespec t = { 0, (long)(rand_r(&self->seed) % 200) * 1000 };
    nanosleep(&t, NULL);
}

static int object_named(mf_str_t name, bool endpoint)
{
    for (int i = 0; i < nobjects; i++)
        if (objects[i].endpoint == endpoint && mf_str_eq(name, objects[i].name))
            return i;
    snprintf(objects[nobjects].name, sizeof objects[0].name, "%.*s", (int)name.len, name.p);
    objects[nobjects].endpoint = endpoint;
    return nobjects++;
}

/* The capability behind handle h with the given kind, or NULL. */
static sim_cap_t *cap_of(int32_t h, sim_kind_t kind)
{
    if (h < 0 || h >= SIM_HANDLES || self->caps[h].kind != kind)
        return NULL;
    return &self->caps[h];
}

int32_t jericho_handle_n(const char *name, uint32_t len)
{
    static const char *const words[] = { "", "console", "serve:", "call:", "signal:", "wait:" };
    for (int32_t h = 0; h < SIM_HANDLES && self->caps[h].kind != SIM_NONE; h++) {
        const sim_cap_t *c = &self->caps[h];
        char want[64];
        const char *word = c->kind == SIM_CALL && c->grant ? "call+grant:" : words[c->kind];
        int n = snprintf(want, sizeof want, "%s%s", word,
                         c->kind == SIM_CONSOLE ? "" : objects[c->obj].name);
        if ((uint32_t)n == len && !memcmp(want, name, len))
            return h;
    }
    return -JX_ENOENT;
}

int32_t jericho_print(int32_t console, const void *buf, uint32_t len)
{
    if (!cap_of(console, SIM_CONSOLE))
        return -JX_EBADSLOT;
    return (int32_t)fwrite(buf, 1, len, stdout);
}

int32_t jericho_send(int32_t ep, uint32_t label, const void *buf, uint32_t len, int32_t cap,
                     uint64_t timeout_ns)
{
    (void)ep, (void)label, (void)buf, (void)len, (void)cap, (void)timeout_ns;
    return -JX_ENOSYS; /* the demo only calls */
}

int32_t jericho_call(int32_t ep, uint32_t label, const void *buf, uint32_t len, int32_t cap,
                     void *reply, uint32_t reply_max, jericho_msg_t *out)
{
    jitter();
    sim_cap_t *e = cap_of(ep, SIM_CALL);
    if (!e)
        return -JX_EBADSLOT;
    if (len > JERICHO_MSG_MAX)
        return -JX_EINVAL;
    sim_call_t c = { .label = label,
                     .len = len,
                     .data = buf,
                     .badge = e->badge,
                     .reply = reply,
                     .reply_max = reply_max,
                     .out = out };
    if (cap != JERICHO_NO_CAP) {
        if (!e->grant)
            return -JX_EPERM;
        if (cap < 0 || cap >= SIM_HANDLES || self->caps[cap].kind == SIM_NONE)
            return -JX_EEMPTY;
        c.cap = self->caps[cap];
    }
    pthread_mutex_lock(&lock);
    sim_call_t **tail = &objects[e->obj].calls;
    while (*tail)
        tail = &(*tail)->next;
    *tail = &c;
    pthread_cond_broadcast(&changed);
    while (!c.done)
        pthread_cond_wait(&changed, &lock);
    pthread_mutex_unlock(&lock);
    return 0;
}

/* Installs a received capability in a free handle of this module. */
static int32_t install(sim_cap_t cap)
{
    for (int32_t h = 0; h < SIM_HANDLES; h++)
        if (self->caps[h].kind == SIM_NONE) {
            self->caps[h] = cap;
            return h;
        }
    return JERICHO_NO_CAP;
}

int32_t jericho_recv(int32_t ep, void *buf, uint32_t max, jericho_msg_t *out, uint64_t timeout_ns)
{
    (void)timeout_ns;
    sim_cap_t *e = cap_of(ep, SIM_SERVE);
    if (!e)
        return -JX_EBADSLOT;
    pthread_mutex_lock(&lock);
    while (!objects[e->obj].calls)
        pthread_cond_wait(&changed, &lock);
    sim_call_t *c = objects[e->obj].calls;
    objects[e->obj].calls = c->next;
    pthread_mutex_unlock(&lock);
    memcpy(buf, c->data, c->len < max ? c->len : max);
    *out = (jericho_msg_t){
        .len = c->len, .label = c->label, .badge = c->badge, .cap = JERICHO_NO_CAP
    };
    if (c->cap.kind != SIM_NONE)
        out->cap = install(c->cap);
    self->answering = c;
    return 0;
}

int32_t jericho_reply(uint32_t label, const void *buf, uint32_t len, int32_t cap)
{
    sim_call_t *c = self->answering;
    if (!c)
        return -JX_EEMPTY;
    if (cap != JERICHO_NO_CAP)
        return -JX_EINVAL; /* the demo passes none back */
    self->answering = NULL;
    memcpy(c->reply, buf, len < c->reply_max ? len : c->reply_max);
    *c->out = (jericho_msg_t){ .len = len, .label = label, .cap = JERICHO_NO_CAP };
    pthread_mutex_lock(&lock);
    c->done = true;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
    return 0;
}

int32_t jericho_signal(int32_t ntfn, uint64_t bits)
{
    sim_cap_t *n = cap_of(ntfn, SIM_SIGNAL);
    if (!n)
        return -JX_EBADSLOT;
    pthread_mutex_lock(&lock);
    objects[n->obj].bits |= bits;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
    return 0;
}

int32_t jericho_wait(int32_t ntfn, uint64_t *bits, uint64_t timeout_ns)
{
    (void)timeout_ns;
    sim_cap_t *n = cap_of(ntfn, SIM_WAIT);
    if (!n)
        return -JX_EBADSLOT;
    jitter();
    pthread_mutex_lock(&lock);
    while (!objects[n->obj].bits)
        pthread_cond_wait(&changed, &lock);
    *bits = objects[n->obj].bits;
    objects[n->obj].bits = 0;
    pthread_mutex_unlock(&lock);
    return 0;
}

int32_t jericho_cap_identify(int32_t h, jericho_cap_info_t *out)
{
    (void)h, (void)out;
    return -JX_ENOSYS;
}

int32_t jericho_cap_copy(int32_t h, uint32_t rights)
{
    (void)h, (void)rights;
    return -JX_ENOSYS;
}

int32_t jericho_cap_delete(int32_t h)
{
    if (h < 0 || h >= SIM_HANDLES || self->caps[h].kind == SIM_NONE)
        return -JX_EEMPTY;
    self->caps[h].kind = SIM_NONE;
    return 0;
}

/* ---- the modules ---- */

static int (*main_of(mf_str_t file))(int, char **)
{
    if (mf_str_eq(file, "broker.wasm"))
        return mqtt_sim_broker_main;
    if (mf_str_eq(file, "publisher.wasm"))
        return mqtt_sim_publisher_main;
    if (mf_str_eq(file, "subscriber.wasm"))
        return mqtt_sim_subscriber_main;
    if (mf_str_eq(file, "badclient.wasm"))
        return mqtt_sim_badclient_main;
    return NULL;
}

/* The module's handles, in its manifest order; a call capability's badge is the caller's index + 1. */
static void setup_caps(sim_module_t *m, uint64_t badge)
{
    static const sim_kind_t kinds[] = {
        [MF_CAP_CONSOLE] = SIM_CONSOLE, [MF_CAP_CLOCK] = SIM_NONE,    [MF_CAP_SERVE] = SIM_SERVE,
        [MF_CAP_CALL] = SIM_CALL,       [MF_CAP_SIGNAL] = SIM_SIGNAL, [MF_CAP_WAIT] = SIM_WAIT,
    };
    for (uint32_t i = 0; i < m->mf->ncaps && i < SIM_HANDLES; i++) {
        const mf_cap_t *c = &m->mf->caps[i];
        sim_kind_t k = kinds[c->kind];
        bool endpoint = k == SIM_SERVE || k == SIM_CALL;
        m->caps[i] = (sim_cap_t){ k, k == SIM_CONSOLE ? 0 : object_named(c->name, endpoint),
                                  k == SIM_CALL ? badge : 0, c->grant };
    }
}

/* argv from the manifest: NAME, then its args, as C strings. */
static void setup_argv(sim_module_t *m)
{
    char *s = m->strings;
    const mf_str_t *words[MANIFEST_MAX_ARGS + 1] = { &m->mf->name };
    for (uint32_t i = 0; i < m->mf->nargs; i++)
        words[i + 1] = &m->mf->args[i];
    for (uint32_t i = 0; i <= m->mf->nargs; i++) {
        memcpy(s, words[i]->p, words[i]->len);
        s[words[i]->len] = 0;
        m->argv[i] = s;
        s += words[i]->len + 1;
    }
}

static void *run(void *arg)
{
    self = arg;
    jitter();
    self->rc = self->main((int)self->mf->nargs + 1, self->argv);
    fflush(stdout);
    return NULL;
}

static char text[16384];
static manifest_t mf;
static sim_module_t modules[SIM_MODULES];

int main(int argc, char **argv)
{
    FILE *f = argc > 1 ? fopen(argv[1], "r") : NULL;
    if (!f) {
        fprintf(stderr, "usage: mqtt_sim MANIFEST [SEED]\n");
        return 2;
    }
    size_t len = fread(text, 1, sizeof text, f);
    fclose(f);
    mf_error_t err;
    if (!manifest_parse(text, len, &mf, &err) || mf.nmodules > SIM_MODULES) {
        fprintf(stderr, "%s:%u: %s\n", argv[1], err.line,
                mf.nmodules > SIM_MODULES ? "too many modules" : err.message);
        return 2;
    }
    unsigned seed = argc > 2 ? (unsigned)atoi(argv[2]) : 1;
    pthread_t threads[SIM_MODULES];
    for (uint32_t i = 0; i < mf.nmodules; i++) {
        sim_module_t *m = &modules[i];
        m->mf = &mf.modules[i];
        m->seed = seed * 7919 + i;
        if (!(m->main = main_of(m->mf->file))) {
            fprintf(stderr, "mqtt_sim: no module %.*s here\n", (int)m->mf->file.len, m->mf->file.p);
            return 2;
        }
        setup_caps(m, i + 1);
        setup_argv(m);
    }
    for (uint32_t i = 0; i < mf.nmodules; i++)
        pthread_create(&threads[i], NULL, run, &modules[i]);
    int status = 0;
    for (uint32_t i = 0; i < mf.nmodules; i++) {
        pthread_join(threads[i], NULL);
        if (modules[i].rc) {
            fprintf(stderr, "mqtt_sim: %s exited %d\n", modules[i].argv[0], modules[i].rc);
            status = 1;
        }
    }
    return status;
}
