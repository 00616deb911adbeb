/* SPDX-License-Identifier: MIT */
/* vspace.c: user address space objects: map fresh frames, unmap, protect, destroy without leaks. */
#include <stdbool.h>
#include "config.h"
#include "frame.h"
#include "jericho/error.h"
#include "slab.h"
#include "vspace.h"

static struct slab_cache vspace_cache;
static int vspace_cache_ready;

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
        if (slab_cache_init(&vspace_cache, "vspace", sizeof(struct vspace),
                            &slab_frame_source) != JX_OK)
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
    vs->obj.caps = 1;              /* its creator's reference */
    list_init(&vs->frame_maps);
    *out = vs;
    return JX_OK;
}

void vspace_destroy(struct vspace *vs)
{
    while (!list_empty(&vs->frame_maps))
        vspace_unmap_frame(list_entry(vs->frame_maps.next, struct frame_map, link));
    arch_vspace_destroy(&vs->arch, frame_free);
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
    arch_vspace_unmap(&m->vs->arch, m->va, &pa);   /* flushes the TLB entry; the frame stays */
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
    frame_free(frame);
    vs->pages--;
    return JX_OK;
}

jx_error_t vspace_protect(struct vspace *vs, uintptr_t va, unsigned prot)
{
    if (!vspace_va_ok(va) || !vspace_prot_ok(prot))
        return JX_EINVAL;
    return arch_vspace_protect(&vs->arch, va, prot | VM_USER | VM_READ);
}

void vspace_switch(struct vspace *vs)
{
    arch_vspace_switch(vs ? &vs->arch : 0);
}
