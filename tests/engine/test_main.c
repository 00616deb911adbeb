/* SPDX-License-Identifier: MIT */
/* test_main.c: runs every engine test, each in its own process, and counts. */
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test.h"

/* Huge engine allocations should come back NULL, not abort the test. */
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "allocator_may_return_null=1"; }

unsigned test_failed_checks;

void test_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    test_failed_checks++;
    printf("    %s:%d: ", file, line);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

void test_check_err(const char *file, int line, jw_error_t *err, jw_error_kind_t kind, size_t len)
{
    err->message[sizeof err->message - 1] = '\0';
    if (err->kind != kind)
        test_fail(file, line, "expected error %s, got %s (\"%s\")", test_kind_name(kind),
                  test_kind_name(err->kind), err->message);
    if (err->message[0] == '\0')
        test_fail(file, line, "error %s has an empty message", test_kind_name(err->kind));
    if (len != SIZE_MAX && err->offset > len)
        test_fail(file, line, "error offset %zu is past the %zu-byte module", err->offset, len);
}

/* A crash, sanitizer report or hang in one test fails that test only. */
static bool run_isolated(const test_case_t *t, bool fork_it, unsigned timeout)
{
    if (!fork_it) {
        test_failed_checks = 0;
        t->fn();
        return test_failed_checks == 0;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        alarm(timeout);
        t->fn();
        fflush(stdout);
        exit(test_failed_checks ? 1 : 0);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return false;
    if (WIFSIGNALED(status))
        printf("    killed by signal %d%s\n", WTERMSIG(status),
               WTERMSIG(status) == SIGALRM ? " (timeout)" : "");
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static bool wanted(const char *name, int argc, char **argv, int first)
{
    for (int i = first; i < argc; i++)
        if (strstr(name, argv[i]))
            return true;
    return first >= argc;
}

int main(int argc, char **argv)
{
    static const struct {
        const test_case_t *cases;
        const size_t *n;
    } tables[] = {
        { decode_tests, &decode_tests_count }, { exec_tests, &exec_tests_count },
        { alloc_tests, &alloc_tests_count },   { simd_tests, &simd_tests_count },
        { memory_tests, &memory_tests_count }, { opcode_tests, &opcode_tests_count },
    };
    bool fork_it = true;
    int first = 1;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (first < argc && strcmp(argv[first], "--no-fork") == 0)
        fork_it = false, first++;
    if (first >= argc) {
        fprintf(stderr, "usage: engine-tests [--no-fork] WAT_WASM_DIR [NAME-FILTER...]\n");
        return 2;
    }
    test_wat_dir = argv[first++];
    unsigned passed = 0, failed = 0;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (size_t i = 0; i < *tables[t].n; i++) {
            const test_case_t *tc = &tables[t].cases[i];
            if (!wanted(tc->name, argc, argv, first))
                continue;
            double t0 = test_now();
            bool ok = run_isolated(tc, fork_it, 60);
            printf("  %s %s (%.2fs)\n", ok ? "ok  " : "FAIL", tc->name, test_now() - t0);
            ok ? passed++ : failed++;
        }
    printf("%u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}
