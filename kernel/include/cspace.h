/* SPDX-License-Identifier: MIT */
/* cspace.h: a task's capability table (slots named by index) and the derivation tree across all tables. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "kobj.h"
#include "jericho/cap.h"
#include "jericho/error.h"

enum cap_state {
    CAP_EMPTY = 0, /* never filled, or deleted by its owner */
    CAP_FULL,
    CAP_STALE, /* revoked by an ancestor's owner; its next use says so (JX_ESTALE) */
};

/*
 * One capability. Derivation links: every copy/mint/transfer is a child of
 * its source; children of one parent are a doubly linked sibling list. A
 * capability's descendants are exactly the capabilities derived from it,
 * directly or not, in any task: revoke deletes them all.
 */
struct cap_slot {
    struct kobj *obj;
    uint64_t badge;
    uint8_t state; /* enum cap_state */
    uint8_t rights; /* JX_RIGHT_* */
    struct cap_slot *parent, *child, *next, *prev;
};

struct cspace {
    struct cap_slot slot[JX_CSPACE_SLOTS];
};

/*
 * Finds the capability `handle` names, of `type` (JX_OBJ_NONE: any) with at
 * least `rights`. Errors, in this order: JX_EBADSLOT (not a slot index),
 * JX_EEMPTY, JX_ESTALE, JX_ETYPE, JX_EPERM. No side effects. Inline: every
 * syscall does at least one.
 */
static inline jx_error_t cap_lookup(struct cspace *cs, uint64_t handle, jx_obj_type_t type,
                                    unsigned rights, struct cap_slot **out)
{
    if (handle >= JX_CSPACE_SLOTS)
        return JX_EBADSLOT;
    struct cap_slot *s = &cs->slot[handle];
    if (s->state != CAP_FULL)
        return s->state == CAP_EMPTY ? JX_EEMPTY : JX_ESTALE;
    if (type != JX_OBJ_NONE && s->obj->type != type)
        return JX_ETYPE;
    if ((s->rights & rights) != rights)
        return JX_EPERM;
    *out = s;
    return JX_OK;
}
/* A slot a capability may be put in: JX_EBADSLOT, JX_EEXIST (holds one); stale slots are free. */
jx_error_t cap_dest(struct cspace *cs, uint64_t handle, struct cap_slot **out);

/* Puts a new original capability (no parent) to obj in the free slot dst. */
void cap_install(struct cap_slot *dst, struct kobj *obj, unsigned rights, uint64_t badge);
/* dst (free) becomes a child of src with src's rights & rights and the given badge. */
void cap_derive(struct cap_slot *src, struct cap_slot *dst, unsigned rights, uint64_t badge);
/* The capability in src moves to the free slot dst, keeping its place in the tree. */
void cap_move(struct cap_slot *src, struct cap_slot *dst);
/*
 * Deletes the capability in s (full or stale; then s is empty). Its
 * children move up to its parent, so they stay derived from its ancestors.
 * May destroy the object (its last capability).
 */
void cap_delete(struct cap_slot *s);
/* Deletes every descendant of s; their slots become stale. s stays. */
void cap_revoke(struct cap_slot *s);
/* Deletes every capability in cs (a task's table, when the task ends). */
void cspace_clear(struct cspace *cs);
/* True when s has derived capabilities. */
bool cap_has_children(const struct cap_slot *s);
