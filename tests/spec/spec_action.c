/* SPDX-License-Identifier: MIT */
/* spec_action.c: runs `invoke` and `get` actions, distrusting what the engine returns. */
#include <stdio.h>
#include <string.h>
#include "spec.h"

#define NAME_MAX_BYTES 4096

static const char *str_field(const cJSON *j, const char *name)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(j, name);
    return cJSON_IsString(f) ? f->valuestring : NULL;
}

/* Finds the instance and export named by the action. */
static bool find_export(spec_env_t *env, const cJSON *action, jw_extern_t *ext, spec_outcome_t *out)
{
    const char *mod = str_field(action, "module");
    const char *field = str_field(action, "field");
    char name[NAME_MAX_BYTES];
    size_t len;
    if (!field || !spec_decode_name(field, name, sizeof name, &len))
        return snprintf(out->problem, sizeof out->problem, "action without a usable field"), false;
    jw_instance_t *inst = spec_env_find(env, mod);
    if (!inst)
        return snprintf(out->problem, sizeof out->problem, "no module %s", mod ? mod : "(current)"),
               false;
    memset(ext, 0, sizeof *ext);
    if (!jw_instance_export(inst, name, len, ext))
        return snprintf(out->problem, sizeof out->problem, "no export \"%s\"", field), false;
    return true;
}

/* The function type comes from the engine: check it is sane before any
 * buffer is sized by it. */
static bool check_functype(const jw_functype_t *ft, spec_outcome_t *out)
{
    if (ft->nparams > SPEC_MAX_VALUES || ft->nresults > SPEC_MAX_VALUES ||
        (ft->nparams && !ft->params) || (ft->nresults && !ft->results))
        return snprintf(out->problem, sizeof out->problem,
                        "engine gave a garbage function type (%u params, %u results)", ft->nparams,
                        ft->nresults),
               false;
    return true;
}

static bool parse_args(const cJSON *action, const jw_functype_t *ft, jw_value_t *args,
                       spec_outcome_t *out)
{
    const cJSON *jargs = cJSON_GetObjectItemCaseSensitive(action, "args");
    int n = cJSON_IsArray(jargs) ? cJSON_GetArraySize(jargs) : 0;
    char why[128];
    if ((uint32_t)n != ft->nparams)
        return snprintf(out->problem, sizeof out->problem,
                        "script passes %d args, engine says the function takes %u", n, ft->nparams),
               false;
    for (int i = 0; i < n; i++) {
        if (!spec_parse_value(cJSON_GetArrayItem(jargs, i), &args[i], why, sizeof why))
            return snprintf(out->problem, sizeof out->problem, "arg %d: %s", i, why), false;
        if (args[i].type != ft->params[i])
            return snprintf(out->problem, sizeof out->problem,
                            "arg %d is %s, engine says the param is %s", i,
                            jw_valtype_name(args[i].type), jw_valtype_name(ft->params[i])),
                   false;
    }
    return true;
}

/* After a successful call every result must carry the declared type. */
static bool check_result_types(const jw_functype_t *ft, spec_outcome_t *out)
{
    for (uint32_t i = 0; i < ft->nresults; i++)
        if (out->results[i].type != ft->results[i]) {
            snprintf(out->problem, sizeof out->problem,
                     "result %u has type 0x%02x, the function type says %s", i,
                     (unsigned)out->results[i].type, jw_valtype_name(ft->results[i]));
            return false;
        }
    return true;
}

static bool run_invoke(spec_env_t *env, const cJSON *action, spec_outcome_t *out)
{
    jw_extern_t ext;
    if (!find_export(env, action, &ext, out))
        return false;
    if (ext.kind != JW_EXTERN_FUNC || !ext.of.func)
        return snprintf(out->problem, sizeof out->problem, "export is not a function"), false;
    jw_functype_t ft;
    memset(&ft, 0, sizeof ft);
    jw_func_type(ext.of.func, &ft);
    static jw_value_t args[SPEC_MAX_VALUES];
    if (!check_functype(&ft, out) || !parse_args(action, &ft, args, out))
        return false;
    /* Poison the result slots so results the engine never wrote show up. */
    memset(out->results, 0xa5, sizeof out->results[0] * ft.nresults);
    spec_err_reset(&out->err);
    out->nresults = ft.nresults;
    out->ok = jw_call(spec_env_store(env), ext.of.func, args, ft.nparams, out->results, ft.nresults,
                      &out->err);
    if (out->ok)
        return check_result_types(&ft, out);
    if (out->err.kind == JW_OK)
        return snprintf(out->problem, sizeof out->problem, "jw_call failed with error kind OK"),
               false;
    return true;
}

static bool run_get(spec_env_t *env, const cJSON *action, spec_outcome_t *out)
{
    jw_extern_t ext;
    if (!find_export(env, action, &ext, out))
        return false;
    if (ext.kind != JW_EXTERN_GLOBAL || !ext.of.global)
        return snprintf(out->problem, sizeof out->problem, "export is not a global"), false;
    out->ok = true;
    out->nresults = 1;
    out->results[0] = jw_global_get(ext.of.global);
    return true;
}

bool spec_run_action(spec_env_t *env, const cJSON *action, spec_outcome_t *out)
{
    out->ok = false;
    out->nresults = 0;
    out->problem[0] = '\0';
    spec_err_reset(&out->err);
    const char *type = str_field(action, "type");
    if (type && strcmp(type, "invoke") == 0)
        return run_invoke(env, action, out);
    if (type && strcmp(type, "get") == 0)
        return run_get(env, action, out);
    snprintf(out->problem, sizeof out->problem, "unknown action type %s", type ? type : "?");
    return false;
}
