/* SPDX-License-Identifier: MIT */
/* main.c: the `jericho` command line: subcommands, options, --help, --version. */
#define _POSIX_C_SOURCE 200809L /* strndup, O_DIRECTORY, O_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../kernel/include/version.h"
#include "jericho.h"

static const char usage_text[] =
    "usage: jericho run [--arch x86_64|aarch64] [--verbose] [--env ...] FILE.wasm [ARGS...]\n"
    "       jericho run [--arch x86_64|aarch64] [--verbose] --system MANIFEST\n"
    "       jericho run --host [OPTIONS] FILE.wasm [ARGS...]\n"
    "       jericho run --host [OPTIONS] --invoke NAME FILE.wasm [VALUES...]\n"
    "       jericho [OPTIONS] FILE.wasm [ARGS...]   (short for jericho run ...)\n"
    "       jericho --help | --version\n"
    "\n"
    "Runs a WebAssembly module with WASI preview1 (wasi_snapshot_preview1).\n"
    "\n"
    "Without --host, the module runs on JerichoOS: the kernel boots in QEMU\n"
    "(tools/qemu.sh, built first if need be) with a boot archive holding the\n"
    "module and a manifest line that gives it the console and the clock, ARGS\n"
    "and --env (no --invoke or --fuel there yet; argv[0] is FILE's base\n"
    "name). Its output passes through and its status is jericho's. --dir and\n"
    "--dir-ro pack HOST's tree for a file server in the OS: the module's changes\n"
    "stay in the OS's memory and are lost at power-off; HOST is never written.\n"
    "  --arch ARCH      x86_64 (default) or aarch64\n"
    "  --verbose        show the kernel's boot messages and the root task's report\n"
    "  --system MANIFEST\n"
    "                   boot a whole system: the modules MANIFEST names\n"
    "                   (docs/MANIFEST.md), each with the capabilities its line\n"
    "                   gives. A file= is looked up beside MANIFEST, then in\n"
    "                   build/apps/DIR/ for a manifest in apps/DIR/ (built by\n"
    "                   `make apps`). The status is the root task's: the first\n"
    "                   non-zero status of a module, in manifest order\n"
    "  --host           run the module as a process on this Linux host; stdin,\n"
    "                   stdout and stderr pass through, files only beneath --dir.\n"
    "  --invoke NAME    call the exported function NAME instead of _start, with\n"
    "                   VALUES parsed per its parameter types (integers in decimal\n"
    "                   or 0x hex, floats as C reads them: 1.5, -inf, nan), and\n"
    "                   print each result on its own line. A reactor's\n"
    "                   _initialize is called first.\n"
    "  --fuel N         stop the module with a 'fuel exhausted' trap after about N\n"
    "                   instructions\n"
    "  --max-memory SIZE\n"
    "                   cap every linear memory at SIZE: bytes with a unit (B, KiB,\n"
    "                   MiB, GiB; K, M, G and KB, MB, GB mean the same powers of\n"
    "                   1024), rounded down to whole 64 KiB pages, or a plain\n"
    "                   number of pages: 2GiB = 32768. Default and maximum: 4GiB\n"
    "                   (65536 pages), wasm32's own limit. Only address space is\n"
    "                   reserved up front: host memory is taken as the module\n"
    "                   touches the pages it grew.\n"
    "  --dir HOST[::GUEST]\n"
    "                   give the module the host directory HOST, under the name\n"
    "                   GUEST (default: HOST as given), to read and change\n"
    "                   (repeatable). A module's relative paths resolve beneath\n"
    "                   the one named . (--dir .) or /. Every path the module uses\n"
    "                   stays beneath it: `..` above it, absolute paths and\n"
    "                   symlinks that lead out are refused (ENOTCAPABLE)\n"
    "  --dir-ro HOST[::GUEST]\n"
    "                   the same, read-only: nothing in it can be created,\n"
    "                   written, renamed or removed (ENOTCAPABLE; a file opened\n"
    "                   for writing is EBADF on write)\n"
    "  --env NAME=VALUE add NAME=VALUE to the module's environment (repeatable;\n"
    "                   the module sees no other variables)\n"
    "  --env NAME       pass this host variable on with its value (none if the\n"
    "                   host has no NAME)\n"
    "  -h, --help       print this help\n"
    "  -V, --version    print the version\n"
    "Options come before FILE (everything after FILE goes to the module); a value\n"
    "may also be attached: --fuel=1000000.\n"
    "\n"
    "ARGS are the module's argv[1..]; its argv[0] is FILE as given.\n"
    "\n"
    "Exit status:\n"
    "  the module's proc_exit code, or 0 when _start returns; like a native\n"
    "  program's, only its low 8 bits reach the shell: exit(300) gives 44\n"
    "  134  the module trapped (also in its start function, or when the fuel ran\n"
    "       out); stderr has 'jericho: FILE: trap: KIND in NAME (func N) at\n"
    "       +0xOFFSET' (NAME from the module's name section, when it has one;\n"
    "       OFFSET is the trapping instruction's byte offset in FILE), then the\n"
    "       wasm backtrace, innermost call first\n"
    "  2    bad usage, unreadable or invalid module (the message gives the byte\n"
    "       offset), an import the host does not provide, no _start without\n"
    "       --invoke, or a module that needs more memory than --max-memory\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "jericho: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see jericho --help)\n");
    return JERICHO_EXIT_USAGE;
}

static bool parse_u64(const char *s, uint64_t *out, char **end)
{
    if (!(*s >= '0' && *s <= '9'))
        return false;
    errno = 0;
    unsigned long long v = strtoull(s, end, 10);
    if (errno)
        return false;
    *out = v;
    return true;
}

/* The bytes of one unit of --max-memory (case-insensitive), 0 if unknown. */
static uint64_t memory_unit(const char *u)
{
    static const struct {
        const char *name;
        uint64_t bytes;
    } units[] = {
        { "b", 1 },         { "k", 1u << 10 },   { "kb", 1u << 10 },  { "kib", 1u << 10 },
        { "m", 1u << 20 },  { "mb", 1u << 20 },  { "mib", 1u << 20 }, { "g", 1u << 30 },
        { "gb", 1u << 30 }, { "gib", 1u << 30 },
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcasecmp(u, units[i].name) == 0)
            return units[i].bytes;
    return 0;
}

/* --max-memory SIZE: pages, or bytes with a unit; 1..JERICHO_MAX_PAGES pages. */
static bool parse_memory(const char *s, uint32_t *pages)
{
    uint64_t v, unit = 0;
    char *end;
    if (!parse_u64(s, &v, &end))
        return false;
    if (*end && !(unit = memory_unit(end)))
        return false;
    uint64_t limit = JERICHO_MAX_PAGES;
    if (unit)
        v = v > (limit * JW_PAGE_BYTES) / unit ? limit + 1 : v * unit / JW_PAGE_BYTES;
    if (v == 0 || v > limit)
        return false;
    *pages = (uint32_t)v;
    return true;
}

/* True if option `a` (its first `len` bytes: the part before any '=') is `name`. */
static bool opt_is(const char *a, size_t len, const char *name)
{
    return strlen(name) == len && strncmp(a, name, len) == 0;
}

/* --env VAL: NAME=VALUE as given, or NAME alone for the host's value (a
 * string made here, owned by o->env_owned); false if VAL is malformed. */
static bool add_env(run_opts_t *o, const char *val)
{
    const char *eq = strchr(val, '=');
    if (val[0] == '=' || !val[0])
        return false;
    if (eq) {
        o->envp[o->envc++] = val;
        return true;
    }
    const char *host = getenv(val);
    if (!host)
        return true; /* the host has none: neither has the module */
    size_t n = strlen(val), m = strlen(host);
    char *kv = malloc(n + m + 2);
    if (!kv)
        return false;
    memcpy(kv, val, n);
    kv[n] = '=';
    memcpy(kv + n + 1, host, m + 1);
    o->env_owned[o->nenv_owned++] = kv;
    o->envp[o->envc++] = kv;
    return true;
}

/* --dir/--dir-ro HOST[::GUEST]: opens HOST now (a directory handle the
 * WASI layer resolves everything beneath) and names it GUEST. */
static bool add_dir(run_opts_t *o, const char *val, bool readonly)
{
    const char *sep = strstr(val, "::");
    size_t n = sep ? (size_t)(sep - val) : strlen(val);
    const char *guest = sep ? sep + 2 : val;
    char *host = strndup(val, n);
    if (!host || !n || !*guest) {
        free(host);
        return false;
    }
    int fd = open(host, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        fprintf(stderr, "jericho: --dir %s: %s\n", host, strerror(errno));
    free(host);
    if (fd < 0)
        return false;
    o->preopens[o->npreopens++] = (wasi_preopen_t){ guest, fd, readonly };
    return true;
}

/* Applies the option `a` (its name's first `len` bytes) with value `val`;
 * 0 or an exit status. */
static int apply_option(run_opts_t *o, const char *a, size_t len, const char *val)
{
    if (opt_is(a, len, "--invoke")) {
        o->invoke = val;
    } else if (opt_is(a, len, "--fuel")) {
        char *end;
        if (!parse_u64(val, &o->fuel, &end) || *end)
            return usage_error("bad --fuel '%s'", val);
        o->has_fuel = true;
    } else if (opt_is(a, len, "--max-memory")) {
        if (!parse_memory(val, &o->max_pages))
            return usage_error("bad --max-memory '%s' (bytes with a unit, 64KiB..4GiB, such "
                               "as 512MiB or 2GiB; or pages, 1..65536)",
                               val);
    } else if (opt_is(a, len, "--dir") || opt_is(a, len, "--dir-ro")) {
        if (!add_dir(o, val, len == 8))
            return usage_error("bad --dir '%s' (expected HOST or HOST::GUEST, HOST an "
                               "existing directory)",
                               val);
    } else if (!add_env(o, val)) {
        return usage_error("bad --env '%s' (expected NAME=VALUE or NAME)", val);
    }
    return 0;
}

static int print_version(void)
{
    printf("jericho %s (hosted runner: WebAssembly engine jwasm, WASI preview1)\n",
           JERICHO_VERSION);
    return -1;
}

/* Parses OPTIONS FILE ARGS... of `run` into *o; 0, -1 after --help or
 * --version, or an exit status. An option's value follows it, or is
 * attached with '='. */
static int parse_run(int argc, char **argv, run_opts_t *o)
{
    int i = 0;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *a = argv[i], *eq = strchr(a, '=');
        size_t len = eq ? (size_t)(eq - a) : strlen(a);
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(a, "--host") == 0) {
            o->host = true;
            continue;
        }
        if (strcmp(a, "--verbose") == 0) {
            o->verbose = true;
            continue;
        }
        if (opt_is(a, len, "--arch") || opt_is(a, len, "--system")) {
            if (!eq && i + 1 >= argc)
                return usage_error("%s needs a value", a);
            *(opt_is(a, len, "--arch") ? &o->arch : &o->system) = eq ? eq + 1 : argv[++i];
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_text, stdout);
            return -1;
        }
        if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0)
            return print_version();
        bool takes_value = opt_is(a, len, "--invoke") || opt_is(a, len, "--fuel") ||
                           opt_is(a, len, "--max-memory") || opt_is(a, len, "--env") ||
                           opt_is(a, len, "--dir") || opt_is(a, len, "--dir-ro");
        if (!takes_value)
            return usage_error("unknown option '%s'", a);
        if (!eq && i + 1 >= argc)
            return usage_error("%s needs a value", a);
        int status = apply_option(o, a, len, eq ? eq + 1 : argv[++i]);
        if (status)
            return status;
    }
    if (o->system) {
        if (i < argc)
            return usage_error("--system takes no module file ('%s')", argv[i]);
        if (o->host)
            return usage_error("%s", "--system runs on JerichoOS, not with --host");
        return 0;
    }
    if (i >= argc)
        return usage_error("%s", "run: no module file given");
    o->file = argv[i];
    o->args = argv + i + 1;
    o->nargs = argc - i - 1;
    return 0;
}

/* `jericho X ...` is `jericho run X ...` when X is an option or a .wasm file. */
static bool is_run_shorthand(const char *cmd)
{
    size_t n = strlen(cmd);
    return cmd[0] == '-' || (n > 5 && strcmp(cmd + n - 5, ".wasm") == 0);
}

static int run_command(int argc, char **argv)
{
    run_opts_t o = { .max_pages = JERICHO_DEFAULT_MAX_PAGES };
    o.envp = calloc((size_t)argc + 1, sizeof *o.envp);
    o.env_owned = calloc((size_t)argc + 1, sizeof *o.env_owned);
    o.preopens = calloc((size_t)argc + 1, sizeof *o.preopens);
    int status = JERICHO_EXIT_USAGE;
    if (o.envp && o.env_owned && o.preopens)
        status = parse_run(argc, argv, &o);
    if (status == 0 && !o.host) {
        status = run_os(&o);
    } else if (status == 0) {
        status = run_host(&o);
    }
    for (int i = 0; o.env_owned && i < o.nenv_owned; i++)
        free(o.env_owned[i]);
    free(o.env_owned);
    free(o.envp);
    free(o.preopens); /* their fds: closed by the guest or at exit */
    return status < 0 ? 0 : status;
}

int main(int argc, char **argv)
{
    fresh_check(argv);
    if (argc < 2) {
        fputs(usage_text, stderr);
        return JERICHO_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        print_version();
        return 0;
    }
    if (strcmp(cmd, "run") == 0)
        return run_command(argc - 2, argv + 2);
    if (is_run_shorthand(cmd))
        return run_command(argc - 1, argv + 1);
    return usage_error("unknown command '%s' (commands: run; or give FILE.wasm)", cmd);
}
