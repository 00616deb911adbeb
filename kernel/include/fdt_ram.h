/* SPDX-License-Identifier: MIT */
/* fdt_ram.h: usable RAM computed from what fdt_scan_boot() found in the device tree. */
#pragma once
#include <stddef.h>
#include "boot.h"
#include "fdt.h"

/*
 * Usable RAM: b's memory minus b's reserved regions minus the caller's
 * `excl` ranges (the kernel image and the DTB itself), trimmed to whole 4 KiB
 * pages and sorted by base. Returns the number of regions written to out[],
 * or FDT_ERR_NOSPACE if they do not fit in max.
 */
int fdt_usable_ram(const struct fdt_boot *b, const struct mem_region *excl, size_t nexcl,
                   struct mem_region *out, size_t max);
