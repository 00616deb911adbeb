/* SPDX-License-Identifier: MIT */
/* date.c: calendar dates to seconds since 1970 (UTC); the PC's CMOS clock counts in dates. */
#include "date.h"

/*
 * The year is taken to start on 1 March, so that the leap day is the last
 * day of a year and the days before a month follow one formula; the years
 * are counted in 400-year eras of 146097 days each, which repeat exactly.
 * 719468 is the day number of 1970-01-01 counted from era 0's 1 March.
 */
int64_t date_days(int64_t year, unsigned month, unsigned day)
{
    year -= month <= 2;
    int64_t era = (year >= 0 ? year : year - 399) / 400;
    unsigned year_of_era = (unsigned)(year - era * 400);                           /* 0..399 */
    unsigned day_of_year =
        (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1; /* 0..365 */
    unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + (int64_t)day_of_era - 719468;
}

static unsigned month_days(unsigned year, unsigned month)
{
    static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return days[month - 1] + (month == 2 && leap);
}

bool date_seconds(const struct date *d, uint64_t *secs)
{
    if (d->year < 1970 || d->month < 1 || d->month > 12 || d->day < 1 ||
        d->day > month_days(d->year, d->month) || d->hour > 23 || d->minute > 59 || d->second > 59)
        return false;
    uint64_t days = (uint64_t)date_days(d->year, d->month, d->day);
    *secs = days * 86400 + d->hour * 3600u + d->minute * 60u + d->second;
    return true;
}
