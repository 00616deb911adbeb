/* SPDX-License-Identifier: MIT */
/* main.c: the `jericho` command line: subcommands, options, --help. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jericho.h"

static const char usage_text[] =
    "usage: jericho run --host [OPTIONS] FILE.wasm [ARGS...]\n"
    "       jericho run --host [OPTIONS] --invoke NAME FILE.wasm [VALUES...]\n"
    "       jericho --help\n"
    "\n"
    "Runs a WebAssembly module with WASI preview1 (wasi_snapshot_preview1).\n"
    "\n"
    "  --host           run the module as a process on this Linux host; stdin,\n"
    "                   stdout and stderr pass through, no files are reachable.\n"
    "                   (Without --host, `run` will start the module on JerichoOS;\n"
    "                   that target does not exist yet.)\n"
    "  --invoke NAME    call the exported function NAME instead of _start, with\n"
    "                   VALUES parsed per its parameter types (integers in decimal\n"
    "                   or 0x hex, floats as C reads them: 1.5, -inf, nan), and\n"
    "                   print each result on its own line. A reactor's\n"
    "                   _initialize is called first.\n"
    "  --fuel N         stop the module with a 'fuel exhausted' trap after about N\n"
    "                   instructions\n"
    "  --max-memory P   cap every linear memory at P pages of 64 KiB\n"
    "  --env K=V        add K=V to the module's environment (repeatable; the\n"
    "                   module sees no other variables)\n"
    "  -h, --help       print this help\n"
    "Options come before FILE (everything after FILE goes to the module); a value\n"
    "may also be attached: --fuel=1000000.\n"
    "\n"
    "ARGS are the module's argv[1..]; its argv[0] is FILE as given.\n"
    "\n"
    "Exit status:\n"
    "  the module's proc_exit code (0 when _start returns; codes above 255 are\n"
    "  reported as 255)\n"
    "  134  the module trapped (also in its start function, or when the fuel ran\n"
    "       out); stderr has 'jericho: FILE: trap: KIND in func N at +0xOFFSET',\n"
    "       OFFSET being the trapping instruction's byte offset in FILE\n"
    "  2    bad usage, unreadable or invalid module (the message gives the byte\n"
    "       offset), an import the host does not provide, no _start without\n"
    "       --invoke, or a module that needs more than --max-memory\n";

static int usage_error(const char *fmt, const char *arg) {
    fprintf(stderr, "jericho: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see jericho --help)\n");
    return JERICHO_EXIT_USAGE;
}

static bool parse_u64(const char *s, uint64_t *out) {
    char *end;
    if (!(*s >= '0' && *s <= '9')) return false;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end) return false;
    *out = v;
    return true;
}

/* True if option `a` (its first `len` bytes: the part before any '=') is `name`. */
static bool opt_is(const char *a, size_t len, const char *name) {
    return strlen(name) == len && strncmp(a, name, len) == 0;
}

/* Parses OPTIONS FILE ARGS... of `run` into *o; 0, -1 after --help, or an
 * exit status. An option's value follows it, or is attached with '='. */
static int parse_run(int argc, char **argv, run_opts_t *o) {
    int i = 0;
    uint64_t v;
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
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_text, stdout);
            return -1;
        }
        bool takes_value = opt_is(a, len, "--invoke") || opt_is(a, len, "--fuel") ||
                           opt_is(a, len, "--max-memory") || opt_is(a, len, "--env");
        if (!takes_value) return usage_error("unknown option '%s'", a);
        if (!eq && i + 1 >= argc) return usage_error("%s needs a value", a);
        const char *val = eq ? eq + 1 : argv[++i];
        if (opt_is(a, len, "--invoke")) {
            o->invoke = val;
        } else if (opt_is(a, len, "--fuel")) {
            if (!parse_u64(val, &o->fuel)) return usage_error("bad --fuel '%s'", val);
            o->has_fuel = true;
        } else if (opt_is(a, len, "--max-memory")) {
            if (!parse_u64(val, &v) || v == 0 || v > 65536)
                return usage_error("bad --max-memory '%s' (pages: 1..65536)", val);
            o->max_pages = (uint32_t)v;
        } else {
            if (!strchr(val, '=') || val[0] == '=')
                return usage_error("bad --env '%s' (expected KEY=VALUE)", val);
            o->envp[o->envc++] = val;
        }
    }
    if (i >= argc) return usage_error("%s", "run: no module file given");
    o->file = argv[i];
    o->args = argv + i + 1;
    o->nargs = argc - i - 1;
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs(usage_text, stderr);
        return JERICHO_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (strcmp(cmd, "run") != 0) return usage_error("unknown command '%s'", cmd);
    run_opts_t o = {0};
    const char **envp = calloc((size_t)argc, sizeof *envp);
    if (!envp) return JERICHO_EXIT_USAGE;
    o.envp = envp;
    int status = parse_run(argc - 2, argv + 2, &o);
    if (status == 0 && !o.host) {
        fprintf(stderr, "jericho: %s: running on JerichoOS is not there yet (a later issue "
                        "adds it); use `jericho run --host FILE` to run on this host\n",
                o.file);
        status = JERICHO_EXIT_USAGE;
    } else if (status == 0) {
        status = run_host(&o);
    }
    free(envp);
    return status < 0 ? 0 : status;
}
