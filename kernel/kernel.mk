# SPDX-License-Identifier: MIT
KERNEL_IMAGE := $(BUILD)/kernel.elf
kernel:
