/* SPDX-License-Identifier: MIT */
/* cpu.c: small arm64 CPU operations behind the arch interface. */
#include "arch.h"

void arch_undefined_instruction(void)
{
    __asm__ volatile("udf #0");
}
