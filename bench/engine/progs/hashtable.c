/* SPDX-License-Identifier: MIT */
/* hashtable.c: benchmark: chained hash table, malloc/free per entry (allocator, pointers). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NBUCKETS (1u << 17)
#define KEYS     200000u
#define ROUNDS   12

typedef struct entry {
    struct entry *next;
    uint64_t key, value;
} entry_t;

static entry_t *buckets[NBUCKETS];

static uint32_t hash(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return (uint32_t)k & (NBUCKETS - 1);
}

static entry_t **find(uint64_t key)
{
    entry_t **p = &buckets[hash(key)];
    while (*p && (*p)->key != key)
        p = &(*p)->next;
    return p;
}

/* Inserts or updates; returns 1 if the key was new. */
static int put(uint64_t key, uint64_t value)
{
    entry_t **p = find(key);
    if (*p) {
        (*p)->value += value;
        return 0;
    }
    entry_t *e = malloc(sizeof *e);
    if (!e)
        exit(1);
    e->key = key;
    e->value = value;
    e->next = NULL;
    *p = e;
    return 1;
}

static uint64_t take(uint64_t key)
{
    entry_t **p = find(key), *e = *p;
    if (!e)
        return 0;
    uint64_t v = e->value;
    *p = e->next;
    free(e);
    return v;
}

static uint64_t next_key(uint64_t *x)
{
    *x = *x * 6364136223846793005ull + 1442695040888963407ull;
    return *x >> 44; /* 20-bit keys: some repeat, so updates happen too */
}

int main(void)
{
    uint64_t sum = 0, added = 0;
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t x = (uint64_t)r;
        /* Fill, then empty half by lookups in a second key sequence, then all. */
        for (uint64_t i = 0; i < KEYS; i++)
            added += (uint64_t)put(next_key(&x), i);
        uint64_t y = (uint64_t)r + 1000;
        for (uint64_t i = 0; i < KEYS / 2; i++)
            sum += take(next_key(&y));
        x = (uint64_t)r;
        for (uint64_t i = 0; i < KEYS; i++)
            sum = sum * 3 + take(next_key(&x));
    }
    uint64_t left = 0;
    for (uint32_t b = 0; b < NBUCKETS; b++)
        left += buckets[b] != NULL;
    printf("hashtable: %llu inserts, checksum %llu, %llu buckets left\n", (unsigned long long)added,
           (unsigned long long)sum, (unsigned long long)left);
    return 0;
}
