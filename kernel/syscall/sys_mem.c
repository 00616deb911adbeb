/* SPDX-License-Identifier: MIT */
/* sys_mem.c: decode/invoke of the memory calls: objects made from a quota, its usage, and mapping Frames into AddressSpaces with W^X. */
#include "config.h"
#include "frame.h"
#include "frame_obj.h"
#include "quota.h"
#include "sched.h"
#include "sys.h"
#include "vspace.h"
#include "jericho/syscall.h"

/*
 * What an object costs its quota, in bytes: its kernel object, and for a
 * Frame the page too. A sub-quota costs its whole limit.
 */
static uint64_t charge_of(jx_obj_type_t type, uint64_t size)
{
    switch (type) {
    case JX_OBJ_ENDPOINT: return sizeof(struct endpoint);
    case JX_OBJ_NOTIFICATION: return sizeof(struct notification);
    case JX_OBJ_REPLY: return sizeof(struct reply);
    case JX_OBJ_FRAME: return JX_QUOTA_CHARGE_FRAME + sizeof(struct frame_obj);
    case JX_OBJ_QUOTA: return size;
    default: return 0;
    }
}

/*
 * Also checks the kernel has the frames invoke may take (a slab page, the
 * Frame's page): on one CPU nothing runs between decode and invoke, so
 * invoke cannot run out.
 */
jx_error_t decode_quota_alloc(const uint64_t *raw, union sys_args *a)
{
    struct cap_slot *q;
    jx_error_t err = cap_lookup(sys_cspace(), raw[0], JX_OBJ_QUOTA, JX_RIGHT_WRITE, &q);
    if (err == JX_OK)
        err = cap_dest(sys_cspace(), raw[2], &a->mem.dst);
    if (err != JX_OK)
        return err;
    a->mem.type = (jx_obj_type_t)raw[1];
    a->mem.size = raw[3];
    a->mem.charge = charge_of(a->mem.type, raw[3]);
    if (a->mem.charge == 0)
        return JX_EINVAL;
    a->mem.quota = (struct quota *)q->obj;
    if (!quota_has_room(a->mem.quota, a->mem.charge) || frame_free_count() < 2)
        return JX_ENOMEM;
    return JX_OK;
}

static jx_error_t alloc_object(jx_obj_type_t type, struct quota *parent, uint64_t size,
                               struct kobj **out)
{
    switch (type) {
    case JX_OBJ_ENDPOINT: return endpoint_create((struct endpoint **)out);
    case JX_OBJ_NOTIFICATION: return notification_create((struct notification **)out);
    case JX_OBJ_REPLY: return reply_create((struct reply **)out);
    case JX_OBJ_FRAME: return frame_obj_create((struct frame_obj **)out);
    default: return quota_create(parent, size, (struct quota **)out);
    }
}

void invoke_quota_alloc(const union sys_args *a)
{
    struct kobj *obj;
    if (alloc_object(a->mem.type, a->mem.quota, a->mem.size, &obj) != JX_OK)
        return; /* cannot happen: decode saw the frames free */
    if (a->mem.type != JX_OBJ_QUOTA) /* a sub-quota charges its parent itself */
        quota_charge(a->mem.quota, obj, a->mem.charge);
    cap_install(a->mem.dst, obj, JX_RIGHTS_ALL, 0);
}

jx_error_t decode_quota_info(const uint64_t *raw, union sys_args *a)
{
    struct cap_slot *q;
    jx_error_t err = cap_lookup(sys_cspace(), raw[0], JX_OBJ_QUOTA, JX_RIGHT_READ, &q);
    a->mem.quota = err == JX_OK ? (struct quota *)q->obj : 0;
    return err;
}

void invoke_quota_info(const union sys_args *a)
{
    uint64_t *r = sched_current()->sysregs;
    r[1] = a->mem.quota->limit;
    r[2] = a->mem.quota->used;
}

/* Capability rights as page protection; JX_EINVAL for bits that are not rights or for W+X. */
static jx_error_t map_prot(uint64_t rights, unsigned *prot)
{
    if (rights & ~(uint64_t)(JX_RIGHT_READ | JX_RIGHT_WRITE | JX_RIGHT_EXEC) ||
        ((rights & JX_RIGHT_WRITE) && (rights & JX_RIGHT_EXEC)))
        return JX_EINVAL;
    *prot =
        VM_READ | (rights & JX_RIGHT_WRITE ? VM_WRITE : 0) | (rights & JX_RIGHT_EXEC ? VM_EXEC : 0);
    return JX_OK;
}

/* An AddressSpace capability with WRITE and a page-aligned user va other than the IPC buffer's. */
static jx_error_t decode_aspace(uint64_t h, uint64_t va, union sys_args *a)
{
    struct cap_slot *c;
    jx_error_t err = cap_lookup(sys_cspace(), h, JX_OBJ_ASPACE, JX_RIGHT_WRITE, &c);
    if (err != JX_OK)
        return err;
    a->mem.vs = vspace_of(c->obj);
    a->mem.va = va;
    if (va & (VM_PAGE_SIZE - 1) || va < ARCH_USER_BASE || va >= ARCH_USER_TOP ||
        va == JX_IPC_BUFFER_ADDR)
        return JX_EINVAL;
    return JX_OK;
}

static bool mapped(struct vspace *vs, uintptr_t va)
{
    paddr_t pa;
    unsigned prot;
    return arch_vspace_lookup(&vs->arch, va, &pa, &prot) == JX_OK;
}

jx_error_t decode_map(const uint64_t *raw, union sys_args *a)
{
    struct cap_slot *f;
    jx_error_t err = decode_aspace(raw[0], raw[2], a);
    if (err == JX_OK)
        err = cap_lookup(sys_cspace(), raw[1], JX_OBJ_FRAME, 0, &f);
    if (err == JX_OK)
        err = map_prot(raw[3], &a->mem.prot);
    if (err != JX_OK)
        return err;
    if (raw[3] & ~(uint64_t)f->rights)
        return JX_EPERM; /* e.g. a writable mapping from a read-only capability */
    /* A region's range is the region's: its release frees every page in it. */
    if (mapped(a->mem.vs, a->mem.va) || vspace_in_region(a->mem.vs, a->mem.va))
        return JX_EEXIST;
    a->mem.frame = (struct frame_obj *)f->obj;
    a->mem.map = frame_obj_free_map(a->mem.frame);
    if (!a->mem.map)
        return JX_EBUSY;
    a->mem.max_prot = VM_READ | (f->rights & JX_RIGHT_WRITE ? VM_WRITE : 0) |
                      (f->rights & JX_RIGHT_EXEC ? VM_EXEC : 0);
    /* Up to three page-table frames (x86-64 PDPT/PD/PT, arm64 L1-L3): invoke cannot run out. */
    return frame_free_count() < 3 ? JX_ENOMEM : JX_OK;
}

void invoke_map(const union sys_args *a)
{
    a->mem.map->max_prot = a->mem.max_prot;
    vspace_map_frame(a->mem.vs, a->mem.va, a->mem.frame->pa, a->mem.prot, a->mem.map);
}

jx_error_t decode_unmap(const uint64_t *raw, union sys_args *a)
{
    jx_error_t err = decode_aspace(raw[0], raw[1], a);
    if (err == JX_OK && !mapped(a->mem.vs, a->mem.va))
        return JX_ENOENT;
    return err;
}

/* A Frame's mapping goes, the frame stays; a page the space owns (loaded, stack, a region's) is freed. */
void invoke_unmap(const union sys_args *a)
{
    struct frame_map *m = vspace_find_frame_map(a->mem.vs, a->mem.va);
    if (m)
        vspace_unmap_frame(m);
    else
        vspace_unmap(a->mem.vs, a->mem.va);
}

jx_error_t decode_protect(const uint64_t *raw, union sys_args *a)
{
    jx_error_t err = decode_aspace(raw[0], raw[1], a);
    if (err == JX_OK)
        err = map_prot(raw[2], &a->mem.prot);
    if (err != JX_OK)
        return err;
    /* The shared zero frame is nobody's to make writable: a page read, never written, has no page of its own. */
    if (!mapped(a->mem.vs, a->mem.va) || vspace_zero_mapped(a->mem.vs, a->mem.va))
        return JX_ENOENT;
    struct frame_map *m = vspace_find_frame_map(a->mem.vs, a->mem.va);
    if (m && (a->mem.prot & ~m->max_prot))
        return JX_EPERM;
    return JX_OK;
}

void invoke_protect(const union sys_args *a) { vspace_protect(a->mem.vs, a->mem.va, a->mem.prot); }

/*
 * JX_SYS_ASPACE_RESERVE (aspace, va, size, quota, rights). Reserving takes
 * no memory: the region is a slot of the space's table, its pages come one
 * at a time from the quota as they are touched (vspace_fault).
 */
jx_error_t decode_reserve(const uint64_t *raw, union sys_args *a)
{
    struct cap_slot *q;
    jx_error_t err = decode_aspace(raw[0], raw[1], a);
    if (err == JX_OK)
        err = cap_lookup(sys_cspace(), raw[3], JX_OBJ_QUOTA, JX_RIGHT_WRITE, &q);
    if (err == JX_OK)
        err = map_prot(raw[4], &a->mem.prot);
    if (err != JX_OK)
        return err;
    a->mem.size = raw[2];
    a->mem.quota = (struct quota *)q->obj;
    return vspace_reserve_check(a->mem.vs, a->mem.va, a->mem.size, a->mem.prot);
}

void invoke_reserve(const union sys_args *a)
{
    vspace_reserve(a->mem.vs, a->mem.va, a->mem.size, a->mem.prot, a->mem.quota);
}

/* JX_SYS_ASPACE_RELEASE (aspace, va): va is where a region begins. */
jx_error_t decode_release(const uint64_t *raw, union sys_args *a)
{
    jx_error_t err = decode_aspace(raw[0], raw[1], a);
    if (err != JX_OK)
        return err;
    a->mem.region = vspace_region_at(a->mem.vs, a->mem.va);
    return a->mem.region ? JX_OK : JX_ENOENT;
}

void invoke_release(const union sys_args *a) { vspace_release(a->mem.vs, a->mem.region); }
