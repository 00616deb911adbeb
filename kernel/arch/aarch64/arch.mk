# SPDX-License-Identifier: MIT
# arm64: a Linux-style Image (QEMU -kernel, x0 = DTB), higher-half kernel.
A64 := kernel/arch/aarch64
ARCH_SRCS := $(A64)/entry.S $(A64)/vectors.S $(A64)/context.S $(A64)/usercopy.S \
             $(A64)/boot.c $(A64)/mmu.c $(A64)/vm.c $(A64)/cpu.c $(A64)/thread.c \
             $(A64)/trap.c $(A64)/report.c $(A64)/irq.c $(A64)/gic.c $(A64)/timer.c \
             $(A64)/serial.c $(A64)/semihost.c $(A64)/exit.c $(A64)/random.c $(A64)/rtc.c
# Run once per boot or per report: compiled -Os (kernel/kernel.mk).
ARCH_COLD_SRCS := $(A64)/boot.c $(A64)/mmu.c $(A64)/report.c $(A64)/serial.c $(A64)/semihost.c \
                  $(A64)/exit.c $(A64)/rtc.c
# --target: freestanding ELF, not the Linux host defaults (PIE, stack protector).
# -mgeneral-regs-only: the kernel never touches FP/SIMD registers, so it never
# needs to save user FP state on entry.
# -mstrict-align: entry.S runs C (mmu_boot_tables) with the MMU off, where all
# memory is Device memory and an unaligned access faults.
# -mcmodel=small (the default): globals are reached with adrp, PC-relative,
# which is what lets that C run at the load address before the MMU is on.
ARCH_CFLAGS := --target=aarch64-unknown-none-elf -mgeneral-regs-only \
               -mstrict-align -mcmodel=small
# linker.ld.S goes through the C preprocessor to share layout.h.
ARCH_LDSCRIPT := $(BUILD)/$(A64)/linker.ld

$(ARCH_LDSCRIPT): $(A64)/linker.ld.S $(A64)/layout.h
	@mkdir -p $(dir $@)
	$(CC) -E -P -x c -D__ASSEMBLER__ $< -o $@

# An Image is its ELF's loadable bytes from KERNEL_VMA on; bss is not in the
# file (its size is in the header's image_size).
KERNEL_IMAGE := $(BUILD)/Image
KTEST_IMAGE := $(BUILD)/Image-test
$(KERNEL_IMAGE): $(BUILD)/kernel.elf
$(KTEST_IMAGE): $(BUILD)/kernel-test.elf
$(KERNEL_IMAGE) $(KTEST_IMAGE):
	$(OBJCOPY) -O binary $< $@
