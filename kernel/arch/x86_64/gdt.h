/* SPDX-License-Identifier: MIT */
/* gdt.h: which exceptions run on their own interrupt stack (IST), set up by gdt.c. */
#pragma once

/*
 * A fault with a broken stack (overflow, or a fault while reporting a fault)
 * would escalate to a triple fault; these vectors switch to a known stack.
 */
#define X86_IST_DOUBLE_FAULT  1
#define X86_IST_NMI           2
#define X86_IST_MACHINE_CHECK 3
#define X86_IST_COUNT         3
