/* SPDX-License-Identifier: MIT */
/* archive_pack.h: packs files into a boot archive (format: user/root/archive.h). */
#pragma once
#include <stddef.h>
#include <stdint.h>

typedef struct pack_file {
    const char *name; /* 1..55 bytes, unique */
    const uint8_t *data;
    size_t size;
} pack_file_t;

/* A malloc'd archive of the n files, its length in *len; NULL with *err
 * naming the cause (a name empty, too long or repeated, the archive past
 * 4 GiB, no memory). */
uint8_t *archive_pack(const pack_file_t *files, uint32_t n, size_t *len, const char **err);
