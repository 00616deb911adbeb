/* SPDX-License-Identifier: MIT */
/* ktimer_test.c: kernel timers fire in deadline order, exactly once, only when due; cancel and re-arm. */
#include "hosttest.h"
#include "ktimer.h"

static int order[8], nfired;

static void fire(struct ktimer *t) { order[nfired++] = (int)(t->deadline_ns / 100); }

int main(void)
{
    struct ktimer t[5];
    for (int i = 0; i < 5; i++)
        ktimer_init(&t[i], fire);
    HT_CHECK(ktimer_next() == UINT64_MAX && !ktimer_armed(&t[0]));
    ktimer_arm(&t[0], 300);
    ktimer_arm(&t[1], 100);
    ktimer_arm(&t[2], 200);
    ktimer_arm(&t[3], 200); /* equal deadlines: both fire */
    ktimer_arm(&t[4], 500);
    HT_CHECK(ktimer_next() == 100);
    ktimer_arm(&t[1], 400); /* re-arming moves it */
    ktimer_cancel(&t[4]);
    HT_CHECK(!ktimer_armed(&t[4]) && ktimer_armed(&t[1]));
    ktimer_fire_due(199);
    HT_CHECK(nfired == 0);
    ktimer_fire_due(300);
    HT_CHECK(nfired == 3 && order[0] == 2 && order[1] == 2 && order[2] == 3);
    HT_CHECK(ktimer_next() == 400 && !ktimer_armed(&t[0]));
    ktimer_fire_due(1000);
    HT_CHECK(nfired == 4 && order[3] == 4 && ktimer_next() == UINT64_MAX);
    ktimer_fire_due(2000);
    HT_CHECK(nfired == 4);
    ktimer_cancel(&t[1]); /* cancelling a fired timer is harmless */
    return ht_finish("ktimer_test");
}
