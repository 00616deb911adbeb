/* SPDX-License-Identifier: MIT */
/* kobj.h: the header every capability-named kernel object starts with: its type and how many capabilities name it. */
#pragma once
#include <stdint.h>
#include "jericho/cap.h"

/*
 * Every object a capability can name embeds this first. `caps` counts the
 * capabilities that name it, in every task; when the last one is deleted
 * the object is destroyed (kobj_destroy). Static singletons (the console,
 * the clock) have `permanent` set and are never destroyed.
 */
struct quota;

struct kobj {
    jx_obj_type_t type;
    uint32_t caps;
    uint8_t permanent;
    struct quota *quota; /* charged `charge` bytes for this object; NULL: the root's */
    uint64_t charge;
};

/* Sets up the header of a new object (no capability yet) and counts it. */
void kobj_init(struct kobj *obj, jx_obj_type_t type);
/* An object of `type` was freed (for the counts; kobj_destroy does it for most types). */
void kobj_freed(jx_obj_type_t type);
/* Destroys obj, whose last capability is gone: wakes its waiters with JX_EDESTROYED, frees it. */
void kobj_destroy(struct kobj *obj);
/* Objects of each type alive (created, not destroyed), for the boot tests' leak checks. */
unsigned kobj_count(jx_obj_type_t type);

/* The console and the clock (kernel/syscall/sys_cap.c): one permanent object each. */
extern struct kobj console_obj, clock_obj;
