# SPDX-License-Identifier: MIT
# user/root/root.mk: the root task's portable parts -- the manifest parser
# (user/root/manifest.c) and the boot archive reader (user/root/archive.c) --
# tested on the host by tests/host/manifest_test.c and archive_test.c. Their
# explicit rules replace host.mk's pattern, which links kernel code instead.
$(HOST_BUILD)/user/root/%.c.o: user/root/%.c user/root/manifest.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -c $< -o $@

$(HOST_BUILD)/tests/host/manifest_test: $(HOST_BUILD)/tests/host/manifest_test.c.o \
                                        $(HOST_BUILD)/user/root/manifest.c.o
	$(CC) $(HOST_LDFLAGS) -o $@ $^

# The boot archive: user/root/archive.c reads what tools/jericho/archive_pack.c packs.
$(HOST_BUILD)/user/root/archive.c.o: user/root/archive.h
$(HOST_BUILD)/tools/jericho/archive_pack.c.o: tools/jericho/archive_pack.c tools/jericho/archive_pack.h user/root/archive.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -c $< -o $@

$(HOST_BUILD)/tests/host/archive_test: $(HOST_BUILD)/tests/host/archive_test.c.o \
                                       $(HOST_BUILD)/user/root/archive.c.o \
                                       $(HOST_BUILD)/tools/jericho/archive_pack.c.o
	$(CC) $(HOST_LDFLAGS) -o $@ $^

# jx-pack OUT NAME=FILE...: packs a boot archive on the host (the boot tests,
# `jericho run` on the OS).
$(HOST_BUILD)/tools/jericho/pack_main.c.o: tools/jericho/pack_main.c tools/jericho/archive_pack.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -c $< -o $@

$(HOST_BUILD)/tools/jx-pack: $(HOST_BUILD)/tools/jericho/pack_main.c.o \
                             $(HOST_BUILD)/tools/jericho/archive_pack.c.o
	$(CC) $(HOST_LDFLAGS) -o $@ $^

.PHONY: pack-tool
pack-tool: $(HOST_BUILD)/tools/jx-pack
