# SPDX-License-Identifier: MIT
# The one toolchain: clang-19 and ld.lld-19 for every target, host and cross.
CC      := clang-19
LD      := ld.lld-19
OBJCOPY := llvm-objcopy-19
AR      := llvm-ar-19

# Warnings every C file in the tree is held to.
WARN := -std=c11 -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes

# Host-side programs (unit tests, spec runner, tools): sanitizers on, so a
# memory error or undefined behaviour fails the test that triggers it.
HOST_CFLAGS  := $(WARN) -g -O1 -fno-omit-frame-pointer \
                -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_LDFLAGS := -fsanitize=address,undefined
