# SPDX-License-Identifier: MIT
# x86-64: PVH boot (QEMU -kernel takes the ELF itself), higher-half kernel.
X86 := kernel/arch/x86_64
ARCH_SRCS := $(X86)/entry.S $(X86)/vectors.S $(X86)/boot.c $(X86)/pvh.c \
             $(X86)/gdt.c $(X86)/idt.c $(X86)/trap.c $(X86)/serial.c \
             $(X86)/cpu.c $(X86)/timer.c $(X86)/kvmclock.c $(X86)/exit.c \
             $(X86)/mmu.c $(X86)/vm.c $(X86)/apic.c $(X86)/irq.c $(X86)/thread.c $(X86)/syscall.c \
             $(X86)/random.c $(X86)/rtc.c $(X86)/context.S
# Run once per boot or per report: compiled -Os (kernel/kernel.mk).
ARCH_COLD_SRCS := $(X86)/boot.c $(X86)/pvh.c $(X86)/idt.c $(X86)/serial.c $(X86)/kvmclock.c \
                  $(X86)/exit.c $(X86)/mmu.c $(X86)/rtc.c
# --target: freestanding ELF, not the Linux host defaults (PIE, stack protector).
# -mcmodel=kernel: code and data live in the top 2 GiB (0xffffffff80000000+).
# -mno-red-zone: interrupts push onto the kernel stack below rsp.
# -mgeneral-regs-only: the kernel never touches x87/SSE/AVX state, so it never
# needs to save user FPU registers on entry.
ARCH_CFLAGS := --target=x86_64-unknown-none-elf -mcmodel=kernel -mno-red-zone \
               -mgeneral-regs-only
ARCH_LDSCRIPT := $(X86)/linker.ld
# QEMU's PVH loader boots the ELF directly (XEN_ELFNOTE_PHYS32_ENTRY note).
KERNEL_IMAGE := $(BUILD)/kernel.elf
KTEST_IMAGE := $(BUILD)/kernel-test.elf
