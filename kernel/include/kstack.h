/* SPDX-License-Identifier: MIT */
/* kstack.h: guarded kernel stacks (CONFIG_KSTACK_PAGES each, an unmapped page below). */
#pragma once
#include <stdint.h>
#include "arch.h"
#include "jericho/error.h"

/* A mapped stack: JX_OK with its slot and lowest address, or JX_ENOMEM. */
jx_error_t kstack_alloc(int *slot, uintptr_t *base);
/* Unmaps and frees the stack of `slot` (any part that was mapped). */
void kstack_free(int slot);
