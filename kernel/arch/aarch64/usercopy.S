/* SPDX-License-Identifier: MIT */
/* usercopy.S: copies between kernel and user memory that turn a fault into an error return. */

/*
 * Every access to user memory is an LDTR/STTR ("unprivileged") load or
 * store: the MMU checks it with EL0's permissions, so a user pointer into
 * kernel memory faults exactly as it would for the user, whatever the
 * caller's range check missed. PSTATE.PAN, which forbids *ordinary* EL1
 * accesses to user pages, does not apply to LDTR/STTR, so it stays set the
 * whole time: there is no window in which a stray kernel pointer can touch
 * user memory, and no PAN toggling to get wrong.
 *
 * A fault on any instruction between usercopy_begin and usercopy_end is
 * turned by trap.c into a jump to usercopy_fault, which returns -1 to the
 * caller (these functions are leaves: x30 still holds the return address).
 *
 * Prototypes in usercopy.h; the arch_copy_*_user wrappers are in vm.c.
 */
    .text
    .globl usercopy_begin, usercopy_end, usercopy_fault
    .globl usercopy_from, usercopy_to
usercopy_begin:

usercopy_from:
    orr     x3, x0, x1
    tst     x3, #7
    b.ne    2f                      /* not both 8-byte aligned: bytes */
1:  cmp     x2, #8
    b.lo    2f
    ldtr    x3, [x1]
    str     x3, [x0], #8
    add     x1, x1, #8
    sub     x2, x2, #8
    b       1b
2:  cbz     x2, 3f
    ldtrb   w3, [x1]
    strb    w3, [x0], #1
    add     x1, x1, #1
    sub     x2, x2, #1
    b       2b
3:  mov     x0, #0
    ret

usercopy_to:
    orr     x3, x0, x1
    tst     x3, #7
    b.ne    2f
1:  cmp     x2, #8
    b.lo    2f
    ldr     x3, [x1], #8
    sttr    x3, [x0]
    add     x0, x0, #8
    sub     x2, x2, #8
    b       1b
2:  cbz     x2, 3f
    ldrb    w3, [x1], #1
    sttrb   w3, [x0]
    add     x0, x0, #1
    sub     x2, x2, #1
    b       2b
3:  mov     x0, #0
    ret

usercopy_end:

usercopy_fault:
    mov     x0, #-1
    ret
