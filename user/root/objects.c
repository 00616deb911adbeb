/* SPDX-License-Identifier: MIT */
/* objects.c: the endpoints and notifications a manifest names, and each module's capabilities to them. */
#include "root.h"

/*
 * The root owns the original capability to every object; a module gets a
 * child: `serve:N` may receive (READ), `call:N` may send and call (WRITE,
 * plus GRANT for `call+grant:N`) with the module's badge (its index + 1, the
 * same after a restart), `dir=G:N` is a call capability the runner keeps
 * for the module's preopen G, `signal:N` may signal (WRITE), `wait:N` may wait
 * (READ). The console and the clock are the root's own, passed on.
 */
static struct {
    mf_str_t name;
    jx_obj_type_t type;
    bool gone;
} objs[ROOT_MAX_OBJECTS];
static uint32_t nobjs, nscratch;

static bool same(mf_str_t a, mf_str_t b) { return a.len == b.len && memcmp(a.p, b.p, a.len) == 0; }

static jx_obj_type_t type_of(mf_cap_kind_t k)
{
    return k == MF_CAP_SERVE || k == MF_CAP_CALL || k == MF_CAP_DIR ? JX_OBJ_ENDPOINT
                                                                    : JX_OBJ_NOTIFICATION;
}

static int find(mf_str_t name, jx_obj_type_t type)
{
    for (uint32_t i = 0; i < nobjs; i++)
        if (objs[i].type == type && same(objs[i].name, name))
            return (int)i;
    return -1;
}

const char *objects_create(const manifest_t *mf)
{
    for (uint32_t i = 0; i < mf->nmodules; i++)
        for (uint32_t c = 0; c < mf->modules[i].ncaps; c++) {
            const mf_cap_t *cap = &mf->modules[i].caps[c];
            if (cap->kind == MF_CAP_CONSOLE || cap->kind == MF_CAP_CLOCK ||
                find(cap->name, type_of(cap->kind)) >= 0)
                continue;
            if (nobjs == ROOT_MAX_OBJECTS)
                return "more endpoint and notification names than the root holds (18)";
            if (jx_quota_alloc(SLOT_QUOTA, type_of(cap->kind), SLOT_FIRST_OBJECT + nobjs, 0) !=
                JX_OK)
                return "no memory for an endpoint or notification";
            objs[nobjs].name = cap->name;
            objs[nobjs++].type = type_of(cap->kind);
        }
    return 0;
}

uint32_t objects_slot(const mf_cap_t *cap)
{
    if (cap->kind == MF_CAP_CONSOLE)
        return SLOT_CONSOLE;
    if (cap->kind == MF_CAP_CLOCK)
        return SLOT_CLOCK;
    return SLOT_FIRST_OBJECT + (uint32_t)find(cap->name, type_of(cap->kind));
}

static unsigned rights_of(const mf_cap_t *cap)
{
    switch (cap->kind) {
    case MF_CAP_CONSOLE: return JX_RIGHT_READ | JX_RIGHT_WRITE;
    case MF_CAP_CALL: return JX_RIGHT_WRITE | (cap->grant ? JX_RIGHT_GRANT : 0);
    case MF_CAP_DIR: return JX_RIGHT_WRITE;
    case MF_CAP_SIGNAL: return JX_RIGHT_WRITE;
    default: return JX_RIGHT_READ; /* clock, serve, wait */
    }
}

const char *objects_spec(const mf_module_t *m, uint64_t badge, struct jx_task_spec *s)
{
    if (m->ncaps > RUNNER_JOB_MAX_CAPS)
        return "more capabilities than a runner takes (8)";
    for (uint32_t i = 0; i < m->ncaps; i++) {
        const mf_cap_t *cap = &m->caps[i];
        uint32_t src = objects_slot(cap);
        if (cap->kind == MF_CAP_SERVE && objs[src - SLOT_FIRST_OBJECT].gone)
            return "an endpoint it serves was destroyed when its last server ended";
        if (cap->kind == MF_CAP_CALL || cap->kind == MF_CAP_DIR) {
            uint32_t copy = SLOT_SCRATCH_CAP + nscratch++;
            if (jx_cap_mint(src, copy, rights_of(cap), badge) != JX_OK)
                return "its endpoint is gone (its server ended)";
            src = copy;
        }
        s->caps[s->ncaps++] = (struct jx_task_cap){ src, i, rights_of(cap), 0 };
    }
    return 0;
}

void objects_spec_done(void)
{
    for (; nscratch; nscratch--)
        jx_cap_delete(SLOT_SCRATCH_CAP + nscratch - 1);
}

void objects_server_gone(const mf_module_t *m)
{
    for (uint32_t i = 0; i < m->ncaps; i++) {
        if (m->caps[i].kind != MF_CAP_SERVE)
            continue;
        uint32_t slot = objects_slot(&m->caps[i]);
        jx_cap_revoke(slot); /* every caller's capability... */
        jx_cap_delete(slot); /* ...and the last one: blocked callers wake with JX_EDESTROYED */
        objs[slot - SLOT_FIRST_OBJECT].gone = true;
    }
}
