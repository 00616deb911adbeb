/* SPDX-License-Identifier: MIT */
/* elf_test.c: elf_parse accepts a good image and rejects each kind of malformed one (and survives random damage). */
#include <stdint.h>
#include <stdlib.h>
#include "arch.h"
#include "elf.h"
#include "hosttest.h"
#include "jericho/error.h"

#define LO 0x10000ull
#define HI 0x7fffffff0000ull

/* Two segments: text (R X) at 0x400000 from offset 0x1000, data (R W) at 0x402000. */
struct image {
    struct elf64_ehdr h;
    struct elf64_phdr ph[3];
    uint8_t body[0x3000 - sizeof(struct elf64_ehdr) - 3 * sizeof(struct elf64_phdr)];
};

static void good(struct image *im)
{
    memset(im, 0, sizeof *im);
    memcpy(im->h.ident, "\177ELF\2\1\1", 7);
    im->h.type = 2;
    im->h.machine = 62;
    im->h.entry = 0x400010;
    im->h.phoff = sizeof im->h;
    im->h.phentsize = sizeof(struct elf64_phdr);
    im->h.phnum = 3;
    im->ph[0] =
        (struct elf64_phdr){ PT_LOAD, PF_R | PF_X, 0x1000, 0x400000, 0, 0x800, 0x800, 0x1000 };
    im->ph[1] =
        (struct elf64_phdr){ PT_LOAD, PF_R | PF_W, 0x2000, 0x402000, 0, 0x100, 0x3000, 0x1000 };
    im->ph[2] = (struct elf64_phdr){ 4, 4, 0, 0, 0, 0, 0, 0 }; /* PT_NOTE: ignored */
}

static int parse(const struct image *im, size_t size)
{
    struct elf_image out;
    return elf_parse(im, size, 62, LO, HI, &out);
}

#define BAD(mutation)                                                                              \
    do {                                                                                           \
        struct image im;                                                                           \
        good(&im);                                                                                 \
        mutation;                                                                                  \
        HT_CHECK(parse(&im, sizeof im) == JX_EINVAL);                                              \
    } while (0)

int main(void)
{
    struct image im;
    struct elf_image out;
    good(&im);
    HT_CHECK(elf_parse(&im, sizeof im, 62, LO, HI, &out) == JX_OK);
    HT_CHECK(out.nseg == 2 && out.entry == 0x400010);
    HT_CHECK(out.seg[0].prot == (VM_READ | VM_EXEC) && out.seg[1].prot == (VM_READ | VM_WRITE));
    HT_CHECK(elf_parse(&im, sizeof im, 183, LO, HI, &out) == JX_EINVAL); /* other arch */
    HT_CHECK(elf_parse(NULL, 0, 62, LO, HI, &out) == JX_EINVAL);
    for (size_t n = 0; n < sizeof im; n += 7) /* truncated */
        HT_CHECK(parse(&im, n) == JX_EINVAL || n >= 0x2100);
    BAD(im.h.ident[0] = 0);
    BAD(im.h.ident[4] = 1); /* 32-bit */
    BAD(im.h.ident[5] = 2); /* big endian */
    BAD(im.h.type = 3); /* ET_DYN */
    BAD(im.h.phentsize = 32);
    BAD(im.h.phoff = sizeof im - 8); /* table runs off the end */
    BAD(im.h.phoff = UINT64_MAX - 8);
    BAD(im.h.phnum = 0xffff);
    BAD(im.h.phnum = 0); /* nothing to load */
    BAD(im.ph[0].filesz = 0x900; im.ph[0].memsz = 0x800); /* filesz > memsz */
    BAD(im.ph[0].offset = 0x2f00); /* file bytes past the end */
    BAD(im.ph[0].offset = UINT64_MAX - 0x10);
    BAD(im.ph[0].vaddr = 0x400004); /* vaddr and offset disagree mod page */
    BAD(im.ph[0].vaddr = 0x1000; im.h.entry = 0x1010); /* below user space */
    BAD(im.ph[1].vaddr = HI - 0x1000); /* runs past the top */
    BAD(im.ph[1].vaddr = UINT64_MAX & ~0xfffull); /* would wrap */
    BAD(im.ph[1].memsz = UINT64_MAX);
    BAD(im.ph[1].flags = 7); /* W and X */
    BAD(im.ph[1].vaddr = 0x400000 + 0x800; im.ph[1].offset = 0x2800); /* shares text's page */
    BAD(im.h.entry = 0x402000); /* entry in data */
    BAD(im.h.entry = 0x500000); /* entry nowhere */
    BAD(im.ph[2] = im.ph[1]); /* duplicate segment */
    /* Random damage: must never read out of bounds (ASan) whatever it returns. */
    srand(1);
    for (int i = 0; i < 20000; i++) {
        good(&im);
        for (int k = 0; k < 1 + rand() % 8; k++)
            ((uint8_t *)&im)[rand() % (sizeof im.h + sizeof im.ph)] = (uint8_t)rand();
        parse(&im, (size_t)rand() % (sizeof im + 1));
    }
    return ht_finish("elf_test");
}
