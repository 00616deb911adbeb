/* SPDX-License-Identifier: MIT */
/* jericho.h: what the parts of the hosted `jericho` CLI share. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "../../engine/include/jwasm.h"
#include "../../user/wasi/wasi.h"

/* Exit statuses of `jericho run --host` other than the guest's own. */
#define JERICHO_EXIT_USAGE 2  /* bad command line, unloadable or unlinkable module */
#define JERICHO_EXIT_TRAP  134 /* the guest trapped (like a C program's abort()) */

/* Linear memory: a wasm page, and the pages --max-memory allows: 4 GiB,
 * wasm32's own limit, is also the default. A memory reserves address space
 * for the cap (memory_host.c) and commits pages as memory.grow asks, so a
 * large cap costs a small program nothing. */
#define JW_PAGE_BYTES             65536u
#define JERICHO_MAX_PAGES         65536u
#define JERICHO_DEFAULT_MAX_PAGES JERICHO_MAX_PAGES

/* What `jericho run` was asked to do. */
typedef struct run_opts {
    bool host;                /* --host: run on this Linux host */
    const char *arch;         /* --arch: the OS's architecture under QEMU (NULL: x86_64) */
    bool verbose;             /* --verbose: show the kernel's boot messages too */
    const char *invoke;       /* --invoke NAME, or NULL for _start */
    bool has_fuel;
    uint64_t fuel;            /* --fuel N */
    uint32_t max_pages;       /* --max-memory, in pages */
    int envc;
    const char **envp;        /* --env K=V, in order */
    int nenv_owned;
    char **env_owned;         /* the K=V strings made for --env NAME */
    uint32_t npreopens;
    wasi_preopen_t *preopens; /* --dir, --dir-ro: directories opened by main.c */
    const char *system;       /* --system MANIFEST: a whole system instead of FILE */
    const char *file;
    int nargs;
    char **args;              /* after FILE: guest argv[1..] or invoke args */
} run_opts_t;

/* fresh.c: run as ROOT/build/host/jericho (./jericho links there), sets
 * JERICHO_ROOT and rebuilds and restarts the binary when a file it is built
 * from is newer; else returns. */
void fresh_check(char **argv);

/* run.c: loads, links and runs; returns the process exit status. */
int run_host(const run_opts_t *o);

/* run_os.c: packs the module into a boot archive, boots JerichoOS in QEMU
 * (tools/qemu.sh) with it, passes its output through; its exit status. */
int run_os(const run_opts_t *o);
/* The whole of path, malloc'd; NULL after a message. */
uint8_t *read_all(const char *path, size_t *size);
/* Packs files[0, n) into a new temporary file named by the mkstemp template path; false after a message. */
struct pack_file;
bool write_packed(const struct pack_file *files, size_t n, char *path);

/* run_system.c: packs MANIFEST (o->system) and every file it names into a
 * temporary archive named by the template path; false after a message. */
bool system_archive(const run_opts_t *o, const char *root, char *path);

/* values.c: --invoke argument parsing and result printing. */
/* Parses `text` as a value of `type` into *out; false with a message on
 * stderr if it is not one. */
bool value_parse(jw_valtype_t type, const char *text, jw_value_t *out);
/* Prints one result on its own line on stdout. */
void value_print(const jw_value_t *v);

/* platform_host.c: WASI's platform on Linux (stdio, clocks, getrandom). */
const wasi_platform_t *host_platform(void);
