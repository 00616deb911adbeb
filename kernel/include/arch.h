/* SPDX-License-Identifier: MIT */
/* arch.h: the one interface between generic kernel code and kernel/arch/<arch>/. */
#pragma once
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include "arch_types.h"   /* kernel/arch/<arch>/arch_types.h: the types and constants below */
#include "boot.h"
#include "jericho/error.h"

/*
 * kernel/arch/<arch>/arch_types.h must define:
 *   struct arch_vspace   one address space's page-table root (embedded in struct vspace)
 *   struct arch_thread   a thread's saved kernel context, kernel stack top and
 *                        user FPU/SIMD state (embedded in struct thread)
 *   ARCH_USER_BASE       lowest user virtual address a task may map (page aligned, > 0)
 *   ARCH_USER_TOP        one past the highest user address (page aligned); user
 *                        ranges are [ARCH_USER_BASE, ARCH_USER_TOP)
 *   ARCH_KSTACK_BASE     start of the kernel-stack area (kernel half, shared by
 *                        every address space), ARCH_KSTACK_AREA_SIZE bytes long
 *   ARCH_ELF_MACHINE     e_machine of this arch's user ELF files (EM_X86_64 62, EM_AARCH64 183)
 */

typedef uint64_t paddr_t;

/* ---- Boot --------------------------------------------------------------
 * The arch entry code reads the cycle counter first thing, sets up enough
 * of the CPU to run C (stack, final kernel page tables: the image W^X, a
 * direct map of every RAM region in boot_info.ram, exception vectors,
 * console), fills a struct boot_info and calls kernel_main(), which never
 * returns. Interrupts are off and stay off in kernel mode (see below).
 */
noreturn void kernel_main(struct boot_info *bi);

/* Console: write one byte to the boot console (COM1 / PL011). */
void arch_console_putc(char c);

/* The CPU's random-number generator (RDRAND / RNDR): a 64-bit random
 * number in *out, or false if the CPU has none or it gave nothing now. */
bool arch_random(uint64_t *out);

/* Time: a free-running counter (TSC / CNTVCT_EL0) and its frequency in Hz;
 * arch_cycles() is inline in arch_types.h (the clock reads it at every switch). */
uint64_t arch_cycles_per_second(void);

/* The machine's real-time clock (CMOS / PL031), read once at boot: seconds
 * since 1970-01-01 00:00 UTC in *secs, or false if it has none or it gave
 * no valid date. */
bool arch_rtc_seconds(uint64_t *secs);

/* Power QEMU off with `status` as its exit code (isa-debug-exit / semihosting). */
noreturn void arch_exit(int status);

/* Stop this CPU for good: interrupts off, halt/wfi forever. */
noreturn void arch_halt(void);

/* Execute an instruction the CPU does not define (ud2 / udf): for fault tests. */
void arch_undefined_instruction(void);

/* ---- Physical memory ---------------------------------------------------
 * The direct map: every byte of RAM in boot_info.ram is readable and
 * writable (never executable) by the kernel at arch_phys_to_virt(pa), from
 * kernel_main on. arch_virt_to_phys is its inverse, for direct-map
 * addresses only. Page-table frames come from frame_alloc() (frame.h).
 */
void *arch_phys_to_virt(paddr_t pa);
paddr_t arch_virt_to_phys(const void *va);

/* ---- Address spaces ----------------------------------------------------
 * Generic protection flags. VM_USER marks a page user-accessible. A page is
 * never both VM_WRITE and VM_EXEC (callers enforce W^X, the arch may
 * refuse). VM_READ is implied by any mapping on both arches.
 * All calls below run with interrupts off; `va` is page aligned and, for
 * user address spaces, inside [ARCH_USER_BASE, ARCH_USER_TOP).
 * Calls that can fail return a jx_error_t (0 = JX_OK).
 */
#define VM_READ  1u
#define VM_WRITE 2u
#define VM_EXEC  4u
#define VM_USER  8u

/* An empty user address space sharing the kernel half. JX_ENOMEM if no frame. */
jx_error_t arch_vspace_create(struct arch_vspace *as);
/*
 * Frees every page-table frame of `as`, calling release(pa) for every frame
 * still mapped in it first. `as` must not be the current address space.
 */
void arch_vspace_destroy(struct arch_vspace *as, void (*release)(paddr_t pa));
/* Maps va -> pa. JX_EEXIST if va is mapped, JX_ENOMEM if a table frame is missing (nothing changed). */
jx_error_t arch_vspace_map(struct arch_vspace *as, uintptr_t va, paddr_t pa, unsigned prot);
/* Unmaps va, returns its frame in *pa, and flushes its TLB entry. JX_ENOENT if not mapped. */
jx_error_t arch_vspace_unmap(struct arch_vspace *as, uintptr_t va, paddr_t *pa);
/* Changes the protection of a mapped va (and flushes its TLB entry). JX_ENOENT if not mapped. */
jx_error_t arch_vspace_protect(struct arch_vspace *as, uintptr_t va, unsigned prot);
/* The frame and protection va is mapped with. JX_ENOENT if not mapped. */
jx_error_t arch_vspace_lookup(const struct arch_vspace *as, uintptr_t va, paddr_t *pa,
                              unsigned *prot);
/*
 * Ranges [lo, hi) (page aligned, lo < hi, user): both walk only the tables
 * that exist, so a sparse range of gigabytes costs what is mapped in it.
 * count: the pages mapped in the range. clear: unmaps every page of the
 * range, calling release(pa) for each, frees the page-table frames it left
 * empty and flushes what the TLB held of them; returns the pages unmapped.
 */
uint64_t arch_vspace_count(const struct arch_vspace *as, uintptr_t lo, uintptr_t hi);
uint64_t arch_vspace_clear(struct arch_vspace *as, uintptr_t lo, uintptr_t hi,
                           void (*release)(paddr_t pa));
/* Makes `as` the user half of the current address space; NULL: no user half. */
void arch_vspace_switch(struct arch_vspace *as);

/*
 * Kernel-half mappings inside [ARCH_KSTACK_BASE, +ARCH_KSTACK_AREA_SIZE),
 * visible in every address space at once (used for kernel stacks, whose
 * guard pages are simply left unmapped). prot is VM_READ|VM_WRITE.
 */
jx_error_t arch_kernel_map(uintptr_t va, paddr_t pa, unsigned prot);
/* Unmaps a page mapped by arch_kernel_map and flushes it everywhere. */
void arch_kernel_unmap(uintptr_t va);

/* ---- Threads -----------------------------------------------------------
 * Sets up `t` so that the first arch_switch() to it runs entry(arg)
 * on the kernel stack ending at kstack_top (16-byte aligned), with
 * interrupts off, and gives it a clean user FPU/SIMD state. entry must not
 * return (it ends in sched_exit() or arch_enter_user()).
 */
void arch_thread_init(struct arch_thread *t, uintptr_t kstack_top, void (*entry)(void *),
                      void *arg);
/*
 * The CPU side of a thread switch, in one call because the IPC fast path
 * pays for every call and return in it: `to` runs in place of `from` with
 * `as` as the user half (NULL: none, as arch_vspace_switch), with its own
 * user FPU/SIMD values (arch_fpu_forget below), and to's kernel stack
 * becomes the one traps from user mode land on; saves the callee-saved
 * kernel context of `from` and resumes `to`. Returns when something
 * switches back to `from`. Interrupts off.
 */
void arch_switch(struct arch_thread *from, struct arch_thread *to, struct arch_vspace *as);
/*
 * Leaves the kernel for user mode at pc with stack pointer sp and first
 * argument register = arg, interrupts on, all other registers zero. Used
 * once per user thread, from its entry function.
 */
noreturn void arch_enter_user(uintptr_t pc, uintptr_t sp, uint64_t arg);
/*
 * User FPU/SIMD registers (the kernel never uses them, -mgeneral-regs-only):
 * at arch_switch each thread must find its own values when it next uses
 * them. x86-64 moves them at once (FXSAVE/FXRSTOR: one instruction each);
 * arm64 lazily: EL0 traps its first FP/SIMD instruction unless the
 * registers hold its values, and only then are they swapped, so threads
 * that do not touch them between switches (an IPC ping-pong) never pay for
 * 32 vector registers. arch_fpu_forget: t is being destroyed; nothing may
 * be saved into it.
 */
void arch_fpu_forget(struct arch_thread *t);

/* ---- Interrupt lines for user drivers (IRQ handler objects) ------------
 * Line n is x86-64's IOAPIC input n (the ISA IRQ / GSI number) and arm64's
 * SPI n (GIC INTID 32 + n). Lines 0 .. arch_irq_lines()-1 exist; the
 * kernel's own (its timer, its console UART) are never given out. A line
 * given out starts masked; on its interrupt the arch masks it, EOIs, and
 * calls irq_deliver(n) (kernel/object/irq_handler.c).
 */
unsigned arch_irq_lines(void);
bool arch_irq_kernel_owned(unsigned line);
void arch_irq_mask(unsigned line);
void arch_irq_unmask(unsigned line);
/*
 * Boot tests only: make `line` interrupt soon, the way its device would,
 * honouring the mask (an interrupt raised while masked is not delivered
 * before the unmask). arm64: sets the SPI pending at the GIC. x86-64: line 8
 * only, the CMOS RTC: the first call starts its periodic interrupt, each
 * call reads register C so the next period raises a new edge.
 */
void arch_irq_test_raise(unsigned line);

/* ---- Interrupts --------------------------------------------------------
 * The kernel is not preemptible: interrupts are off in kernel mode except
 * inside arch_wait_for_interrupt(), and on while in user mode. A handler
 * may call into the scheduler and switch threads; the interrupted thread
 * resumes in the handler later and returns from it normally.
 */
/* Interrupt controllers, timer and serial receive interrupt; after frame_init/slab. */
void arch_irq_init(void);
/* Enables interrupts, waits for one to be handled, disables them again (idle thread). */
void arch_wait_for_interrupt(void);

/* ---- Timer -------------------------------------------------------------
 * One shot: clock_timer_irq() (clock.h) runs once, about delta_ns from
 * now (as soon as possible when 0). A new arm replaces the pending one.
 */
void arch_timer_arm(uint64_t delta_ns);

/* ---- User memory -------------------------------------------------------
 * Copies between kernel memory and user addresses. The caller (usercopy.c)
 * has already checked that the whole user range lies in
 * [ARCH_USER_BASE, ARCH_USER_TOP) without wrapping; the arch catches a fault
 * on an unmapped/forbidden user page (fixup table) and returns JX_EFAULT
 * instead of faulting the kernel. Parts may have been copied on JX_EFAULT.
 */
jx_error_t arch_copy_from_user(void *dst, uintptr_t src, size_t n);
jx_error_t arch_copy_to_user(uintptr_t dst, const void *src, size_t n);

/* ---- Upcalls the arch trap path makes into generic code ---------------
 *   syscall_dispatch()  kernel/include/syscall.h  (on syscall / svc)
 *   trap_user_fault()   kernel/include/fault.h    (any exception from user mode)
 *   clock_timer_irq()   kernel/include/clock.h    (timer interrupt)
 *   irq_deliver()       kernel/include/irq_handler.h (a user line's interrupt)
 *   console_input()     kernel/include/console.h  (a byte from the serial port)
 * Exceptions in kernel mode that are not user-copy faults stay the arch's
 * own fatal report (KEXIT_FATAL).
 */
