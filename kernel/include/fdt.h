/* SPDX-License-Identifier: MIT */
/* fdt.h: a bounds-checked reader for flattened device tree blobs (DTBs). */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "boot.h"

/*
 * The DTB is input from outside the kernel: every offset, length, string and
 * cell count in it is checked before use, and a malformed blob yields one of
 * these errors, never an out-of-bounds read. Portable C, no libfdt; the host
 * unit test (tests/host/fdt_test.c) runs it under ASan+UBSan.
 */
enum fdt_error {
    FDT_OK = 0,
    FDT_ERR_MAGIC = -1,     /* not a DTB at all */
    FDT_ERR_VERSION = -2,   /* a format version this reader does not speak */
    FDT_ERR_TRUNCATED = -3, /* a header offset or size points past the blob */
    FDT_ERR_STRUCT = -4,    /* bad token, bad nesting, data past a block end */
    FDT_ERR_STRING = -5,    /* a name or string value without its NUL */
    FDT_ERR_CELLS = -6,     /* #address-cells / #size-cells we cannot use */
    FDT_ERR_DEPTH = -7,     /* nodes nested deeper than FDT_MAX_DEPTH */
    FDT_ERR_NOSPACE = -8,   /* more regions than the output array holds */
    FDT_ERR_RANGE = -9,     /* a region that wraps past the top of memory */
};

#define FDT_MAX_DEPTH    16      /* QEMU's virt tree is 4 deep */
#define FDT_MAX_RESERVED 16   /* /memreserve/ entries + /reserved-memory nodes */

/* A validated blob: offsets are relative to base and known to be in bounds. */
struct fdt {
    const uint8_t *base;
    uint32_t size;                      /* totalsize from the header */
    uint32_t struct_off, struct_size;   /* the structure block */
    uint32_t strings_off, strings_size; /* the strings block */
    uint32_t rsvmap_off;                /* the /memreserve/ table */
};

/*
 * Checks the header of the blob at `blob`, of which `avail` bytes may be read,
 * and fills *f. Returns FDT_OK or an error; later calls trust only *f.
 */
int fdt_open(struct fdt *f, const void *blob, size_t avail);

/* One step of the structure block; see fdt_next(). */
enum fdt_token_kind { FDT_TOK_BEGIN, FDT_TOK_END, FDT_TOK_PROP, FDT_TOK_EOF };

struct fdt_token {
    enum fdt_token_kind kind;
    const char *name;      /* node name (BEGIN) or property name (PROP) */
    const uint8_t *value;  /* property value (PROP), len bytes, big-endian */
    uint32_t len;
};

/*
 * Reads the token at structure offset *pos into *t and advances *pos past it,
 * skipping NOPs. Names are NUL-terminated within their block. Nesting is not
 * checked here (fdt_scan_boot does that). Returns FDT_OK or an error.
 */
int fdt_next(const struct fdt *f, uint32_t *pos, struct fdt_token *t);

/* What the kernel needs from the tree at boot. Regions of size 0 are absent. */
struct fdt_boot {
    struct mem_region memory[BOOT_MAX_REGIONS]; /* reg of every memory node */
    size_t nmemory;
    struct mem_region reserved[FDT_MAX_RESERVED]; /* /memreserve/ + /reserved-memory */
    size_t nreserved;
    const char *bootargs;    /* /chosen/bootargs, NULL if none */
    const char *stdout_path; /* /chosen/stdout-path, NULL if none */
    /* /chosen linux,initrd-start and -end (4- or 8-byte cells): the boot
     * archive QEMU's -initrd loaded; size 0 if absent or malformed. */
    struct mem_region initrd;
    struct mem_region uart;  /* arm,pl011 registers: stdout-path's, else the first */
    uint32_t uart_intid;     /* its interrupt as a GIC INTID, 0 if none/unknown */
    uint32_t timer_intid;    /* arm,armv8-timer's virtual timer INTID, 0 if none */
    struct mem_region rtc;   /* arm,pl031 registers (the first): the wall clock */
    int gic_version;         /* 2 or 3; 0 if no GIC was found */
    struct mem_region gic_dist;  /* GICD */
    struct mem_region gic_redist; /* GICR (v3) or GICC (v2) */
};

/*
 * Walks the whole tree once (plus the /memreserve/ table) and fills *out with
 * CPU physical addresses (translated through parents' `ranges`). Returns
 * FDT_OK or an error; on error *out is incomplete and must not be used.
 */
int fdt_scan_boot(const struct fdt *f, struct fdt_boot *out);

/* A short English name for an fdt_error value. */
const char *fdt_strerror(int err);
