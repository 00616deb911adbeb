/* SPDX-License-Identifier: MIT */
/* run_os.c: `jericho run` without --host: the module in a boot archive, booted on JerichoOS in QEMU, its output and status passed through. */
#define _POSIX_C_SOURCE 200809L /* fdopen, mkstemp, setenv */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "archive_pack.h"
#include "jericho.h"
#include "os_output.h"
#include "tree_pack.h"

/*
 * The archive holds the module and a one-line system.manifest
 * (docs/MANIFEST.md) giving it the console and the clock, its ARGS and
 * --env entries; tools/qemu.sh boots the kernel with it as the initrd, and
 * the root task (user/root/main.c) starts it. What the kernel prints before
 * its "root: started" line, and the root's own report of the module's end,
 * are shown only with --verbose; the status comes from that report.
 */
/* The module's linear memory at most: 1 GiB unless --max-memory says (the
 * host's default, 4 GiB, would need a 4 GiB guest); QEMU gets that much RAM
 * and OS_RAM_MARGIN more for the kernel and the runner. Pages cost only when
 * the module writes them, in the guest as on the host. */
#define OS_DEFAULT_MEMORY (1ull << 30)
#define OS_RAM_MARGIN     (256ull << 20)
#define OS_TIMEOUT        "600" /* seconds, unless QEMU_TIMEOUT says otherwise */
#define OS_SYSTEM_RAM     "512M" /* QEMU's RAM for --system, unless JERICHO_MEM says otherwise */
#define OS_STDIN_FILE     "stdin" /* the archive file holding piped standard input */
#define OS_STDIN_MAX      (48 << 20) /* piped stdin packed into the archive, at most */
/* --dir on the OS: each directory is a file server (user/fs/) started from
 * fs.elf with the tree packed as its image; it may hold its image and
 * OS_FS_ROOM more (its quota), and QEMU gets that much more RAM. */
#define OS_FS_ROOM      (64ull << 20)
#define OS_FS_IMAGE_MAX (48u << 20)
#define RUNNER_FS_MAX   6 /* --dir on the OS: the module's 8 capabilities less console and clock */
static uint64_t fs_ram; /* the file servers' memory together */

/* The whole of path, malloc'd; NULL after a message. */
uint8_t *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "jericho: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, len = 0, n;
    uint8_t *buf = malloc(cap);
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0)
        if ((len += n) == cap) {
            uint8_t *bigger = realloc(buf, cap *= 2);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    if (!buf)
        fprintf(stderr, "jericho: %s: out of memory\n", path);
    fclose(f);
    *size = len;
    return buf;
}

/* A manifest has no escapes: a value may not hold a quote, '#', a line break or a tab. */
static bool manifest_safe(const char *s, bool spaces_ok)
{
    for (; *s; s++)
        if (*s == '"' || *s == '#' || *s == '\n' || *s == '\r' || *s == '\t' ||
            (*s == ' ' && !spaces_ok))
            return false;
    return true;
}

/* FILE's base name, as the module's name and its file in the archive. */
static void module_name(const char *file, char *out, size_t cap)
{
    const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
    size_t n = 0;
    for (; base[n] && n + 1 < cap; n++) {
        char c = base[n];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-' || c == '.';
        out[n] = ok ? c : '_';
    }
    out[n] = 0;
    if (n == 0)
        snprintf(out, cap, "module.wasm");
}

static uint64_t os_memory(const run_opts_t *o)
{
    return o->max_pages == JERICHO_DEFAULT_MAX_PAGES ? OS_DEFAULT_MEMORY
                                                     : (uint64_t)o->max_pages << 16;
}

/* The one-line manifest into buf; false after a message if an argument cannot be written. */
static bool make_manifest(const run_opts_t *o, const char *name, char *buf, size_t cap)
{
    size_t at = (size_t)snprintf(buf, cap,
                                 "module %s file=%s memory=%lluKiB"
                                 " caps=console,clock",
                                 name, name, (unsigned long long)(os_memory(o) >> 10));
    for (int i = 0; i < o->nargs && at < cap; i++)
        if (!manifest_safe(o->args[i], false) || !o->args[i][0]) {
            fprintf(stderr,
                    "jericho: argument '%s' cannot reach a module on JerichoOS yet "
                    "(an empty one, or one with a space, quote, '#' or control character: "
                    "the manifest has no escapes); --host can run it\n",
                    o->args[i]);
            return false;
        } else {
            at += (size_t)snprintf(buf + at, cap - at, i ? " %s" : " args=\"%s", o->args[i]);
        }
    if (o->nargs && at < cap)
        at += (size_t)snprintf(buf + at, cap - at, "\"");
    for (int i = 0; i < o->envc && at < cap; i++) {
        if (!manifest_safe(o->envp[i], true)) {
            fprintf(stderr,
                    "jericho: --env '%s' cannot reach a module on JerichoOS yet "
                    "(a quote, '#' or control character)\n",
                    o->envp[i]);
            return false;
        }
        at += (size_t)snprintf(buf + at, cap - at, " env=\"%s\"", o->envp[i]);
    }
    for (uint32_t i = 0; i < o->npreopens && at < cap; i++) {
        const wasi_preopen_t *d = &o->preopens[i];
        if (!manifest_safe(d->guest_path, false) || strchr(d->guest_path, ',')) {
            fprintf(stderr,
                    "jericho: --dir guest name '%s' cannot reach a module on JerichoOS "
                    "yet (a space, comma, quote, '#' or control character); --host can\n",
                    d->guest_path);
            return false;
        }
        at += (size_t)snprintf(buf + at, cap - at, " dir=%s:fs%u%s", d->guest_path, i,
                               d->readonly ? ":ro" : "");
    }
    if (at + 2 > cap) {
        fprintf(stderr, "jericho: the module's arguments are too long for the manifest\n");
        return false;
    }
    strcpy(buf + at, "\n");
    return true;
}

/* Appends file server i's line for an image of image_size bytes. */
static void fs_line(const run_opts_t *o, uint32_t i, size_t image_size, char *buf, size_t cap)
{
    uint64_t memory = image_size + OS_FS_ROOM;
    size_t at = strlen(buf);
    fs_ram += memory;
    snprintf(buf + at, cap - at,
             "module fs%u program=fs.elf file=fs%u.img memory=%lluKiB "
             "service=yes caps=serve:fs%u,clock%s\n",
             i, i, (unsigned long long)(memory >> 10), i,
             o->preopens[i].readonly ? " args=ro" : "");
}

/* The file servers of --dir: fs.elf, and per directory its image and manifest line. */
static bool add_dirs(const run_opts_t *o, const char *root, const char *arch, pack_file_t *files,
                     size_t *n, char *manifest, size_t cap)
{
    char elf[4096];
    size_t size;
    if (!o->npreopens)
        return true;
    snprintf(elf, sizeof elf, "%s/build/%s/user/fs.elf", root, arch);
    uint8_t *data = read_all(elf, &size);
    if (!data)
        return false;
    files[(*n)++] = (pack_file_t){ "fs.elf", data, size };
    for (uint32_t i = 0; i < o->npreopens; i++) {
        static char names[RUNNER_FS_MAX][16];
        snprintf(names[i], sizeof names[i], "fs%u.img", i);
        data = tree_pack(o->preopens[i].handle, o->preopens[i].guest_path, OS_FS_IMAGE_MAX, &size);
        if (!data)
            return false;
        files[(*n)++] = (pack_file_t){ names[i], data, size };
        fs_line(o, i, size, manifest, cap);
    }
    return true;
}

/* Packs files[0, n) into a temporary file, named in path (a mkstemp template). */
bool write_packed(const pack_file_t *files, size_t n, char *path)
{
    size_t len;
    const char *err;
    uint8_t *ar = archive_pack(files, n, &len, &err);
    if (!ar) {
        fprintf(stderr, "jericho: cannot pack the boot archive: %s\n", err);
        return false;
    }
    int fd = mkstemp(path);
    bool ok = fd >= 0 && write(fd, ar, len) == (ssize_t)len;
    if (fd >= 0)
        close(fd);
    if (!ok)
        fprintf(stderr, "jericho: %s: %s\n", path, strerror(errno));
    free(ar);
    return ok;
}

/* Standard input read to its end, when it is a file or a pipe (a terminal
 * stays the console: see platform.c); NULL after a message if too large. */
static uint8_t *read_stdin(size_t *size)
{
    size_t cap = 1 << 16, n;
    uint8_t *buf = malloc(cap);
    *size = 0;
    while (buf && (n = fread(buf + *size, 1, cap - *size, stdin)) > 0)
        if ((*size += n) == cap) {
            uint8_t *bigger = cap < OS_STDIN_MAX ? realloc(buf, cap *= 2) : NULL;
            if (!bigger) {
                fprintf(stderr,
                        "jericho: standard input is larger than %d MiB, more than a "
                        "module on JerichoOS can be given yet; --host reads any size\n",
                        OS_STDIN_MAX >> 20);
                free(buf);
            }
            buf = bigger;
        }
    return buf;
}

/* Packs the module, its manifest, the file servers of --dir and, unless it
 * is a terminal, its standard input into a temporary file, named in path. */
static bool write_archive(const run_opts_t *o, const char *root, const char *arch, char *path)
{
    static char manifest[65536];
    char name[56];
    size_t size, in_size = 0, n = 2;
    bool piped = !isatty(0);
    module_name(o->file, name, sizeof name);
    if (!make_manifest(o, name, manifest, sizeof manifest))
        return false;
    if (piped)
        strcpy(manifest + strlen(manifest) - 1, " stdin=" OS_STDIN_FILE "\n");
    uint8_t *wasm = read_all(o->file, &size), *in = piped && wasm ? read_stdin(&in_size) : NULL;
    bool ok = wasm && (!piped || in);
    pack_file_t files[3 + 1 + RUNNER_FS_MAX] = {
        { "system.manifest", (const uint8_t *)manifest, 0 },
        { name, wasm, size },
    };
    if (piped)
        files[n++] = (pack_file_t){ OS_STDIN_FILE, in, in_size };
    ok = ok && add_dirs(o, root, arch, files, &n, manifest, sizeof manifest);
    files[0].size = strlen(manifest);
    ok = ok && write_packed(files, n, path);
    for (size_t i = 1; i < n; i++)
        free((void *)files[i].data);
    return ok;
}

/* `make ARCH=arch kernel` (and the file server for --dir), quietly unless it fails. */
static bool build_kernel(const char *root, const char *arch, bool fs)
{
    char cmd[4096];
    const char *what = fs ? "kernel fs" : "kernel";
    snprintf(cmd, sizeof cmd, "make -C '%s' -s --no-print-directory ARCH=%s %s >/dev/null 2>&1",
             root, arch, what);
    if (system(cmd) == 0)
        return true;
    snprintf(cmd, sizeof cmd, "make -C '%s' --no-print-directory ARCH=%s %s >&2", root, arch, what);
    if (system(cmd) != 0)
        fprintf(stderr, "jericho: building the %s kernel failed\n", arch);
    return false;
}

/* Boots the archive and copies QEMU's output; the module's status (with
 * --system: the root's, which QEMU's is, and the root's lines are shown). */
static int boot(const run_opts_t *o, const char *root, const char *arch, const char *archive)
{
    char qemu[4096], image[4096], name[56] = "";
    int fds[2];
    if (!o->system)
        module_name(o->file, name, sizeof name);
    snprintf(qemu, sizeof qemu, "%s/tools/qemu.sh", root);
    snprintf(image, sizeof image, "%s/build/%s/%s", root, arch,
             strcmp(arch, "aarch64") == 0 ? "Image" : "kernel.elf");
    if (pipe(fds) != 0)
        return JERICHO_EXIT_USAGE;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        setenv("JERICHO_INITRD", archive, 1);
        /* Piped input is in the archive already; a terminal is the console. */
        if (!isatty(0) && !o->system)
            freopen("/dev/null", "r", stdin);
        setenv("QEMU_TIMEOUT", getenv("QEMU_TIMEOUT") ? getenv("QEMU_TIMEOUT") : OS_TIMEOUT, 1);
        char ram[32];
        snprintf(ram, sizeof ram, "%lluM",
                 (unsigned long long)((os_memory(o) + OS_RAM_MARGIN + fs_ram) >> 20));
        if (!getenv("JERICHO_MEM"))
            setenv("JERICHO_MEM", o->system ? OS_SYSTEM_RAM : ram, 1);
        execl(qemu, qemu, arch, image, (char *)NULL);
        _exit(125);
    }
    close(fds[1]);
    os_output_t out;
    uint8_t buf[4096];
    ssize_t n;
    os_output_init(&out, o->verbose, o->system, name);
    while ((n = read(fds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0)
            os_output_feed(&out, buf, (size_t)n);
    os_output_end(&out);
    close(fds[0]);
    bool started = out.started;
    int status = out.status;
    int ws, rc = waitpid(pid, &ws, 0) == pid && WIFEXITED(ws) ? WEXITSTATUS(ws) : 125;
    if (rc == 124)
        fprintf(stderr, "jericho: the system did not finish in time (QEMU_TIMEOUT)\n");
    else if (!started)
        fprintf(stderr,
                "jericho: the kernel did not start the root task "
                "(exit %d; --verbose shows its output)\n",
                rc);
    return status >= 0 ? status : rc;
}

/* Is `name` an executable file in a directory of PATH? */
static bool on_path(const char *name)
{
    const char *path = getenv("PATH");
    char file[4096];
    while (path && *path) {
        size_t n = strcspn(path, ":");
        snprintf(file, sizeof file, "%.*s/%s", (int)n, n ? path : ".", name);
        if (access(file, X_OK) == 0)
            return true;
        path += n + (path[n] == ':');
    }
    return false;
}

int run_os(const run_opts_t *o)
{
    const char *root = getenv("JERICHO_ROOT") ? getenv("JERICHO_ROOT") : ".";
    const char *arch = o->arch ? o->arch : "x86_64";
    char archive[] = "/tmp/jericho-run-XXXXXX";
    if (strcmp(arch, "x86_64") != 0 && strcmp(arch, "aarch64") != 0) {
        fprintf(stderr, "jericho: unknown --arch '%s' (x86_64 or aarch64)\n", arch);
        return JERICHO_EXIT_USAGE;
    }
    if (o->invoke || o->has_fuel) {
        fprintf(stderr, "jericho: --invoke and --fuel need --host for now\n");
        return JERICHO_EXIT_USAGE;
    }
    bool x86 = strcmp(arch, "x86_64") == 0;
    if (!on_path(x86 ? "qemu-system-x86_64" : "qemu-system-aarch64")) {
        fprintf(stderr,
                "jericho: %s is not installed, so JerichoOS cannot boot (Debian package "
                "%s: make deps installs it; --host runs the module on this machine)\n",
                x86 ? "qemu-system-x86_64" : "qemu-system-aarch64",
                x86 ? "qemu-system-x86" : "qemu-system-arm");
        return JERICHO_EXIT_USAGE;
    }
    if (o->system && o->npreopens) {
        fprintf(stderr, "jericho: --dir with --system: give modules directories with the "
                        "manifest's dir= (docs/MANIFEST.md)\n");
        return JERICHO_EXIT_USAGE;
    }
    if (o->npreopens > RUNNER_FS_MAX) {
        fprintf(stderr, "jericho: at most %d --dir on JerichoOS (a module takes 8 capabilities)\n",
                RUNNER_FS_MAX);
        return JERICHO_EXIT_USAGE;
    }
    if (!build_kernel(root, arch, o->npreopens > 0) ||
        !(o->system ? system_archive(o, root, archive) : write_archive(o, root, arch, archive)))
        return JERICHO_EXIT_USAGE;
    int status = boot(o, root, arch, archive);
    unlink(archive);
    return status;
}
