/* SPDX-License-Identifier: MIT */
/* arch.h: the one interface between generic kernel code and kernel/arch/<arch>/. */
#pragma once
#include <stdint.h>
#include <stdnoreturn.h>
#include "boot.h"

/*
 * Boot: the arch entry code reads the cycle counter first thing, sets up
 * enough of the CPU to run C (stack, paging, exception vectors, console),
 * fills a struct boot_info and calls kernel_main(), which never returns.
 */
noreturn void kernel_main(struct boot_info *bi);

/* Console: write one byte to the boot console (COM1 / PL011). */
void arch_console_putc(char c);

/* Time: a free-running counter (TSC / CNTVCT_EL0) and its frequency in Hz. */
uint64_t arch_cycles(void);
uint64_t arch_cycles_per_second(void);

/* Power QEMU off with `status` as its exit code (isa-debug-exit / semihosting). */
noreturn void arch_exit(int status);

/* Stop this CPU for good: interrupts off, halt/wfi forever. */
noreturn void arch_halt(void);

/* Execute an instruction the CPU does not define (ud2 / udf): for fault tests. */
void arch_undefined_instruction(void);
