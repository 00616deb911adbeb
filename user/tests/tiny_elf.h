/* SPDX-License-Identifier: MIT */
/* tiny_elf.h: the smallest executable the kernel's loader takes, built in memory by the tests that create tasks. */
#pragma once
#include "jericho/elf.h"
#include "jx.h"

#if defined(__x86_64__)
#define TINY_ELF_MACHINE 62 /* EM_X86_64 */
#else
#define TINY_ELF_MACHINE 183 /* EM_AARCH64 */
#endif
#define TINY_ELF_VADDR 0x400000

/*
 * The headers of an image of `size` bytes (headers included) loaded whole
 * at TINY_ELF_VADDR as one read+execute segment, entered `code_off` bytes
 * in. The other header fields stay as the caller zeroed them.
 */
static inline void tiny_elf_headers(struct elf64_ehdr *eh, struct elf64_phdr *ph, size_t code_off,
                                    size_t size)
{
    static const uint8_t ident[16] = { 0x7f, 'E', 'L', 'F', ELFCLASS64, ELFDATA2LSB, 1 };
    memcpy(eh->ident, ident, sizeof ident);
    eh->type = ET_EXEC;
    eh->machine = TINY_ELF_MACHINE;
    eh->version = 1;
    eh->entry = TINY_ELF_VADDR + code_off;
    eh->phoff = sizeof *eh;
    eh->ehsize = sizeof *eh;
    eh->phentsize = sizeof *ph;
    eh->phnum = 1;
    eh->shentsize = 64;
    *ph = (struct elf64_phdr){ .type = PT_LOAD,
                               .flags = PF_R | PF_X,
                               .vaddr = TINY_ELF_VADDR,
                               .paddr = TINY_ELF_VADDR,
                               .filesz = size,
                               .memsz = size,
                               .align = 4096 };
}
