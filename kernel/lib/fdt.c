// SPDX-License-Identifier: MIT
// fdt.c: reads a flattened device tree (header, tokens, boot facts) without trusting it.
#include <stdbool.h>
#include "fdt.h"

#define FDT_MAGIC       0xd00dfeedu
#define FDT_HEADER_SIZE 40u /* version 17 header: ten big-endian words */

enum { TAG_BEGIN_NODE = 1, TAG_END_NODE = 2, TAG_PROP = 3, TAG_NOP = 4, TAG_END = 9 };

/* Cell counts a node's children get when it has no #address-cells/#size-cells. */
#define DEFAULT_ADDR_CELLS 2
#define DEFAULT_SIZE_CELLS 1
#define BAD_CELLS          0xffffffffu /* a cells property of the wrong length */

/* ---- Byte-level helpers: the blob is big-endian and may be unaligned. ---- */

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const uint8_t *p) { return (uint64_t)be32(p) << 32 | be32(p + 4); }

/* Length of the string at p, or -1 if no NUL comes within max bytes. */
static int64_t bounded_strlen(const uint8_t *p, uint64_t max)
{
    for (uint64_t i = 0; i < max; i++)
        if (p[i] == 0)
            return (int64_t)i;
    return -1;
}

static bool str_eq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

/* Does node name `name` ("pl011@9000000") match path component c[0..n)? A
 * component without a unit address matches any unit address. */
static bool name_matches(const char *name, const char *c, size_t n)
{
    bool has_unit = false;
    for (size_t i = 0; i < n; i++) {
        if (name[i] != c[i])
            return false; /* also stops at name's NUL: c holds no NUL */
        has_unit |= c[i] == '@';
    }
    return name[n] == 0 || (name[n] == '@' && !has_unit);
}

/* ---- Header ---- */

static int check_block(uint32_t off, uint64_t size, uint32_t total)
{
    return (uint64_t)off + size <= total ? FDT_OK : FDT_ERR_TRUNCATED;
}

int fdt_open(struct fdt *f, const void *blob, size_t avail)
{
    const uint8_t *h = blob;
    if (!blob || avail < FDT_HEADER_SIZE)
        return FDT_ERR_TRUNCATED;
    if (be32(h) != FDT_MAGIC)
        return FDT_ERR_MAGIC;
    uint32_t total = be32(h + 4), version = be32(h + 20), last_comp = be32(h + 24);
    if (total < FDT_HEADER_SIZE || total > avail)
        return FDT_ERR_TRUNCATED;
    /* size_dt_struct arrived in version 17; 16 is still readable without it. */
    if (version < 16 || last_comp > 17)
        return FDT_ERR_VERSION;
    *f = (struct fdt){
        .base = h,
        .size = total,
        .struct_off = be32(h + 8),
        .strings_off = be32(h + 12),
        .rsvmap_off = be32(h + 16),
        .strings_size = be32(h + 32),
    };
    if (f->struct_off > total)
        return FDT_ERR_TRUNCATED;
    f->struct_size = version >= 17 ? be32(h + 36) : total - f->struct_off;
    if (f->struct_off % 4 || f->rsvmap_off % 8)
        return FDT_ERR_STRUCT;
    int err = check_block(f->struct_off, f->struct_size, total);
    if (!err)
        err = check_block(f->strings_off, f->strings_size, total);
    if (!err)
        err = check_block(f->rsvmap_off, 16, total); /* at least the terminator */
    return err;
}

/* ---- Tokens ---- */

/* Moves *pos to `end` rounded up to a token boundary, which must still be
 * inside the block: so *pos only grows and never wraps. */
static int advance(const struct fdt *f, uint32_t *pos, uint64_t end)
{
    uint64_t next = (end + 3) & ~3ull;
    if (next > f->struct_size)
        return FDT_ERR_STRUCT;
    *pos = (uint32_t)next;
    return FDT_OK;
}

static int read_prop(const struct fdt *f, uint32_t *pos, struct fdt_token *t)
{
    const uint8_t *s = f->base + f->struct_off;
    if ((uint64_t)*pos + 8 > f->struct_size)
        return FDT_ERR_STRUCT;
    uint32_t len = be32(s + *pos), nameoff = be32(s + *pos + 4);
    uint64_t value_off = (uint64_t)*pos + 8;
    if (len > f->struct_size - value_off)
        return FDT_ERR_STRUCT;
    if (nameoff >= f->strings_size)
        return FDT_ERR_STRING;
    const uint8_t *name = f->base + f->strings_off + nameoff;
    if (bounded_strlen(name, f->strings_size - nameoff) < 0)
        return FDT_ERR_STRING;
    t->kind = FDT_TOK_PROP;
    t->name = (const char *)name;
    t->value = s + value_off;
    t->len = len;
    return advance(f, pos, value_off + len);
}

static int read_node_name(const struct fdt *f, uint32_t *pos, struct fdt_token *t)
{
    const uint8_t *name = f->base + f->struct_off + *pos;
    int64_t n = bounded_strlen(name, f->struct_size - *pos);
    if (n < 0)
        return FDT_ERR_STRING;
    t->kind = FDT_TOK_BEGIN;
    t->name = (const char *)name;
    t->value = NULL;
    t->len = 0;
    return advance(f, pos, (uint64_t)*pos + (uint64_t)n + 1);
}

int fdt_next(const struct fdt *f, uint32_t *pos, struct fdt_token *t)
{
    for (;;) {
        if (*pos % 4 || (uint64_t)*pos + 4 > f->struct_size)
            return FDT_ERR_STRUCT; /* ran off the block without FDT_END */
        uint32_t tag = be32(f->base + f->struct_off + *pos);
        *pos += 4;
        switch (tag) {
        case TAG_BEGIN_NODE: return read_node_name(f, pos, t);
        case TAG_PROP: return read_prop(f, pos, t);
        case TAG_END_NODE:
        case TAG_END:
            *t = (struct fdt_token){ .kind = tag == TAG_END ? FDT_TOK_EOF : FDT_TOK_END };
            if (tag == TAG_END)
                *pos -= 4; /* stay on FDT_END: further calls keep returning EOF */
            return FDT_OK;
        case TAG_NOP: continue;
        default: return FDT_ERR_STRUCT;
        }
    }
}

/* ---- The tree walk: one pass, with each open node's interesting properties ---- */

struct prop {
    const uint8_t *value;
    uint32_t len;
    bool present;
};

struct node {
    const char *name;
    uint32_t addr_cells, size_cells; /* for this node's children */
    struct prop reg, ranges, compatible, device_type, interrupts;
};

struct walk;
typedef int (*node_fn)(struct walk *w, const struct node *path, int depth);
typedef int (*prop_fn)(struct walk *w, const struct node *path, int depth,
                       const struct fdt_token *t);

struct walk {
    const struct fdt *f;
    node_fn node_end;  /* called at each node's end, all its properties known */
    prop_fn prop;      /* called for every property (may be NULL) */
    struct fdt_boot *out;
    const char *stdout_node; /* stdout-path resolved to a node path, up to ':' */
    size_t stdout_len;
    bool uart_is_stdout;
    uint64_t initrd_start, initrd_end; /* /chosen linux,initrd-*, once seen */
    unsigned initrd_has;               /* bit 0: start seen, bit 1: end seen */
};

static uint32_t cells_value(const struct fdt_token *t)
{
    return t->len == 4 ? be32(t->value) : BAD_CELLS;
}

static void note_prop(struct node *n, const struct fdt_token *t)
{
    struct prop p = { t->value, t->len, true };
    if (str_eq(t->name, "#address-cells"))
        n->addr_cells = cells_value(t);
    else if (str_eq(t->name, "#size-cells"))
        n->size_cells = cells_value(t);
    else if (str_eq(t->name, "reg"))
        n->reg = p;
    else if (str_eq(t->name, "ranges"))
        n->ranges = p;
    else if (str_eq(t->name, "compatible"))
        n->compatible = p;
    else if (str_eq(t->name, "device_type"))
        n->device_type = p;
    else if (str_eq(t->name, "interrupts"))
        n->interrupts = p;
}

static int walk_token(struct walk *w, struct node *path, int *depth, bool *done,
                      const struct fdt_token *t)
{
    switch (t->kind) {
    case FDT_TOK_BEGIN:
        if (*done || *depth + 1 >= FDT_MAX_DEPTH)
            return *done ? FDT_ERR_STRUCT : FDT_ERR_DEPTH;
        path[++*depth] = (struct node){ .name = t->name,
                                        .addr_cells = DEFAULT_ADDR_CELLS,
                                        .size_cells = DEFAULT_SIZE_CELLS };
        return FDT_OK;
    case FDT_TOK_PROP:
        if (*depth < 0)
            return FDT_ERR_STRUCT; /* a property outside the root node */
        note_prop(&path[*depth], t);
        return w->prop ? w->prop(w, path, *depth, t) : FDT_OK;
    case FDT_TOK_END: {
        if (*depth < 0)
            return FDT_ERR_STRUCT;
        int err = w->node_end ? w->node_end(w, path, *depth) : FDT_OK;
        *done = --*depth < 0;
        return err;
    }
    case FDT_TOK_EOF: break;
    }
    return FDT_ERR_STRUCT;
}

/* Runs w over the whole tree; checks nesting (exactly one root node). */
static int walk_tree(struct walk *w)
{
    struct node path[FDT_MAX_DEPTH];
    int depth = -1;
    bool done = false;
    uint32_t pos = 0;
    for (;;) {
        struct fdt_token t;
        int err = fdt_next(w->f, &pos, &t);
        if (err)
            return err;
        if (t.kind == FDT_TOK_EOF)
            return done ? FDT_OK : FDT_ERR_STRUCT;
        err = walk_token(w, path, &depth, &done, &t);
        if (err)
            return err;
    }
}

/* ---- Addresses: reg entries and their translation through `ranges` ---- */

static bool cells_ok(uint32_t cells, uint32_t min)
{
    return cells >= min && cells <= 2; /* 64-bit physical addresses at most */
}

static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
    return cells == 2 ? be64(p) : cells == 1 ? be32(p) : 0;
}

/*
 * Translates `addr`, an address on the bus of path[depth] (a child of it),
 * to a CPU physical address through each ancestor's `ranges`. Sets *ok to
 * false when some ancestor does not map it (no `ranges`, or no matching
 * entry); `lenient` takes a missing `ranges` as identity instead. Returns
 * FDT_OK or an error for malformed `ranges`.
 */
static int translate(const struct node *path, int depth, bool lenient, uint64_t *addr, bool *ok)
{
    *ok = true;
    for (int d = depth; d > 0; d--) {
        const struct node *bus = &path[d], *parent = &path[d - 1];
        if (!bus->ranges.present && !lenient) {
            *ok = false;
            return FDT_OK;
        }
        if (bus->ranges.len == 0)
            continue; /* empty ranges (or lenient and none): identity */
        uint32_t cc = bus->addr_cells, pc = parent->addr_cells, sc = bus->size_cells;
        if (!cells_ok(cc, 1) || !cells_ok(pc, 1) || !cells_ok(sc, 1))
            return FDT_ERR_CELLS;
        uint32_t entry = (cc + pc + sc) * 4;
        if (bus->ranges.len % entry)
            return FDT_ERR_STRUCT;
        bool found = false;
        for (uint32_t off = 0; off < bus->ranges.len && !found; off += entry) {
            const uint8_t *e = bus->ranges.value + off;
            uint64_t child = read_cells(e, cc), par = read_cells(e + cc * 4, pc);
            uint64_t len = read_cells(e + (cc + pc) * 4, sc);
            if (*addr >= child && *addr - child < len) {
                *addr = par + (*addr - child);
                found = true;
            }
        }
        if (!found) {
            *ok = false;
            return FDT_OK;
        }
    }
    return FDT_OK;
}

/*
 * Appends the reg entries of path[depth] (all of them, or the first `limit`)
 * to regs[*n..max). `lenient`: see translate(). Returns FDT_OK, or an error
 * for unusable cells, a reg length that is not whole entries, wrap-around,
 * or too many regions.
 */
static int read_reg(const struct node *path, int depth, bool lenient, struct mem_region *regs,
                    size_t *n, size_t max, size_t limit)
{
    const struct node *node = &path[depth], *parent = &path[depth - 1];
    uint32_t ac = parent->addr_cells, sc = parent->size_cells;
    if (!cells_ok(ac, 1) || !cells_ok(sc, 1))
        return FDT_ERR_CELLS;
    uint32_t entry = (ac + sc) * 4;
    if (node->reg.len % entry)
        return FDT_ERR_STRUCT;
    for (uint32_t off = 0; off < node->reg.len && limit; off += entry, limit--) {
        uint64_t base = read_cells(node->reg.value + off, ac);
        uint64_t size = read_cells(node->reg.value + off + ac * 4, sc);
        bool ok;
        int err = translate(path, depth - 1, lenient, &base, &ok);
        if (err)
            return err;
        if (!ok || size == 0)
            continue; /* not CPU-addressable, or empty: nothing to record */
        if (base + size < base)
            return FDT_ERR_RANGE;
        if (*n >= max)
            return FDT_ERR_NOSPACE;
        regs[(*n)++] = (struct mem_region){ base, size };
    }
    return FDT_OK;
}

/* ---- Properties holding strings ---- */

/* A string property must end in its NUL; returns FDT_ERR_STRING if not. */
static int string_prop(const uint8_t *value, uint32_t len, const char **s)
{
    if (len == 0 || value[len - 1] != 0)
        return FDT_ERR_STRING;
    *s = (const char *)value;
    return FDT_OK;
}

/* Does the string list p (checked: ends in NUL) contain `want`? */
static int list_has(const struct prop *p, const char *want, bool *has)
{
    *has = false;
    if (!p->present)
        return FDT_OK;
    const char *s;
    int err = string_prop(p->value, p->len, &s);
    for (uint32_t off = 0; !err && off < p->len;) {
        s = (const char *)p->value + off;
        if (str_eq(s, want))
            *has = true;
        off += (uint32_t)bounded_strlen(p->value + off, p->len - off) + 1;
    }
    return err;
}

/* ---- Pass 1: /chosen and /aliases ---- */

/* A linux,initrd-* value: one or two cells; false for any other length. */
static bool initrd_cell(const struct fdt_token *t, uint64_t *v)
{
    if (t->len != 4 && t->len != 8)
        return false;
    *v = t->len == 4 ? be32(t->value) : be64(t->value);
    return true;
}

/* start and end are set in either order; the range is kept only once both
 * are known and end > start. */
static void initrd_prop(struct walk *w, const struct fdt_token *t, bool start)
{
    uint64_t v;
    struct mem_region *r = &w->out->initrd;
    if (!initrd_cell(t, &v))
        return;
    if (start)
        w->initrd_start = v, w->initrd_has |= 1;
    else
        w->initrd_end = v, w->initrd_has |= 2;
    if (w->initrd_has == 3 && w->initrd_end > w->initrd_start)
        *r = (struct mem_region){ w->initrd_start, w->initrd_end - w->initrd_start };
}

static bool top_node(const struct node *path, int depth, const char *name)
{
    return depth == 1 && str_eq(path[1].name, name);
}

static int chosen_prop(struct walk *w, const struct node *path, int depth,
                       const struct fdt_token *t)
{
    if (!top_node(path, depth, "chosen"))
        return FDT_OK;
    if (str_eq(t->name, "bootargs"))
        return string_prop(t->value, t->len, &w->out->bootargs);
    if (str_eq(t->name, "stdout-path"))
        return string_prop(t->value, t->len, &w->out->stdout_path);
    if (str_eq(t->name, "linux,initrd-start") || str_eq(t->name, "linux,initrd-end"))
        initrd_prop(w, t, t->name[13] == 's');
    return FDT_OK;
}

/* stdout-path may name an alias ("serial0:115200n8"); look it up. */
static int alias_prop(struct walk *w, const struct node *path, int depth, const struct fdt_token *t)
{
    if (!top_node(path, depth, "aliases"))
        return FDT_OK;
    const char *s = t->name, *want = w->stdout_node;
    size_t i = 0;
    while (i < w->stdout_len && s[i] == want[i])
        i++;
    if (i != w->stdout_len || s[i] != 0)
        return FDT_OK;
    const char *target;
    int err = string_prop(t->value, t->len, &target);
    if (!err) {
        w->stdout_node = target;
        w->stdout_len = (size_t)bounded_strlen(t->value, t->len);
    }
    return err;
}

static int resolve_stdout(struct walk *w)
{
    const char *p = w->out->stdout_path;
    if (!p)
        return FDT_OK;
    size_t n = 0;
    while (p[n] && p[n] != ':')
        n++;
    w->stdout_node = p;
    w->stdout_len = n;
    if (p[0] == '/')
        return FDT_OK;
    w->prop = alias_prop;
    w->node_end = NULL;
    int err = walk_tree(w);
    if (!err && w->stdout_node == p)
        w->stdout_node = NULL; /* an alias that is not there */
    return err;
}

/* ---- Pass 2: memory, reserved memory, console, interrupt controller ---- */

/* Is path[1..depth] the node w->stdout_node names? */
static bool is_stdout(const struct walk *w, const struct node *path, int depth)
{
    const char *p = w->stdout_node, *end = p ? p + w->stdout_len : NULL;
    if (!p)
        return false;
    for (int d = 1; d <= depth; d++) {
        if (p >= end || *p != '/')
            return false;
        const char *c = ++p;
        while (p < end && *p != '/')
            p++;
        if (!name_matches(path[d].name, c, (size_t)(p - c)))
            return false;
    }
    return p == end;
}

/*
 * Interrupt `index` of a node, read as the GIC binding's three cells
 * (type: 0 SPI, 1 PPI; number; flags) into an INTID; 0 when absent or
 * not in that shape (another interrupt controller, say).
 */
static uint32_t gic_intid(const struct prop *irq, uint32_t index)
{
    if (!irq->present || irq->len % 12 || irq->len / 12 <= index)
        return 0;
    const uint8_t *cells = irq->value + 12 * index;
    uint32_t type = be32(cells), num = be32(cells + 4);
    if (type == 0 && num < 988)
        return 32 + num;
    if (type == 1 && num < 16)
        return 16 + num;
    return 0;
}

static int note_uart(struct walk *w, const struct node *path, int depth)
{
    bool stdout_node = is_stdout(w, path, depth);
    if (w->out->uart.size && (w->uart_is_stdout || !stdout_node))
        return FDT_OK; /* keep the first one, unless this is stdout's */
    struct mem_region r[1];
    size_t n = 0;
    int err = read_reg(path, depth, false, r, &n, 1, 1);
    if (!err && n) {
        w->out->uart = r[0];
        w->out->uart_intid = gic_intid(&path[depth].interrupts, 0);
        w->uart_is_stdout = stdout_node;
    }
    return err;
}

static int note_gic(struct walk *w, const struct node *path, int depth, int version)
{
    struct mem_region r[2];
    size_t n = 0;
    int err = read_reg(path, depth, false, r, &n, 2, 2);
    if (err || n < 2 || w->out->gic_version)
        return err;
    w->out->gic_version = version;
    w->out->gic_dist = r[0];
    w->out->gic_redist = r[1];
    return FDT_OK;
}

/* The first arm,pl031 real-time clock's registers. */
static int note_rtc(struct walk *w, const struct node *path, int depth)
{
    size_t n = 0;
    return w->out->rtc.size ? FDT_OK : read_reg(path, depth, false, &w->out->rtc, &n, 1, 1);
}

static int is_memory(const struct node *path, int depth, bool *yes)
{
    const struct node *n = &path[depth];
    *yes = false;
    if (depth != 1 || !n->device_type.present)
        return FDT_OK;
    const char *type;
    int err = string_prop(n->device_type.value, n->device_type.len, &type);
    if (!err)
        *yes = str_eq(type, "memory");
    return err;
}

static int device_node(struct walk *w, const struct node *path, int depth)
{
    const struct prop *c = &path[depth].compatible;
    bool pl011, pl031, gic3, gic2, gic400, timer;
    int err = list_has(c, "arm,armv8-timer", &timer);
    if (err)
        return err;
    /* Its interrupts: secure and non-secure physical, virtual, hypervisor. */
    if (timer && !w->out->timer_intid)
        w->out->timer_intid = gic_intid(&path[depth].interrupts, 2);
    err = list_has(c, "arm,pl011", &pl011);
    if (!err)
        err = list_has(c, "arm,pl031", &pl031);
    if (!err)
        err = list_has(c, "arm,gic-v3", &gic3);
    if (!err)
        err = list_has(c, "arm,cortex-a15-gic", &gic2);
    if (!err)
        err = list_has(c, "arm,gic-400", &gic400);
    if (err || !path[depth].reg.present)
        return err;
    if (pl011)
        return note_uart(w, path, depth);
    if (pl031)
        return note_rtc(w, path, depth);
    if (gic3 || gic2 || gic400)
        return note_gic(w, path, depth, gic3 ? 3 : 2);
    return FDT_OK;
}

static int boot_node_end(struct walk *w, const struct node *path, int depth)
{
    struct fdt_boot *o = w->out;
    if (depth == 0)
        return FDT_OK;
    bool memory;
    int err = is_memory(path, depth, &memory);
    if (err)
        return err;
    if (memory && path[depth].reg.present)
        return read_reg(path, depth, false, o->memory, &o->nmemory, BOOT_MAX_REGIONS, SIZE_MAX);
    /* Children of /reserved-memory with a reg; those with only `size` are
     * allocated by the OS and reserve nothing yet. Lenient: a tree that
     * forgot the required empty `ranges` still gets its memory reserved. */
    if (depth == 2 && str_eq(path[1].name, "reserved-memory") && path[2].reg.present)
        return read_reg(path, depth, true, o->reserved, &o->nreserved, FDT_MAX_RESERVED, SIZE_MAX);
    return device_node(w, path, depth);
}

static int read_memreserve(const struct fdt *f, struct fdt_boot *o)
{
    for (uint64_t off = f->rsvmap_off;; off += 16) {
        if (off + 16 > f->size)
            return FDT_ERR_TRUNCATED; /* no terminating entry */
        uint64_t base = be64(f->base + off), size = be64(f->base + off + 8);
        if (base == 0 && size == 0)
            return FDT_OK;
        if (base + size < base)
            return FDT_ERR_RANGE;
        if (o->nreserved >= FDT_MAX_RESERVED)
            return FDT_ERR_NOSPACE;
        o->reserved[o->nreserved++] = (struct mem_region){ base, size };
    }
}

int fdt_scan_boot(const struct fdt *f, struct fdt_boot *out)
{
    *out = (struct fdt_boot){ 0 };
    struct walk w = { .f = f, .prop = chosen_prop, .out = out };
    int err = walk_tree(&w);
    if (!err)
        err = resolve_stdout(&w);
    if (!err)
        err = read_memreserve(f, out);
    if (err)
        return err;
    w.prop = NULL;
    w.node_end = boot_node_end;
    return walk_tree(&w);
}

const char *fdt_strerror(int err)
{
    switch (err) {
    case FDT_OK: return "ok";
    case FDT_ERR_MAGIC: return "bad magic";
    case FDT_ERR_VERSION: return "unsupported version";
    case FDT_ERR_TRUNCATED: return "offset or size past the end of the blob";
    case FDT_ERR_STRUCT: return "malformed structure block";
    case FDT_ERR_STRING: return "unterminated string";
    case FDT_ERR_CELLS: return "unusable #address-cells or #size-cells";
    case FDT_ERR_DEPTH: return "nodes nested too deep";
    case FDT_ERR_NOSPACE: return "too many regions";
    case FDT_ERR_RANGE: return "region wraps around";
    }
    return "unknown error";
}
