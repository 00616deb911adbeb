/* SPDX-License-Identifier: MIT */
/* vspace.c: user address space objects: map fresh frames, unmap, protect, destroy without leaks. */
#include <stdbool.h>
#include "config.h"
#include "frame.h"
#include "kstring.h"
#include "panic.h"
#include "quota.h"
#include "slab.h"
#include "vspace.h"
#include "jericho/error.h"
#include "jericho/syscall.h"

static struct slab_cache vspace_cache;
static int vspace_cache_ready;
/*
 * What every region page reads as until it is written: one zeroed frame,
 * mapped read-only wherever a region page is read first, never charged and
 * never freed. A read costs no memory; the first write gets a frame of its own.
 */
static paddr_t zero_frame;

void vspace_init(void)
{
    if (frame_alloc(&zero_frame) != JX_OK)
        panic("vspace: no frame for the zero page");
}

/* Frees a frame unmapped from a user space, unless it is the shared zero frame. */
static void frame_release(paddr_t pa)
{
    if (pa != zero_frame)
        frame_free(pa);
}

static bool vspace_va_ok(uintptr_t va)
{
    return !(va & (VM_PAGE_SIZE - 1)) && va >= ARCH_USER_BASE && va < ARCH_USER_TOP;
}

static bool vspace_prot_ok(unsigned prot)
{
    return !(prot & ~(VM_READ | VM_WRITE | VM_EXEC | VM_USER)) &&
           !((prot & VM_WRITE) && (prot & VM_EXEC));
}

jx_error_t vspace_create(struct vspace **out)
{
    if (!vspace_cache_ready) {
        if (slab_cache_init(&vspace_cache, "vspace", sizeof(struct vspace), &slab_frame_source) !=
            JX_OK)
            return JX_EINVAL;
        vspace_cache_ready = 1;
    }
    struct vspace *vs = slab_alloc(&vspace_cache);
    if (!vs)
        return JX_ENOMEM;
    jx_error_t err = arch_vspace_create(&vs->arch);
    if (err != JX_OK) {
        slab_free(&vspace_cache, vs);
        return err;
    }
    kobj_init(&vs->obj, JX_OBJ_ASPACE);
    vs->obj.caps = 1; /* its creator's reference */
    list_init(&vs->frame_maps);
    memset(&vs->regions, 0, sizeof vs->regions);
    *out = vs;
    return JX_OK;
}

/* The region's charge goes back; its frames are freed by whoever unmaps them. */
static void region_credit(struct region *r)
{
    quota_credit_bytes(r->quota, r->pages * JX_QUOTA_CHARGE_FRAME);
    quota_release(r->quota);
    region_remove(r);
}

void vspace_destroy(struct vspace *vs)
{
    while (!list_empty(&vs->frame_maps))
        vspace_unmap_frame(list_entry(vs->frame_maps.next, struct frame_map, link));
    for (int i = 0; i < CONFIG_VSPACE_REGIONS; i++)
        if (vs->regions.r[i].end)
            region_credit(&vs->regions.r[i]);
    arch_vspace_destroy(&vs->arch, frame_release); /* every owned frame, regions' too */
    slab_free(&vspace_cache, vs);
    kobj_freed(JX_OBJ_ASPACE);
}

void vspace_put(struct vspace *vs)
{
    if (--vs->obj.caps == 0)
        vspace_destroy(vs);
}

jx_error_t vspace_map_frame(struct vspace *vs, uintptr_t va, paddr_t pa, unsigned prot,
                            struct frame_map *m)
{
    if (!vspace_va_ok(va) || !vspace_prot_ok(prot))
        return JX_EINVAL;
    jx_error_t err = arch_vspace_map(&vs->arch, va, pa, prot | VM_USER | VM_READ);
    if (err != JX_OK)
        return err;
    m->vs = vs;
    m->va = va;
    list_push_back(&vs->frame_maps, &m->link);
    return JX_OK;
}

struct frame_map *vspace_find_frame_map(struct vspace *vs, uintptr_t va)
{
    for (struct list_node *n = vs->frame_maps.next; n != &vs->frame_maps; n = n->next)
        if (list_entry(n, struct frame_map, link)->va == va)
            return list_entry(n, struct frame_map, link);
    return 0;
}

void vspace_unmap_frame(struct frame_map *m)
{
    paddr_t pa;
    arch_vspace_unmap(&m->vs->arch, m->va, &pa); /* flushes the TLB entry; the frame stays */
    list_remove(&m->link);
    m->vs = 0;
}

jx_error_t vspace_map_new(struct vspace *vs, uintptr_t va, unsigned prot, paddr_t *pa)
{
    if (!vspace_va_ok(va) || !vspace_prot_ok(prot))
        return JX_EINVAL;
    paddr_t frame;
    jx_error_t err = frame_alloc(&frame);
    if (err != JX_OK)
        return err;
    err = arch_vspace_map(&vs->arch, va, frame, prot | VM_USER | VM_READ);
    if (err != JX_OK) {
        frame_free(frame);
        return err;
    }
    vs->pages++;
    if (pa)
        *pa = frame;
    return JX_OK;
}

jx_error_t vspace_unmap(struct vspace *vs, uintptr_t va)
{
    if (!vspace_va_ok(va))
        return JX_EINVAL;
    paddr_t frame;
    jx_error_t err = arch_vspace_unmap(&vs->arch, va, &frame);
    if (err != JX_OK)
        return err;
    struct region *r = region_find(&vs->regions, va);
    if (frame == zero_frame)
        return JX_OK; /* read, never written: nothing was charged */
    frame_free(frame);
    if (r) {
        r->pages--;
        quota_credit_bytes(r->quota, JX_QUOTA_CHARGE_FRAME);
    } else {
        vs->pages--;
    }
    return JX_OK;
}

jx_error_t vspace_protect(struct vspace *vs, uintptr_t va, unsigned prot)
{
    if (!vspace_va_ok(va) || !vspace_prot_ok(prot))
        return JX_EINVAL;
    return arch_vspace_protect(&vs->arch, va, prot | VM_USER | VM_READ);
}

jx_error_t vspace_reserve_check(struct vspace *vs, uintptr_t va, uint64_t size, unsigned prot)
{
    if (!vspace_va_ok(va) || !vspace_prot_ok(prot) || size == 0 || size & (VM_PAGE_SIZE - 1) ||
        size > JX_RESERVE_MAX || size > ARCH_USER_TOP - va)
        return JX_EINVAL;
    if (region_overlaps(&vs->regions, va, va + size) ||
        arch_vspace_count(&vs->arch, va, va + size) != 0)
        return JX_EEXIST;
    return region_has_room(&vs->regions) ? JX_OK : JX_ENOMEM;
}

void vspace_reserve(struct vspace *vs, uintptr_t va, uint64_t size, unsigned prot,
                    struct quota *quota)
{
    quota_hold(quota); /* alive while the region may charge it */
    region_add(&vs->regions, va, va + size, prot | VM_USER | VM_READ, quota);
}

struct region *vspace_region_at(struct vspace *vs, uintptr_t va)
{
    return region_at(&vs->regions, va);
}

bool vspace_zero_mapped(struct vspace *vs, uintptr_t va)
{
    paddr_t pa;
    unsigned prot;
    return arch_vspace_lookup(&vs->arch, va, &pa, &prot) == JX_OK && pa == zero_frame;
}

bool vspace_in_region(struct vspace *vs, uintptr_t va)
{
    return region_find(&vs->regions, va) != 0;
}

void vspace_release(struct vspace *vs, struct region *r)
{
    arch_vspace_clear(&vs->arch, r->base, r->end, frame_release); /* only its pages are there */
    region_credit(r);
}

/* The first write to a region page: a frame of its own replaces the zero frame or nothing. */
static enum vspace_fault_result region_write(struct vspace *vs, struct region *r, uintptr_t page,
                                             bool zero_mapped)
{
    if (!quota_has_room(r->quota, JX_QUOTA_CHARGE_FRAME))
        return VSPACE_FAULT_NO_QUOTA;
    paddr_t frame, old;
    if (frame_alloc(&frame) != JX_OK) /* zeroed */
        return VSPACE_FAULT_NO_FRAME;
    if (zero_mapped)
        arch_vspace_unmap(&vs->arch, page, &old); /* flushes it: break before make */
    if (arch_vspace_map(&vs->arch, page, frame, r->prot) != JX_OK) {
        frame_free(frame); /* no frame for a page table (never after an unmap: tables stay) */
        return VSPACE_FAULT_NO_FRAME;
    }
    r->pages++;
    quota_charge_bytes(r->quota, JX_QUOTA_CHARGE_FRAME);
    return VSPACE_FAULT_HANDLED;
}

enum vspace_fault_result vspace_fault(struct vspace *vs, uintptr_t va, unsigned access)
{
    struct region *r = region_find(&vs->regions, va);
    access &= VM_READ | VM_WRITE | VM_EXEC;
    if (!r || (access & ~r->prot))
        return VSPACE_FAULT_NOT_MINE;
    uintptr_t page = va & ~(uintptr_t)(VM_PAGE_SIZE - 1);
    paddr_t pa;
    unsigned prot;
    bool mapped = arch_vspace_lookup(&vs->arch, page, &pa, &prot) == JX_OK;
    if (mapped && (pa != zero_frame || !(access & VM_WRITE)))
        return VSPACE_FAULT_NOT_MINE; /* a page of its own already: not a demand fault */
    if (access & VM_WRITE)
        return region_write(vs, r, page, mapped);
    if (arch_vspace_map(&vs->arch, page, zero_frame, r->prot & ~VM_WRITE) != JX_OK)
        return VSPACE_FAULT_NO_FRAME; /* no frame for a page table */
    return VSPACE_FAULT_HANDLED;
}

bool vspace_populate(struct vspace *vs, uintptr_t va, size_t n, unsigned access)
{
    if (n == 0 || !region_overlaps(&vs->regions, va, va + n))
        return true; /* the common case: one short scan of the table */
    for (uintptr_t p = va & ~(uintptr_t)(VM_PAGE_SIZE - 1); p < va + n; p += VM_PAGE_SIZE) {
        paddr_t pa;
        unsigned prot;
        if (!region_find(&vs->regions, p))
            continue;
        bool mapped = arch_vspace_lookup(&vs->arch, p, &pa, &prot) == JX_OK;
        if ((!mapped || (pa == zero_frame && (access & VM_WRITE))) &&
            vspace_fault(vs, p, access) != VSPACE_FAULT_HANDLED)
            return false;
    }
    return true;
}
