# SPDX-License-Identifier: MIT
# user/root/root.mk: the root task's portable parts, for now the manifest
# parser (user/root/manifest.c), tested on the host by tests/host/manifest_test.c.
# Its explicit rule replaces host.mk's pattern, which links kernel code instead.
$(HOST_BUILD)/user/root/%.c.o: user/root/%.c user/root/manifest.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -c $< -o $@

$(HOST_BUILD)/tests/host/manifest_test: $(HOST_BUILD)/tests/host/manifest_test.c.o \
                                        $(HOST_BUILD)/user/root/manifest.c.o
	$(CC) $(HOST_LDFLAGS) -o $@ $^
