/* SPDX-License-Identifier: MIT */
/* tree_pack.h: a host directory packed as a file server's read-only image (user/fs/image.h). */
#pragma once
#include <stddef.h>
#include <stdint.h>

/* The tree beneath the open directory `dirfd` (not followed out of: a
 * symlink is packed as its text), as an image in a malloc'd buffer, its
 * length in *len; NULL after a message naming `host` and the cause (a path
 * longer than 53 bytes, a device or socket, more than `max` bytes). */
uint8_t *tree_pack(int dirfd, const char *host, size_t max, size_t *len);
