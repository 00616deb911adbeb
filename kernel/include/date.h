/* SPDX-License-Identifier: MIT */
/* date.h: calendar dates and times of day to seconds since 1970 (UTC), for clocks that count in dates. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

struct date {
    unsigned year, month, day; /* 1970.., 1..12, 1..31 */
    unsigned hour, minute, second; /* 0..23, 0..59, 0..59 */
};

/* Days from 1970-01-01 to year-month-day in the Gregorian calendar. */
int64_t date_days(int64_t year, unsigned month, unsigned day);

/* Seconds since 1970-01-01 00:00 UTC of *d into *secs; false (and *secs
 * untouched) if a field is out of its range, the day past its month's
 * end, or the date before 1970. A real-time clock is hardware input. */
bool date_seconds(const struct date *d, uint64_t *secs);
