/* SPDX-License-Identifier: MIT */
/* date_test.c: dates to seconds since 1970 (kernel/lib/date.c), the CMOS real-time clock's arithmetic. */
#include "date.h"
#include "hosttest.h"

/* Fixed points, from Python's calendar.timegm. */
static void test_known(void)
{
    static const struct {
        struct date d;
        uint64_t secs;
    } known[] = {
        { { 1970, 1, 1, 0, 0, 0 }, 0 },
        { { 1972, 2, 29, 0, 0, 0 }, 68169600 },
        { { 2000, 3, 1, 0, 0, 0 }, 951868800 },
        { { 2026, 12, 6, 7, 4, 5 }, 1796540645 },
        { { 2038, 1, 19, 0, 0, 0 }, 2147472000 },
        { { 2100, 3, 1, 0, 0, 0 }, 4107542400 },
        { { 2400, 2, 29, 0, 0, 0 }, 13574563200 },
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        uint64_t s = 1;
        HT_CHECK(date_seconds(&known[i].d, &s));
        HT_CHECK(s == known[i].secs);
    }
}

/* Day after day from 1970 to 2500, with its own month lengths: each date
 * is one day after the one before. */
static void test_every_day(void)
{
    static const unsigned days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int64_t want = 0;
    for (unsigned y = 1970; y < 2500; y++)
        for (unsigned m = 1; m <= 12; m++) {
            bool leap = m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
            for (unsigned d = 1; d <= days[m - 1] + leap; d++, want++)
                if (date_days(y, m, d) != want) {
                    HT_CHECK(date_days(y, m, d) == want);
                    return;
                }
        }
}

/* What a broken or hostile clock could give is refused. */
static void test_refused(void)
{
    static const struct date bad[] = {
        { 1969, 12, 31, 23, 59, 59 }, { 2026, 0, 1, 0, 0, 0 },  { 2026, 13, 1, 0, 0, 0 },
        { 2026, 1, 0, 0, 0, 0 },      { 2026, 4, 31, 0, 0, 0 }, { 2026, 2, 29, 0, 0, 0 },
        { 2100, 2, 29, 0, 0, 0 },     { 2026, 1, 1, 24, 0, 0 }, { 2026, 1, 1, 0, 60, 0 },
        { 2026, 1, 1, 0, 0, 60 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint64_t s = 7;
        HT_CHECK(!date_seconds(&bad[i], &s) && s == 7);
    }
    uint64_t s;
    HT_CHECK(date_seconds(&(struct date){ 2024, 2, 29, 0, 0, 0 }, &s));
}

int main(void)
{
    test_known();
    test_every_day();
    test_refused();
    return ht_finish("date_test");
}
