/* SPDX-License-Identifier: MIT */
/* arch_types.h: a host stand-in for kernel/arch/<arch>/arch_types.h, so portable kernel core code builds in unit tests. */
#pragma once
#include <stdint.h>

struct arch_vspace {
    uint64_t root;
};
struct arch_thread {
    uint64_t sp;
};

#define ARCH_USER_BASE        0x10000ul
#define ARCH_USER_TOP         0x00007ffffffff000ul
#define ARCH_KSTACK_BASE      0xffffff8000000000ul
#define ARCH_KSTACK_AREA_SIZE 0x40000000ul
#define ARCH_ELF_MACHINE      62
