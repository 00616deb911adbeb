/* SPDX-License-Identifier: MIT */
/* kobj.c: object bookkeeping common to every type: counts for leak checks, and destruction dispatched by type. */
#include "endpoint.h"
#include "frame_obj.h"
#include "irq_handler.h"
#include "kobj.h"
#include "notification.h"
#include "quota.h"
#include "reply.h"
#include "task.h"
#include "vspace.h"

static unsigned alive[JX_OBJ_TYPE_COUNT];

void kobj_init(struct kobj *obj, jx_obj_type_t type)
{
    obj->type = type;
    obj->caps = 0;
    alive[type]++;
}

void kobj_freed(jx_obj_type_t type) { alive[type]--; }

/* The header is copied first: the type's destroy frees the object, then its quota is credited. */
void kobj_destroy(struct kobj *obj)
{
    struct kobj hdr = *obj;
    switch (obj->type) {
    case JX_OBJ_ENDPOINT: endpoint_destroy((struct endpoint *)obj); break;
    case JX_OBJ_REPLY: reply_destroy((struct reply *)obj); break;
    case JX_OBJ_NOTIFICATION: notification_destroy((struct notification *)obj); break;
    case JX_OBJ_FRAME: frame_obj_destroy((struct frame_obj *)obj); break;
    case JX_OBJ_ASPACE:
        vspace_destroy(vspace_of(obj)); /* counts itself; not made from a quota */
        return;
    case JX_OBJ_TASK:
        task_last_cap_gone((struct task *)obj); /* ended (killed if need be), freed, counted */
        return;
    case JX_OBJ_IRQ:
        irq_handler_destroy((struct irq_handler *)obj); /* a static table entry: nothing to free */
        kobj_freed(hdr.type);
        return;
    case JX_OBJ_QUOTA:
        quota_destroy((struct quota *)obj); /* freed, and counted, with its last object */
        return;
    default: return; /* permanent singletons are never destroyed */
    }
    kobj_freed(hdr.type);
    quota_credit(&hdr);
}

unsigned kobj_count(jx_obj_type_t type) { return type < JX_OBJ_TYPE_COUNT ? alive[type] : 0; }
