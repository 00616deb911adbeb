/* SPDX-License-Identifier: MIT */
/* main.c: the spec test driver on JerichoOS: runs the packed core and simd spec commands its job carries, on the engine, in its own task. */
#include "../runner/heap.h"
#include "../runner/job.h"
#include "jx.h"
#include "pack_core.h"

/*
 * Started by the root for a manifest line with program=spectest.elf
 * file=PACK (docs/MANIFEST.md): the job (user/runner/job.h) is the
 * runner's, and its module bytes are a spec pack (tests/spec/spec_pack.h)
 * that tests/engine/drivers/pack_core.c runs, as packrun.c does on Linux.
 * The engine's objects and linear memories come from the runner's heap
 * (user/runner/heap.c), built here with a region of SPECTEST_HEAP_BYTES
 * (user/spectest/spectest.mk): core/memory_grow.wast grows one memory to
 * 804 pages, and growing copies, so ~100 MiB are live at once.
 *
 * Prints the failures (the first SPECTEST_MAX_FAILURES), one line per
 * group of scripts (core, simd) and a last line "spectest: N passed, N
 * failed, N skipped in T ms" -- not "spec commands: ...", which
 * tests/run.sh reads as the official count (the hosted runner's). Exit
 * status 0 only if no command failed and the pack was whole.
 */
#define SPECTEST_EXIT_USAGE   2
#define SPECTEST_MAX_FAILURES 50

static struct spectest {
    uint32_t clock; /* the job's "clock" capability, or JX_CAP_NONE */
    uint64_t failures_shown;
    char group[32]; /* "core": the label's part before '/', not NUL-terminated */
    size_t group_len;
    pack_counts_t group_counts;
} st;

/* Finds capability `name` among the job's; JX_CAP_NONE if it has none. */
static uint32_t job_cap(const struct runner_job_header *h, uint64_t size, const char *name)
{
    const char *base = (const char *)h;
    uint64_t at = sizeof *h;
    uint32_t skip = 1 + h->argc + h->envc; /* the file name, argv, env come first */
    for (uint32_t k = 0; k < skip + h->ncaps; k++) {
        const char *s = base + at;
        while (at < h->wasm_off && at < size && base[at])
            at++;
        if (at >= h->wasm_off || at >= size)
            return JX_CAP_NONE;
        at++;
        if (k >= skip && strcmp(s, name) == 0)
            return h->cap_slots[k - skip];
    }
    return JX_CAP_NONE;
}

/* The job at JX_TASK_DATA_ADDR, checked; NULL and *why if unusable. */
static const struct runner_job_header *job_check(uint64_t size, const char **why)
{
    const struct runner_job_header *h = (const void *)(uintptr_t)JX_TASK_DATA_ADDR;
    *why = 0;
    if (size < sizeof *h || size > JX_TASK_DATA_MAX)
        *why = "too short or too long";
    else if (memcmp(h->magic, RUNNER_JOB_MAGIC, sizeof h->magic) != 0)
        *why = "bad magic";
    else if (h->ncaps > RUNNER_JOB_MAX_CAPS || h->argc > RUNNER_JOB_MAX_ARGS ||
             h->envc > RUNNER_JOB_MAX_ENV)
        *why = "too many capabilities, arguments or environment entries";
    else if (h->wasm_off < sizeof *h || h->wasm_off > size || h->wasm_size > size - h->wasm_off)
        *why = "the pack lies outside the job";
    else if (h->wasm_off % 4 != 0)
        *why = "the pack is not aligned";
    for (uint32_t i = 0; !*why && i < h->ncaps; i++)
        if (h->cap_slots[i] >= JX_CSPACE_SLOTS)
            *why = "a capability slot out of range";
    return *why ? 0 : h;
}

static uint64_t now_ms(void)
{
    uint64_t ns = 0;
    if (st.clock == JX_CAP_NONE || jx_clock_read_cap(st.clock, &ns) != JX_OK)
        return 0;
    return ns / 1000000;
}

static void print_counts(const char *what, const pack_counts_t *c)
{
    char line[160];
    size_t n = pack_format_counts(line, sizeof line, what, c);
    jx_debug_write(line, n);
}

static void on_print(void *ud, const char *text, size_t len)
{
    (void)ud;
    if (st.failures_shown++ < SPECTEST_MAX_FAILURES)
        jx_debug_write(text, len);
}

static void group_done(void)
{
    char what[48] = "spectest: "; /* printf has no %.*s */
    if (!st.group_len)
        return;
    memcpy(what + 10, st.group, st.group_len);
    what[10 + st.group_len] = 0;
    print_counts(what, &st.group_counts);
    st.group_counts = (pack_counts_t){ 0, 0, 0 };
}

/* After each script: a line per group, when the next group starts. */
static void on_script_done(void *ud, const char *label, size_t len, const pack_counts_t *c)
{
    (void)ud;
    size_t g = 0;
    while (g < len && label[g] != '/')
        g++;
    if (g >= sizeof st.group)
        g = sizeof st.group - 1;
    if (g != st.group_len || memcmp(label, st.group, g) != 0) {
        group_done();
        memcpy(st.group, label, g);
        st.group_len = g;
    }
    st.group_counts.passed += c->passed;
    st.group_counts.failed += c->failed;
    st.group_counts.skipped += c->skipped;
}

int64_t main(uint64_t arg)
{
    static const pack_host_t host = { &heap_allocator, 0, on_print, on_script_done, 0 };
    pack_counts_t total = { 0, 0, 0 };
    const char *why = "no job (the root starts this program with program=)";
    const struct runner_job_header *h = arg & RUNNER_FROM_DATA ? job_check(arg >> 32, &why) : 0;
    if (!h) {
        printf("spectest: the job from the root is unusable: %s\n", why);
        return SPECTEST_EXIT_USAGE;
    }
    uint32_t console = job_cap(h, arg >> 32, "console");
    jx_set_debug_console(console != JX_CAP_NONE ? console : h->report_slot);
    st.clock = job_cap(h, arg >> 32, "clock");
    const uint8_t *pack = (const uint8_t *)h + h->wasm_off;
    printf("spectest: %u KiB of packed commands, heap %u MiB\n", h->wasm_size >> 10,
           HEAP_BYTES >> 20);
    uint64_t start = now_ms();
    bool whole = pack_run(pack, h->wasm_size, &host, &total);
    uint64_t ms = now_ms() - start;
    group_done();
    if (!whole) {
        printf("spectest: bad or truncated pack\n");
        total.failed++;
    }
    if (st.failures_shown > SPECTEST_MAX_FAILURES)
        printf("spectest: %llu more failures not shown\n",
               (unsigned long long)(st.failures_shown - SPECTEST_MAX_FAILURES));
    printf("spectest: %llu passed, %llu failed, %llu skipped in %llu ms (heap peak %zu MiB)\n",
           (unsigned long long)total.passed, (unsigned long long)total.failed,
           (unsigned long long)total.skipped, (unsigned long long)ms, heap_peak() >> 20);
    return total.failed ? 1 : 0;
}
