/* SPDX-License-Identifier: MIT */
/* entry.S: PVH entry: 32-bit protected mode to 64-bit long mode in the higher half. */
#include "layout.h"

/*
 * QEMU's -kernel finds this note and jumps to pvh_entry in 32-bit protected
 * mode, paging off, with %ebx = physical address of struct hvm_start_info.
 * (Multiboot v1 would refuse an ELF64 image; PVH takes it as is.)
 */
    .section .note.pvh, "a", @note
    .p2align 2
    .long 4                     /* name size: "Xen\0" */
    .long 8                     /* descriptor size */
    .long 18                    /* XEN_ELFNOTE_PHYS32_ENTRY */
    .asciz "Xen"
    .p2align 2
    .quad pvh_entry

#define CR0_PE (1 << 0)
#define CR0_WP (1 << 16)
#define CR0_NW (1 << 29)
#define CR0_CD (1 << 30)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define PTE_PRESENT_RW 0x3
#define PDE_2M_PAGE 0x83        /* present, writable, 2 MiB page */

    .section .boot.text, "ax"
    .code32
    .global pvh_entry
pvh_entry:
    /* The TSC first: boot time is measured from this instruction. */
    rdtsc
    mov %eax, %edi
    mov %edx, %esi
    cli
    cld

    /*
     * The boot page tables (.boot.bss: in no file, so zeroed here rather
     * than trusting a loader): physical [0, 1 GiB) with 2 MiB pages at 0
     * (identity, for the jump into long mode) and at X86_KERNEL_VMA. One
     * PDPT serves both halves (slots 0 and 510), which maps the GiB at
     * two more places until mmu.c's tables replace these. %ebx, %edi and
     * %esi are live (start info, entry TSC).
     */
    xor %eax, %eax
    xor %ecx, %ecx
1:  movl %eax, boot_pml4(,%ecx,4)
    inc %ecx
    cmp $(3 * 4096 / 4), %ecx
    jne 1b
    movl $(boot_pdpt + PTE_PRESENT_RW), boot_pml4
    movl $(boot_pdpt + PTE_PRESENT_RW), boot_pml4 + 511 * 8
    movl $(boot_pd + PTE_PRESENT_RW), boot_pdpt
    movl $(boot_pd + PTE_PRESENT_RW), boot_pdpt + 510 * 8
    mov $PDE_2M_PAGE, %eax
    xor %ecx, %ecx
2:  movl %eax, boot_pd(,%ecx,8)
    add $(1 << 21), %eax
    inc %ecx
    cmp $512, %ecx
    jne 2b

    /* Long mode needs PAE paging: load the boot tables, then LME, then PG. */
    mov %cr4, %eax
    or $CR4_PAE, %eax
    mov %eax, %cr4
    mov $boot_pml4, %eax
    mov %eax, %cr3
    mov $MSR_EFER, %ecx
    rdmsr
    or $EFER_LME, %eax
    wrmsr
    mov %cr0, %eax
    and $~(CR0_CD | CR0_NW), %eax
    or $(CR0_PE | CR0_WP | CR0_PG), %eax
    mov %eax, %cr0

    lgdt boot_gdt_ptr
    ljmp $X86_SEL_KCODE, $entry64_low

    .code64
entry64_low:
    /* Still on the identity map: jump to the same kernel in the higher half. */
    movabs $entry64_high, %rax
    jmp *%rax

    .text
entry64_high:
    /* The boot GDT again, through its higher-half alias, before the identity map goes. */
    lgdt boot_gdt_ptr_high(%rip)
    mov $X86_SEL_KDATA, %eax
    mov %eax, %ds
    mov %eax, %es
    mov %eax, %ss
    xor %eax, %eax
    mov %eax, %fs
    mov %eax, %gs

    /* Upper halves are undefined after the mode switch: rebuild from 32 bits. */
    mov %ebx, %r12d             /* hvm_start_info (physical) */
    mov %edi, %r13d
    shl $32, %rsi
    or %rsi, %r13               /* entry TSC */

    /*
     * QEMU zeroes bss when loading, but do not depend on the loader for it.
     * Stacks live outside bss (.stack): they need no zeroing. linker.ld
     * aligns __bss_start/__bss_end to 8 bytes.
     */
    lea __bss_start(%rip), %rdi
    lea __bss_end(%rip), %rcx
    xor %eax, %eax
    /* Not `rep stosb`: on our CI host's KVM it was ~6x slower than this loop. */
2:  cmp %rcx, %rdi
    jae 3f
    movq %rax, (%rdi)
    add $8, %rdi
    jmp 2b
3:
    lea boot_stack_top(%rip), %rsp
    xor %ebp, %ebp

    /* Drop the identity map: low addresses (NULL, 0xdead0000) must fault. */
    movabs $(boot_pml4 + X86_KERNEL_VMA), %rax
    movq $0, (%rax)
    mov %cr3, %rax
    mov %rax, %cr3

    mov %r12, %rdi
    mov %r13, %rsi
    call x86_boot
1:  cli
    hlt
    jmp 1b

    .section .rodata
boot_gdt_ptr_high:
    .word boot_gdt_end - boot_gdt - 1
    .quad boot_gdt + X86_KERNEL_VMA

    /* A guard page below the boot stack: mmu.c leaves it unmapped. */
    .section .stack, "aw", @nobits
    .p2align 12
boot_stack_guard:
    .skip 4096
boot_stack:
    .skip 16384
boot_stack_top:

    .section .guards, "a"
    .p2align 3
    .quad boot_stack_guard

    .section .boot.bss, "aw", @nobits
    .p2align 12
boot_pml4:
    .skip 4096
boot_pdpt:
    .skip 4096
boot_pd:
    .skip 4096

    .section .boot.data, "aw"
    /* Just enough GDT for the far jump: null, 64-bit code, data. */
    .p2align 3
boot_gdt:
    .quad 0
    .quad 0x00af9a000000ffff    /* X86_SEL_KCODE: present, ring 0, code, long mode */
    .quad 0x00cf92000000ffff    /* X86_SEL_KDATA: present, ring 0, data, writable */
boot_gdt_end:
boot_gdt_ptr:
    .word boot_gdt_end - boot_gdt - 1
    .long boot_gdt
