/* SPDX-License-Identifier: MIT */
/* elf.h: validates a static ELF64 executable and lists its loadable segments. Portable. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "jericho/elf.h"
#include "jericho/error.h"

#define ELF_MAX_SEGMENTS 8

/* One PT_LOAD: file bytes [offset, offset+filesz) at vaddr, zero-filled up to memsz. */
struct elf_segment {
    uint64_t vaddr, memsz;
    uint64_t offset, filesz;
    unsigned prot;             /* VM_READ/VM_WRITE/VM_EXEC (arch.h values) */
};

struct elf_image {
    uint64_t entry;
    size_t nseg;
    struct elf_segment seg[ELF_MAX_SEGMENTS];
};

/*
 * Accepts only what the loader can load safely: ELF64, little endian,
 * ET_EXEC for `machine`, at most ELF_MAX_SEGMENTS PT_LOADs, each inside the
 * file, filesz <= memsz, vaddr ≡ offset (mod page), inside [lo, hi) without
 * wrapping, not both writable and executable, no two sharing a page; the
 * entry inside an executable segment. JX_OK or JX_EINVAL; never reads
 * outside data[0, size).
 */
jx_error_t elf_parse(const void *data, size_t size, uint16_t machine, uint64_t lo, uint64_t hi,
                     struct elf_image *out);
