/* SPDX-License-Identifier: MIT */
/* spec_module.c: one script's store, its modules, names, registry and imports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "spec.h"

typedef struct spec_name {
    char *name;
    jw_instance_t *inst;
} spec_name_t;

struct spec_env {
    jw_store_t *store;
    spectest_t *spectest; /* created on first import from "spectest" */
    int64_t baseline;     /* allocator bytes outstanding before the store */
    jw_module_t **modules;
    size_t nmodules, capmodules;
    spec_name_t named[SPEC_MAX_NAMED];      /* `(module $M ...)` */
    spec_name_t registered[SPEC_MAX_NAMED]; /* `(register "M" ...)` */
    size_t nnamed, nregistered;
    jw_instance_t *current;
};

spec_env_t *spec_env_new(void)
{
    spec_env_t *env = calloc(1, sizeof *env);
    if (!env)
        return NULL;
    env->baseline = spec_alloc_outstanding();
    jw_store_config_t cfg = { 0 }; /* engine defaults, as an embedder would */
    env->store = jw_store_new(&spec_allocator, &cfg);
    if (!env->store) {
        free(env);
        return NULL;
    }
    return env;
}

static void free_names(spec_name_t *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i].name);
}

int64_t spec_env_free(spec_env_t *env)
{
    /* Store first: the API requires modules to outlive their instances. */
    jw_store_free(env->store);
    for (size_t i = 0; i < env->nmodules; i++)
        jw_module_free(env->modules[i]);
    free(env->modules);
    if (env->spectest)
        spectest_free(env->spectest);
    free_names(env->named, env->nnamed);
    free_names(env->registered, env->nregistered);
    int64_t leaked = spec_alloc_outstanding() - env->baseline;
    free(env);
    return leaked;
}

jw_store_t *spec_env_store(spec_env_t *env) { return env->store; }

static bool keep_module(spec_env_t *env, jw_module_t *m)
{
    if (env->nmodules == env->capmodules) {
        size_t ncap = env->capmodules ? env->capmodules * 2 : 16;
        jw_module_t **n = realloc(env->modules, ncap * sizeof *n);
        if (!n)
            return false;
        env->modules = n, env->capmodules = ncap;
    }
    env->modules[env->nmodules++] = m;
    return true;
}

jw_module_t *spec_env_load(spec_env_t *env, const char *path, size_t *lenp, jw_error_t *err)
{
    size_t len = 0;
    uint8_t *bytes = spec_read_file(path, &len);
    *lenp = len;
    spec_err_reset(err);
    if (!bytes) {
        err->kind = JW_ERR_ARG;
        snprintf(err->message, sizeof err->message, "runner: cannot read %s", path);
        return NULL;
    }
    jw_module_t *m = jw_module_load(&spec_allocator, bytes, len, err);
    free(bytes); /* the engine copied what it needs */
    if (m && !keep_module(env, m)) {
        jw_module_free(m);
        err->kind = JW_ERR_NOMEM;
        snprintf(err->message, sizeof err->message, "runner: out of memory");
        return NULL;
    }
    if (!m && err->kind == JW_OK) {
        /* garbage from the engine: make the failure visible as such */
        snprintf(err->message, sizeof err->message, "engine returned NULL with kind OK");
    }
    return m;
}

static bool same(const char *a, size_t alen, const char *b)
{
    return a && strlen(b) == alen && memcmp(a, b, alen) == 0;
}

/* Imports resolve against registered instances first, then `spectest`. */
static bool resolve(void *ud, const jw_import_info_t *imp, jw_extern_t *out)
{
    spec_env_t *env = ud;
    if (!imp || !imp->module || (!imp->name && imp->name_len))
        return false;
    for (size_t i = env->nregistered; i-- > 0;)
        if (same(imp->module, imp->module_len, env->registered[i].name))
            return jw_instance_export(env->registered[i].inst, imp->name ? imp->name : "",
                                      imp->name_len, out);
    if (!same(imp->module, imp->module_len, "spectest"))
        return false;
    if (!env->spectest)
        env->spectest = spectest_new(env->store);
    return env->spectest && spectest_lookup(env->spectest, imp->name, imp->name_len, out);
}

jw_instance_t *spec_env_instantiate(spec_env_t *env, jw_module_t *m, jw_error_t *err)
{
    spec_err_reset(err);
    jw_instance_t *inst = jw_instantiate(env->store, m, resolve, env, err);
    if (!inst && err->kind == JW_OK)
        snprintf(err->message, sizeof err->message, "engine returned NULL with kind OK");
    return inst;
}

static bool set_name(spec_name_t *names, size_t *n, const char *name, jw_instance_t *inst)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(names[i].name, name) == 0)
            return names[i].inst = inst, true;
    if (*n == SPEC_MAX_NAMED)
        return false;
    char *copy = strdup(name);
    if (!copy)
        return false;
    names[(*n)++] = (spec_name_t){ copy, inst };
    return true;
}

void spec_env_set_current(spec_env_t *env, const char *name, jw_instance_t *inst)
{
    env->current = inst;
    if (name)
        set_name(env->named, &env->nnamed, name, inst);
}

jw_instance_t *spec_env_find(spec_env_t *env, const char *name)
{
    if (!name)
        return env->current;
    for (size_t i = 0; i < env->nnamed; i++)
        if (strcmp(env->named[i].name, name) == 0)
            return env->named[i].inst;
    return NULL;
}

bool spec_env_register(spec_env_t *env, const char *as, jw_instance_t *inst)
{
    return inst && set_name(env->registered, &env->nregistered, as, inst);
}
