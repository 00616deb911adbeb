/* SPDX-License-Identifier: MIT */
/* spec_main.c: the spec runner's command line, script discovery, isolation and totals. */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "spec.h"

/* The engine may ask for huge memories; let ASan's malloc say no (the
 * engine then reports NOMEM) instead of aborting the run. */
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "allocator_may_return_null=1"; }

/* "regress": tests/regress/, one script per engine bug fixed (--regress DIR). */
static const char *const groups[] = { "core", "simd", "proposals", "regress" };
#define NGROUPS (sizeof groups / sizeof groups[0])
#define PATHLEN 1024

typedef struct script_file {
    size_t group;
    char label[PATHLEN]; /* "core/address.wast" */
    char wast[PATHLEN * 2];
    char json[PATHLEN * 2];
} script_file_t;

typedef struct args {
    const char *suite, *jsondir, *regress;
    bool group_on[NGROUPS];
    bool truncate, fork;
    const char *pack; /* --pack FILE: write packed commands instead of running */
    unsigned timeout;
    spec_options_t opt;
    char **filters;
    int nfilters;
} args_t;

/* ---- discovery ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in `dir` that end in `suffix` (or, with NULL, subdirectories). */
static char **list_dir(const char *dir, const char *suffix, size_t *n)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name), sl = suffix ? strlen(suffix) : 0;
        if (e->d_name[0] == '.')
            continue;
        if (suffix ? len <= sl || strcmp(e->d_name + len - sl, suffix) != 0 : e->d_type != DT_DIR)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        names[(*n)++] = strdup(e->d_name);
    }
    if (d)
        closedir(d);
    if (*n)
        qsort(names, *n, sizeof *names, cmp_str);
    return names;
}

static void free_list(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static script_file_t *files;
static size_t nfiles, capfiles;

/* `rel` is the script's label, e.g. "core/address.wast", and `wast` its
 * file; its JSON lives in <jsondir>/<rel without .wast>/<stem>.json. */
static void add_file(const args_t *a, size_t group, const char *rel, const char *wast,
                     const char *stem)
{
    if (nfiles == capfiles) {
        capfiles = capfiles ? capfiles * 2 : 256;
        script_file_t *nf = realloc(files, capfiles * sizeof *nf);
        if (!nf)
            exit(2);
        files = nf;
    }
    script_file_t *f = &files[nfiles++];
    f->group = group;
    snprintf(f->label, sizeof f->label, "%s", rel);
    snprintf(f->wast, sizeof f->wast, "%s", wast);
    int base = (int)(strlen(rel) - strlen(".wast"));
    snprintf(f->json, sizeof f->json, "%s/%.*s/%s.json", a->jsondir, base, rel, stem);
}

/* The scripts in `dir`, labelled "<reldir>/NAME.wast". */
static void add_wast_dir(const args_t *a, size_t group, const char *dir, const char *reldir)
{
    char rel[PATHLEN], wast[PATHLEN * 3], stem[PATHLEN];
    size_t n;
    char **names = list_dir(dir, ".wast", &n);
    for (size_t i = 0; i < n; i++) {
        snprintf(rel, sizeof rel, "%s/%s", reldir, names[i]);
        snprintf(wast, sizeof wast, "%s/%s", dir, names[i]);
        snprintf(stem, sizeof stem, "%.*s", (int)(strlen(names[i]) - 5), names[i]);
        add_file(a, group, rel, wast, stem);
    }
    free_list(names, n);
}

/* core/ and simd/ hold scripts; proposals/ holds one folder per proposal. */
static void discover(const args_t *a)
{
    for (size_t g = 0; g < NGROUPS; g++) {
        char dir[PATHLEN * 2], rel[PATHLEN];
        if (strcmp(groups[g], "regress") == 0) { /* only when asked for: not in the suite */
            if (a->group_on[g])
                add_wast_dir(a, g, a->regress, groups[g]);
            continue;
        }
        if (strcmp(groups[g], "proposals") != 0) {
            snprintf(dir, sizeof dir, "%s/%s", a->suite, groups[g]);
            add_wast_dir(a, g, dir, groups[g]);
            continue;
        }
        size_t n;
        snprintf(dir, sizeof dir, "%s/%s", a->suite, groups[g]);
        char **props = list_dir(dir, NULL, &n);
        for (size_t i = 0; i < n; i++) {
            snprintf(rel, sizeof rel, "%s/%s", groups[g], props[i]);
            char pdir[PATHLEN * 3];
            snprintf(pdir, sizeof pdir, "%s/%s", a->suite, rel);
            add_wast_dir(a, g, pdir, rel);
        }
        free_list(props, n);
    }
}

/* ---- running one script in a child process ---- */

/* The child runs the script; the parent learns its progress through a pipe,
 * so an engine crash, sanitizer report or hang costs that script's
 * remaining commands, not the whole run. */
static spec_counts_t run_forked(const script_file_t *f, const args_t *a, uint64_t total)
{
    int fds[2];
    spec_progress_t last = { 0 };
    fflush(stdout);
    fflush(stderr);
    if (pipe(fds) != 0) {
        perror("pipe");
        exit(2);
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        spec_progress_fd = fds[1];
        alarm(a->timeout);
        spec_progress_t p = { 0 };
        p.counts = a->truncate ? spec_truncate_script(f->json, f->label)
                               : spec_run_script(f->json, f->label, &a->opt);
        p.done = 1;
        if (write(fds[1], &p, sizeof p) != (ssize_t)sizeof p)
            perror("write");
        fflush(stdout);
        /* _exit skips LeakSanitizer's heap scan (~0.1 s per script): engine
         * leaks are caught exactly by the counting allocator instead, and
         * the runner's own allocations by the scan at the parent's exit. */
        _exit(0);
    }
    close(fds[1]);
    spec_progress_t p;
    while (read(fds[0], &p, sizeof p) == (ssize_t)sizeof p)
        last = p;
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (last.done && clean)
        return last.counts;
    if (last.done) {
        printf("%s: sanitizer error or bad exit (status %d) after the script\n", f->label,
               WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status));
        last.counts.failed++;
        return last.counts;
    }
    uint64_t seen = last.counts.passed + last.counts.failed + last.counts.skipped;
    uint64_t rest = total > seen ? total - seen : 1;
    printf("%s:%d: %s (%s %d) during this command; its %llu remaining commands count as failed\n",
           f->label, last.line,
           WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM ? "timed out" : "crashed",
           WIFSIGNALED(status) ? "signal" : "exit status",
           WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status), (unsigned long long)rest);
    last.counts.failed += rest;
    return last.counts;
}

static spec_counts_t run_one(const script_file_t *f, const args_t *a, uint64_t total)
{
    if (a->fork)
        return run_forked(f, a, total);
    return a->truncate ? spec_truncate_script(f->json, f->label)
                       : spec_run_script(f->json, f->label, &a->opt);
}

/* ---- selection and totals ---- */

static bool selected(const script_file_t *f, const args_t *a)
{
    if (!a->group_on[f->group])
        return false;
    for (int i = 0; i < a->nfilters; i++)
        if (strstr(f->label, a->filters[i]))
            return true;
    return a->nfilters == 0;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void print_counts(const char *what, const spec_counts_t *c)
{
    printf("%s: %llu passed, %llu failed, %llu skipped\n", what, (unsigned long long)c->passed,
           (unsigned long long)c->failed, (unsigned long long)c->skipped);
}

/* A script wast2json could not convert: its commands are skipped, counted
 * from the .wast itself (or as one, if even that fails). */
static spec_counts_t unconverted(const script_file_t *f)
{
    spec_counts_t c = { 0 };
    c.skipped = spec_count_wast_commands(f->wast);
    if (c.skipped == 0)
        c.skipped = 1;
    printf("%s: wast2json could not convert it; %llu commands skipped\n", f->label,
           (unsigned long long)c.skipped);
    return c;
}

static spec_counts_t process(const script_file_t *f, const args_t *a)
{
    spec_counts_t c = { 0 };
    if (!exists(f->json))
        return unconverted(f);
    if (!spec_count_json(f->json, &c)) {
        c.skipped = 0, c.failed = 1;
        printf("%s: unreadable JSON %s\n", f->label, f->json);
        return c;
    }
    if (!selected(f, a)) /* all skipped, and counted (truncation counts modules, not commands) */
        return a->truncate ? (spec_counts_t){ 0 } : c;
    spec_counts_t ran = run_one(f, a, c.skipped);
    print_counts(f->label, &ran);
    return ran;
}

/* ---- command line ---- */

static void usage(void)
{
    fprintf(stderr,
            "usage: spec-runner [--suite DIR] [--json DIR] [--regress DIR]\n"
            "                   [--group core|simd|proposals|regress]...\n"
            "                   [--truncate] [--loose] [--verbose] [--no-fork] [--timeout S]\n"
            "                   [--self-test] [--pack FILE] [FILTER...]\n"
            "Runs the converted spec scripts of the chosen groups (default: core and simd); the\n"
            "commands of other groups are counted as skipped. A FILTER keeps only the\n"
            "scripts whose label (e.g. core/i32.wast) contains it. --pack writes the\n"
            "chosen scripts as packed commands for tests/engine/drivers/pack_core.c instead.\n"
            "--group regress runs the regression scripts in --regress DIR (tests/regress).\n");
    exit(2);
}

static bool enable_group(args_t *a, const char *name)
{
    for (size_t g = 0; g < NGROUPS; g++)
        if (strcmp(groups[g], name) == 0)
            return a->group_on[g] = true;
    return false;
}

static void parse_args(int argc, char **argv, args_t *a)
{
    bool any_group = false;
    *a = (args_t){ .suite = "third_party/wasm-testsuite",
                   .jsondir = "build/host/spec",
                   .regress = "tests/regress",
                   .fork = true,
                   .timeout = 60 };
    a->filters = calloc((size_t)argc, sizeof *a->filters);
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(s, "--suite") == 0 && next)
            a->suite = argv[++i];
        else if (strcmp(s, "--regress") == 0 && next)
            a->regress = argv[++i];
        else if (strcmp(s, "--json") == 0 && next)
            a->jsondir = argv[++i];
        else if (strcmp(s, "--group") == 0 && next) {
            if (!enable_group(a, argv[++i]))
                usage();
            any_group = true;
        } else if (strcmp(s, "--timeout") == 0 && next)
            a->timeout = (unsigned)atoi(argv[++i]);
        else if (strcmp(s, "--pack") == 0 && next)
            a->pack = argv[++i];
        else if (strcmp(s, "--truncate") == 0)
            a->truncate = true;
        else if (strcmp(s, "--loose") == 0)
            a->opt.loose = true;
        else if (strcmp(s, "--verbose") == 0)
            a->opt.verbose = true;
        else if (strcmp(s, "--no-fork") == 0)
            a->fork = false;
        else if (strcmp(s, "--self-test") == 0)
            exit(spec_self_test());
        else if (s[0] == '-')
            usage();
        else
            a->filters[a->nfilters++] = argv[i];
    }
    if (!any_group) /* core and simd (fixed-width SIMD is part of wasm 2.0) */
        a->group_on[0] = a->group_on[1] = true;
}

/* --pack: every selected script into one file, counted as process() counts it. */
static int pack_all(const args_t *a)
{
    FILE *out = fopen(a->pack, "wb");
    int scripts = 0;
    if (!out) {
        perror(a->pack);
        return 1;
    }
    spec_pack_begin(out);
    for (size_t i = 0; i < nfiles; i++) {
        if (!selected(&files[i], a))
            continue;
        if (!exists(files[i].json)) {
            spec_pack_skipped(files[i].label, unconverted(&files[i]).skipped, out);
        } else if (!spec_pack_script(files[i].json, files[i].label, out)) {
            printf("%s: unreadable JSON\n", files[i].label);
            fclose(out);
            return 1;
        }
        scripts++;
    }
    spec_pack_end(out);
    printf("packed %d scripts into %s\n", scripts, a->pack);
    return fclose(out) != 0;
}

int main(int argc, char **argv)
{
    args_t a;
    parse_args(argc, argv, &a);
    setvbuf(stdout, NULL, _IOLBF, 0);
    discover(&a);
    if (a.pack) {
        int rc = pack_all(&a);
        free(files);
        free(a.filters);
        return rc;
    }
    spec_counts_t per_group[NGROUPS] = { { 0 } }, total = { 0 };
    for (size_t i = 0; i < nfiles; i++) {
        spec_counts_t c = process(&files[i], &a);
        spec_counts_add(&per_group[files[i].group], &c);
    }
    for (size_t g = 0; g < NGROUPS; g++) {
        print_counts(groups[g], &per_group[g]);
        spec_counts_add(&total, &per_group[g]);
    }
    for (size_t g = 0; g < NGROUPS; g++)
        if (a.group_on[g] && per_group[g].text_skipped)
            printf("(%s: %llu of the skipped are text-format module assertions)\n", groups[g],
                   (unsigned long long)per_group[g].text_skipped);
    printf("%llu passed, %llu failed\n", (unsigned long long)total.passed,
           (unsigned long long)total.failed);
    free(files);
    free(a.filters);
    return total.failed || nfiles == 0 ? 1 : 0;
}
