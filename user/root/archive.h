/* SPDX-License-Identifier: MIT */
/* archive.h: the boot archive: the files a JerichoOS system starts with (format and reader). */
#pragma once
/*
 * The host packs the system's files -- manifest, .wasm modules, programs,
 * input data -- into one archive (tools/jericho/archive_pack.c), the boot
 * loader hands it to the kernel as a boot module / initrd, and the kernel
 * hands its frames, unparsed, to the root task, which reads it here. The
 * reader trusts nothing: every offset and size is checked against the
 * archive's length before anything is read through it.
 *
 * Layout (all integers little-endian):
 *   0    char magic[8] = "JXARCH01"
 *   8    u32 count, u32 reserved (0)
 *   16   count entries of 64 bytes: char name[56] (NUL-padded, at most 55
 *        bytes, no NUL inside), u32 offset, u32 size
 *   ...  each file's bytes at its offset, a multiple of 4096, so that a file
 *        can be mapped into a task as whole frames; the archive's length is
 *        a multiple of 4096 too.
 * Names are unique; a name may contain '/' (a read-only tree).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARCHIVE_MAGIC    "JXARCH01"
#define ARCHIVE_HEADER   16u
#define ARCHIVE_ENTRY    64u
#define ARCHIVE_NAME_MAX 55u
#define ARCHIVE_ALIGN    4096u

typedef struct archive {
    const uint8_t *base;
    size_t len;
    uint32_t count;
} archive_t;

typedef struct archive_file {
    const char *name; /* NUL-terminated, inside the archive */
    const uint8_t *data;
    uint32_t size;
} archive_file_t;

/* Checks the whole archive at base[0, len): header, every entry (name,
 * alignment, bounds, no overlap with the header, unique names). NULL on
 * success, else a message naming the first problem. */
const char *archive_open(archive_t *ar, const uint8_t *base, size_t len);

/* The i-th file (i < ar->count) of an archive archive_open accepted. */
archive_file_t archive_file(const archive_t *ar, uint32_t i);

/* The file called `name` (NUL-terminated); false if there is none. */
bool archive_find(const archive_t *ar, const char *name, archive_file_t *out);
