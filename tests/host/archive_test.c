/* SPDX-License-Identifier: MIT */
/* archive_test.c: the boot archive: packed on the host (tools/jericho/archive_pack.c),
 * read by the root task's reader (user/root/archive.c), and damaged archives refused. */
#include <stdlib.h>

#include "../../tools/jericho/archive_pack.h"
#include "../../user/root/archive.h"
#include "hosttest.h"

static const uint8_t wasm[] = { 0, 'a', 's', 'm', 1, 0, 0, 0 };

static uint8_t *pack3(size_t *len)
{
    static uint8_t big[5000];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)i;
    pack_file_t files[] = {
        { "system.manifest", (const uint8_t *)"module a file=a.wasm\n", 21 },
        { "a.wasm", wasm, sizeof wasm },
        { "data/big.bin", big, sizeof big },
        { "empty", NULL, 0 },
    };
    const char *err;
    uint8_t *ar = archive_pack(files, 4, len, &err);
    HT_CHECK(ar != NULL);
    return ar;
}

static void test_round_trip(void)
{
    size_t len;
    uint8_t *bytes = pack3(&len);
    archive_t ar;
    archive_file_t f;
    HT_CHECK(len % ARCHIVE_ALIGN == 0);
    HT_CHECK(archive_open(&ar, bytes, len) == NULL);
    HT_CHECK(ar.count == 4);
    HT_CHECK(archive_find(&ar, "a.wasm", &f) && f.size == sizeof wasm &&
             memcmp(f.data, wasm, sizeof wasm) == 0);
    HT_CHECK((size_t)(f.data - bytes) % ARCHIVE_ALIGN == 0);
    HT_CHECK(archive_find(&ar, "data/big.bin", &f) && f.size == 5000 &&
             f.data[4999] == (uint8_t)4999);
    HT_CHECK(archive_find(&ar, "empty", &f) && f.size == 0);
    HT_CHECK(!archive_find(&ar, "a.was", &f) && !archive_find(&ar, "a.wasmx", &f));
    HT_CHECK_STR(archive_file(&ar, 0).name, "system.manifest");
    free(bytes);
}

static void test_pack_errors(void)
{
    const char *err;
    size_t len;
    char long_name[57];
    memset(long_name, 'x', 56);
    long_name[56] = '\0';
    pack_file_t dup[] = { { "a", wasm, 1 }, { "a", wasm, 1 } };
    pack_file_t empty[] = { { "", wasm, 1 } };
    pack_file_t longn[] = { { long_name, wasm, 1 } };
    HT_CHECK(archive_pack(dup, 2, &len, &err) == NULL && strstr(err, "same name"));
    HT_CHECK(archive_pack(empty, 1, &len, &err) == NULL && strstr(err, "empty name"));
    HT_CHECK(archive_pack(longn, 1, &len, &err) == NULL && strstr(err, "longer than 55"));
}

/* Damaged archives: each refused with a message, never read past. */
static void expect_refused(uint8_t *bytes, size_t len, const char *want)
{
    archive_t ar;
    const char *why = archive_open(&ar, bytes, len);
    HT_CHECK(why != NULL && ar.count == 0);
    if (why && !strstr(why, want)) {
        ht_failures++;
        fprintf(stderr, "FAIL: refused with \"%s\", want \"%s\"\n", why, want);
    }
}

static void test_damaged(void)
{
    size_t len;
    uint8_t *bytes = pack3(&len);
    uint8_t *copy = malloc(len);
    uint8_t *e1 = copy + ARCHIVE_HEADER + ARCHIVE_ENTRY; /* the entry of a.wasm */
#define FRESH() memcpy(copy, bytes, len)
    FRESH();
    expect_refused(copy, 10, "too short");
    FRESH();
    copy[0] = 'X';
    expect_refused(copy, len, "bad magic");
    FRESH();
    copy[12] = 1;
    expect_refused(copy, len, "reserved");
    FRESH();
    copy[8] = 0xff;
    copy[9] = 0xff;
    expect_refused(copy, len, "more entries");
    FRESH();
    e1[0] = 0;
    expect_refused(copy, len, "empty name");
    FRESH();
    memset(e1, 'n', 56);
    expect_refused(copy, len, "not NUL-terminated");
    FRESH();
    e1[50] = 'z';
    expect_refused(copy, len, "after its NUL");
    FRESH();
    e1[56] += 1;
    expect_refused(copy, len, "multiple of 4096");
    FRESH();
    memset(e1 + 56, 0, 4);
    expect_refused(copy, len, "overlaps the archive's header");
    FRESH();
    memset(e1 + 60, 0xff, 4);
    expect_refused(copy, len, "past the end");
    FRESH();
    memcpy(e1, "system.manifest", 16);
    expect_refused(copy, len, "same name");
    FRESH();
    expect_refused(copy, len - ARCHIVE_ALIGN, "past the end");
#undef FRESH
    free(copy);
    free(bytes);
}

/* Random damage: refused or accepted, never a read out of bounds (ASan). */
static void test_random(void)
{
    size_t len;
    uint8_t *bytes = pack3(&len);
    srand(7);
    for (int round = 0; round < 20000; round++) {
        uint8_t *copy = malloc(len);
        memcpy(copy, bytes, len);
        for (int k = 0; k < 3; k++)
            copy[(size_t)rand() % 400] = (uint8_t)rand();
        archive_t ar;
        if (archive_open(&ar, copy, len) == NULL)
            for (uint32_t i = 0; i < ar.count; i++) {
                archive_file_t f = archive_file(&ar, i);
                volatile uint8_t sum = 0;
                for (uint32_t b = 0; b < f.size; b++)
                    sum ^= f.data[b];
                (void)sum;
            }
        free(copy);
    }
    free(bytes);
}

int main(void)
{
    test_round_trip();
    test_pack_errors();
    test_damaged();
    test_random();
    return ht_finish("archive_test");
}
