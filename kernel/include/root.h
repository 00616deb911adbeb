/* SPDX-License-Identifier: MIT */
/* root.h: the root task: the first user task, started on the boot archive. */
#pragma once
#include <stdnoreturn.h>
#include "boot.h"
#include "task.h"
#include "jericho/error.h"

/*
 * Starts user/root/ (embedded in the kernel) with the boot archive mapped
 * read-only at JX_TASK_DATA_ADDR (its size in the argument register) and
 * the table root_give_caps fills; waits for it and powers off with its exit status
 * (0..123; a larger one as 126; a root that did not exit as KEXIT_FATAL).
 * The kernel never parses the archive.
 */
noreturn void root_run(const struct mem_region *archive);

/*
 * Fills the root's slots (include/jericho/cap.h, JX_ROOT_SLOT_*) of t's
 * empty table: the console, the clock, a new quota of the free memory and
 * IRQ control. JX_ENOMEM (no quota object). Also test=irq's, which checks
 * that the root's table is what a user-mode driver needs.
 */
jx_error_t root_give_caps(struct task *t);
