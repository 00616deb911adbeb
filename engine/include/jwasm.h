/* SPDX-License-Identifier: MIT */
/* jwasm.h: the embedding API of the JerichoOS WebAssembly engine. */
#pragma once
/*
 * A freestanding C11 library: it uses no libc, keeps no global mutable state
 * and allocates only through the jw_allocator_t the embedder passes in.
 *
 * Life cycle:
 *   jw_module_load()   decode + validate + translate a binary module (pure:
 *                      a module holds no runtime state and can be
 *                      instantiated many times, in many stores).
 *   jw_store_new()     a store owns every runtime object: instances,
 *                      functions, memories, tables, globals. They live until
 *                      jw_store_free(); a module must outlive every store that
 *                      holds an instance of it.
 *   jw_instantiate()   link imports (through the embedder's resolver), run
 *                      active segments and the start function.
 *   jw_call()          call any function with typed values.
 *
 * Errors and traps are values: every failing call fills a jw_error_t and
 * returns false/NULL. Nothing longjmps across the API.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Allocation ------------------------------------------------------- */

/* alloc returns memory aligned to at least 16 bytes, or NULL; free is given
 * the size that was asked for. Both receive `ud`. */
typedef struct jw_allocator {
    void *(*alloc)(void *ud, size_t size);
    void (*free)(void *ud, void *ptr, size_t size);
    void *ud;
} jw_allocator_t;

/* ---- Types and values ------------------------------------------------- */

/* Values equal the binary encoding of each type. */
typedef enum jw_valtype {
    JW_I32 = 0x7f,
    JW_I64 = 0x7e,
    JW_F32 = 0x7d,
    JW_F64 = 0x7c,
    JW_V128 = 0x7b,
    JW_FUNCREF = 0x70,
    JW_EXTERNREF = 0x6f,
} jw_valtype_t;

/* A reference: NULL is the null reference. A funcref is a jw_func_t *; an
 * externref is whatever non-NULL pointer the embedder passed in. */
typedef void *jw_ref_t;

/* The text format's name of a value type ("i32", "funcref", ...), "?" if none. */
const char *jw_valtype_name(jw_valtype_t type);

/* Floats travel as their bit patterns so that NaN payloads survive. */
typedef struct jw_value {
    jw_valtype_t type;
    union {
        uint32_t i32;
        uint64_t i64;
        uint32_t f32;
        uint64_t f64;
        uint8_t v128[16];
        jw_ref_t ref;
    } of;
} jw_value_t;

typedef struct jw_functype {
    uint32_t nparams, nresults;
    const jw_valtype_t *params, *results;
} jw_functype_t;

/* Limits of a memory (in 64 KiB pages) or a table (in elements). */
typedef struct jw_limits {
    uint32_t min, max;
    bool has_max;
} jw_limits_t;

/* ---- Errors and traps ------------------------------------------------- */

typedef enum jw_error_kind {
    JW_OK = 0,
    JW_ERR_MALFORMED,  /* binary format broken (decode) */
    JW_ERR_INVALID,    /* well formed, fails validation */
    JW_ERR_UNLINKABLE, /* an import is missing or has the wrong type */
    JW_ERR_TRAP,       /* execution trapped; see jw_error_t.trap */
    JW_ERR_NOMEM,      /* the allocator said no */
    JW_ERR_LIMIT,      /* an embedder limit or an implementation limit */
    JW_ERR_ARG,        /* the embedder passed a bad argument */
} jw_error_kind_t;

typedef enum jw_trap_kind {
    JW_TRAP_NONE = 0,
    JW_TRAP_UNREACHABLE,
    JW_TRAP_MEMORY_OOB,
    JW_TRAP_TABLE_OOB,
    JW_TRAP_DIV_ZERO,
    JW_TRAP_INT_OVERFLOW,
    JW_TRAP_INVALID_CONVERSION,
    JW_TRAP_INDIRECT_TYPE_MISMATCH,
    JW_TRAP_UNDEFINED_ELEMENT,     /* call_indirect index past the table */
    JW_TRAP_UNINITIALIZED_ELEMENT, /* call_indirect through a null entry */
    JW_TRAP_NULL_REFERENCE,
    JW_TRAP_CALL_STACK_EXHAUSTED,
    JW_TRAP_FUEL_EXHAUSTED, /* resumable: see jw_resume() */
    JW_TRAP_MEMORY_LIMIT,
    JW_TRAP_HOST, /* raised by a host function */
} jw_trap_kind_t;

typedef struct jw_module jw_module_t;

/* One wasm frame of a trap's call stack: function `func` (an index of
 * `module`'s function space, imports included) at byte `offset` of the
 * module binary: the trapping instruction in the innermost frame, the call
 * instruction in its callers. */
typedef struct jw_frame {
    const jw_module_t *module;
    uint32_t func;
    size_t offset;
} jw_frame_t;

/* Frames kept in a trap's trace (the innermost ones). */
#define JW_TRACE_MAX 16

/* What went wrong and where. For decode/validation errors `offset` is the
 * byte offset in the module binary; for traps `func` is the function index
 * (imports included) and `offset` the byte offset of the trapping
 * instruction in the module binary. `message` names the rule or the trap.
 * A trap raised in wasm code also carries its call stack: `trace` holds
 * the innermost `ntrace` frames (trace[0] is func/offset), `trace_depth`
 * counts every wasm frame of the call that trapped (> ntrace when the
 * trace was capped). ntrace is 0 when no wasm frame was running (a trap in
 * a host function called directly, or on entry). */
typedef struct jw_error {
    jw_error_kind_t kind;
    jw_trap_kind_t trap;
    uint32_t func;
    size_t offset;
    char message[192];
    uint32_t ntrace, trace_depth;
    jw_frame_t trace[JW_TRACE_MAX];
} jw_error_t;

/* The spec's wording of a trap kind ("integer divide by zero", ...). */
const char *jw_trap_name(jw_trap_kind_t kind);

/* ---- Modules ----------------------------------------------------------- */

typedef enum jw_extern_kind {
    JW_EXTERN_FUNC = 0,
    JW_EXTERN_TABLE = 1,
    JW_EXTERN_MEMORY = 2,
    JW_EXTERN_GLOBAL = 3,
} jw_extern_kind_t;

/* The type of an import or export. Pointers point into the module. */
typedef struct jw_externtype {
    jw_extern_kind_t kind;
    union {
        jw_functype_t func;
        struct {
            jw_valtype_t elem;
            jw_limits_t limits;
        } table;
        struct {
            jw_limits_t limits;
        } memory;
        struct {
            jw_valtype_t type;
            bool mutable_;
        } global;
    } of;
} jw_externtype_t;

typedef struct jw_import_info {
    const char *module;
    size_t module_len;
    const char *name;
    size_t name_len;
    jw_externtype_t type;
} jw_import_info_t;

typedef struct jw_export_info {
    const char *name;
    size_t name_len;
    jw_externtype_t type;
} jw_export_info_t;

/* Decodes, validates and translates `bytes` (copied: the caller may free
 * them afterwards). NULL on failure with `err` filled: MALFORMED or INVALID
 * with the byte offset, NOMEM, or LIMIT. Time and memory are bounded by a
 * small multiple of `len`. */
jw_module_t *jw_module_load(const jw_allocator_t *alloc, const uint8_t *bytes, size_t len,
                            jw_error_t *err);
void jw_module_free(jw_module_t *m);

uint32_t jw_module_import_count(const jw_module_t *m);
void jw_module_import(const jw_module_t *m, uint32_t i, jw_import_info_t *out);
uint32_t jw_module_export_count(const jw_module_t *m);
void jw_module_export(const jw_module_t *m, uint32_t i, jw_export_info_t *out);
/* The name the module's "name" custom section gives function `func`
 * (imports included), with its length in *len (not NUL-terminated; bytes
 * of the module, not checked as UTF-8); NULL if it names none. A missing or
 * malformed name section never fails jw_module_load. */
const char *jw_module_func_name(const jw_module_t *m, uint32_t func, size_t *len);

/* ---- Stores and runtime objects --------------------------------------- */

typedef struct jw_store jw_store_t;
typedef struct jw_instance jw_instance_t;
typedef struct jw_func jw_func_t;
typedef struct jw_table jw_table_t;
typedef struct jw_memory jw_memory_t;
typedef struct jw_global jw_global_t;

/* Memory by reservation (optional; engine/DESIGN.md "Linear memory"). With a
 * provider, each linear memory is one reservation of address space for its
 * maximum (the memory's own, else the store's cap) plus JW_MEMORY_GUARD_BYTES,
 * committed as it grows: the base never moves and memory.grow costs only the
 * pages added. Without one (reserve == NULL), memories come from the
 * allocator and growth copies.
 *   reserve  address space of `bytes` (a multiple of 64 KiB), none of it
 *            accessible yet; page-aligned (commits start at multiples of
 *            64 KiB from it). NULL if there is none: the memory then comes
 *            from the allocator.
 *   commit   makes [base + old_bytes, base + new_bytes) readable and
 *            writable, reading as zero; both are multiples of 64 KiB and
 *            new_bytes does not exceed the reservation. false = refused
 *            (memory.grow returns -1).
 *   release  gives the whole reservation back (at jw_store_free).
 * All three receive `ud`. The engine never touches the bytes past the
 * committed size: loads and stores are still bounds-checked, the guard only
 * turns a missed check into a fault instead of a stray write. */
typedef struct jw_memory_provider {
    void *(*reserve)(void *ud, uint64_t bytes);
    bool (*commit)(void *ud, void *base, uint64_t old_bytes, uint64_t new_bytes);
    void (*release)(void *ud, void *base, uint64_t bytes);
    void *ud;
} jw_memory_provider_t;

/* Per-store limits; a zero field means the engine's default (engine/config.h). */
typedef struct jw_store_config {
    uint32_t max_memory_pages;  /* cap on any memory of this store (memory.grow
                                   past it returns -1, never traps) */
    uint32_t max_table_elems;   /* cap on any table of this store */
    uint32_t max_call_depth;    /* wasm + host frames (at most JW_MAX_CALL_DEPTH,
                                   2^31 - 1: a larger value is lowered to it) */
    uint32_t max_stack_bytes;   /* value stack of one call */
    jw_memory_provider_t memory; /* all zero: memories from the allocator */
} jw_store_config_t;

jw_store_t *jw_store_new(const jw_allocator_t *alloc, const jw_store_config_t *cfg);
void jw_store_free(jw_store_t *s);

/* Fuel: an instruction budget. JW_FUEL_UNLIMITED (the default) turns
 * metering off. When fuel runs out the call returns a FUEL_EXHAUSTED trap
 * and its state is kept in the store until jw_resume() or the next jw_call. */
/* (Engine note, added:) one unit of fuel is charged per wasm function entry
 * and per loop iteration, which bounds any execution; straight-line code is
 * free. Resuming continues at the exact instruction, so a metered run gives
 * the same results as an unmetered one. */
#define JW_FUEL_UNLIMITED UINT64_MAX
void jw_store_set_fuel(jw_store_t *s, uint64_t fuel);
uint64_t jw_store_fuel(const jw_store_t *s);

/* An extern: what an import is bound to and what an export yields. */
typedef struct jw_extern {
    jw_extern_kind_t kind;
    union {
        jw_func_t *func;
        jw_table_t *table;
        jw_memory_t *memory;
        jw_global_t *global;
    } of;
} jw_extern_t;

/* The embedder binds one import; false = nothing provides it (UNLINKABLE).
 * The engine itself checks the extern's type against the import's. */
typedef bool (*jw_resolve_fn_t)(void *ud, const jw_import_info_t *imp, jw_extern_t *out);

/* Links, allocates, initialises segments and runs the start function. NULL
 * on failure with `err`: UNLINKABLE, TRAP (segment or start function, with
 * the spec's partial-initialisation semantics), NOMEM or LIMIT. */
jw_instance_t *jw_instantiate(jw_store_t *s, const jw_module_t *m, jw_resolve_fn_t resolve,
                              void *resolve_ud, jw_error_t *err);

/* Looks an export up by name; false if there is none. */
bool jw_instance_export(const jw_instance_t *inst, const char *name, size_t len, jw_extern_t *out);
/* The instance's memory 0, or NULL if it has none. */
jw_memory_t *jw_instance_memory(const jw_instance_t *inst);

/* ---- Calling ------------------------------------------------------------ */

/* Calls `f` with `nargs` args of the right types; writes its results.
 * false on a trap (err->kind == JW_ERR_TRAP) or bad arguments (JW_ERR_ARG). */
bool jw_call(jw_store_t *s, jw_func_t *f, const jw_value_t *args, size_t nargs, jw_value_t *results,
             size_t nresults, jw_error_t *err);
/* Continues the call that ran out of fuel, after jw_store_set_fuel(). */
bool jw_resume(jw_store_t *s, jw_value_t *results, size_t nresults, jw_error_t *err);

void jw_func_type(const jw_func_t *f, jw_functype_t *out);

/* ---- Host functions ----------------------------------------------------- */

typedef struct jw_host_call jw_host_call_t;

/* A host function reads `args` and writes `results` (types as declared).
 * It returns true, or false after jw_host_trap(). */
typedef bool (*jw_host_fn_t)(jw_host_call_t *call, const jw_value_t *args, jw_value_t *results);

/* `type` is copied. `ud` is handed back through jw_host_userdata(). */
jw_func_t *jw_host_func_new(jw_store_t *s, const jw_functype_t *type, jw_host_fn_t fn, void *ud);
void *jw_host_userdata(const jw_host_call_t *call);
/* Memory 0 of the calling instance (NULL if none): what WASI reads. */
jw_memory_t *jw_host_memory(const jw_host_call_t *call);
jw_store_t *jw_host_store(const jw_host_call_t *call);
/* Makes the host function's `return false` a trap of `kind` with `message`. */
void jw_host_trap(jw_host_call_t *call, jw_trap_kind_t kind, const char *message);

/* ---- Memories, tables, globals ------------------------------------------ */

jw_memory_t *jw_memory_new(jw_store_t *s, jw_limits_t limits);
/* Without a memory provider the base moves when the memory grows: re-read it
 * after any call. With one it stays put for the memory's lifetime. */
uint8_t *jw_memory_data(const jw_memory_t *mem);
uint64_t jw_memory_size(const jw_memory_t *mem); /* bytes */
/* Bounds-checked copies; false (nothing copied) if [addr, addr+n) is out. */
bool jw_memory_read(const jw_memory_t *mem, uint64_t addr, void *dst, size_t n);
bool jw_memory_write(jw_memory_t *mem, uint64_t addr, const void *src, size_t n);

jw_table_t *jw_table_new(jw_store_t *s, jw_valtype_t elem, jw_limits_t limits, jw_ref_t init);
uint32_t jw_table_size(const jw_table_t *t);
bool jw_table_get(const jw_table_t *t, uint32_t i, jw_ref_t *out);

jw_global_t *jw_global_new(jw_store_t *s, jw_value_t value, bool mutable_);
jw_value_t jw_global_get(const jw_global_t *g);
/* false if the global is immutable or `v` has the wrong type. */
bool jw_global_set(jw_global_t *g, jw_value_t v);
