/* SPDX-License-Identifier: MIT */
/* vectors.S: the EL1 exception vector table: save every register, call trap_handle(), return; syscalls on a lean path of their own. */

#include "layout.h"

/* struct trap_frame in trap.h: x0-x30, sp, elr, spsr, esr, far. */
#define TRAP_FRAME_SIZE (36 * 8)
#define FRAME_ELR  (32 * 8)
#define FRAME_ESR  (34 * 8)
#define FRAME_SP   (31 * 8)
#define TRAP_LOWER_EL 8             /* trap.h: TRAP_LOWER_A64 / A32 have this bit */
#define TRAP_STACK_OVERFLOW 16      /* trap.h */
#define EC_SVC64 0x15               /* trap.h: ESR_EL1.EC of an svc from AArch64 */
/* What the identify path reads (checked in trap.c). */
#define SYS_CAP_IDENTIFY 2
#define CSPACE_SLOTS 64
#define THREAD_TASK 0x2b0
#define TASK_CSPACE 0x48
#define CAP_SLOT_SIZE 56
#define CAP_OBJ 0
#define CAP_BADGE 8
#define CAP_STATE 16
#define CAP_RIGHTS 17
#define CAP_FULL 1
#define KOBJ_TYPE 0

/*
 * Each of the 16 entries (4 kinds x 4 origins) has 128 bytes: enough to
 * check that the frame about to be pushed lands on a writable page, push
 * the frame's first registers and branch to the common code with the
 * entry's index in x0.
 *
 * The check asks the MMU (AT S1E1W on the frame's lowest byte, result in
 * PAR_EL1) rather than testing sp against stack bounds, so it holds for any
 * stack with an unmapped guard below it, wherever kstack.c put it. TPIDR_EL1
 * is the scratch register that keeps x0 meanwhile (the kernel uses it for
 * nothing else; none of these instructions can fault).
 *
 * On overflow the faulting sp is kept in SP_EL0 (a fatal report does not
 * need the user's value back) and the report runs on the emergency stack.
 */
.macro ventry index
    .balign 0x80
    msr     tpidr_el1, x0
    sub     x0, sp, #TRAP_FRAME_SIZE
    at      s1e1w, x0
    isb
    mrs     x0, par_el1
    tbnz    x0, #0, 1f              /* PAR_EL1.F: the translation failed */
    mrs     x0, tpidr_el1
    sub     sp, sp, #TRAP_FRAME_SIZE
    stp     x0, x1, [sp, #0]
    mov     x0, #\index
    b       trap_entry
1:  mov     x0, sp
    msr     sp_el0, x0
    ldr     x0, =emergency_stack_top
    mov     sp, x0
    sub     sp, sp, #TRAP_FRAME_SIZE
    mrs     x0, tpidr_el1
    stp     x0, x1, [sp, #0]
    mov     x0, #(\index | TRAP_STACK_OVERFLOW)
    b       trap_entry
.endm

    /* Its own section, which the linker script puts after the handlers'
     * (.text.vectors_code) right after the Image header: the alignment gap
     * before the table then holds those handlers instead of zeros. */
    .section .text.vectors, "ax"
    .balign 0x800                   /* VBAR_EL1 needs 2 KiB alignment */
    .globl exception_vectors
exception_vectors:
    .irp    i, 0, 1, 2, 3, 4, 5, 6, 7
    ventry  \i
    .endr
    /*
     * Entry 8, a synchronous exception from EL0: sp is the top of the
     * thread's kernel stack, which is empty then, so the frame always fits
     * (no check). A syscall takes the lean path below; anything else the
     * common one, with the frame begun as ventry begins it.
     */
    .balign 0x80
    sub     sp, sp, #TRAP_FRAME_SIZE
    stp     x0, x1, [sp, #0]
    mrs     x0, esr_el1
    lsr     x0, x0, #26
    cmp     x0, #EC_SVC64
    b.eq    svc_entry
    mov     x0, #8
    b       trap_entry
    .irp    i, 9, 10, 11, 12, 13, 14, 15
    ventry  \i
    .endr

/*
 * The lean syscall path. The C code keeps x19-x29 by its ABI, so only
 * x0-x18, x30, the user sp, ELR and SPSR go in the frame (struct
 * trap_frame's slots; the others are left unwritten), and all of them come
 * back: x0 the result, x1-x5 as syscall_dispatch left regs[1..5] (an IPC
 * partner may have delivered a message there), the rest as they were, so
 * nothing of the kernel's leaks. After the call, the deadline check of
 * irq_poll_timer, inline: a timer due but not yet taken (a late interrupt
 * under a loaded host) runs its work before the return.
 */
    .section .text.vectors_code, "ax"
    .balign 4
svc_entry:
    cmp     x8, #SYS_CAP_IDENTIFY
    b.eq    svc_identify
svc_general:
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    str     x18, [sp, #144]
    mrs     x9, sp_el0
    stp     x30, x9, [sp, #(30 * 8)]
    mrs     x9, elr_el1
    mrs     x10, spsr_el1
    stp     x9, x10, [sp, #FRAME_ELR]
    mov     x0, x8
    mov     x1, sp
    bl      syscall_dispatch
    mrs     x9, cntv_ctl_el0
    and     x9, x9, #3
    cmp     x9, #1                  /* ENABLE and not IMASK: a deadline is set */
    b.ne    1f
    mrs     x9, cntv_cval_el0
    mrs     x10, cntvct_el0
    cmp     x10, x9
    b.lo    1f
    str     x0, [sp, #0]
    bl      irq_poll_timer
    ldr     x0, [sp, #0]
1:  ldp     x9, x10, [sp, #FRAME_ELR]
    msr     elr_el1, x9
    msr     spsr_el1, x10
    ldp     x30, x9, [sp, #(30 * 8)]
    msr     sp_el0, x9
    ldr     x1, [sp, #8]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldr     x18, [sp, #144]
    add     sp, sp, #TRAP_FRAME_SIZE
    eret
    dsb     nsh                     /* no speculation past the eret */
    isb

/*
 * JX_SYS_CAP_IDENTIFY of a full slot, on its own: the null syscall, and so
 * the cost of a kernel entry itself (issue #18). It reads three words of
 * kernel memory, so it saves nothing but what the vector saved (x0, x1):
 * x1-x3 get type, rights and badge and x0 the result only once every check
 * passed; x8 (the number, used for the slot size meanwhile) is put back;
 * x4-x30, sp_el0, ELR and SPSR are never touched. Any other case (a handle
 * past the table, an empty or stale slot) takes the general path with the
 * registers as the user left them (x0 and x1 are in the frame already) and
 * gets its error from C (syscall.c's table). It skips the general path's
 * timer poll: a due timer interrupt is taken at the eret instead.
 * Offsets: trap.c.
 */
svc_identify:
    ldr     x0, [sp, #0]            /* the handle (x0 held ESR_EL1) */
    cmp     x0, #(CSPACE_SLOTS - 1)
    b.hi    svc_general
    adrp    x1, sched_now
    ldr     x1, [x1, :lo12:sched_now]
    ldr     x1, [x1, #THREAD_TASK]
    ldr     x1, [x1, #TASK_CSPACE]
    mov     x8, #CAP_SLOT_SIZE
    madd    x1, x0, x8, x1          /* &slot[h] */
    mov     x8, #SYS_CAP_IDENTIFY
    ldrb    w0, [x1, #CAP_STATE]
    cmp     w0, #CAP_FULL
    b.ne    svc_general
    ldrb    w2, [x1, #CAP_RIGHTS]
    ldr     x3, [x1, #CAP_BADGE]
    ldr     x1, [x1, #CAP_OBJ]
    ldr     w1, [x1, #KOBJ_TYPE]
    mov     x0, #0
    add     sp, sp, #TRAP_FRAME_SIZE
    eret
    dsb     nsh                     /* no speculation past the eret */
    isb

trap_entry:
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    /* The interrupted sp: SP_EL0 for user mode, else ours before the frame. */
    tst     x0, #TRAP_LOWER_EL
    b.ne    1f
    add     x1, sp, #TRAP_FRAME_SIZE
    b       2f
1:  mrs     x1, sp_el0
2:  stp     x30, x1, [sp, #(30 * 8)]
    mrs     x1, elr_el1
    mrs     x2, spsr_el1
    stp     x1, x2, [sp, #FRAME_ELR]
    mrs     x1, esr_el1
    mrs     x2, far_el1
    stp     x1, x2, [sp, #FRAME_ESR]
    mov     x1, x0
    mov     x0, sp
    bl      trap_handle
    /* fall through */

/*
 * Returns through the trap frame at sp: to where the exception hit, or
 * (a new user thread, arch code) wherever the frame says. ELR/SPSR/sp may
 * have been changed by the handler. A return to EL0 restores SP_EL0; the
 * kernel's sp is then the top of this thread's kernel stack again, which is
 * where the next exception from user mode will push its frame.
 */
    .globl trap_exit
trap_exit:
    msr     daifset, #0xf           /* nothing may interrupt the restore */
    ldp     x1, x2, [sp, #FRAME_ELR]
    msr     elr_el1, x1
    msr     spsr_el1, x2
    tst     x2, #0xf                /* SPSR.M[3:0] == 0: EL0t */
    b.ne    3f
    ldr     x1, [sp, #FRAME_SP]
    msr     sp_el0, x1
3:  ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldr     x30, [sp, #(30 * 8)]
    add     sp, sp, #TRAP_FRAME_SIZE
    eret
    dsb     nsh                     /* no speculation past the eret */
    isb

/*
 * noreturn void user_enter(uintptr_t pc, uintptr_t sp, uint64_t arg,
 *                          uintptr_t kstack_top)
 * A thread's first entry to user mode: a frame of zeroes at the top of its
 * kernel stack except x0 = arg, sp, ELR = pc and SPSR = EL0t with DAIF
 * clear (interrupts on), then the normal exit path. sp moves to the frame
 * first: whatever the caller had on this stack is dead from here on.
 */
    .globl user_enter
user_enter:
    sub     sp, x3, #TRAP_FRAME_SIZE
    mov     x4, sp
    mov     x5, #(TRAP_FRAME_SIZE / 16)
4:  stp     xzr, xzr, [x4], #16
    subs    x5, x5, #1
    b.ne    4b
    str     x2, [sp, #0]
    str     x1, [sp, #FRAME_SP]
    str     x0, [sp, #FRAME_ELR]
    b       trap_exit

/* noreturn void trap_return(struct trap_frame *f): exit through f. */
    .globl trap_return
trap_return:
    mov     sp, x0
    b       trap_exit
