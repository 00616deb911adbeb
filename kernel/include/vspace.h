/* SPDX-License-Identifier: MIT */
/* vspace.h: a task's user address space: owns the frames mapped into it. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "arch.h"
#include "jericho/error.h"

struct vspace {
    struct arch_vspace arch;
    size_t pages;              /* user pages mapped (each owns its frame) */
};

/* JX_OK and *out, or JX_ENOMEM. */
jx_error_t vspace_create(struct vspace **out);
/* Frees every mapped frame, the page tables and the object. Not while current. */
void vspace_destroy(struct vspace *vs);
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
