/* SPDX-License-Identifier: MIT */
/* fresh.c: when started by the ./jericho wrapper, rebuild first if a source is newer than us. */
#define _POSIX_C_SOURCE 200809L /* setenv, unsetenv */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jericho.h"

/*
 * The ./jericho wrapper (a shell script) only starts build/host/jericho with
 * JERICHO_ROOT set to the source tree; the check that a source changed is
 * done here, in C, where ~100 stat() calls cost about 0.1 ms, instead of in
 * the shell, where the same loop cost more than starting the binary.
 * Where the binary is older than a file it is built from, this runs make and
 * starts the new binary with the same arguments.
 */

/* The folders (every .c, .h and .mk in them) and files the binary is built from. */
static const char *const fresh_dirs[] = {"tools/jericho", "user/wasi", "engine/src", "engine/include",
                                         "mk"};
static const char *const fresh_files[] = {"engine/config.h", "engine/engine.mk",
                                          "kernel/include/version.h", "Makefile",
                                          "user/root/manifest.c", "user/root/manifest.h"};

static bool newer(const char *path, const struct timespec *than) {
    struct stat st;
    if (stat(path, &st) != 0) return false;
    return st.st_mtim.tv_sec > than->tv_sec ||
           (st.st_mtim.tv_sec == than->tv_sec && st.st_mtim.tv_nsec > than->tv_nsec);
}

static bool source_name(const char *name) {
    const char *dot = strrchr(name, '.');
    return dot && (strcmp(dot, ".c") == 0 || strcmp(dot, ".h") == 0 || strcmp(dot, ".mk") == 0);
}

/* Is any source under root newer than `than`? */
static bool stale(const char *root, const struct timespec *than) {
    char path[4096];
    for (size_t i = 0; i < sizeof fresh_files / sizeof fresh_files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", root, fresh_files[i]);
        if (newer(path, than)) return true;
    }
    for (size_t i = 0; i < sizeof fresh_dirs / sizeof fresh_dirs[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", root, fresh_dirs[i]);
        DIR *d = opendir(path);
        bool found = newer(path, than); /* a file added or removed */
        for (struct dirent *e; !found && d && (e = readdir(d)) != NULL;) {
            if (!source_name(e->d_name)) continue;
            snprintf(path, sizeof path, "%s/%s/%s", root, fresh_dirs[i], e->d_name);
            found = newer(path, than);
        }
        if (d) closedir(d);
        if (found) return true;
    }
    return false;
}

/* Runs `make -C root -s build/host/jericho`, its output on stderr; true if it succeeded. */
static bool rebuild(const char *root) {
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) return false;
    if (pid == 0) {
        dup2(STDERR_FILENO, STDOUT_FILENO); /* the module's stdout stays the module's */
        execlp("make", "make", "-C", root, "--no-print-directory", "-s", "build/host/jericho",
               (char *)NULL);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {}
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void fresh_check(char **argv) {
    const char *env = getenv("JERICHO_ROOT");
    if (!env) return;
    char root[4096], bin[4200];
    snprintf(root, sizeof root, "%s", env);
    unsetenv("JERICHO_ROOT"); /* once: the binary make leaves is run as is */
    snprintf(bin, sizeof bin, "%s/build/host/jericho", root);
    struct stat self;
    if (stat(bin, &self) != 0 || !stale(root, &self.st_mtim)) return;
    if (!rebuild(root)) {
        fprintf(stderr, "jericho: building build/host/jericho failed (rebuild with: make -C %s "
                        "build/host/jericho)\n", root);
        exit(JERICHO_EXIT_USAGE);
    }
    /* make may find nothing to do (a makefile changed, not the binary's
     * inputs): mark the binary checked so the next call does not ask again. */
    utimensat(AT_FDCWD, bin, NULL, 0);
    execv(bin, argv);
    perror("jericho: starting the rebuilt build/host/jericho");
    exit(JERICHO_EXIT_USAGE);
}
