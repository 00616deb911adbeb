/* SPDX-License-Identifier: MIT */
/* internal.h: the engine's internal data structures shared between files. */
#pragma once
#include "../config.h"
#include "../include/jwasm.h"

/* ---- util.c: memory, strings, allocation ------------------------------ */
void *jw__memcpy(void *d, const void *s, size_t n);
void *jw__memmove(void *d, const void *s, size_t n);
void *jw__memset(void *d, int c, size_t n);
int jw__memcmp(const void *a, const void *b, size_t n);
size_t jw__strlen(const char *s);
void *jw__alloc(const jw_allocator_t *a, size_t size);    /* zeroed */
void *jw__alloc_raw(const jw_allocator_t *a, size_t size); /* contents undefined */
void jw__free(const jw_allocator_t *a, void *p, size_t size);
/* Grows *p (an array of `elem`-byte items, capacity *cap) to hold `need`;
 * items past the old capacity are not zeroed. */
bool jw__reserve(const jw_allocator_t *a, void **p, uint32_t *cap, uint32_t need, size_t elem);

/* ---- error.c ----------------------------------------------------------- */
void jw__err(jw_error_t *e, jw_error_kind_t kind, size_t off, const char *msg);
void jw__err2(jw_error_t *e, jw_error_kind_t kind, const char *msg, const char *name,
              size_t name_len);
void jw__err_import(jw_error_t *e, const char *msg, const char *module, size_t module_len,
                    const char *name, size_t name_len);
void jw__store_discard(jw_store_t *s);
void jw__trap(jw_error_t *e, jw_trap_kind_t kind, uint32_t func, size_t off);

/* ---- Module (decode.c, compile.c) ------------------------------------- */

/* A constant expression, evaluated at instantiation. */
typedef enum { JWI_CONST, JWI_GLOBAL, JWI_REF_NULL, JWI_REF_FUNC } jwi_kind_t;
typedef struct jwm_init {
    jwi_kind_t kind;
    uint32_t index; /* global or function index */
    uint64_t value; /* JWI_CONST bits (a v128's low half) */
    uint64_t hi;    /* JWI_CONST v128: the high half */
} jwm_init_t;

typedef struct jwm_import {
    const char *module, *name;
    uint32_t module_len, name_len;
    jw_extern_kind_t kind;
    uint32_t index; /* index within its kind's index space */
} jwm_import_t;

typedef struct jwm_export {
    const char *name;
    uint32_t name_len;
    jw_extern_kind_t kind;
    uint32_t index;
} jwm_export_t;

typedef struct jwm_table {
    jw_valtype_t elem;
    jw_limits_t limits;
} jwm_table_t;
typedef struct jwm_global {
    jw_valtype_t type;
    bool mut;
    jwm_init_t init;
} jwm_global_t;

typedef enum { JWS_ACTIVE, JWS_PASSIVE, JWS_DECLARATIVE } jwm_segmode_t;
typedef struct jwm_elem {
    jwm_segmode_t mode;
    jw_valtype_t type;
    uint32_t table;
    jwm_init_t offset;
    uint32_t count;
    jwm_init_t *items;
} jwm_elem_t;

typedef struct jwm_data {
    jwm_segmode_t mode;
    uint32_t memory;
    jwm_init_t offset;
    const uint8_t *bytes;
    uint32_t len;
} jwm_data_t;

/* pc -> wasm offset map entry (sorted by pc). */
typedef struct jwm_pcmap {
    uint32_t pc, off;
} jwm_pcmap_t;

typedef struct jwm_func {
    uint32_t type;
    uint32_t nparams, nresults;
    uint32_t nlocals;   /* params + declared locals */
    uint32_t nslots;    /* nlocals + maximum operand stack height */
    uint32_t body_off;  /* where the body starts in the binary */
    uint32_t *code;     /* internal code, see ops.h */
    uint32_t code_len;
    jwm_pcmap_t *pcmap;
    uint32_t npcmap;
} jwm_func_t;

struct jw_module {
    jw_allocator_t alloc;
    uint8_t *bytes; /* private copy of the binary */
    size_t len;
    jw_functype_t *types;
    uint32_t ntypes;
    jwm_import_t *imports;
    uint32_t nimports;
    /* Index spaces, imports first. */
    jwm_func_t *funcs;
    uint32_t nfuncs, nfunc_imports;
    jwm_table_t *tables;
    uint32_t ntables, ntable_imports;
    jw_limits_t *mems;
    uint32_t nmems, nmem_imports;
    jwm_global_t *globals;
    uint32_t nglobals, nglobal_imports;
    jwm_export_t *exports;
    uint32_t nexports;
    jwm_elem_t *elems;
    uint32_t nelems;
    jwm_data_t *datas;
    uint32_t ndatas;
    bool has_start;
    uint32_t start;
    bool has_datacount;
    uint32_t datacount;
    size_t data_use; /* offset + 1 of a data index used without a data count section */
    uint8_t *declared; /* per function: may appear in ref.func */
    jw_valtype_t *valtype_pool;
    uint32_t valtype_pool_len; /* functype arrays */
    /* The "name" custom section's contents (in `bytes`), read on demand by
     * names.c; NULL if there is none. */
    const uint8_t *names;
    size_t names_len;
};

bool jw__functype_eq(const jw_functype_t *a, const jw_functype_t *b);

/* Reader over a byte range of the module. */
typedef struct jwr {
    const uint8_t *p, *end, *base;
    jw_error_t *err;
} jwr_t;

bool jwr_fail(jwr_t *r, jw_error_kind_t k, const char *msg);
/* The multi-byte (and failing) cases of jwr_u32/jwr_s32. */
bool jwr_u32_leb(jwr_t *r, uint32_t *v);
bool jwr_s32_leb(jwr_t *r, int32_t *v);
/* Inline: the compiler reads a byte or a one-byte LEB for nearly every
 * instruction, and a call per read was a tenth of translation time. */
static inline bool jwr_u8(jwr_t *r, uint8_t *v)
{
    if (__builtin_expect(r->p >= r->end, 0))
        return jwr_fail(r, JW_ERR_MALFORMED, "unexpected end");
    *v = *r->p++;
    return true;
}
static inline bool jwr_u32(jwr_t *r, uint32_t *v)
{
    if (__builtin_expect(r->p < r->end && *r->p < 0x80, 1)) { /* one byte: most indices */
        *v = *r->p++;
        return true;
    }
    return jwr_u32_leb(r, v);
}
static inline bool jwr_s32(jwr_t *r, int32_t *v)
{
    if (__builtin_expect(r->p < r->end && *r->p < 0x80, 1)) { /* one byte: -64..63 */
        uint8_t b = *r->p++;
        *v = b & 0x40 ? (int32_t)b - 128 : (int32_t)b;
        return true;
    }
    return jwr_s32_leb(r, v);
}
bool jwr_s33(jwr_t *r, int64_t *v);
bool jwr_s64(jwr_t *r, int64_t *v);
bool jwr_bytes(jwr_t *r, size_t n, const uint8_t **out);
/* A vector count that must fit in the rest (each item >= min_size bytes). */
bool jwr_count(jwr_t *r, uint32_t *n, uint32_t min_size);
bool jwr_valtype(jwr_t *r, jw_valtype_t *t);
static inline size_t jwr_off(const jwr_t *r) { return (size_t)(r->p - r->base); }

/* compile.c: a module's compiler (its buffers serve every function);
 * jw__compile_func validates and translates one body [r->p, r->end). */
typedef struct cs jwc_t;
jwc_t *jw__compiler_new(jw_module_t *m);
void jw__compiler_free(jwc_t *c);
bool jw__compile_func(jwc_t *c, uint32_t fidx, jwr_t *r);
/* decode.c: a constant expression of `type`. */
bool jw__const_expr(jw_module_t *m, jwr_t *r, jw_valtype_t type, jwm_init_t *out,
                    uint32_t nglobals_visible);

/* ---- Runtime objects --------------------------------------------------- */

/* Every store object starts with this header; the store frees them all. */
typedef enum { JWO_FUNC, JWO_TABLE, JWO_MEMORY, JWO_GLOBAL, JWO_INSTANCE } jwo_kind_t;
typedef struct jwo {
    struct jwo *next;
    jwo_kind_t kind;
    size_t size;
} jwo_t;

struct jw_func {
    jwo_t hdr;
    jw_functype_t type;      /* for wasm: the module's; for host: own copy */
    jw_instance_t *inst;     /* NULL for host functions */
    const jwm_func_t *code;  /* wasm only */
    /* wasm: code->code and code's frame sizes, copied so that a call
     * reaches them with one dependent load less */
    const uint32_t *entry;
    uint32_t nslots, nlocals, nparam_slots;
    uint32_t index;          /* index within its module (for traps) */
    jw_host_fn_t host;
    void *ud;
    jw_valtype_t *owned_types; /* host: params then results */
};

struct jw_memory {
    jwo_t hdr;
    jw_store_t *store;
    uint8_t *data;
    uint64_t size; /* bytes */
    uint64_t alloc_size; /* allocator path: bytes allocated at data */
    uint64_t reserved;   /* provider path: bytes reserved at data; 0 = allocator path */
    jw_limits_t limits; /* current: min = pages */
};

struct jw_table {
    jwo_t hdr;
    jw_store_t *store;
    jw_valtype_t elem;
    jw_ref_t *elems;
    uint32_t size, cap;
    jw_limits_t limits;
};

struct jw_global {
    jwo_t hdr;
    jw_valtype_t type;
    bool mut;
    uint64_t bits; /* the slot value: ints/floats as bits, refs as pointer */
    uint64_t hi;   /* v128: the second slot (bytes 8..15) */
};

struct jw_instance {
    jwo_t hdr;
    jw_store_t *store;
    const jw_module_t *module;
    jw_func_t **funcs;
    jw_table_t **tables;
    jw_memory_t **mems;
    jw_global_t **globals;
    jw_ref_t **elem_items;   /* evaluated element segments */
    uint32_t *elem_len;      /* 0 once dropped */
    uint8_t *data_dropped;
};

/* Slots of a wasm frame's return link, after its locals (interp.c in_link).
 * With JW_CHECK_LINKS (the sanitizer build every host test runs) a fourth
 * slot holds a check word over the other three and the link's address,
 * verified before every return: an operand write that reached a link (a
 * translator bug) aborts at once instead of steering the interpreter. */
#ifdef JW_CHECK_LINKS
#define JW_LINK_SLOTS 4u
#else
#define JW_LINK_SLOTS 3u
#endif

/* One activation of the interpreter (a jw_call or a resume). */
struct jw_store {
    jw_allocator_t alloc;
    jw_store_config_t cfg;
    jwo_t *objects;
    uint64_t fuel;
    bool metering;
    uint64_t *stack; /* value stack: max_stack_bytes */
    uint64_t *stack_end;
    uint64_t *stack_top; /* first free slot (nested calls start here) */
    uint32_t nframes; /* wasm call depth below the innermost host call */
    uint32_t depth; /* wasm + host frames in use */
    /* A call suspended by fuel exhaustion. */
    bool suspended;
    const uint32_t *susp_pc;
    uint64_t *susp_fp;
    jw_func_t *susp_func;  /* function running at the suspension */
    jw_func_t *susp_entry; /* function jw_call was given */
    uint32_t susp_room;    /* wasm calls left before max_call_depth */
    uint64_t *susp_args;   /* entry frame base */
    uint64_t *susp_top;    /* stack_top to restore when the call ends */
};

void jw__store_link(jw_store_t *s, jwo_t *o, jwo_kind_t kind, size_t size);
/* Grows a memory by `delta` pages; returns old pages or -1. */
int64_t jw__memory_grow(jw_memory_t *m, uint32_t delta);
/* Gives a memory's bytes back (store.c, at jw_store_free). */
void jw__memory_release(jw_memory_t *m);
/* Grows a table; returns old size or -1. */
int64_t jw__table_grow(jw_table_t *t, uint32_t delta, jw_ref_t init);
jw_func_t *jw__func_new_wasm(jw_store_t *s, jw_instance_t *inst, uint32_t idx);

/* Bulk operations of memory.c / table.c: a trap kind or JW_TRAP_NONE. */
jw_trap_kind_t jw__memory_init(jw_instance_t *inst, uint32_t seg, uint32_t d, uint32_t s,
                               uint32_t n);
jw_trap_kind_t jw__memory_copy(jw_memory_t *m, uint32_t d, uint32_t s, uint32_t n);
jw_trap_kind_t jw__memory_fill(jw_memory_t *m, uint32_t d, uint8_t v, uint32_t n);
jw_trap_kind_t jw__table_init(jw_instance_t *inst, uint32_t t, uint32_t seg, uint32_t d, uint32_t s,
                              uint32_t n);
jw_trap_kind_t jw__table_copy(jw_table_t *dt, jw_table_t *st, uint32_t d, uint32_t s, uint32_t n);
jw_trap_kind_t jw__table_fill(jw_table_t *t, uint32_t d, jw_ref_t v, uint32_t n);
/* func.c: calls host function f, args and results in `slots`. */
bool jw__call_host(jw_store_t *s, jw_func_t *f, jw_instance_t *caller, uint64_t *slots,
                   jw_error_t *err);

/* interp.c: runs `f` with its arguments in slots at `args`, results written
 * to the same slots. */
bool jw__run(jw_store_t *s, jw_func_t *f, uint64_t *args, jw_error_t *err);
bool jw__resume(jw_store_t *s, jw_error_t *err);
/* Where does pc of function f come from in the binary. */
size_t jw__pc_offset(const jwm_func_t *f, uint32_t pc);
/* trace.c: fills e's trace with the wasm frames of a trap at `pc` of
 * wasm function fn, whose frame is at fp (NULL: fn's frame alone), walking
 * the return links (interp.c in_link) out to the entry frame. */
void jw__trace(jw_error_t *e, const jw_func_t *fn, const uint32_t *pc, const uint64_t *fp);

/* value <-> slot */
uint64_t jw__value_bits(const jw_value_t *v);
/* Values <-> frame slots: a v128 takes two slots; returns the slots used. */
uint32_t jw__value_to_slots(const jw_value_t *v, uint64_t *slots);
uint32_t jw__slots_to_value(jw_valtype_t t, const uint64_t *slots, jw_value_t *v);
jw_value_t jw__bits_value(jw_valtype_t t, uint64_t bits);
