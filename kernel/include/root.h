/* SPDX-License-Identifier: MIT */
/* root.h: the root task: the first user task, started on the boot archive. */
#pragma once
#include <stdnoreturn.h>
#include "boot.h"

/*
 * Starts user/root/ (embedded in the kernel) with the boot archive mapped
 * read-only at JX_TASK_DATA_ADDR (its size in the argument register), the
 * console (read, write) in slot 0, the clock in slot 1 and a quota of the
 * free memory in slot 2; waits for it and powers off with its exit status
 * (0..123; a larger one as 126; a root that did not exit as KEXIT_FATAL).
 * The kernel never parses the archive.
 */
noreturn void root_run(const struct mem_region *archive);
