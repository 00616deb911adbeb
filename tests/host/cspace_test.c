/* SPDX-License-Identifier: MIT */
/* cspace_test.c: capability lookup errors, derivation, move, delete, revoke and object lifetime, plus a random walk checked against invariants. */
#include <stdlib.h>
#include "cspace.h"
#include "hosttest.h"

enum { NOBJ = 8, NCS = 3 };
static struct kobj objs[NOBJ];
static int destroyed[NOBJ];

/* The kernel's kobj_destroy frees the object; here it is only counted. */
void kobj_destroy(struct kobj *obj) { destroyed[obj - objs]++; }

static struct cspace cs[NCS];

static void reset(void)
{
    memset(cs, 0, sizeof cs);
    memset(destroyed, 0, sizeof destroyed);
    for (int i = 0; i < NOBJ; i++)
        objs[i] = (struct kobj){ .type = i % 2 ? JX_OBJ_ENDPOINT : JX_OBJ_NOTIFICATION };
}

static void test_lookup(void)
{
    reset();
    struct cap_slot *s;
    cap_install(&cs[0].slot[3], &objs[1], JX_RIGHT_READ, 0);
    HT_CHECK(cap_lookup(&cs[0], JX_CSPACE_SLOTS, JX_OBJ_NONE, 0, &s) == JX_EBADSLOT);
    HT_CHECK(cap_lookup(&cs[0], UINT64_MAX, JX_OBJ_NONE, 0, &s) == JX_EBADSLOT);
    HT_CHECK(cap_lookup(&cs[0], 4, JX_OBJ_NONE, 0, &s) == JX_EEMPTY);
    HT_CHECK(cap_lookup(&cs[0], 3, JX_OBJ_NOTIFICATION, 0, &s) == JX_ETYPE);
    HT_CHECK(cap_lookup(&cs[0], 3, JX_OBJ_ENDPOINT, JX_RIGHT_WRITE, &s) == JX_EPERM);
    HT_CHECK(cap_lookup(&cs[0], 3, JX_OBJ_ENDPOINT, JX_RIGHT_READ, &s) == JX_OK &&
             s == &cs[0].slot[3]);
    HT_CHECK(cap_dest(&cs[0], 3, &s) == JX_EEXIST);
    HT_CHECK(cap_dest(&cs[0], 64, &s) == JX_EBADSLOT);
    HT_CHECK(cap_dest(&cs[0], 5, &s) == JX_OK);
}

/* Root in task 0, a child in task 1, a grandchild in task 2: deleting the middle keeps the grandchild revocable. */
static void test_tree(void)
{
    reset();
    struct cap_slot *a = &cs[0].slot[0], *b = &cs[1].slot[0], *c = &cs[2].slot[0], *s;
    cap_install(a, &objs[1], JX_RIGHTS_ALL, 0);
    cap_derive(a, b, JX_RIGHT_WRITE | JX_RIGHT_GRANT, 9);
    cap_derive(b, c, JX_RIGHTS_ALL, b->badge);
    HT_CHECK(c->rights == (JX_RIGHT_WRITE | JX_RIGHT_GRANT) && c->badge == 9);
    HT_CHECK(objs[1].caps == 3);
    cap_delete(b);
    HT_CHECK(b->state == CAP_EMPTY && c->parent == a && a->child == c);
    cap_move(c, &cs[2].slot[7]);
    c = &cs[2].slot[7];
    HT_CHECK(cs[2].slot[0].state == CAP_EMPTY && c->parent == a && a->child == c);
    cap_revoke(a);
    HT_CHECK(c->state == CAP_STALE && cap_lookup(&cs[2], 7, JX_OBJ_NONE, 0, &s) == JX_ESTALE);
    HT_CHECK(objs[1].caps == 1 && destroyed[1] == 0);
    HT_CHECK(cap_dest(&cs[2], 7, &s) == JX_OK); /* a stale slot may be reused */
    cap_delete(a);
    HT_CHECK(destroyed[1] == 1 && objs[1].caps == 0);
    struct kobj perm = { .type = JX_OBJ_CONSOLE, .permanent = 1 };
    cap_install(a, &perm, JX_RIGHTS_ALL, 0);
    cap_delete(a);
    HT_CHECK(perm.caps == 0); /* permanent: never destroyed (no crash) */
}

/* Every link is mutual, every parent is full, and each object's count equals its full slots. */
static void check_invariants(void)
{
    unsigned count[NOBJ] = { 0 };
    for (int t = 0; t < NCS; t++)
        for (int i = 0; i < JX_CSPACE_SLOTS; i++) {
            struct cap_slot *s = &cs[t].slot[i];
            if (s->state != CAP_FULL) {
                HT_CHECK(!s->parent && !s->child && !s->next && !s->prev && !s->obj);
                continue;
            }
            count[s->obj - objs]++;
            if (s->parent)
                HT_CHECK(s->parent->state == CAP_FULL && s->parent->obj == s->obj &&
                         (s->rights & ~s->parent->rights) == 0);
            if (s->prev)
                HT_CHECK(s->prev->next == s && s->prev->parent == s->parent);
            else if (s->parent)
                HT_CHECK(s->parent->child == s);
            if (s->next)
                HT_CHECK(s->next->prev == s);
            if (s->child)
                HT_CHECK(s->child->parent == s && !s->child->prev);
        }
    for (int o = 0; o < NOBJ; o++) {
        HT_CHECK(objs[o].caps == count[o]);
        HT_CHECK(destroyed[o] <= 1 || count[o] == 0);
    }
}

static struct cap_slot *random_slot(void)
{
    return &cs[rand() % NCS].slot[rand() % JX_CSPACE_SLOTS];
}

/* 200 000 random operations; invariants checked after each (ASan checks every pointer). */
static void test_random(void)
{
    reset();
    srand(18);
    for (int step = 0; step < 200000; step++) {
        struct cap_slot *a = random_slot(), *b = random_slot();
        switch (rand() % 6) {
        case 0:
            if (a->state != CAP_FULL)
                cap_install(a, &objs[rand() % NOBJ], rand() % 16, 0);
            break;
        case 1:
        case 2:
            if (a->state == CAP_FULL && b->state != CAP_FULL)
                cap_derive(a, b, rand() % 16, a->badge);
            break;
        case 3:
            if (a->state == CAP_FULL && b->state != CAP_FULL)
                cap_move(a, b);
            break;
        case 4: cap_delete(a); break;
        case 5:
            if (a->state == CAP_FULL && rand() % 8 == 0) {
                cap_revoke(a);
                HT_CHECK(!cap_has_children(a));
            }
            break;
        }
        if (step % 64 == 0)
            check_invariants();
    }
    for (int t = 0; t < NCS; t++)
        cspace_clear(&cs[t]);
    check_invariants();
    for (int o = 0; o < NOBJ; o++)
        HT_CHECK(objs[o].caps == 0);
}

int main(void)
{
    test_lookup();
    test_tree();
    test_random();
    return ht_finish("cspace_test");
}
