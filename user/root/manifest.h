/* SPDX-License-Identifier: MIT */
/* manifest.h: the system manifest (docs/MANIFEST.md): which modules run, with what authority. */
#pragma once
/*
 * A freestanding parser: no libc, no allocation. The manifest's text stays
 * the caller's; every string in the result is a slice of it. The root task
 * parses the manifest from the boot archive; `jericho run --system` parses
 * it on the host first, so that an error is reported before anything boots.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MANIFEST_MAX_MODULES 64
#define MANIFEST_MAX_CAPS    16 /* per module */
#define MANIFEST_MAX_ARGS    32 /* per module, its name (argv[0]) not counted */
#define MANIFEST_MAX_ENV     32  /* per module */
#define MANIFEST_MAX_INVOKE  16 /* per module */
#define MANIFEST_MAX_GUEST   200 /* bytes of a dir= guest path */

/* A piece of the manifest's text. */
typedef struct mf_str {
    const char *p;
    uint32_t len;
} mf_str_t;

/* What a capability line item grants (docs/MANIFEST.md, "Capabilities"). */
typedef enum mf_cap_kind {
    MF_CAP_CONSOLE, /* print and read the console (stdin/stdout/stderr) */
    MF_CAP_CLOCK,   /* read the clock, sleep */
    MF_CAP_SERVE,   /* receive on endpoint NAME (and reply) */
    MF_CAP_CALL,    /* send to / call endpoint NAME, with this module's badge */
    MF_CAP_SIGNAL,  /* signal notification NAME */
    MF_CAP_WAIT,    /* wait on notification NAME */
    MF_CAP_DIR,     /* dir=GUEST:NAME[:ro]: a preopened directory served by endpoint NAME */
} mf_cap_kind_t;

typedef struct mf_cap {
    mf_cap_kind_t kind;
    mf_str_t name; /* the endpoint or notification; empty for console, clock */
    bool grant;    /* call+grant:NAME: may pass capabilities in its messages */
    mf_str_t guest;  /* MF_CAP_DIR: the path the module sees ("/data", ".") */
    bool readonly;   /* MF_CAP_DIR: :ro */
} mf_cap_t;

typedef struct mf_module {
    mf_str_t name, file, stdin_file;
    mf_str_t
        program; /* an ELF of the archive started instead of the wasm runner; empty: the runner */
    uint32_t line; /* where it is declared, for messages */
    uint32_t priority; /* 1..255, higher runs first */
    uint64_t memory; /* bytes: the quota its linear memory and kernel objects draw on */
    uint64_t cpu_budget, cpu_period; /* microseconds; 0/0 = no budget */
    uint32_t restart; /* restarts allowed after a trap or fault */
    bool service; /* service=yes: not waited for (the file server) */
    uint64_t backoff; /* microseconds before the first restart; doubles */
    uint32_t ncaps, nargs, nenv, ninvoke;
    mf_cap_t caps[MANIFEST_MAX_CAPS];
    mf_str_t args[MANIFEST_MAX_ARGS];
    mf_str_t env[MANIFEST_MAX_ENV]; /* NAME=VALUE */
    mf_str_t invoke[MANIFEST_MAX_INVOKE]; /* "EXPORT ARG...": called instead of _start, in order */
} mf_module_t;

typedef struct manifest {
    uint32_t nmodules;
    mf_module_t modules[MANIFEST_MAX_MODULES];
} manifest_t;

/* The first error: its line (1-based) and a message naming the cause. */
typedef struct mf_error {
    uint32_t line;
    char message[160];
} mf_error_t;

/* The defaults of a module line's optional keys. */
#define MF_DEFAULT_PRIORITY 100u
#define MF_DEFAULT_MEMORY   ((uint64_t)64 << 20)
#define MF_DEFAULT_BACKOFF  10000u /* 10 ms */

/* Parses text[0, len) into *out. false with *err filled on the first error
 * (syntax, an unknown key, a value out of range, a duplicate module, a call
 * to an endpoint no module serves, a limit exceeded). */
bool manifest_parse(const char *text, size_t len, manifest_t *out, mf_error_t *err);

/* Does s equal the NUL-terminated string z? */
bool mf_str_eq(mf_str_t s, const char *z);
