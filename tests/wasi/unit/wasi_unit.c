/* SPDX-License-Identifier: MIT */
/* wasi_unit.c: unit test of user/wasi over a fake engine and a scripted platform. */
#include <stdio.h>
#include <string.h>

#include "../../../user/wasi/wasi.h"

/* ---- A fake of the six engine functions the WASI layer calls ---------- */

struct jw_memory {
    uint8_t *data;
    uint64_t size;
};
struct jw_host_call {
    void *ud;
    jw_memory_t *mem;
    jw_trap_kind_t trap;
    const char *trap_msg;
};
struct jw_func {
    jw_host_fn_t fn;
    void *ud;
    uint32_t nparams, nresults;
};

static struct jw_func funcs[64];
static unsigned nfuncs;

jw_func_t *jw_host_func_new(jw_store_t *s, const jw_functype_t *type, jw_host_fn_t fn, void *ud)
{
    (void)s;
    if (nfuncs == 64)
        return NULL;
    funcs[nfuncs] = (struct jw_func){ fn, ud, type->nparams, type->nresults };
    return &funcs[nfuncs++];
}
void *jw_host_userdata(const jw_host_call_t *call) { return call->ud; }
jw_memory_t *jw_host_memory(const jw_host_call_t *call) { return call->mem; }
void jw_host_trap(jw_host_call_t *call, jw_trap_kind_t kind, const char *message)
{
    call->trap = kind;
    call->trap_msg = message;
}
uint8_t *jw_memory_data(const jw_memory_t *mem) { return mem->data; }
uint64_t jw_memory_size(const jw_memory_t *mem) { return mem->size; }

/* ---- A scripted platform --------------------------------------------- */

static char written[256];
static size_t nwritten, write_chunk;   /* bytes accepted per call (0 = all) */
static unsigned writes_ok;              /* calls that succeed before write_err */
static uint16_t write_err, read_err, sleep_err;

static unsigned write_calls;             /* platform write requests */
static uint16_t p_write(void *ud, int fd, const wasi_iovec_t *iov, uint32_t niov, size_t *done)
{
    (void)ud, (void)fd;
    write_calls++;
    if (writes_ok == 0 && write_err)
        return write_err;
    if (writes_ok)
        writes_ok--;
    size_t k = 0;
    for (uint32_t i = 0; i < niov; i++) {
        size_t take = iov[i].len;
        if (write_chunk && take > write_chunk - k)
            take = write_chunk - k;
        if (nwritten + take > sizeof written)
            take = sizeof written - nwritten;
        memcpy(written + nwritten, iov[i].base, take);
        nwritten += take;
        k += take;
        if (write_chunk && k == write_chunk)
            break;
    }
    *done = k;
    return 0;
}
static uint16_t p_read(void *ud, int fd, void *buf, size_t n, size_t *done)
{
    (void)ud, (void)fd;
    if (read_err)
        return read_err;
    *done = n < 3 ? n : 3;
    memcpy(buf, "abc", *done);
    return 0;
}
static uint16_t p_clock(void *ud, uint32_t id, uint64_t *ns)
{
    (void)ud;
    if (id > 3)
        return WASI_EINVAL;
    *ns = 1000;
    return 0;
}
static uint16_t p_random(void *ud, void *buf, size_t n)
{
    (void)ud;
    memset(buf, 0x5a, n);
    return 0;
}
static uint16_t p_sleep(void *ud, uint64_t ns)
{
    (void)ud, (void)ns;
    return sleep_err;
}
static uint32_t exit_seen = 999;
static void p_exit(void *ud, uint32_t code)
{
    (void)ud;
    exit_seen = code;
}

static const wasi_platform_t platform = {
    .write = p_write,
    .read = p_read,
    .clock_now = p_clock,
    .clock_res = p_clock,
    .random = p_random,
    .sleep = p_sleep,
    .exit = p_exit,
};

/* File functions: open_at, mkdir_at and close are scripted and count their
 * calls; the others are never reached here and only need to be non-NULL
 * (wasi_init refuses preopens without every one), so they share one stub
 * through a cast that is never called. */
static unsigned open_calls, mkdir_calls, close_calls;
static char last_path[4200];
static uint16_t p_open_at(void *ud, wasi_handle_t dir, const char *path, bool follow,
                          uint32_t oflags, uint32_t fdflags, uint32_t access, wasi_handle_t *out,
                          uint8_t *filetype)
{
    (void)ud, (void)dir, (void)follow, (void)oflags, (void)fdflags, (void)access;
    open_calls++;
    snprintf(last_path, sizeof last_path, "%s", path);
    *out = 100 + (wasi_handle_t)open_calls;
    *filetype = WASI_FILETYPE_REGULAR_FILE;
    return 0;
}
static uint16_t p_mkdir_at(void *ud, wasi_handle_t dir, const char *path)
{
    (void)ud, (void)dir, (void)path;
    mkdir_calls++;
    return 0;
}
static uint16_t p_close(void *ud, wasi_handle_t h)
{
    (void)ud, (void)h;
    close_calls++;
    return 0;
}
static void never_called(void) {}
#define UNUSED_OP(field) .field = (__typeof__(((wasi_platform_t *)0)->field))never_called
static const wasi_platform_t file_platform = {
    .write = p_write,
    .read = p_read,
    .clock_now = p_clock,
    .clock_res = p_clock,
    .random = p_random,
    .sleep = p_sleep,
    .exit = p_exit,
    .open_at = p_open_at,
    .close = p_close,
    .mkdir_at = p_mkdir_at,
    UNUSED_OP(pread),
    UNUSED_OP(pwrite),
    UNUSED_OP(seek),
    UNUSED_OP(sync),
    UNUSED_OP(advise),
    UNUSED_OP(allocate),
    UNUSED_OP(set_flags),
    UNUSED_OP(stat),
    UNUSED_OP(set_size),
    UNUSED_OP(set_times),
    UNUSED_OP(readdir),
    UNUSED_OP(stat_at),
    UNUSED_OP(set_times_at),
    UNUSED_OP(rmdir_at),
    UNUSED_OP(unlink_at),
    UNUSED_OP(rename_at),
    UNUSED_OP(link_at),
    UNUSED_OP(symlink_at),
    UNUSED_OP(readlink_at),
};

/* ---- Helpers ----------------------------------------------------------- */

static int failures;
static void expect(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what); /* read by tests/suites/wasi.sh */
    if (!ok)
        failures++;
}

static uint8_t mem_bytes[4096];
static struct jw_memory mem = { mem_bytes, sizeof mem_bytes };
static wasi_ctx_t ctx;

/* Binds `name` and calls it with i32/i64 args; returns the errno result
 * (or 0xffff if it trapped), with the call record in *call. */
static uint32_t call(const char *name, jw_memory_t *m, jw_host_call_t *rec, int n,
                     const uint64_t *a)
{
    jw_import_info_t imp = {
        WASI_MODULE_NAME, strlen(WASI_MODULE_NAME), name, strlen(name), { .kind = JW_EXTERN_FUNC }
    };
    jw_extern_t ex;
    if (!wasi_resolve(&ctx, &imp, &ex))
        return 0xfffe;
    jw_value_t args[16], res[1] = { { .type = JW_I32 } };
    for (int i = 0; i < n; i++)
        args[i] = (jw_value_t){ .type = JW_I32, .of.i64 = a[i] };
    *rec = (jw_host_call_t){ ex.of.func->ud, m, JW_TRAP_NONE, NULL };
    if (!ex.of.func->fn(rec, args, res))
        return 0xffff;
    return res[0].of.i32;
}
#define CALL(name, m, ...)                                                                         \
    call(name, m, &rec, (int)(sizeof((uint64_t[]){ __VA_ARGS__ }) / 8), (uint64_t[]){ __VA_ARGS__ })

static void put32(uint32_t addr, uint32_t v) { memcpy(mem_bytes + addr, &v, 4); }
static uint32_t get32(uint32_t addr)
{
    uint32_t v;
    memcpy(&v, mem_bytes + addr, 4);
    return v;
}

int main(void)
{
    jw_host_call_t rec;
    const char *argv[] = { "prog", "x" };
    wasi_config_t cfg = { .argc = 2, .argv = argv, .platform = &platform };

    wasi_platform_t partial = platform;
    partial.sleep = NULL;
    cfg.platform = &partial;
    expect(!wasi_init(&ctx, NULL, &cfg), "init refuses a platform without sleep");
    cfg.platform = &platform;
    expect(wasi_init(&ctx, NULL, &cfg), "init");

    jw_import_info_t imp = { "env", 3, "fd_write", 8, { .kind = JW_EXTERN_FUNC } };
    jw_extern_t ex;
    expect(!wasi_resolve(&ctx, &imp, &ex), "resolve: another module is not ours");
    imp = (jw_import_info_t){ WASI_MODULE_NAME, 22, "fd_writ", 7, { .kind = JW_EXTERN_FUNC } };
    expect(!wasi_resolve(&ctx, &imp, &ex), "resolve: a prefix of a name is unknown");
    imp.name = "memory", imp.name_len = 6, imp.type.kind = JW_EXTERN_MEMORY;
    expect(!wasi_resolve(&ctx, &imp, &ex), "resolve: not a function");
    imp.name = "fd_write", imp.name_len = 8, imp.type.kind = JW_EXTERN_FUNC;
    jw_extern_t ex2;
    expect(wasi_resolve(&ctx, &imp, &ex) && wasi_resolve(&ctx, &imp, &ex2) &&
               ex.of.func == ex2.of.func && ex.of.func->nparams == 4 && ex.of.func->nresults == 1,
           "resolve: fd_write (i32 x4) -> i32, created once");
    imp.name = "proc_exit", imp.name_len = 9;
    expect(wasi_resolve(&ctx, &imp, &ex) && ex.of.func->nresults == 0, "proc_exit has no result");

    /* iovecs at 0: "hello" at 100, " world" at 200 */
    memcpy(mem_bytes + 100, "hello", 5);
    memcpy(mem_bytes + 200, " world", 6);
    put32(0, 100), put32(4, 5), put32(8, 200), put32(12, 6);
    expect(CALL("fd_write", NULL, 1, 0, 2, 64) == WASI_EFAULT, "no memory: EFAULT");
    write_calls = 0;
    expect(CALL("fd_write", &mem, 1, 0, 2, 64) == 0 && get32(64) == 11 && nwritten == 11 &&
               memcmp(written, "hello world", 11) == 0 && write_calls == 1,
           "two iovecs go down in one platform write");
    nwritten = 0, write_chunk = 2;
    expect(CALL("fd_write", &mem, 1, 0, 2, 64) == 0 && get32(64) == 11 && nwritten == 11 &&
               memcmp(written, "hello world", 11) == 0,
           "short platform writes are continued");
    nwritten = 0, write_chunk = 5, writes_ok = 1, write_err = WASI_EPIPE;
    expect(CALL("fd_write", &mem, 1, 0, 2, 64) == 0 && get32(64) == 5,
           "error after the first iovec: the bytes written are reported");
    writes_ok = 0;
    expect(CALL("fd_write", &mem, 2, 0, 2, 64) == WASI_EPIPE, "error before any byte: EPIPE");
    write_err = 0, write_chunk = 0;
    /* 100 one-byte iovecs (every 10th empty) at 2800: batches of 64 */
    char want[100];
    size_t nwant = 0;
    for (uint32_t i = 0; i < 100; i++) {
        mem_bytes[3700 + i] = (uint8_t)('a' + i % 26);
        put32(2800 + 8 * i, 3700 + i), put32(2804 + 8 * i, i % 10 ? 1 : 0);
        if (i % 10)
            want[nwant++] = (char)('a' + i % 26);
    }
    nwritten = 0, write_calls = 0;
    expect(CALL("fd_write", &mem, 1, 2800, 100, 64) == 0 && get32(64) == nwant &&
               nwritten == nwant && memcmp(written, want, nwant) == 0 && write_calls == 2,
           "100 iovecs: two platform writes (64 + 36), bytes in order");
    nwritten = 0, write_chunk = 7;
    expect(CALL("fd_write", &mem, 1, 2800, 100, 64) == 0 && get32(64) == nwant &&
               nwritten == nwant && memcmp(written, want, nwant) == 0,
           "100 iovecs written 7 bytes at a time: continued mid-list, bytes in order");
    write_chunk = 0;
    read_err = WASI_EIO;
    expect(CALL("fd_read", &mem, 0, 0, 2, 64) == WASI_EIO, "read error is passed on");
    read_err = 0;
    put32(0, 100), put32(4, 0), put32(8, 300), put32(12, 10);
    expect(CALL("fd_read", &mem, 0, 0, 2, 64) == 0 && get32(64) == 3 &&
               memcmp(mem_bytes + 300, "abc", 3) == 0,
           "read fills the first non-empty iovec");

    put32(1000, 0), put32(1008, 0); /* one relative clock subscription */
    mem_bytes[1008] = 0;
    put32(1016, 1);
    memset(mem_bytes + 1024, 0, 8), mem_bytes[1024] = 50;
    sleep_err = WASI_EINTR;
    expect(CALL("poll_oneoff", &mem, 1000, 2000, 1, 64) == WASI_EINTR,
           "poll_oneoff: a failed sleep is passed on");
    sleep_err = 0;
    expect(CALL("poll_oneoff", &mem, 1000, 2000, 1, 64) == 0 && get32(64) == 1,
           "poll_oneoff: one clock event");

    expect(CALL("args_sizes_get", &mem, 500, 504) == 0 && get32(500) == 2 && get32(504) == 7,
           "args_sizes_get: 2 args, 7 bytes");
    expect(CALL("args_get", &mem, 520, 600) == 0 && get32(520) == 600 && get32(524) == 605 &&
               memcmp(mem_bytes + 600, "prog\0x\0", 7) == 0,
           "args_get: pointers and strings");
    expect(CALL("random_get", &mem, 700, 4) == 0 && mem_bytes[703] == 0x5a &&
               mem_bytes[704] != 0x5a,
           "random_get fills exactly the range");

    /* ---- preopens: the checks made before the platform is asked ---- */
    wasi_preopen_t pre[2] = { { "/data", 7, false }, { "/ro", 8, true } };
    cfg.npreopens = 2, cfg.preopens = pre;
    expect(!wasi_init(&ctx, NULL, &cfg), "init refuses preopens without the file functions");
    cfg.platform = &file_platform;
    expect(wasi_init(&ctx, NULL, &cfg), "init with two preopens");
    expect(CALL("fd_prestat_get", &mem, 3, 800) == 0 && get32(804) == 5,
           "fd_prestat_get(3): the name /data has 5 bytes");
    expect(CALL("fd_prestat_dir_name", &mem, 4, 810, 3) == 0 &&
               memcmp(mem_bytes + 810, "/ro", 3) == 0,
           "fd_prestat_dir_name(4): /ro");
    expect(CALL("fd_prestat_get", &mem, 5, 800) == WASI_EBADF,
           "fd_prestat_get(5): EBADF ends the list");
    static const struct {
        const char *path;
        uint16_t want;
    } paths[] = {
        { "../x", WASI_ENOTCAPABLE },
        { "/etc/passwd", WASI_ENOTCAPABLE },
        { "a/../../x", WASI_ENOTCAPABLE },
        { "a/./../b/../..", WASI_ENOTCAPABLE },
        { "", WASI_ENOENT },
        { "a//b/./../c/", 0 },
        { "x/y/../../z", 0 },
        { "..a/b", 0 },
    };
    for (unsigned i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        char what[128];
        size_t len = strlen(paths[i].path);
        memcpy(mem_bytes + 900, paths[i].path, len);
        open_calls = 0;
        uint32_t e = CALL("path_open", &mem, 3, 0, 900, len, 0, 2, 0, 0, 1000);
        snprintf(what, sizeof what, "path_open(\"%s\"): errno %u, platform %s", paths[i].path,
                 paths[i].want, paths[i].want ? "not asked" : "given the path as written");
        expect(e == paths[i].want && open_calls == (paths[i].want ? 0u : 1u) &&
                   (paths[i].want || strcmp(last_path, paths[i].path) == 0),
               what);
        if (e == 0)
            CALL("fd_close", &mem, get32(1000));
    }
    memcpy(mem_bytes + 900, "a\0b", 3);
    open_calls = 0;
    expect(CALL("path_open", &mem, 3, 0, 900, 3, 0, 2, 0, 0, 1000) == WASI_EILSEQ && !open_calls,
           "path_open: a NUL inside the path is EILSEQ");
    expect(CALL("path_open", &mem, 3, 0, 0, 4096, 0, 2, 0, 0, 1000) == WASI_ENAMETOOLONG &&
               !open_calls,
           "path_open: a 4096-byte path is ENAMETOOLONG");
    expect(CALL("path_open", &mem, 3, 0, 4000, 200, 0, 2, 0, 0, 1000) == WASI_EFAULT && !open_calls,
           "path_open: a path past the end of memory is EFAULT");
    memcpy(mem_bytes + 900, "f", 1);
    expect(CALL("path_open", &mem, 4, 0, 900, 1, 0, 1u << 6, 0, 0, 1000) == WASI_ENOTCAPABLE &&
               !open_calls,
           "read-only preopen: asking for FD_WRITE is ENOTCAPABLE");
    expect(CALL("path_open", &mem, 4, 0, 900, 1, 1, 2, 0, 0, 1000) == WASI_ENOTCAPABLE &&
               !open_calls,
           "read-only preopen: O_CREAT is ENOTCAPABLE");
    expect(CALL("path_create_directory", &mem, 4, 900, 1) == WASI_ENOTCAPABLE && !mkdir_calls,
           "read-only preopen: mkdir is ENOTCAPABLE");
    expect(CALL("path_create_directory", &mem, 3, 900, 1) == 0 && mkdir_calls == 1,
           "read-write preopen: mkdir reaches the platform");
    expect(CALL("path_open", &mem, 3, 0, 900, 1, 0, 2, 0, 0, 1000) == 0 && get32(1000) == 5,
           "path_open: the new fd is the lowest free one (5)");
    expect(CALL("path_open", &mem, 5, 0, 900, 1, 0, 0, 0, 0, 1000) == WASI_ENOTDIR,
           "path_open beneath a file's fd: ENOTDIR");
    expect(CALL("fd_fdstat_get", &mem, 5, 1100) == 0 &&
               mem_bytes[1100] == WASI_FILETYPE_REGULAR_FILE && get32(1108) == 2 &&
               get32(1112) == 0,
           "fd_fdstat_get: the rights asked for (FD_READ), regular file");
    close_calls = 0;
    expect(CALL("fd_renumber", &mem, 5, 4) == 0 && close_calls == 1,
           "fd_renumber(5, 4): the target's handle is closed");
    expect(CALL("fd_prestat_get", &mem, 4, 800) == WASI_EBADF &&
               CALL("fd_close", &mem, 5) == WASI_EBADF,
           "fd_renumber: 4 is now the file, 5 is free");
    expect(CALL("fd_close", &mem, 3) == 0 && close_calls == 2 &&
               CALL("path_create_directory", &mem, 3, 900, 1) == WASI_EBADF,
           "closing a preopen closes its handle; its fd is then EBADF");
    expect(CALL("sock_shutdown", &mem, 4, 0) == WASI_ENOTSOCK &&
               CALL("sock_shutdown", &mem, 3, 0) == WASI_EBADF,
           "sock_shutdown: ENOTSOCK on a file, EBADF on a closed fd");

    uint32_t code = 0;
    expect(!wasi_exited(&ctx, &code), "not exited yet");
    expect(CALL("proc_exit", &mem, 42) == 0xffff && rec.trap == JW_TRAP_HOST &&
               wasi_exited(&ctx, &code) && code == 42 && exit_seen == 42,
           "proc_exit: host trap, code recorded, platform told");
    return failures != 0;
}
