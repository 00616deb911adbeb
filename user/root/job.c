/* SPDX-License-Identifier: MIT */
/* job.c: the job the root hands a module's runner (user/runner/job.h): its strings, capabilities and module. */
#include "root.h"

/* One job header and its strings at a time: the kernel copies it at creation. */
static union {
    struct runner_job_header h;
    char bytes[16384];
} job;

const void *job_bytes(void) { return job.bytes; }

/* Appends s[0, len) and a NUL at *at; false if it does not fit. */
static bool put(uint32_t *at, const char *p, uint32_t len)
{
    if (len >= sizeof job.bytes - *at)
        return false;
    memcpy(job.bytes + *at, p, len);
    job.bytes[*at + len] = 0;
    *at += len + 1;
    return true;
}

static bool put_str(uint32_t *at, mf_str_t s) { return put(at, s.p, s.len); }

/* A preopen: "dir:rw:NAME:GUEST" (or dir:ro:), which the runner keeps for
 * itself (user/runner/files.c); GUEST last, since it may hold ':'. */
static bool put_dir_name(uint32_t *at, const mf_cap_t *c)
{
    char name[16 + 2 * MANIFEST_MAX_GUEST];
    uint32_t n = 7;
    if (c->name.len + c->guest.len + n + 1 > sizeof name)
        return false;
    memcpy(name, c->readonly ? "dir:ro:" : "dir:rw:", n);
    memcpy(name + n, c->name.p, c->name.len);
    n += c->name.len;
    name[n++] = ':';
    memcpy(name + n, c->guest.p, c->guest.len);
    return put(at, name, n + c->guest.len);
}

/* "console", "clock" or "KIND:NAME": what the module asks jericho_handle() for. */
static bool put_cap_name(uint32_t *at, const mf_cap_t *c)
{
    if (c->kind == MF_CAP_DIR)
        return put_dir_name(at, c);
    static const char *const kinds[] = {
        [MF_CAP_CONSOLE] = "console", [MF_CAP_CLOCK] = "clock",    [MF_CAP_SERVE] = "serve:",
        [MF_CAP_CALL] = "call:",      [MF_CAP_SIGNAL] = "signal:", [MF_CAP_WAIT] = "wait:",
    };
    char name[64];
    uint32_t k = (uint32_t)strlen(kinds[c->kind]);
    if (k + c->name.len > sizeof name)
        return false;
    memcpy(name, kinds[c->kind], k);
    memcpy(name + k, c->name.p, c->name.len);
    return put(at, name, k + c->name.len);
}

static bool serves(const mf_module_t *m)
{
    for (uint32_t i = 0; i < m->ncaps; i++)
        if (m->caps[i].kind == MF_CAP_SERVE)
            return true;
    return false;
}

uint32_t job_build(const mf_module_t *m, const archive_file_t *f, const archive_file_t *in,
                   const char **why)
{
    uint32_t at = sizeof job.h;
    job.h = (struct runner_job_header){
        .argc = 1 + m->nargs, .envc = m->nenv, .ncaps = m->ncaps, .ninvoke = m->ninvoke
    };
    memcpy(job.h.magic, RUNNER_JOB_MAGIC, sizeof job.h.magic);
    job.h.reply_slot = serves(m) ? ROOT_RUNNER_REPLY_SLOT : JX_CAP_NONE;
    job.h.report_slot = ROOT_RUNNER_REPORT_SLOT;
    job.h.aspace_slot = ROOT_RUNNER_ASPACE_SLOT;
    job.h.quota_slot = ROOT_RUNNER_QUOTA_SLOT;
    job.h.memory = m->memory;
    uint64_t pages = m->memory >> 16;
    job.h.max_pages = pages > 65536 ? 65536 : (uint32_t)pages;
    bool ok = put(&at, f->name, (uint32_t)strlen(f->name)) && put_str(&at, m->name);
    for (uint32_t i = 0; ok && i < m->nargs; i++)
        ok = put_str(&at, m->args[i]);
    for (uint32_t i = 0; ok && i < m->nenv; i++)
        ok = put_str(&at, m->env[i]);
    for (uint32_t i = 0; ok && i < m->ncaps; i++) {
        job.h.cap_slots[i] = i;
        ok = put_cap_name(&at, &m->caps[i]);
    }
    for (uint32_t i = 0; ok && i < m->ninvoke; i++)
        ok = put_str(&at, m->invoke[i]);
    at = (at + 7) & ~7u;
    if (!ok || at > sizeof job.bytes) {
        *why = "its arguments, environment and invoke entries are too long";
        return 0;
    }
    job.h.wasm_off = at;
    job.h.wasm_size = f->size;
    job.h.stdin_off = in ? at + f->size : 0;
    job.h.stdin_size = in ? in->size : 0;
    return at;
}

/*
 * What the runner (or the program= ELF) itself takes from its module's
 * quota: its ELF's file-backed pages (its bss, the heap's included, is
 * charged page by page as it is touched, within the budget memory.c
 * keeps), the job's copy, the runner's allowance for the engine, and a
 * margin for its stack, IPC buffer, page tables, statics and kernel
 * objects. The module's own `memory` comes on top.
 */
uint64_t job_runner_footprint(const uint8_t *e, uint64_t elf_size, uint32_t job_size)
{
    enum { PT_LOAD = 1, EHDR = 64, PHDR = 56, MARGIN = 512 << 10 };
    uint64_t phoff = 0, total = 0;
    uint16_t phentsize = 0, phnum = 0;
    if (elf_size >= EHDR) {
        memcpy(&phoff, e + 32, 8);
        memcpy(&phentsize, e + 54, 2);
        memcpy(&phnum, e + 56, 2);
    }
    for (uint16_t i = 0; i < phnum; i++) {
        const uint8_t *ph = e + phoff + (uint64_t)i * phentsize;
        if (phentsize < PHDR || phoff > elf_size ||
            (uint64_t)(i + 1) * phentsize > elf_size - phoff)
            break; /* a bad ELF: the kernel refuses it with its own error */
        uint32_t type;
        uint64_t filesz;
        memcpy(&type, ph, 4);
        memcpy(&filesz, ph + 32, 8);
        if (type == PT_LOAD)
            total += (filesz + 2 * 4096 - 1) & ~4095ull; /* a segment may straddle one more page */
    }
    return total + ((job_size + 4095ull) & ~4095ull) + RUNNER_ALLOWANCE + MARGIN;
}
