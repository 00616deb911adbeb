/* SPDX-License-Identifier: MIT */
/* pack_main.c: jx-pack, the host's boot archive packer: `jx-pack OUT NAME=FILE...` (format: user/root/archive.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "archive_pack.h"

#define PACK_MAX_FILES 256

/* The whole of `path` in a malloc'd buffer (*size bytes); NULL after a message. */
static uint8_t *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return NULL;
    }
    size_t cap = 1 << 16, len = 0, n;
    uint8_t *buf = malloc(cap);
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            uint8_t *bigger = realloc(buf, cap *= 2);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    }
    if (!buf || ferror(f)) {
        fprintf(stderr, "jx-pack: cannot read %s\n", path);
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *size = len;
    return buf;
}

int main(int argc, char **argv)
{
    static pack_file_t files[PACK_MAX_FILES];
    if (argc < 2 || argc - 2 > PACK_MAX_FILES) {
        fprintf(stderr, "usage: jx-pack OUT NAME=FILE... (at most %d files)\n", PACK_MAX_FILES);
        return 2;
    }
    uint32_t n = 0;
    for (int i = 2; i < argc; i++, n++) {
        char *eq = strchr(argv[i], '=');
        if (!eq) {
            fprintf(stderr, "jx-pack: '%s' is not NAME=FILE\n", argv[i]);
            return 2;
        }
        *eq = 0;
        files[n].name = argv[i];
        files[n].data = read_file(eq + 1, &files[n].size);
        if (!files[n].data)
            return 1;
    }
    size_t len;
    const char *err;
    uint8_t *ar = archive_pack(files, n, &len, &err);
    if (!ar) {
        fprintf(stderr, "jx-pack: %s\n", err);
        return 1;
    }
    FILE *out = fopen(argv[1], "wb");
    if (!out || fwrite(ar, 1, len, out) != len || fclose(out) != 0) {
        perror(argv[1]);
        return 1;
    }
    free(ar);
    for (uint32_t i = 0; i < n; i++)
        free((void *)files[i].data);
    return 0;
}
