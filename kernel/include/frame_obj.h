/* SPDX-License-Identifier: MIT */
/* frame_obj.h: the Frame object: one page of physical memory, mappable into several address spaces (shared memory). */
#pragma once
#include <stdbool.h>
#include "config.h"
#include "kobj.h"
#include "vspace.h"
#include "jericho/error.h"

struct frame_obj {
    struct kobj obj; /* first */
    paddr_t pa;
    struct frame_map maps[CONFIG_FRAME_MAPS];
};

/* A new zeroed frame with no mapping and no capability yet. JX_ENOMEM. */
jx_error_t frame_obj_create(struct frame_obj **out);
/* Unmaps it everywhere, frees the page and the object. */
void frame_obj_destroy(struct frame_obj *f);
/* A free mapping record, or NULL when it is mapped CONFIG_FRAME_MAPS times already. */
struct frame_map *frame_obj_free_map(struct frame_obj *f);
