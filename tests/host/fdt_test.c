// SPDX-License-Identifier: MIT
// fdt_test.c: the DTB reader and usable RAM against QEMU's own tree, hand-built trees and broken blobs.
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fdt.h"
#include "fdt_ram.h"
#include "hosttest.h"

#define CHECK(cond) HT_CHECK(cond)

#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        long long a_ = (long long)(a), b_ = (long long)(b);                                        \
        if (a_ != b_) {                                                                            \
            fprintf(stderr, "%s:%d: FAIL %s == %s (0x%llx != 0x%llx)\n", __FILE__, __LINE__, #a,   \
                    #b, a_, b_);                                                                   \
            ht_failures++;                                                                         \
        }                                                                                          \
    } while (0)

/* ---- A tiny DTB writer, so tests can say exactly what a blob holds ---- */

struct dtb {
    uint8_t s[16384]; /* structure block */
    size_t slen;
    char str[4096]; /* strings block */
    size_t strlen_;
    uint64_t rsv[8][2];
    size_t nrsv;
};

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = v >> 24, p[1] = v >> 16, p[2] = v >> 8, p[3] = v;
}

static void emit32(struct dtb *d, uint32_t v)
{
    put32(d->s + d->slen, v);
    d->slen += 4;
}

static void emit_bytes(struct dtb *d, const void *p, size_t n)
{
    memcpy(d->s + d->slen, p, n);
    d->slen += n;
    while (d->slen % 4)
        d->s[d->slen++] = 0;
}

static void begin(struct dtb *d, const char *name)
{
    emit32(d, 1);
    emit_bytes(d, name, strlen(name) + 1);
}

static void end(struct dtb *d) { emit32(d, 2); }

static uint32_t name_off(struct dtb *d, const char *name)
{
    for (size_t off = 0; off < d->strlen_; off += strlen(d->str + off) + 1)
        if (strcmp(d->str + off, name) == 0)
            return (uint32_t)off;
    size_t off = d->strlen_;
    memcpy(d->str + off, name, strlen(name) + 1);
    d->strlen_ += strlen(name) + 1;
    return (uint32_t)off;
}

static void prop(struct dtb *d, const char *name, const void *v, size_t len)
{
    emit32(d, 3);
    emit32(d, (uint32_t)len);
    emit32(d, name_off(d, name));
    emit_bytes(d, v, len);
}

static void prop_str(struct dtb *d, const char *name, const char *v)
{
    prop(d, name, v, strlen(v) + 1);
}

/* A property of n big-endian cells. */
static void prop_cells(struct dtb *d, const char *name, int n, ...)
{
    uint8_t buf[64];
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        put32(buf + 4 * i, va_arg(ap, uint32_t));
    va_end(ap);
    prop(d, name, buf, 4 * (size_t)n);
}

/* Lays out header, memreserve table, structure and strings; returns the size. */
static size_t finish(struct dtb *d, uint8_t *out, size_t cap)
{
    emit32(d, 9);
    size_t rsv = 40, st = rsv + 16 * (d->nrsv + 1), strs = st + d->slen;
    size_t total = strs + d->strlen_;
    if (total > cap)
        abort();
    memset(out, 0, total);
    uint32_t hdr[10] = {
        0xd00dfeed, (uint32_t)total,      (uint32_t)st,     (uint32_t)strs, (uint32_t)rsv, 17, 16,
        0,          (uint32_t)d->strlen_, (uint32_t)d->slen
    };
    for (int i = 0; i < 10; i++)
        put32(out + 4 * i, hdr[i]);
    for (size_t i = 0; i < d->nrsv; i++)
        for (int j = 0; j < 2; j++) {
            put32(out + rsv + 16 * i + 8 * j, (uint32_t)(d->rsv[i][j] >> 32));
            put32(out + rsv + 16 * i + 8 * j + 4, (uint32_t)d->rsv[i][j]);
        }
    memcpy(out + st, d->s, d->slen);
    memcpy(out + strs, d->str, d->strlen_);
    return total;
}

/* Opens and scans; returns the first error. */
static int scan(const uint8_t *blob, size_t size, struct fdt_boot *b)
{
    struct fdt f;
    int err = fdt_open(&f, blob, size);
    return err ? err : fdt_scan_boot(&f, b);
}

/* ---- QEMU's own tree for the machine tools/qemu.sh boots ---- */

static size_t read_file(const char *path, uint8_t **data)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    *data = malloc((size_t)n);
    size_t got = fread(*data, 1, (size_t)n, fp);
    fclose(fp);
    return got;
}

static void test_qemu_virt(void)
{
    char dir[] = "/tmp/fdt_test.XXXXXX", cmd[512], dtb[64], img[64];
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    snprintf(dtb, sizeof dtb, "%s/virt.dtb", dir);
    snprintf(img, sizeof img, "%s/empty", dir);
    fclose(fopen(img, "wb"));
    snprintf(cmd, sizeof cmd,
             "qemu-system-aarch64 -M virt,gic-version=3,virtualization=on,dumpdtb=%s "
             "-cpu max -m 128M -display none -kernel %s -append 'test=kprintf x=1' "
             ">/dev/null 2>&1",
             dtb, img);
    int rc = system(cmd);
    uint8_t *blob = NULL;
    size_t size = read_file(dtb, &blob);
    unlink(dtb), unlink(img), rmdir(dir);
    printf("qemu virt DTB: %zu bytes (qemu exit %d)\n", size, rc);
    CHECK(size > 0);
    if (!size)
        return;

    struct fdt_boot b;
    CHECK_EQ(scan(blob, size, &b), FDT_OK);
    CHECK_EQ(b.nmemory, 1);
    CHECK_EQ(b.memory[0].base, 0x40000000);
    CHECK_EQ(b.memory[0].size, 128 << 20);
    CHECK(b.bootargs && strcmp(b.bootargs, "test=kprintf x=1") == 0);
    CHECK_EQ(b.initrd.size, 0); /* no -initrd */
    CHECK(b.stdout_path && strcmp(b.stdout_path, "/pl011@9000000") == 0);
    CHECK_EQ(b.uart.base, 0x09000000);
    CHECK_EQ(b.uart.size, 0x1000);
    CHECK_EQ(b.uart_intid, 33); /* interrupts = <0 1 4>: SPI 1 */
    CHECK_EQ(b.timer_intid, 27); /* the third of the timer's four: PPI 11 */
    CHECK_EQ(b.rtc.base, 0x09010000); /* pl031@9010000: the wall clock */
    CHECK_EQ(b.rtc.size, 0x1000);
    CHECK_EQ(b.gic_version, 3);
    CHECK_EQ(b.gic_dist.base, 0x08000000);
    CHECK_EQ(b.gic_redist.base, 0x080a0000);

    /* The kernel at 2 MiB into RAM and the DTB where QEMU puts it. */
    struct mem_region excl[2] = { { 0x40200000, 0x30000 }, { 0x44000000, size } };
    struct mem_region ram[BOOT_MAX_REGIONS];
    int n = fdt_usable_ram(&b, excl, 2, ram, BOOT_MAX_REGIONS);
    CHECK_EQ(n, 3);
    CHECK_EQ(ram[0].base, 0x40000000);
    CHECK_EQ(ram[0].size, 0x200000);
    CHECK_EQ(ram[1].base, 0x40230000);
    CHECK_EQ(ram[2].base, 0x44000000 + size);
    CHECK_EQ(ram[2].base + ram[2].size, 0x48000000);

    /* Every shorter prefix is a truncated blob: rejected, never overrun. */
    struct fdt f;
    for (size_t cut = 0; cut < size; cut += cut < 64 ? 1 : 4093) {
        uint8_t *copy = malloc(cut ? cut : 1);
        memcpy(copy, blob, cut);
        CHECK(fdt_open(&f, copy, cut) != FDT_OK);
        free(copy);
    }
    free(blob);
}

/* ---- A hand-built tree: aliases, a bus with ranges, reservations ---- */

static size_t build_board(uint8_t *out, size_t cap, const char *stdout_path)
{
    static struct dtb d;
    memset(&d, 0, sizeof d);
    d.rsv[d.nrsv][0] = 0x80000000, d.rsv[d.nrsv++][1] = 0x1000;
    begin(&d, "");
    prop_cells(&d, "#address-cells", 1, 2);
    prop_cells(&d, "#size-cells", 1, 2);
    prop_str(&d, "compatible", "test,board");
    begin(&d, "chosen");
    prop_str(&d, "bootargs", "console=ttyAMA0 test=undef");
    prop_str(&d, "stdout-path", stdout_path);
    prop_cells(&d, "linux,initrd-end", 2, 0, 0x48023000); /* before start: either order */
    prop_cells(&d, "linux,initrd-start", 1, 0x48000000); /* one cell is fine too */
    end(&d);
    begin(&d, "aliases");
    prop_str(&d, "serial1", "/soc/uart@0");
    prop_str(&d, "serial0", "/soc/uart@2000");
    end(&d);
    begin(&d, "memory@80000000");
    prop_cells(&d, "reg", 8, 0, 0x80000000, 0, 0x10000000, 1, 0, 0, 0x20000000);
    prop_str(&d, "device_type", "memory");
    end(&d);
    begin(&d, "reserved-memory");
    prop_cells(&d, "#address-cells", 1, 2);
    prop_cells(&d, "#size-cells", 1, 2);
    prop(&d, "ranges", "", 0);
    begin(&d, "secmon@88000000");
    prop_cells(&d, "reg", 4, 0, 0x88000000, 0, 0x200000);
    end(&d);
    begin(&d, "pool");
    prop_cells(&d, "size", 2, 0, 0x100000); /* dynamic: reserves nothing */
    end(&d);
    end(&d);
    begin(&d, "soc");
    prop_cells(&d, "#address-cells", 1, 1);
    prop_cells(&d, "#size-cells", 1, 1);
    prop_cells(&d, "ranges", 4, 0, 0, 0x10000000, 0x100000); /* child 0 -> 0x10000000 */
    begin(&d, "uart@0");
    prop(&d, "compatible", "arm,pl011\0arm,primecell", 24);
    prop_cells(&d, "reg", 2, 0x0, 0x1000);
    end(&d);
    begin(&d, "uart@2000");
    prop(&d, "compatible", "arm,pl011\0arm,primecell", 24);
    prop_cells(&d, "reg", 2, 0x2000, 0x1000);
    prop_cells(&d, "interrupts", 3, 1, 7, 4); /* PPI 7 */
    end(&d);
    begin(&d, "timer"); /* no reg; GICv2-style flags with a CPU mask */
    prop(&d, "compatible", "arm,armv8-timer\0arm,armv7-timer", 32);
    prop_cells(&d, "interrupts", 12, 1, 13, 0xf08, 1, 14, 0xf08, 1, 11, 0xf08, 1, 10, 0xf08);
    end(&d);
    begin(&d, "gic@8000");
    prop_str(&d, "compatible", "arm,gic-400");
    prop_cells(&d, "reg", 4, 0x8000, 0x1000, 0x9000, 0x2000);
    end(&d);
    end(&d);
    end(&d);
    return finish(&d, out, cap);
}

static void test_board(void)
{
    static uint8_t blob[20000];
    struct fdt_boot b;
    size_t size = build_board(blob, sizeof blob, "serial0:115200n8");
    CHECK_EQ(scan(blob, size, &b), FDT_OK);
    CHECK_EQ(b.nmemory, 2);
    CHECK_EQ(b.memory[1].base, 0x100000000);
    CHECK_EQ(b.memory[1].size, 0x20000000);
    CHECK(b.bootargs && strcmp(b.bootargs, "console=ttyAMA0 test=undef") == 0);
    CHECK_EQ(b.initrd.base, 0x48000000);
    CHECK_EQ(b.initrd.size, 0x23000);
    CHECK_EQ(b.uart.base, 0x10002000); /* the alias's uart, through soc's ranges */
    CHECK_EQ(b.uart_intid, 23);
    CHECK_EQ(b.timer_intid, 27);
    CHECK_EQ(b.gic_version, 2);
    CHECK_EQ(b.gic_dist.base, 0x10008000);
    CHECK_EQ(b.gic_redist.base, 0x10009000);
    CHECK_EQ(b.nreserved, 2);

    /* memreserve and reserved-memory come out of RAM, the excluded kernel too. */
    struct mem_region excl[1] = { { 0x80100800, 0x100 } };
    struct mem_region ram[BOOT_MAX_REGIONS];
    int n = fdt_usable_ram(&b, excl, 1, ram, BOOT_MAX_REGIONS);
    CHECK_EQ(n, 4);
    CHECK_EQ(ram[0].base, 0x80001000);
    CHECK_EQ(ram[0].size, 0xff000);
    CHECK_EQ(ram[1].base, 0x80101000);
    CHECK_EQ(ram[2].base, 0x88200000);
    CHECK_EQ(ram[3].base, 0x100000000);
    CHECK_EQ(fdt_usable_ram(&b, excl, 1, ram, 3), FDT_ERR_NOSPACE);

    size = build_board(blob, sizeof blob, "/soc/uart"); /* no unit address */
    CHECK_EQ(scan(blob, size, &b), FDT_OK);
    CHECK_EQ(b.uart.base, 0x10000000);
    size = build_board(blob, sizeof blob, "/soc/uart@2000"); /* full path */
    CHECK_EQ(scan(blob, size, &b), FDT_OK);
    CHECK_EQ(b.uart.base, 0x10002000);
    size = build_board(blob, sizeof blob, "nosuch"); /* first uart wins */
    CHECK_EQ(scan(blob, size, &b), FDT_OK);
    CHECK_EQ(b.uart.base, 0x10000000);
    CHECK_EQ(b.uart_intid, 0); /* it has no interrupts */
}

/* ---- Broken blobs: each must give its error ---- */

/* A minimal valid tree whose root cells and memory reg the caller picks. */
static size_t build_cells(uint8_t *out, uint32_t ac, uint32_t sc)
{
    static struct dtb d;
    memset(&d, 0, sizeof d);
    begin(&d, "");
    prop_cells(&d, "#address-cells", 1, ac);
    prop_cells(&d, "#size-cells", 1, sc);
    begin(&d, "memory@0");
    prop_str(&d, "device_type", "memory");
    prop_cells(&d, "reg", 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x1000);
    end(&d);
    end(&d);
    return finish(&d, out, 20000);
}

static void test_header(void)
{
    static uint8_t blob[20000];
    size_t size = build_board(blob, sizeof blob, "serial0");
    struct fdt f;
    struct fdt_boot b;
    CHECK_EQ(fdt_open(&f, NULL, 100), FDT_ERR_TRUNCATED);
    CHECK_EQ(fdt_open(&f, blob, 39), FDT_ERR_TRUNCATED);
    CHECK_EQ(fdt_open(&f, blob, size - 1), FDT_ERR_TRUNCATED); /* totalsize > avail */

    struct {
        size_t off;
        uint32_t value;
        int err;
    } cases[] = {
        { 0, 0xd00dfeee, FDT_ERR_MAGIC },
        { 0, 0xedfe0dd0, FDT_ERR_MAGIC }, /* little-endian magic */
        { 4, 20, FDT_ERR_TRUNCATED }, /* totalsize under a header */
        { 8, 0x7ffffff0, FDT_ERR_TRUNCATED }, /* struct offset past end */
        { 8, 42, FDT_ERR_STRUCT }, /* misaligned struct block */
        { 12, 0xfffffff0, FDT_ERR_TRUNCATED }, /* strings offset + size wrap */
        { 16, 0xfffffff8, FDT_ERR_TRUNCATED }, /* memreserve past end */
        { 20, 15, FDT_ERR_VERSION },
        { 24, 18, FDT_ERR_VERSION },
        { 32, 0xffffff00, FDT_ERR_TRUNCATED }, /* strings size past end */
        { 36, 0xffffff00, FDT_ERR_TRUNCATED }, /* struct size past end */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        static uint8_t copy[20000];
        memcpy(copy, blob, size);
        put32(copy + cases[i].off, cases[i].value);
        int err = scan(copy, size, &b);
        if (err != cases[i].err)
            printf("  header case %zu: %s\n", i, fdt_strerror(err));
        CHECK_EQ(err, cases[i].err);
    }
}

static void test_cells(void)
{
    static uint8_t blob[20000];
    struct fdt_boot b;
    size_t size = build_cells(blob, 2, 3); /* 10 cells = 2 entries of 2+3 */
    CHECK_EQ(scan(blob, size, &b), FDT_ERR_CELLS);
    size = build_cells(blob, 0, 2);
    CHECK_EQ(scan(blob, size, &b), FDT_ERR_CELLS);
    size = build_cells(blob, 5, 5); /* 10 cells = 1 entry of 5+5 */
    CHECK_EQ(scan(blob, size, &b), FDT_ERR_CELLS);
    size = build_cells(blob, 2, 0);
    CHECK_EQ(scan(blob, size, &b), FDT_ERR_CELLS);
    size = build_cells(blob, 1, 1); /* 10 cells = 5 entries; 4 empty */
    CHECK_EQ(scan(blob, size, &b), FDT_OK);
    CHECK_EQ(b.nmemory, 1);
    CHECK_EQ(b.memory[0].size, 0x1000);
    size = build_cells(blob, 2, 2); /* 10 cells: not whole entries */
    CHECK_EQ(scan(blob, size, &b), FDT_ERR_STRUCT);
}

/* Builds a tree with one flaw the callback puts in; returns scan's error. */
static int scan_flawed(void (*flaw)(struct dtb *d))
{
    static struct dtb d;
    static uint8_t blob[20000];
    struct fdt_boot b;
    memset(&d, 0, sizeof d);
    flaw(&d);
    size_t size = finish(&d, blob, sizeof blob);
    return scan(blob, size, &b);
}

static void unterminated_bootargs(struct dtb *d)
{
    begin(d, "");
    begin(d, "chosen");
    prop(d, "bootargs", "abc", 3);
    end(d);
    end(d);
}

static void unterminated_compatible(struct dtb *d)
{
    begin(d, "");
    begin(d, "uart@0");
    prop(d, "compatible", "arm,pl011", 9);
    end(d);
    end(d);
}

static void name_past_strings(struct dtb *d)
{
    begin(d, "");
    emit32(d, 3), emit32(d, 0), emit32(d, 5000);
    end(d);
}

static void name_unterminated_strings(struct dtb *d)
{
    begin(d, "");
    prop(d, "x", "", 0);
    end(d);
    d->str[d->strlen_ - 1] = 'y'; /* the strings block's last NUL */
}

static void value_past_struct(struct dtb *d)
{
    begin(d, "");
    emit32(d, 3), emit32(d, 0x10000), emit32(d, name_off(d, "x"));
}

static void extra_end(struct dtb *d) { begin(d, ""), end(d), end(d); }
static void missing_end(struct dtb *d) { begin(d, ""), begin(d, "a"), end(d); }
static void two_roots(struct dtb *d) { begin(d, ""), end(d), begin(d, ""), end(d); }
static void bad_token(struct dtb *d) { begin(d, ""), emit32(d, 7), end(d); }
static void prop_before_root(struct dtb *d) { prop_str(d, "x", "y"), begin(d, ""), end(d); }
static void empty(struct dtb *d) { (void)d; }

static void too_deep(struct dtb *d)
{
    for (int i = 0; i < FDT_MAX_DEPTH + 1; i++)
        begin(d, i ? "n" : "");
    for (int i = 0; i < FDT_MAX_DEPTH + 1; i++)
        end(d);
}

static void wrapping_memory(struct dtb *d)
{
    begin(d, "");
    begin(d, "memory");
    prop_str(d, "device_type", "memory");
    prop_cells(d, "reg", 3, 0xffffffff, 0xfffff000, 0x2000);
    end(d);
    end(d);
}

static void many_memory(struct dtb *d)
{
    begin(d, "");
    for (int i = 0; i <= BOOT_MAX_REGIONS; i++) {
        begin(d, "memory");
        prop_str(d, "device_type", "memory");
        prop_cells(d, "reg", 3, 1, 0, 0x1000);
        end(d);
    }
    end(d);
}

static void bad_ranges(struct dtb *d)
{
    begin(d, "");
    begin(d, "bus");
    prop_cells(d, "ranges", 3, 0, 0, 0x1000); /* 2+2+1 cells expected */
    begin(d, "uart@0");
    prop_str(d, "compatible", "arm,pl011");
    prop_cells(d, "reg", 3, 0, 0, 0x1000);
    end(d);
    end(d);
    end(d);
}

static void test_structure(void)
{
    CHECK_EQ(scan_flawed(unterminated_bootargs), FDT_ERR_STRING);
    CHECK_EQ(scan_flawed(unterminated_compatible), FDT_ERR_STRING);
    CHECK_EQ(scan_flawed(name_past_strings), FDT_ERR_STRING);
    CHECK_EQ(scan_flawed(name_unterminated_strings), FDT_ERR_STRING);
    CHECK_EQ(scan_flawed(value_past_struct), FDT_ERR_STRUCT);
    CHECK_EQ(scan_flawed(extra_end), FDT_ERR_STRUCT);
    CHECK_EQ(scan_flawed(missing_end), FDT_ERR_STRUCT);
    CHECK_EQ(scan_flawed(two_roots), FDT_ERR_STRUCT);
    CHECK_EQ(scan_flawed(bad_token), FDT_ERR_STRUCT);
    CHECK_EQ(scan_flawed(prop_before_root), FDT_ERR_STRUCT);
    CHECK_EQ(scan_flawed(empty), FDT_ERR_STRUCT);
    CHECK_EQ(scan_flawed(too_deep), FDT_ERR_DEPTH);
    CHECK_EQ(scan_flawed(wrapping_memory), FDT_ERR_RANGE);
    CHECK_EQ(scan_flawed(many_memory), FDT_ERR_NOSPACE);
    CHECK_EQ(scan_flawed(bad_ranges), FDT_ERR_STRUCT);
}

/* /reserved-memory without its (required) empty ranges still reserves. */
static void test_reserved_without_ranges(void)
{
    static struct dtb d;
    static uint8_t blob[20000];
    struct fdt_boot b;
    memset(&d, 0, sizeof d);
    begin(&d, "");
    begin(&d, "reserved-memory");
    begin(&d, "fw@40000000");
    prop_cells(&d, "reg", 3, 0, 0x40000000, 0x10000);
    end(&d);
    end(&d);
    end(&d);
    size_t size = finish(&d, blob, sizeof blob);
    CHECK_EQ(scan(blob, size, &b), FDT_OK);
    CHECK_EQ(b.nreserved, 1);
    CHECK_EQ(b.reserved[0].base, 0x40000000);
}

/* A node name cut off by the end of the structure block. */
static void test_node_name_cut(void)
{
    static struct dtb d;
    static uint8_t blob[20000];
    struct fdt_boot b;
    memset(&d, 0, sizeof d);
    begin(&d, "abcdefg");
    end(&d);
    size_t size = finish(&d, blob, sizeof blob);
    put32(blob + 36, 8); /* size_dt_struct: the tag and "abcd" */
    CHECK_EQ(scan(blob, size, &b), FDT_ERR_STRING);
}

static void test_memreserve(void)
{
    static uint8_t blob[20000];
    struct fdt_boot b;
    size_t size = build_board(blob, sizeof blob, "serial0");
    /* Fill the table's terminator so the entries run into the struct block. */
    memset(blob + 40 + 16, 0xaa, 16);
    CHECK(scan(blob, size, &b) != FDT_OK);
    size = build_board(blob, sizeof blob, "serial0");
    put32(blob + 40, 0xffffffff); /* first entry wraps past 2^64 */
    put32(blob + 48, 0xffffffff);
    CHECK_EQ(scan(blob, size, &b), FDT_ERR_RANGE);
}

/* Random damage to a valid blob must give an error or a result, never a crash
 * (ASan/UBSan watch every read). */
static void test_mutations(void)
{
    static uint8_t blob[20000], copy[20000];
    size_t size = build_board(blob, sizeof blob, "serial0");
    uint64_t seed = 0x9e3779b97f4a7c15;
    int rejected = 0;
    for (int iter = 0; iter < 20000; iter++) {
        memcpy(copy, blob, size);
        for (int k = 0; k < 1 + iter % 4; k++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            size_t at = (size_t)(seed >> 33) % size;
            copy[at] = (uint8_t)(seed >> 24);
        }
        size_t avail = iter % 7 == 0 ? (size_t)(seed >> 40) % (size + 1) : size;
        uint8_t *exact = malloc(avail ? avail : 1); /* ASan bounds at avail */
        memcpy(exact, copy, avail);
        struct fdt_boot b;
        rejected += scan(exact, avail, &b) != FDT_OK;
        free(exact);
    }
    printf("mutations: %d of 20000 rejected, none crashed\n", rejected);
    CHECK(rejected > 0);
}

int main(void)
{
    test_qemu_virt();
    test_board();
    test_header();
    test_cells();
    test_structure();
    test_node_name_cut();
    test_reserved_without_ranges();
    test_memreserve();
    test_mutations();
    return ht_finish("fdt_test");
}
