/* SPDX-License-Identifier: MIT */
/* run_system.c: `jericho run --system MANIFEST`: the manifest and every file it names, packed into one boot archive. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../user/root/manifest.h"
#include "archive_pack.h"
#include "jericho.h"

/*
 * The manifest is parsed here first (user/root/manifest.c, the root task's
 * own parser), so that a mistake is reported with its line before anything
 * boots. A module's file= (and stdin=, program=) is looked up beside the manifest,
 * then, for a manifest in apps/DIR/, in build/apps/DIR/, where `make apps`
 * builds the demos from source (run first, so that they are up to date).
 */
#define SYSTEM_MAX_FILES (3 * MANIFEST_MAX_MODULES + 1)

static manifest_t mf;

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The manifest's directory (with a trailing '/', or "") and its last component. */
static void split_dir(const char *manifest, char *dir, size_t cap, const char **last)
{
    const char *slash = strrchr(manifest, '/');
    size_t n = slash ? (size_t)(slash - manifest + 1) : 0;
    snprintf(dir, cap, "%.*s", (int)n, manifest);
    *last = "";
    if (n >= 2) {
        const char *p = dir + n - 2;
        while (p > dir && p[-1] != '/')
            p--;
        *last = p;
    }
}

/* Where file `name` of the manifest is; false after a message. */
static bool locate(const char *root, const char *manifest, const char *name, char *out, size_t cap)
{
    char dir[4096];
    const char *last;
    split_dir(manifest, dir, sizeof dir, &last);
    snprintf(out, cap, "%s%s", dir, name);
    if (exists(out))
        return true;
    static bool made;
    if (*last) {
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "make -C '%s' -s --no-print-directory apps >&2", root);
        if (!made && system(cmd) != 0)
            fprintf(stderr, "jericho: building the demos (make apps) failed\n");
        made = true;
        snprintf(out, cap, "%s/build/apps/%.*s%s", root, (int)strlen(last), last, name);
        if (exists(out))
            return true;
    }
    fprintf(stderr, "jericho: %s: file '%s' is neither beside it%s\n", manifest, name,
            *last ? " nor in build/apps/ (make apps)" : "");
    return false;
}

/* Adds file `name` (a slice of the manifest) to files[], once. */
static bool add_file(const run_opts_t *o, const char *root, mf_str_t name, pack_file_t *files,
                     uint32_t *n)
{
    char path[4400], *z = strndup(name.p, name.len);
    for (uint32_t i = 0; i < *n; i++)
        if (strcmp(files[i].name, z) == 0) {
            free(z);
            return true;
        }
    size_t size;
    uint8_t *data = locate(root, o->system, z, path, sizeof path) ? read_all(path, &size) : NULL;
    if (!data) {
        free(z);
        return false;
    }
    files[(*n)++] = (pack_file_t){ z, data, size };
    return true;
}

bool system_archive(const run_opts_t *o, const char *root, char *path)
{
    size_t len;
    mf_error_t err;
    pack_file_t files[SYSTEM_MAX_FILES];
    uint32_t n = 1;
    uint8_t *text = read_all(o->system, &len);
    if (!text)
        return false;
    if (!manifest_parse((const char *)text, len, &mf, &err)) {
        fprintf(stderr, "jericho: %s:%u: %s\n", o->system, err.line, err.message);
        free(text);
        return false;
    }
    files[0] = (pack_file_t){ strdup("system.manifest"), text, len };
    bool ok = true;
    for (uint32_t i = 0; ok && i < mf.nmodules; i++) {
        ok = add_file(o, root, mf.modules[i].file, files, &n);
        if (ok && mf.modules[i].stdin_file.len)
            ok = add_file(o, root, mf.modules[i].stdin_file, files, &n);
        if (ok && mf.modules[i].program.len)
            ok = add_file(o, root, mf.modules[i].program, files, &n);
    }
    ok = ok && write_packed(files, n, path);
    for (uint32_t i = 0; i < n; i++) {
        free((char *)files[i].name);
        free((void *)files[i].data);
    }
    return ok;
}
