/* SPDX-License-Identifier: MIT */
/* spec.h: shared types of the spec-test runner (tests/spec/). */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cjson/cJSON.h>
#include "jwasm.h"
#include "spec_match.h"

/* Upper bounds the runner trusts from the engine or a script; anything
 * larger is treated as garbage rather than allocated. */
#define SPEC_MAX_VALUES 1024
#define SPEC_MAX_NAMED  256

/* Results of one script (or a group, or everything). */
typedef struct spec_counts {
    uint64_t passed, failed, skipped;
    uint64_t text_skipped; /* of skipped: text-format modules */
} spec_counts_t;

void spec_counts_add(spec_counts_t *to, const spec_counts_t *from);

/* Options that change how strict the checks are. */
typedef struct spec_options {
    bool loose;   /* accept any trap / any load error kind */
    bool verbose; /* print passing commands too */
} spec_options_t;

/* ---- spec_util.c: files, the allocator, engine error text ---- */

uint8_t *spec_read_file(const char *path, size_t *len);
/* A malloc-backed allocator that counts outstanding bytes so a run can
 * check that the engine gave back everything it took. */
extern const jw_allocator_t spec_allocator;
int64_t spec_alloc_outstanding(void);
/* The engine's message, always NUL-terminated and printable. */
const char *spec_err_text(jw_error_t *err);
const char *spec_kind_name(jw_error_kind_t kind);
/* Fills `err` with a known state before an engine call. */
void spec_err_reset(jw_error_t *err);
/* Export names with NUL bytes survive cJSON (see spec_util.c). */
char *spec_protect_nul_escapes(const char *text);
bool spec_decode_name(const char *s, char *out, size_t cap, size_t *len);

/* ---- spec_values.c: value parsing and printing (matching: spec_match.c) ---- */

bool spec_parse_value(const cJSON *j, jw_value_t *out, char *why, size_t n);
bool spec_parse_expect(const cJSON *j, spec_expect_t *out, char *why, size_t n);
void spec_format_value(const jw_value_t *v, char *buf, size_t n);
void spec_format_expect(const spec_expect_t *e, char *buf, size_t n);
jw_ref_t spec_extern_ref(uint64_t n);

/* ---- spectest.c: the `spectest` host module ---- */

typedef struct spectest spectest_t;
spectest_t *spectest_new(jw_store_t *s);
void spectest_free(spectest_t *st);
bool spectest_lookup(spectest_t *st, const char *name, size_t len, jw_extern_t *out);

/* ---- spec_module.c: per-script store, modules, names, imports ---- */

typedef struct spec_env spec_env_t;
spec_env_t *spec_env_new(void);
/* Frees the store, then every module; returns the bytes the engine still
 * holds afterwards (a leak if not 0). */
int64_t spec_env_free(spec_env_t *env);
jw_store_t *spec_env_store(spec_env_t *env);
/* Loads a .wasm file (its size in *len); the module is kept until
 * spec_env_free. */
jw_module_t *spec_env_load(spec_env_t *env, const char *path, size_t *len, jw_error_t *err);
jw_instance_t *spec_env_instantiate(spec_env_t *env, jw_module_t *m, jw_error_t *err);
void spec_env_set_current(spec_env_t *env, const char *name, jw_instance_t *inst);
/* NULL name = the current module. */
jw_instance_t *spec_env_find(spec_env_t *env, const char *name);
bool spec_env_register(spec_env_t *env, const char *as, jw_instance_t *inst);

/* ---- spec_action.c: invoke / get ---- */

/* The outcome of one action: ok with results, or an engine error. */
typedef struct spec_outcome {
    bool ok;
    jw_error_t err;
    size_t nresults;
    jw_value_t results[SPEC_MAX_VALUES];
    char problem[256]; /* runner-side failure (bad script, garbage) */
} spec_outcome_t;

/* Runs the action; false if it could not even be attempted (problem set). */
bool spec_run_action(spec_env_t *env, const cJSON *action, spec_outcome_t *out);

/* ---- spec_json.c: one script's command list ---- */

/* Runs every command of the JSON file at `json_path`; `label` names the
 * script in messages. Returns counts; never aborts on engine errors. */
spec_counts_t spec_run_script(const char *json_path, const char *label, const spec_options_t *opt);
/* Where the child running a script reports progress (-1: nowhere). */
extern int spec_progress_fd;
typedef struct spec_progress {
    spec_counts_t counts;
    int line; /* the command about to run */
    int done; /* the script finished */
} spec_progress_t;

/* The trap kind the spec's trap text names (NONE: any trap). */
jw_trap_kind_t spec_trap_for_text(const char *text);
/* Whether the binary at `path` uses memory.init/data.drop without a data
 * count section: wast2json's artifact, which makes an assert_invalid
 * module malformed first (spec_json.c). */
bool spec_datacount_artifact(const char *path);

/* Counts a converted script's commands without running them. */
bool spec_count_json(const char *json_path, spec_counts_t *out);

/* ---- spec_count.c: commands of a .wast wast2json could not convert ---- */

uint64_t spec_count_wast_commands(const char *wast_path);

/* ---- spec_pack.c: packed commands for the freestanding driver ---- */

/* A pack is begin, scripts, end. spec_pack_script appends the script's
 * commands to `out`, one record per command the hosted runner counts;
 * spec_pack_skipped a script of `n` commands that are all skipped (one
 * wast2json could not convert). */
void spec_pack_begin(FILE *out);
bool spec_pack_script(const char *json_path, const char *label, FILE *out);
void spec_pack_skipped(const char *label, uint64_t n, FILE *out);
void spec_pack_end(FILE *out);

/* ---- spec_truncate.c: truncated-module robustness mode ---- */

spec_counts_t spec_truncate_script(const char *json_path, const char *label);

/* ---- spec_selftest.c: the runner checks its own matchers ---- */

int spec_self_test(void);
