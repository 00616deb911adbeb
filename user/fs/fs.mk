# SPDX-License-Identifier: MIT
# The file server (user/fs/): one static ELF serving an in-memory tree over
# IPC, started by the root for a manifest line with program=fs.elf (not
# embedded in the kernel: the boot archive carries it, as jericho run --dir
# packs it). Included from user/user.mk. Its heap is the runner's
# (user/runner/heap.c), built again here with its default region.
FS_DIR := $(BUILD)/fs
FS_ELF := $(BUILD)/user/fs.elf
FS_SRCS := user/fs/main.c user/fs/ops.c user/fs/tree.c user/fs/image.c
FS_OBJS := $(patsubst user/fs/%.c,$(FS_DIR)/%.o,$(FS_SRCS)) $(FS_DIR)/heap.o $(FS_DIR)/archive.o

$(FS_DIR)/%.o: user/fs/%.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -c $< -o $@

$(FS_DIR)/heap.o: user/runner/heap.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -c $< -o $@

$(FS_DIR)/archive.o: user/root/archive.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -c $< -o $@

$(FS_ELF): $(FS_OBJS) $(USER_LIB_OBJS) user/lib/user.ld
	$(user_link)

.PHONY: fs
fs: $(FS_ELF)

-include $(FS_OBJS:.o=.d)

# Host unit test of the portable parts (tree, requests, image) under
# ASan+UBSan: tests/host/fs_tree_test.c, run by tests/suites/kernel-unit.sh
# with the other host tests. tests/host/fs_shim/jx.h stands in for the user
# library. Its explicit rule replaces host.mk's pattern, as root.mk's do.
FS_HOST_OBJS := $(patsubst user/fs/%.c,$(HOST_BUILD)/user/fs/%.c.o,user/fs/tree.c user/fs/ops.c user/fs/image.c)
$(HOST_BUILD)/user/fs/%.c.o: user/fs/%.c $(wildcard user/fs/*.h)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -Itests/host/fs_shim -Iinclude -c $< -o $@

$(HOST_BUILD)/tests/host/fs_tree_test: $(HOST_BUILD)/tests/host/fs_tree_test.c.o $(FS_HOST_OBJS) \
                                       $(HOST_BUILD)/user/root/archive.c.o \
                                       $(HOST_BUILD)/tools/jericho/archive_pack.c.o
	$(CC) $(HOST_LDFLAGS) -o $@ $^
