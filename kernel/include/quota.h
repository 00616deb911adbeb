/* SPDX-License-Identifier: MIT */
/* quota.h: the Memory quota object: a byte budget that the kernel objects and frames made from it are charged to. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "kobj.h"
#include "jericho/error.h"

/*
 * A quota is charged when an object is made from it and credited when
 * that object is destroyed, so a task can hold at most `limit` bytes of
 * kernel memory through it. A quota stays alive while objects charged to
 * it exist, even after its last capability is gone (`dead`).
 */
struct quota {
    struct kobj obj; /* first; obj.quota: the parent it is charged to */
    uint64_t limit, used;
    uint64_t objects; /* objects charged to it */
    bool dead; /* no capability left: free it with its last object */
};

/* A new quota of `limit` bytes (charged to parent, NULL for the root's). JX_ENOMEM. */
jx_error_t quota_create(struct quota *parent, uint64_t limit, struct quota **out);
/* True when `bytes` more fit (a NULL quota, the root's, always has room). */
bool quota_has_room(const struct quota *q, uint64_t bytes);
/* Charges obj's size to q (room checked by the caller). */
void quota_charge(struct quota *q, struct kobj *obj, uint64_t bytes);
/* Credits what obj was charged; frees a dead quota with its last object. */
void quota_credit(struct kobj *obj);
/*
 * Charges that belong to no object: the pages of a demand-zero region
 * (region.h). The region holds the quota alive like an object does
 * (quota_hold when made, quota_release when removed, after crediting its
 * pages), and charges or credits one page at a time. NULL: nothing.
 */
void quota_hold(struct quota *q);
void quota_release(struct quota *q);
void quota_charge_bytes(struct quota *q, uint64_t bytes);
void quota_credit_bytes(struct quota *q, uint64_t bytes);
/* Its last capability is gone. */
void quota_destroy(struct quota *q);
