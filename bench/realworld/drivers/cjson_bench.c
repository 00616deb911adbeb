/* SPDX-License-Identifier: MIT */
/* cjson_bench.c: drives cJSON (Debian's cjson source): build, print, parse, walk and compare a generated document. */
#include <stdio.h>
#include <stdlib.h>
#include "cJSON.h"
#include "rw_data.h"

/* One record of the document: numbers, strings with escapes, an array, an object. */
static cJSON *make_record(int i, uint64_t *s)
{
    static const char *const tags[] = { "alpha", "beta", "gamma \"quoted\"", "delta\\path",
                                        "tab\there" };
    char name[48];
    cJSON *o = cJSON_CreateObject();
    snprintf(name, sizeof name, "item-%d-%08x", i, (unsigned)rw_rand(s));
    cJSON_AddNumberToObject(o, "id", i);
    cJSON_AddStringToObject(o, "name", name);
    cJSON_AddNumberToObject(o, "score", (double)(rw_rand(s) % 100000) * 0.25);
    cJSON_AddBoolToObject(o, "active", (int)(rw_rand(s) & 1));
    cJSON *t = cJSON_AddArrayToObject(o, "tags");
    for (int k = 0; k < 1 + (int)(rw_rand(s) % 5); k++)
        cJSON_AddItemToArray(t, cJSON_CreateString(tags[rw_rand(s) % 5]));
    cJSON *pos = cJSON_AddObjectToObject(o, "pos");
    cJSON_AddNumberToObject(pos, "x", (double)(int)(rw_rand(s) % 2001) - 1000);
    cJSON_AddNumberToObject(pos, "y", (double)(rw_rand(s) % 4096) / 64);
    cJSON_AddNullToObject(o, "parent");
    return o;
}

/* Sums what a consumer would read out of the parsed document. */
static double walk(const cJSON *doc, long *chars)
{
    double sum = 0;
    const cJSON *rec;
    cJSON_ArrayForEach(rec, doc)
    {
        sum += cJSON_GetObjectItemCaseSensitive(rec, "score")->valuedouble;
        sum += cJSON_GetObjectItem(cJSON_GetObjectItem(rec, "pos"), "x")->valuedouble;
        *chars += (long)strlen(cJSON_GetStringValue(cJSON_GetObjectItem(rec, "name")));
        const cJSON *tag;
        cJSON_ArrayForEach(tag, cJSON_GetObjectItem(rec, "tags")) *chars +=
            (long)strlen(tag->valuestring);
    }
    return sum;
}

/* usage: cjson_bench RECORDS ROUNDS. Each round builds RECORDS records,
 * prints them compact and indented, parses both back, walks the result and
 * compares it with the original; prints sizes and checksums. */
int main(int argc, char **argv)
{
    int records = argc > 1 ? atoi(argv[1]) : 10000;
    int rounds = argc > 2 ? atoi(argv[2]) : 1;
    printf("cJSON %s, %d records\n", cJSON_Version(), records);
    for (int r = 0; r < rounds; r++) {
        uint64_t s = 0xc15011;
        cJSON *doc = cJSON_CreateArray();
        for (int i = 0; i < records; i++)
            cJSON_AddItemToArray(doc, make_record(i, &s));
        char *compact = cJSON_PrintUnformatted(doc), *pretty = cJSON_Print(doc);
        cJSON *a = cJSON_Parse(compact), *b = cJSON_Parse(pretty);
        if (!a || !b || !cJSON_Compare(a, b, 1) || !cJSON_Compare(doc, a, 1))
            return 1;
        long chars = 0;
        double sum = walk(b, &chars);
        if (r == 0)
            printf("compact %zu bytes fnv %08x, pretty %zu bytes fnv %08x, sum %.2f, chars %ld\n",
                   strlen(compact), rw_fnv1a(compact, strlen(compact)), strlen(pretty),
                   rw_fnv1a(pretty, strlen(pretty)), sum, chars);
        cJSON_Minify(pretty);
        if (strcmp(pretty, compact))
            return 2;
        cJSON_free(compact);
        cJSON_free(pretty);
        cJSON_Delete(a);
        cJSON_Delete(b);
        cJSON_Delete(doc);
    }
    printf("%d rounds ok\n", rounds);
    return 0;
}
