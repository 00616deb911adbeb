# SPDX-License-Identifier: MIT
# The kernel: generic sources here, arch sources from kernel/arch/$(ARCH)/arch.mk,
# which sets ARCH_SRCS, ARCH_CFLAGS, ARCH_LDSCRIPT and KERNEL_IMAGE (the file
# QEMU's -kernel takes) with the rule that makes it from $(BUILD)/kernel.elf.
KERNEL_SRCS := kernel/main.c kernel/root.c kernel/console.c kernel/panic.c kernel/entropy.c \
               kernel/ktest.c \
               kernel/ktest_core.c kernel/ktest_mem.c kernel/ktest_cap.c kernel/ktest_wasm.c \
               kernel/ktest_fuzz.c kernel/ktest_stress.c kernel/ktest_bench.c kernel/ktest_region.c kernel/ktest_irq.c \
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
# kernel/lib/ is the portable library: every file there is built into the
# kernel and, except string.c (libc has its own), into the host unit tests
# (tests/host/host.mk), so a new library file needs no make edits.
KERNEL_LIB_SRCS := $(sort $(wildcard kernel/lib/*.c))
KERNEL_SRCS += $(filter-out $(KERNEL_SRCS),$(KERNEL_LIB_SRCS))
include kernel/arch/$(ARCH)/arch.mk

# Freestanding: no libc, no builtins assumed, no stack protector runtime, and
# a fixed-address (non-PIC) higher-half kernel. KERNEL_ARCH_NAME is printed in
# the banner.
KERNEL_CFLAGS := $(WARN) -O2 -g -ffreestanding -fno-builtin -nostdlib \
                 -fno-stack-protector -fno-pic -fno-omit-frame-pointer \
                 -Ikernel/include -Ikernel/arch/$(ARCH) -Iinclude $(ARCH_CFLAGS) -MMD -MP \
                 -DKERNEL_ARCH_NAME='"$(ARCH)"'

KERNEL_OBJS := $(patsubst %,$(BUILD)/%.o,$(KERNEL_SRCS) $(ARCH_SRCS))
# The user test programs, embedded (user/user.mk).
include user/user.mk
KERNEL_OBJS += $(USER_BLOBS_OBJ)

$(BUILD)/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/kernel.elf: $(KERNEL_OBJS) $(ARCH_LDSCRIPT)
	$(LD) -nostdlib -static -T $(ARCH_LDSCRIPT) -o $@ $(KERNEL_OBJS)

.PHONY: kernel kernel-image-path
kernel: $(KERNEL_IMAGE)

# For scripts (tests/suites/boot.sh): which file tools/qemu.sh boots.
kernel-image-path:
	@echo $(KERNEL_IMAGE)

-include $(KERNEL_OBJS:.o=.d)

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
