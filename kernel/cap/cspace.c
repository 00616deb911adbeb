/* SPDX-License-Identifier: MIT */
/* cspace.c: capability lookup, copy/mint/move/delete and revocation over the derivation tree; portable (host-tested). */
#include "cspace.h"

jx_error_t cap_dest(struct cspace *cs, uint64_t handle, struct cap_slot **out)
{
    if (handle >= JX_CSPACE_SLOTS)
        return JX_EBADSLOT;
    if (cs->slot[handle].state == CAP_FULL)
        return JX_EEXIST;
    *out = &cs->slot[handle];
    return JX_OK;
}

bool cap_has_children(const struct cap_slot *s) { return s->child != 0; }

/* Links s as the first child of parent (or as a root when parent is NULL). */
static void link_child(struct cap_slot *parent, struct cap_slot *s)
{
    s->parent = parent;
    s->prev = 0;
    s->next = parent ? parent->child : 0;
    if (s->next)
        s->next->prev = s;
    if (parent)
        parent->child = s;
}

/* Takes s out of its parent's child list (its own children stay attached to it). */
static void unlink_child(struct cap_slot *s)
{
    if (s->prev)
        s->prev->next = s->next;
    else if (s->parent)
        s->parent->child = s->next;
    if (s->next)
        s->next->prev = s->prev;
    s->parent = s->next = s->prev = 0;
}

void cap_install(struct cap_slot *dst, struct kobj *obj, unsigned rights, uint64_t badge)
{
    dst->obj = obj;
    dst->rights = (uint8_t)(rights & JX_RIGHTS_ALL);
    dst->badge = badge;
    dst->state = CAP_FULL;
    dst->child = 0;
    link_child(0, dst);
    obj->caps++;
}

void cap_derive(struct cap_slot *src, struct cap_slot *dst, unsigned rights, uint64_t badge)
{
    cap_install(dst, src->obj, src->rights & rights, badge);
    link_child(src, dst);
}

void cap_move(struct cap_slot *src, struct cap_slot *dst)
{
    *dst = *src;
    if (dst->prev)
        dst->prev->next = dst;
    else if (dst->parent)
        dst->parent->child = dst;
    if (dst->next)
        dst->next->prev = dst;
    for (struct cap_slot *c = dst->child; c; c = c->next)
        c->parent = dst;
    *src = (struct cap_slot){ 0 };
}

/* Removes s from the tree (children go up to its parent) and drops its object reference. */
static void cap_release(struct cap_slot *s, enum cap_state after)
{
    struct cap_slot *parent = s->parent;
    while (s->child) {
        struct cap_slot *c = s->child;
        unlink_child(c);
        link_child(parent, c);
    }
    unlink_child(s);
    struct kobj *obj = s->obj;
    bool full = s->state == CAP_FULL;
    *s = (struct cap_slot){ 0 };
    s->state = (uint8_t)after;
    /* Last: destroying the object may wake threads, which must see a consistent tree. */
    if (full && --obj->caps == 0 && !obj->permanent)
        kobj_destroy(obj);
}

void cap_delete(struct cap_slot *s)
{
    if (s->state != CAP_EMPTY)
        cap_release(s, CAP_EMPTY);
}

/*
 * Iterative, so the kernel stack does not grow with the tree's depth: go
 * down to a leaf under s, delete it, repeat. Each step is O(depth).
 */
void cap_revoke(struct cap_slot *s)
{
    while (s->child) {
        struct cap_slot *leaf = s->child;
        while (leaf->child)
            leaf = leaf->child;
        cap_release(leaf, CAP_STALE);
    }
}

void cspace_clear(struct cspace *cs)
{
    for (unsigned i = 0; i < JX_CSPACE_SLOTS; i++)
        cap_delete(&cs->slot[i]);
}
