/* SPDX-License-Identifier: MIT */
/* board.h: what the device tree said about this machine, kept from boot for later drivers. */
#pragma once
#include "fdt.h"

/* The boot-time scan of the DTB (boot.c); valid from kernel_main on. */
const struct fdt_boot *board(void);
