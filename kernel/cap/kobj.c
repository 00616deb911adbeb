/* SPDX-License-Identifier: MIT */
/* kobj.c: object bookkeeping common to every type: counts for leak checks, and destruction dispatched by type. */
#include "endpoint.h"
#include "kobj.h"
#include "notification.h"
#include "reply.h"

static unsigned alive[JX_OBJ_TYPE_COUNT];

void kobj_init(struct kobj *obj, jx_obj_type_t type)
{
    obj->type = type;
    obj->caps = 0;
    alive[type]++;
}

void kobj_destroy(struct kobj *obj)
{
    alive[obj->type]--;
    switch (obj->type) {
    case JX_OBJ_ENDPOINT:
        endpoint_destroy((struct endpoint *)obj);
        break;
    case JX_OBJ_REPLY:
        reply_destroy((struct reply *)obj);
        break;
    case JX_OBJ_NOTIFICATION:
        notification_destroy((struct notification *)obj);
        break;
    default:
        break;                 /* permanent singletons are never destroyed */
    }
}

unsigned kobj_count(jx_obj_type_t type)
{
    return type < JX_OBJ_TYPE_COUNT ? alive[type] : 0;
}
