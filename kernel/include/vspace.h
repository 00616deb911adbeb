/* SPDX-License-Identifier: MIT */
/* vspace.h: a task's user address space: owns the frames mapped into it. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "arch.h"
#include "kobj.h"
#include "list.h"
#include "region.h"
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
    size_t pages; /* user pages mapped that it owns (each owns its frame), regions' apart */
    struct list_node frame_maps; /* struct frame_map: Frame objects mapped here */
    struct region_table regions; /* demand-zero ranges; never a Frame's page inside one */
};

/* The vspace an AddressSpace capability names. */
static inline struct vspace *vspace_of(struct kobj *obj)
{
    return (struct vspace *)((char *)obj - offsetof(struct vspace, obj));
}

/* At boot, after frame_init: takes the zero frame every unwritten region page reads as. */
void vspace_init(void);
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
/* Unmaps va and frees its frame (a region page: credited, mapped zeroed again when touched). JX_EINVAL, JX_ENOENT. */
jx_error_t vspace_unmap(struct vspace *vs, uintptr_t va);
/* Changes the protection of a mapped page. JX_EINVAL (bad va, W+X), JX_ENOENT. */
jx_error_t vspace_protect(struct vspace *vs, uintptr_t va, unsigned prot);
/* ---- Demand-zero regions (region.h) ---- */

/*
 * Whether [va, va+size) may become a region: JX_EINVAL (va or size not page
 * aligned, size 0 or above JX_RESERVE_MAX, outside user space, W+X or
 * unknown prot bits), JX_EEXIST (a page in it is mapped, or it overlaps a
 * region), JX_ENOMEM (the table is full). Changes nothing.
 */
jx_error_t vspace_reserve_check(struct vspace *vs, uintptr_t va, uint64_t size, unsigned prot);
/* Makes the region (checked by vspace_reserve_check); its pages go to `quota` (NULL: nobody). */
void vspace_reserve(struct vspace *vs, uintptr_t va, uint64_t size, unsigned prot,
                    struct quota *quota);
/* The region beginning at va, or NULL. */
struct region *vspace_region_at(struct vspace *vs, uintptr_t va);
/* True when va maps the shared zero frame (a region page read, never written). */
bool vspace_zero_mapped(struct vspace *vs, uintptr_t va);
/* True when va lies in a region. */
bool vspace_in_region(struct vspace *vs, uintptr_t va);
/* Unmaps and frees r's pages and the page tables they leave empty, credits its quota, frees r's slot. */
void vspace_release(struct vspace *vs, struct region *r);

enum vspace_fault_result {
    VSPACE_FAULT_HANDLED, /* a zeroed page is mapped there now: retry the access */
    VSPACE_FAULT_NOT_MINE, /* no region there, or one that forbids the access */
    VSPACE_FAULT_NO_QUOTA, /* the region's quota cannot pay for another page */
    VSPACE_FAULT_NO_FRAME, /* the machine has no free frame */
};
/*
 * A fault at va with `access` (VM_READ/VM_WRITE/VM_EXEC), in a region that
 * allows the access: a read or execute of a page not mapped maps the shared
 * zero frame there read-only (free); a write to a page not mapped or mapped
 * to the zero frame maps a zeroed frame of its own with the region's prot
 * and charges it to the region's quota. Any other fault is not the region's.
 */
enum vspace_fault_result vspace_fault(struct vspace *vs, uintptr_t va, unsigned access);
/*
 * Maps every unmapped region page of [va, va+n) (any range) for `access`,
 * as touching them would: the kernel does this before reading or writing
 * user memory for a syscall. False if a page could not be mapped (no quota,
 * no frame, not allowed); pages outside regions are not looked at.
 */
bool vspace_populate(struct vspace *vs, uintptr_t va, size_t n, unsigned access);

/* Makes vs (NULL: none) the current user address space. */
static inline void vspace_switch(struct vspace *vs) { arch_vspace_switch(vs ? &vs->arch : 0); }
