/* SPDX-License-Identifier: MIT */
/* quota.c: the Memory quota object: charging and crediting objects, lifetime past its last capability. */
#include "quota.h"
#include "slab.h"

static struct slab_cache quota_cache;
static bool quota_cache_ready;

jx_error_t quota_create(struct quota *parent, uint64_t limit, struct quota **out)
{
    if (!quota_cache_ready &&
        slab_cache_init(&quota_cache, "quota", sizeof(struct quota), &slab_frame_source) != JX_OK)
        return JX_EINVAL;
    quota_cache_ready = true;
    struct quota *q = slab_alloc(&quota_cache);
    if (!q)
        return JX_ENOMEM;
    kobj_init(&q->obj, JX_OBJ_QUOTA);
    q->limit = limit;
    if (parent)
        quota_charge(parent, &q->obj, limit);
    *out = q;
    return JX_OK;
}

bool quota_has_room(const struct quota *q, uint64_t bytes)
{
    return !q || (bytes <= q->limit && q->used <= q->limit - bytes);
}

void quota_charge(struct quota *q, struct kobj *obj, uint64_t bytes)
{
    obj->quota = q;
    obj->charge = bytes;
    if (q) {
        q->used += bytes;
        q->objects++;
    }
}

static void quota_free(struct quota *q)
{
    struct kobj o = q->obj;
    slab_free(&quota_cache, q);
    kobj_freed(JX_OBJ_QUOTA);
    quota_credit(&o); /* a sub-quota gives its limit back to its parent */
}

void quota_credit(struct kobj *obj)
{
    struct quota *q = obj->quota;
    if (!q)
        return;
    q->used -= obj->charge;
    quota_release(q);
}

void quota_hold(struct quota *q)
{
    if (q)
        q->objects++;
}

void quota_release(struct quota *q)
{
    if (q && --q->objects == 0 && q->dead)
        quota_free(q);
}

void quota_charge_bytes(struct quota *q, uint64_t bytes)
{
    if (q)
        q->used += bytes;
}

void quota_credit_bytes(struct quota *q, uint64_t bytes)
{
    if (q)
        q->used -= bytes;
}

void quota_destroy(struct quota *q)
{
    q->dead = true;
    if (q->objects == 0)
        quota_free(q);
}
