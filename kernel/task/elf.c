/* SPDX-License-Identifier: MIT */
/* elf.c: validation of static ELF64 executables for the task loader; trusts nothing in the file. */
#include <stdbool.h>
#include "arch.h"
#include "config.h"
#include "elf.h"
#include "jericho/error.h"
#include "kstring.h"

static jx_error_t elf_check_header(const struct elf64_ehdr *h, size_t size, uint16_t machine)
{
    static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };
    if (memcmp(h->ident, magic, 4) != 0 || h->ident[EI_CLASS] != ELFCLASS64 ||
        h->ident[EI_DATA] != ELFDATA2LSB || h->type != ET_EXEC || h->machine != machine ||
        h->phentsize != sizeof(struct elf64_phdr))
        return JX_EINVAL;
    if (h->phoff > size || (uint64_t)h->phnum * sizeof(struct elf64_phdr) > size - h->phoff)
        return JX_EINVAL;
    return JX_OK;
}

/* One PT_LOAD checked on its own: inside the file and inside [lo, hi). */
static jx_error_t elf_check_segment(const struct elf64_phdr *ph, size_t size, uint64_t lo,
                                    uint64_t hi, struct elf_segment *s)
{
    if (ph->filesz > ph->memsz || ph->memsz == 0)
        return JX_EINVAL;
    if (ph->offset > size || ph->filesz > size - ph->offset)
        return JX_EINVAL;
    if ((ph->vaddr & (VM_PAGE_SIZE - 1)) != (ph->offset & (VM_PAGE_SIZE - 1)))
        return JX_EINVAL;
    if (ph->vaddr < lo || ph->vaddr >= hi || ph->memsz > hi - ph->vaddr)
        return JX_EINVAL;
    if ((ph->flags & PF_W) && (ph->flags & PF_X))
        return JX_EINVAL; /* W^X in user space too */
    s->vaddr = ph->vaddr;
    s->memsz = ph->memsz;
    s->offset = ph->offset;
    s->filesz = ph->filesz;
    s->prot = VM_READ | (ph->flags & PF_W ? VM_WRITE : 0) | (ph->flags & PF_X ? VM_EXEC : 0);
    return JX_OK;
}

static uint64_t page_down(uint64_t a) { return a & ~(uint64_t)(VM_PAGE_SIZE - 1); }

/* Segments may not share a page: each page gets exactly one protection. */
static bool elf_overlaps(const struct elf_image *img, const struct elf_segment *s)
{
    uint64_t s_lo = page_down(s->vaddr), s_hi = page_down(s->vaddr + s->memsz - 1);
    for (size_t i = 0; i < img->nseg; i++) {
        const struct elf_segment *o = &img->seg[i];
        uint64_t o_lo = page_down(o->vaddr), o_hi = page_down(o->vaddr + o->memsz - 1);
        if (s_lo <= o_hi && o_lo <= s_hi)
            return true;
    }
    return false;
}

static bool elf_entry_ok(const struct elf_image *img)
{
    for (size_t i = 0; i < img->nseg; i++) {
        const struct elf_segment *s = &img->seg[i];
        if ((s->prot & VM_EXEC) && img->entry >= s->vaddr && img->entry - s->vaddr < s->memsz)
            return true;
    }
    return false;
}

jx_error_t elf_parse(const void *data, size_t size, uint16_t machine, uint64_t lo, uint64_t hi,
                     struct elf_image *out)
{
    struct elf64_ehdr h;
    if (!data || size < sizeof h)
        return JX_EINVAL;
    memcpy(&h, data, sizeof h); /* the blob need not be aligned */
    if (elf_check_header(&h, size, machine) != JX_OK)
        return JX_EINVAL;
    out->entry = h.entry;
    out->nseg = 0;
    for (uint16_t i = 0; i < h.phnum; i++) {
        struct elf64_phdr ph;
        memcpy(&ph, (const char *)data + h.phoff + i * sizeof ph, sizeof ph);
        if (ph.type != PT_LOAD || (ph.memsz == 0 && ph.filesz == 0))
            continue; /* linkers emit empty PT_LOADs for empty sections */
        struct elf_segment s;
        if (out->nseg == ELF_MAX_SEGMENTS || elf_check_segment(&ph, size, lo, hi, &s) != JX_OK ||
            elf_overlaps(out, &s))
            return JX_EINVAL;
        out->seg[out->nseg++] = s;
    }
    return out->nseg && elf_entry_ok(out) ? JX_OK : JX_EINVAL;
}
