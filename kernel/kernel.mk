# SPDX-License-Identifier: MIT
# The kernel: generic sources here, arch sources from kernel/arch/$(ARCH)/arch.mk,
# which sets ARCH_SRCS, ARCH_CFLAGS, ARCH_LDSCRIPT, and KERNEL_IMAGE and
# KTEST_IMAGE (the files QEMU's -kernel takes) with the rules that make them
# from $(BUILD)/kernel.elf and $(BUILD)/kernel-test.elf.
#
# Two kernels from the same objects (docs/DESIGN.md, "The boot tests live in
# a test kernel"): kernel.elf, what `make run` and `jericho run` boot, embeds
# the root task only; kernel-test.elf adds the boot tests (test=NAME,
# kernel/ktest*.c) and the user programs they start (user/user.mk).
KERNEL_SRCS := kernel/main.c kernel/root.c kernel/console.c kernel/panic.c kernel/entropy.c \
               kernel/lib/string.c \
               kernel/mm/frame_pool.c kernel/mm/frame.c kernel/mm/slab.c \
               kernel/mm/vspace.c kernel/mm/region.c kernel/mm/kstack.c \
               kernel/sched/prio.c kernel/sched/thread.c kernel/sched/sched.c \
               kernel/time/clock.c kernel/time/ktimer.c \
               kernel/task/elf.c kernel/task/task.c kernel/task/fault.c \
               kernel/cap/cspace.c kernel/cap/kobj.c \
               kernel/object/ipc.c kernel/object/ipc_fast.c kernel/object/endpoint.c kernel/object/reply.c \
               kernel/object/notification.c kernel/object/irq_handler.c kernel/object/quota.c kernel/object/frame_obj.c \
               kernel/syscall/syscall.c kernel/syscall/sys_cap.c kernel/syscall/sys_ipc.c kernel/syscall/sys_mem.c kernel/syscall/sys_task.c kernel/syscall/sys_irq.c \
               kernel/syscall/usercopy.c
# The boot tests, in the test kernel only; the production kernel's
# ktest_run (ktest_none.c) refuses every test=NAME.
KTEST_SRCS := kernel/ktest.c kernel/ktest_core.c kernel/ktest_mem.c kernel/ktest_cap.c \
              kernel/ktest_wasm.c kernel/ktest_fuzz.c kernel/ktest_stress.c kernel/ktest_bench.c \
              kernel/ktest_region.c kernel/ktest_irq.c
# kernel/lib/ is the portable library: every file there is built into the
# kernel and, except string.c (libc has its own), into the host unit tests
# (tests/host/host.mk), so a new library file needs no make edits.
KERNEL_LIB_SRCS := $(sort $(wildcard kernel/lib/*.c))
KERNEL_SRCS += $(filter-out $(KERNEL_SRCS),$(KERNEL_LIB_SRCS))
include kernel/arch/$(ARCH)/arch.mk

# Freestanding: no libc, no builtins assumed, no stack protector runtime, and
# a fixed-address (non-PIC) higher-half kernel. KERNEL_ARCH_NAME is printed in
# the banner. -ffunction-sections -fdata-sections: a section per function and
# object, for --gc-sections (KERNEL_LDFLAGS).
KERNEL_CFLAGS := $(WARN) -O2 -g -ffreestanding -fno-builtin -nostdlib \
                 -fno-stack-protector -fno-pic -fno-omit-frame-pointer \
                 -ffunction-sections -fdata-sections \
                 -Ikernel/include -Ikernel/arch/$(ARCH) -Iinclude $(ARCH_CFLAGS) -MMD -MP \
                 -DKERNEL_ARCH_NAME='"$(ARCH)"'

# Code run once per boot or once per report (the banner, the boot loader's
# tables, command line, real-time clock, kprintf, fault reports), never on a syscall, IPC,
# switch, fault or task-creation path: compiled for size, which takes 2.8 KB
# off x86-64's code and 2.5 KB off arm64's. The rest stays -O2: all of it
# -Os would save 11 KB (x86-64) and 7 KB (arm64) more, out of the hot paths.
KERNEL_COLD_SRCS := kernel/main.c kernel/root.c kernel/panic.c kernel/console.c \
                    kernel/lib/kprintf.c kernel/lib/cmdline.c kernel/lib/date.c kernel/lib/fdt.c \
                    kernel/lib/fdt_ram.c $(ARCH_COLD_SRCS)
$(patsubst %,$(BUILD)/%.o,$(KERNEL_COLD_SRCS)): KERNEL_CFLAGS += -Os

KERNEL_OBJS := $(patsubst %,$(BUILD)/%.o,$(KERNEL_SRCS) $(ARCH_SRCS))
KTEST_OBJS := $(patsubst %,$(BUILD)/%.o,$(KTEST_SRCS))
# Compiled again when the flags here or in arch.mk change (KERNEL_COLD_SRCS).
$(KERNEL_OBJS) $(KTEST_OBJS) $(BUILD)/kernel/ktest_none.c.o: kernel/kernel.mk kernel/arch/$(ARCH)/arch.mk
# The embedded user programs' tables (user/user.mk): USER_BLOBS_OBJ (the root
# task) and USER_TEST_BLOBS_OBJ (the root, the runner and the test programs).
include user/user.mk

$(BUILD)/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(KERNEL_CFLAGS) -c $< -o $@

# --gc-sections: only what the entry point and the linker scripts' KEEPs
# reach is linked, so kernel/lib/ files an arch does not use (fdt.c on
# x86-64) and helpers only the boot tests call stay out of kernel.elf
# (--print-gc-sections lists what goes).
KERNEL_LDFLAGS := -nostdlib -static --gc-sections

# The production kernel is linked with its DWARF into debug/kernel.elf (for
# a debugger or llvm-symbolizer) and booted stripped: on x86-64 QEMU loads
# the ELF itself, which is the boot image. The test kernel keeps its DWARF.
$(BUILD)/debug/kernel.elf: $(KERNEL_OBJS) $(BUILD)/kernel/ktest_none.c.o $(USER_BLOBS_OBJ)
$(BUILD)/kernel-test.elf: $(KERNEL_OBJS) $(KTEST_OBJS) $(USER_TEST_BLOBS_OBJ)
$(BUILD)/debug/kernel.elf $(BUILD)/kernel-test.elf: $(ARCH_LDSCRIPT)
	@mkdir -p $(dir $@)
	$(LD) $(KERNEL_LDFLAGS) -T $(ARCH_LDSCRIPT) -o $@ $(filter %.o,$^)

$(BUILD)/kernel.elf: $(BUILD)/debug/kernel.elf
	$(OBJCOPY) --strip-all $< $@

.PHONY: kernel kernel-test kernel-image-path kernel-test-image-path
kernel: $(KERNEL_IMAGE)
kernel-test: $(KTEST_IMAGE)

# For scripts: which file tools/qemu.sh boots, for the root task on a boot
# archive (kernel) or for a boot test (kernel-test: tests/suites/boot.sh).
kernel-image-path:
	@echo $(KERNEL_IMAGE)
kernel-test-image-path:
	@echo $(KTEST_IMAGE)

-include $(KERNEL_OBJS:.o=.d) $(KTEST_OBJS:.o=.d) $(BUILD)/kernel/ktest_none.c.d

# The kernel's syscall/IPC costs in guest instructions on both arches (QEMU
# -icount), into build/bench/results.tsv: tests/bench-kernel.sh says how.
.PHONY: bench-kernel
bench-kernel:
	tests/bench-kernel.sh

# The long robustness runs (syscall fuzzer, stress) on both arches:
# tests/fuzz-kernel.sh says which and how long (docs/ROBUSTNESS.md).
.PHONY: fuzz-kernel
fuzz-kernel:
	tests/fuzz-kernel.sh
