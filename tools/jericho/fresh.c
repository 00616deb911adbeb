/* SPDX-License-Identifier: MIT */
/* fresh.c: when run from a source tree's build/host/, rebuild first if a source is newer than us. */
#define _POSIX_C_SOURCE 200809L /* setenv, clock_gettime, futimens */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "jericho.h"

/*
 * ./jericho is a link to build/host/jericho that the build makes, not a
 * script: on these machines starting a process costs about as much as the
 * binary's whole run, and a shell wrapper doubled each call (docs/DESIGN.md,
 * "./jericho is a link"). The binary finds its source tree from its own
 * path (ROOT/build/host/jericho) and checks there, in C, where ~100 stat()
 * calls cost about 0.1 ms, that no file it is built from is newer; if one
 * is, it runs make and starts the new binary with the same arguments. A
 * check that finds the binary fresh leaves a stamp (FRESH_STAMP); for
 * FRESH_WINDOW_NS after it, calls trust it and skip the walk: a loop of
 * calls pays one check, and an edit is seen by the first call more than
 * that long after the last check.
 */
#define FRESH_STAMP     "build/host/jericho.checked"
#define FRESH_WINDOW_NS 1000000000ll

/* The folders (every .c, .h and .mk in them) and files the binary is built from. */
static const char *const fresh_dirs[] = { "tools/jericho", "user/wasi", "engine/src",
                                          "engine/include", "mk" };
static const char *const fresh_files[] = { "engine/config.h",          "engine/engine.mk",
                                           "kernel/include/version.h", "Makefile",
                                           "user/root/manifest.c",     "user/root/manifest.h",
                                           "user/runner/frame.h" };

/* Is `name`, relative to directory fd `dir`, newer than `than`? */
static bool newer_at(int dir, const char *name, const struct timespec *than)
{
    struct stat st;
    if (fstatat(dir, name, &st, 0) != 0)
        return false;
    return st.st_mtim.tv_sec > than->tv_sec ||
           (st.st_mtim.tv_sec == than->tv_sec && st.st_mtim.tv_nsec > than->tv_nsec);
}

static bool source_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (strcmp(dot, ".c") == 0 || strcmp(dot, ".h") == 0 || strcmp(dot, ".mk") == 0);
}

/* Is any source under root newer than `than`? Every lookup is relative to
 * an open directory, so the kernel walks one path component per file. */
static bool stale(const char *root, const struct timespec *than)
{
    int top = open(root, O_RDONLY | O_DIRECTORY);
    bool found = top < 0;
    for (size_t i = 0; !found && i < sizeof fresh_files / sizeof fresh_files[0]; i++)
        found = newer_at(top, fresh_files[i], than);
    for (size_t i = 0; !found && i < sizeof fresh_dirs / sizeof fresh_dirs[0]; i++) {
        int fd = openat(top, fresh_dirs[i], O_RDONLY | O_DIRECTORY);
        DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
        found = newer_at(top, fresh_dirs[i], than); /* a file added or removed */
        for (struct dirent *e; !found && d && (e = readdir(d)) != NULL;)
            found = source_name(e->d_name) && newer_at(fd, e->d_name, than);
        if (d)
            closedir(d);
        else if (fd >= 0)
            close(fd);
    }
    if (top >= 0)
        close(top);
    return found;
}

/* Runs `make -C root -s build/host/jericho`, its output on stderr; true if it succeeded. */
static bool rebuild(const char *root)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return false;
    if (pid == 0) {
        dup2(STDERR_FILENO, STDOUT_FILENO); /* the module's stdout stays the module's */
        execlp("make", "make", "-C", root, "--no-print-directory", "-s", "build/host/jericho",
               (char *)NULL);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static long long ns_of(const struct timespec *t)
{
    return (long long)t->tv_sec * 1000000000ll + t->tv_nsec;
}

/* Was the binary found fresh less than FRESH_WINDOW_NS ago (and not rebuilt since)? */
static bool recently_checked(const char *root, const struct timespec *bin_time)
{
    char path[4200];
    struct stat st;
    struct timespec now;
    snprintf(path, sizeof path, "%s/" FRESH_STAMP, root);
    if (stat(path, &st) != 0 || clock_gettime(CLOCK_REALTIME, &now) != 0)
        return false;
    long long stamp = ns_of(&st.st_mtim);
    return stamp >= ns_of(bin_time) && ns_of(&now) - stamp < FRESH_WINDOW_NS &&
           stamp <= ns_of(&now);
}

static void mark_checked(const char *root)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/" FRESH_STAMP, root);
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    if (fd >= 0) {
        futimens(fd, NULL);
        close(fd);
    }
}

/* Is this binary ROOT/build/host/jericho? Then `root` is ROOT. A copy
 * elsewhere (the benchmarks copy it) or jericho-asan is left alone. */
static bool tree_of_binary(char *root, size_t size)
{
    static const char suffix[] = "/build/host/jericho";
    ssize_t n = readlink("/proc/self/exe", root, size - 1);
    size_t len = sizeof suffix - 1;
    if (n <= (ssize_t)len)
        return false;
    root[n] = '\0';
    if (strcmp(root + n - len, suffix) != 0)
        return false;
    root[n - len] = '\0';
    return true;
}

void fresh_check(char **argv)
{
    char root[4096], bin[4200];
    if (!tree_of_binary(root, sizeof root))
        return;
    /* The OS target finds the kernels and tools/qemu.sh through it, from
     * whatever directory jericho was started in; one the caller set wins. */
    setenv("JERICHO_ROOT", root, 0);
    /* Once: the binary make leaves is run as is. */
    if (getenv("JERICHO_CHECKED"))
        return;
    setenv("JERICHO_CHECKED", "1", 1);
    snprintf(bin, sizeof bin, "%s/build/host/jericho", root);
    struct stat self;
    if (stat(bin, &self) != 0 || recently_checked(root, &self.st_mtim))
        return;
    if (!stale(root, &self.st_mtim)) {
        mark_checked(root);
        return;
    }
    if (!rebuild(root)) {
        fprintf(stderr,
                "jericho: building build/host/jericho failed (rebuild with: make -C %s "
                "build/host/jericho)\n",
                root);
        exit(JERICHO_EXIT_USAGE);
    }
    /* make may find nothing to do (a makefile changed, not the binary's
     * inputs): mark the binary checked so the next call does not ask again. */
    utimensat(AT_FDCWD, bin, NULL, 0);
    execv(bin, argv);
    perror("jericho: starting the rebuilt build/host/jericho");
    exit(JERICHO_EXIT_USAGE);
}
