/* SPDX-License-Identifier: MIT */
/* image.h: the read-only tree a file server starts with: a boot archive (user/root/archive.h) whose names say what each entry is. */
#pragma once
/*
 * The image is an archive in the boot archive's format, read with the
 * root's reader (user/root/archive.c). Each entry's name is a type letter,
 * '/', and the path beneath the tree's root: "d/logs" a directory, "f/a/b.txt"
 * a regular file (its bytes), "l/latest" a symlink (its bytes are the
 * target's text). Parents need no entry of their own. The names' limit (55
 * bytes) makes paths at most 53 bytes; tools/jericho/tree_pack.c packs a
 * host directory so and refuses what it cannot represent.
 */
#include <stddef.h>
#include <stdint.h>

#include "tree.h"

/* Fills t from the image at base[0, len); NULL, or what is wrong with it. */
const char *image_load(fs_tree_t *t, const uint8_t *base, size_t len);
