/* SPDX-License-Identifier: MIT */
/* config.h: every tunable of the generic kernel, in one place. */
#pragma once

#define VM_PAGE_SHIFT 12
#define VM_PAGE_SIZE  (1ul << VM_PAGE_SHIFT)

/* Scheduler: priorities 0 (lowest, idle) .. 255; a timeslice per thread. */
#define CONFIG_PRIORITIES       256
#define CONFIG_TIMESLICE_NS     10000000ull          /* 10 ms */
#define CONFIG_PRIORITY_DEFAULT 100
#define CONFIG_ROOT_PRIORITY    255 /* the root may give its modules any priority */

/* Kernel stacks: KSTACK_SIZE mapped, one unmapped guard page below each. */
#define CONFIG_KSTACK_PAGES 4 /* 16 KiB */
#define CONFIG_KSTACK_SLOT  (((CONFIG_KSTACK_PAGES) + 1) * VM_PAGE_SIZE)
/* At most this many threads (kernel-stack slots) at once. */
#define CONFIG_MAX_THREADS 1024

/* User tasks: stack pages mapped at the top of user space (below a guard page). */
#define CONFIG_USER_STACK_PAGES 8 /* 32 KiB */
#define CONFIG_TASK_NAME_MAX    24

/* Serial input ring (bytes kept until someone reads them). */
#define CONFIG_CONSOLE_INPUT_SIZE 256

/* A Frame object can be mapped in at most this many places at once (shared memory). */
#define CONFIG_FRAME_MAPS 4

/* Demand-zero regions one address space may hold (ELF bss ones included); see region.h. */
#define CONFIG_VSPACE_REGIONS 16

/* Interrupt lines IRQ handlers can name, at most (x86-64 has 24, arm64 up to 988 SPIs; QEMU virt 256). */
#define CONFIG_IRQ_LINES 256
