/* SPDX-License-Identifier: MIT */
/* archive.c: reads the boot archive (archive.h); freestanding, checks before it trusts. */
#include "archive.h"

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static const uint8_t *entry(const archive_t *ar, uint32_t i)
{
    return ar->base + ARCHIVE_HEADER + (size_t)i * ARCHIVE_ENTRY;
}

/* Length of the name in an entry, or 56+ if it is not NUL-terminated. */
static uint32_t name_len(const uint8_t *e)
{
    uint32_t n = 0;
    while (n <= ARCHIVE_NAME_MAX && e[n])
        n++;
    return n;
}

static bool names_equal(const uint8_t *a, const uint8_t *b)
{
    for (uint32_t i = 0; i <= ARCHIVE_NAME_MAX; i++) {
        if (a[i] != b[i])
            return false;
        if (!a[i])
            return true;
    }
    return true;
}

static const char *check_entry(const archive_t *ar, uint32_t i, size_t data_start)
{
    const uint8_t *e = entry(ar, i);
    uint32_t n = name_len(e), off = get32(e + 56), size = get32(e + 60);
    if (n == 0)
        return "an entry has an empty name";
    if (n > ARCHIVE_NAME_MAX)
        return "an entry's name is not NUL-terminated";
    for (uint32_t k = n; k < 56; k++)
        if (e[k])
            return "an entry's name has bytes after its NUL";
    if (off % ARCHIVE_ALIGN)
        return "a file's offset is not a multiple of 4096";
    if (off < data_start)
        return "a file overlaps the archive's header";
    if ((uint64_t)off + size > ar->len)
        return "a file runs past the end of the archive";
    for (uint32_t j = 0; j < i; j++)
        if (names_equal(entry(ar, j), e))
            return "two files have the same name";
    return NULL;
}

const char *archive_open(archive_t *ar, const uint8_t *base, size_t len)
{
    ar->base = base, ar->len = len, ar->count = 0;
    if (len < ARCHIVE_HEADER)
        return "too short for an archive header";
    for (uint32_t i = 0; i < 8; i++)
        if (base[i] != (uint8_t)ARCHIVE_MAGIC[i])
            return "not a boot archive (bad magic)";
    uint32_t count = get32(base + 8);
    if (get32(base + 12) != 0)
        return "reserved header word is not zero";
    if (count > (len - ARCHIVE_HEADER) / ARCHIVE_ENTRY)
        return "more entries than the archive can hold";
    ar->count = count;
    size_t data_start = ARCHIVE_HEADER + (size_t)count * ARCHIVE_ENTRY;
    for (uint32_t i = 0; i < count; i++) {
        const char *why = check_entry(ar, i, data_start);
        if (why) {
            ar->count = 0;
            return why;
        }
    }
    return NULL;
}

archive_file_t archive_file(const archive_t *ar, uint32_t i)
{
    const uint8_t *e = entry(ar, i);
    return (archive_file_t){ (const char *)e, ar->base + get32(e + 56), get32(e + 60) };
}

bool archive_find(const archive_t *ar, const char *name, archive_file_t *out)
{
    for (uint32_t i = 0; i < ar->count; i++) {
        const uint8_t *e = entry(ar, i);
        uint32_t k = 0;
        while (k <= ARCHIVE_NAME_MAX && e[k] && e[k] == (uint8_t)name[k])
            k++;
        if (k <= ARCHIVE_NAME_MAX && !e[k] && !name[k]) {
            *out = archive_file(ar, i);
            return true;
        }
    }
    return false;
}
