/* SPDX-License-Identifier: MIT */
/* capabilities.c: demo 03: what a module can do with the capabilities it was given, and what it cannot do without. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "jericho.h"

/*
 * The manifest gives this module the console and nothing else, with 1 MiB of
 * memory. Every step prints what it tried and what came back; each outcome
 * is the kernel's or the runner's answer, not something this module decides.
 */
static int32_t console;

/* One line through the console capability itself (not WASI's stdout). */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    char line[256];
    __builtin_va_list ap;
    __builtin_va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    __builtin_va_end(ap);
    if (n > 0)
        jericho_print(console, line, (uint32_t)(n < (int)sizeof line ? n : (int)sizeof line - 1));
}

static const char *rights_text(uint32_t r, char *buf)
{
    snprintf(buf, 8, "%s%s%s", r & JX_RIGHT_READ ? "r" : "-", r & JX_RIGHT_WRITE ? "w" : "-",
             r & JX_RIGHT_GRANT ? "g" : "-");
    return buf;
}

static void show_handle(const char *what, int32_t h)
{
    jericho_cap_info_t info;
    char r[8];
    int32_t err = jericho_cap_identify(h, &info);
    if (err)
        say("caps: identify %s (handle %d): %s\n", what, h, jericho_error_name(err));
    else
        say("caps: %s is handle %d: type %u (console), rights %s\n", what, h, info.type,
            rights_text(info.rights, r));
}

static void memory_steps(void)
{
    long before = __builtin_wasm_memory_size(0);
    long got = __builtin_wasm_memory_grow(0, 4);
    say("caps: memory.grow by 4 pages (256 KiB) within the 1 MiB quota: %s (%ld -> %ld pages)\n",
        got >= 0 ? "granted" : "refused", before, (long)__builtin_wasm_memory_size(0));
    got = __builtin_wasm_memory_grow(0, 64);
    say("caps: memory.grow by 64 pages (4 MiB) beyond the quota: returned %ld (%s)\n", got,
        got < 0 ? "refused" : "granted");
}

int main(void)
{
    console = jericho_handle("console");
    say("caps: hello through my console capability (handle %d)\n", console);
    show_handle("the console", console);

    memory_steps();

    int32_t err = jericho_print(5, "x", 1);
    say("caps: printing through handle 5, which I was never given: %s\n", jericho_error_name(err));
    err = jericho_print(63, "x", 1);
    say("caps: printing through handle 63, where my runner keeps its own capabilities: %s\n",
        jericho_error_name(err));
    say("caps: looking up \"clock\", which my manifest does not name: %s\n",
        jericho_error_name(jericho_handle("clock")));
    struct timespec now;
    say("caps: so WASI's clock_gettime fails too: %s\n",
        clock_gettime(CLOCK_MONOTONIC, &now) == 0 ? "it worked (unexpected)" : "refused");

    int32_t ro = jericho_cap_copy(console, JX_RIGHT_READ);
    show_handle("a read-only copy of the console", ro);
    err = jericho_print(ro, "x", 1);
    say("caps: printing through the read-only copy: %s\n", jericho_error_name(err));
    int32_t again = jericho_cap_copy(ro, JX_RIGHT_READ | JX_RIGHT_WRITE);
    show_handle("a copy of the copy asking for write back", again);
    err = jericho_cap_delete(ro);
    say("caps: deleting the read-only copy: %s; printing through it now: %s\n",
        jericho_error_name(err), jericho_error_name(jericho_print(ro, "x", 1)));
    say("caps: the original still prints: %s\n", jericho_error_name(jericho_print(console, "", 0)));
    return 0;
}
