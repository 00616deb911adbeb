/* SPDX-License-Identifier: MIT */
/* prio_test.c: the ready-priority bitmap against a plain array, over random operations (highest, any above). */
#include <stdlib.h>
#include "hosttest.h"
#include "prio.h"

int main(void)
{
    struct prio_bitmap b = { 0 };
    int count[CONFIG_PRIORITIES] = { 0 };
    HT_CHECK(prio_highest(&b) == -1);
    srand(7);
    for (int step = 0; step < 200000; step++) {
        unsigned p = (unsigned)rand() % CONFIG_PRIORITIES;
        if (rand() % 2) {
            prio_set(&b, p);
            count[p] = 1;
        } else {
            prio_clear(&b, p);
            count[p] = 0;
        }
        int want = -1;
        for (int q = CONFIG_PRIORITIES - 1; q >= 0 && want < 0; q--)
            if (count[q])
                want = q;
        HT_CHECK(prio_highest(&b) == want);
        unsigned q = (unsigned)rand() % CONFIG_PRIORITIES;
        HT_CHECK(prio_any_above(&b, q) == (want > (int)q));
        HT_CHECK(!prio_any_above(&b, CONFIG_PRIORITIES - 1));
        HT_CHECK(prio_any_above(&b, 0) == (want > 0));
    }
    for (unsigned p = 0; p < CONFIG_PRIORITIES; p++)
        prio_clear(&b, p);
    HT_CHECK(prio_highest(&b) == -1 && b.summary == 0);
    prio_set(&b, 0);
    HT_CHECK(prio_highest(&b) == 0);
    prio_set(&b, 255);
    HT_CHECK(prio_highest(&b) == 255);
    return ht_finish("prio_test");
}
