/* SPDX-License-Identifier: MIT */
/* packrun.c: runs packed spec commands (tests/spec/spec_pack.h) on the freestanding engine as a Linux program without libc. */
/*
 * Built like xarch.c (raw Linux syscalls, a bump allocator) for x86-64 and
 * aarch64; reads the pack on stdin and runs it with pack_core.c, the part
 * it shares with the JerichoOS driver (user/spectest/). Prints one line
 * per failure, a "LABEL: N passed, N failed, N skipped" line per script
 * and a "total: ..." line; exits 1 if anything
 * failed. tests/suites/engine-aarch64.sh runs the simd scripts natively and
 * under qemu-aarch64; tests/suites/engine-spec-os.sh takes the hosted
 * counts of core and simd from it.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "jwasm.h"
#include "linux_min.h"
#include "pack_core.h"

void _start(void);

/* The whole pack, then a bump heap reset after every script (pack_core
 * frees a script's objects before it says the script is done). Linux maps
 * the bss lazily: only what is touched costs memory. */
static _Alignas(16) uint8_t pr_pack[64 << 20];
static _Alignas(16) uint8_t pr_heap[1024u << 20];
static size_t pr_used;

static void *pr_alloc(void *ud, size_t n)
{
    (void)ud;
    n = (n + 15) & ~(size_t)15;
    if (n > sizeof pr_heap - pr_used)
        return NULL;
    void *p = pr_heap + pr_used;
    pr_used += n;
    return p;
}

static void pr_free(void *ud, void *p, size_t n) { (void)ud, (void)p, (void)n; }

static const jw_allocator_t pr_allocator = { pr_alloc, pr_free, NULL };

static void pr_print(void *ud, const char *text, size_t len)
{
    (void)ud;
    lm_write(text, (long)len);
}

static void pr_script_done(void *ud, const char *label, size_t label_len, const pack_counts_t *c)
{
    char line[128];
    (void)ud;
    lm_write(label, (long)label_len);
    lm_write(line, (long)pack_format_counts(line, sizeof line, "", c));
    pr_used = 0;
}

#if defined(__x86_64__)
__attribute__((force_align_arg_pointer))
#endif
void _start(void)
{
    static const pack_host_t host = { &pr_allocator, NULL, pr_print, pr_script_done, NULL };
    pack_counts_t total = { 0, 0, 0 };
    char line[128];
    size_t len = 0;
    long got;
    while (len < sizeof pr_pack && (got = lm_read(pr_pack + len, (long)(sizeof pr_pack - len))) > 0)
        len += (size_t)got;
    bool ok = pack_run(pr_pack, len, &host, &total);
    if (!ok) {
        lm_puts("packrun: bad or truncated pack\n");
        total.failed++;
    }
    lm_write(line, (long)pack_format_counts(line, sizeof line, "total", &total));
    lm_exit(total.failed ? 1 : 0);
    for (;;) {
    }
}
