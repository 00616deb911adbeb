/* SPDX-License-Identifier: MIT */
/* vspace.h: a task's user address space: owns the frames mapped into it. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "arch.h"
#include "kobj.h"
#include "list.h"
#include "jericho/error.h"

struct vspace;

/*
 * A mapping of a frame the address space does not own (a Frame object's,
 * possibly mapped in several spaces): unmapping it never frees the frame.
 */
struct frame_map {
    struct list_node link;     /* on vs->frame_maps */
    struct vspace *vs;         /* NULL: this record is free */
    uintptr_t va;
    unsigned max_prot;         /* what the Frame capability allowed when it was mapped */
};

/*
 * An address space; also the AddressSpace object. obj.caps counts its
 * capabilities plus one reference held by its task: it is destroyed when
 * both are gone.
 */
struct vspace {
    struct arch_vspace arch;
    struct kobj obj;
    size_t pages;              /* user pages mapped that it owns (each owns its frame) */
    struct list_node frame_maps;   /* struct frame_map: Frame objects mapped here */
};

/* The vspace an AddressSpace capability names. */
static inline struct vspace *vspace_of(struct kobj *obj)
{
    return (struct vspace *)((char *)obj - offsetof(struct vspace, obj));
}

/* JX_OK and *out, or JX_ENOMEM. */
jx_error_t vspace_create(struct vspace **out);
/* Removes the Frame objects' mappings, frees every owned frame, the page tables and the object. Not while current. */
void vspace_destroy(struct vspace *vs);
/* Drops one reference (a task's); destroys vs when no capability or task refers to it. */
void vspace_put(struct vspace *vs);
/* Maps frame pa (not owned) at va for the mapping record m. JX_EINVAL (va, W+X), JX_EEXIST, JX_ENOMEM. */
jx_error_t vspace_map_frame(struct vspace *vs, uintptr_t va, paddr_t pa, unsigned prot,
                            struct frame_map *m);
/* The Frame-object mapping at va, or NULL (an owned page, or nothing). */
struct frame_map *vspace_find_frame_map(struct vspace *vs, uintptr_t va);
/* Removes the Frame-object mapping m (the frame is not freed). */
void vspace_unmap_frame(struct frame_map *m);
/*
 * Maps a fresh zeroed frame at va (page aligned, user range) with prot
 * (VM_USER added). JX_EINVAL for a bad va or W+X prot, JX_EEXIST, JX_ENOMEM.
 * On success *pa (if not NULL) is the frame, for the loader to fill.
 */
jx_error_t vspace_map_new(struct vspace *vs, uintptr_t va, unsigned prot, paddr_t *pa);
/* Unmaps va and frees its frame. JX_EINVAL, JX_ENOENT. */
jx_error_t vspace_unmap(struct vspace *vs, uintptr_t va);
/* Changes the protection of a mapped page. JX_EINVAL (bad va, W+X), JX_ENOENT. */
jx_error_t vspace_protect(struct vspace *vs, uintptr_t va, unsigned prot);
/* Makes vs (NULL: none) the current user address space. */
void vspace_switch(struct vspace *vs);
