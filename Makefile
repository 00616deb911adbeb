# SPDX-License-Identifier: MIT
# JerichoOS top-level build. `make run` boots the OS in QEMU, `make test` runs
# every test; both first install what is missing (tools/deps.sh).
# ARCH=x86_64 (default) or ARCH=aarch64. Everything is built under build/.
ARCH ?= x86_64
ifeq ($(filter $(ARCH),x86_64 aarch64),)
$(error ARCH must be x86_64 or aarch64, not '$(ARCH)')
endif
BUILD      := build/$(ARCH)
HOST_BUILD := build/host

.PHONY: all deps run test
all: kernel jericho

include mk/toolchain.mk
include kernel/kernel.mk
include engine/engine.mk
include tests/host/host.mk
include user/root/root.mk
include tests/spec/spec.mk
include tests/diff/diff.mk
include tests/fuzz/fuzz.mk
include apps/apps.mk

deps:
	@tools/deps.sh

# Boot JerichoOS in QEMU once per demo of apps/ and check what each prints
# (tools/demos.sh); exits 0 only when every demo behaved as expected.
run: deps
	@tools/demos.sh $(ARCH)

# Everything tests/run.sh runs builds what it needs itself through make, so
# `make test` is the one command a user or CI needs.
test: deps
	@tests/run.sh
include tools/jericho/jericho.mk
include bench/bench.mk
