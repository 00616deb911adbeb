/* SPDX-License-Identifier: MIT */
/* archive_pack.c: packs files into a boot archive (format: user/root/archive.h). */
#include "archive_pack.h"

#include <stdlib.h>
#include <string.h>

#include "../../user/root/archive.h"

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static size_t align_up(size_t v) { return (v + ARCHIVE_ALIGN - 1) / ARCHIVE_ALIGN * ARCHIVE_ALIGN; }

static const char *check_names(const pack_file_t *files, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        size_t len = strlen(files[i].name);
        if (len == 0)
            return "a file has an empty name";
        if (len > ARCHIVE_NAME_MAX)
            return "a file's name is longer than 55 bytes";
        for (uint32_t j = 0; j < i; j++)
            if (strcmp(files[i].name, files[j].name) == 0)
                return "two files have the same name";
    }
    return NULL;
}

uint8_t *archive_pack(const pack_file_t *files, uint32_t n, size_t *len, const char **err)
{
    if ((*err = check_names(files, n)) != NULL)
        return NULL;
    size_t at = align_up(ARCHIVE_HEADER + (size_t)n * ARCHIVE_ENTRY);
    for (uint32_t i = 0; i < n; i++)
        at = align_up(at + files[i].size);
    if (at > UINT32_MAX) {
        *err = "the archive would be larger than 4 GiB";
        return NULL;
    }
    uint8_t *ar = calloc(1, at ? at : 1);
    if (!ar) {
        *err = "out of memory";
        return NULL;
    }
    memcpy(ar, ARCHIVE_MAGIC, 8);
    put32(ar + 8, n);
    size_t off = align_up(ARCHIVE_HEADER + (size_t)n * ARCHIVE_ENTRY);
    for (uint32_t i = 0; i < n; i++) {
        uint8_t *e = ar + ARCHIVE_HEADER + (size_t)i * ARCHIVE_ENTRY;
        memcpy(e, files[i].name, strlen(files[i].name));
        put32(e + 56, (uint32_t)off);
        put32(e + 60, (uint32_t)files[i].size);
        if (files[i].size)
            memcpy(ar + off, files[i].data, files[i].size);
        off = align_up(off + files[i].size);
    }
    *len = at;
    return ar;
}
