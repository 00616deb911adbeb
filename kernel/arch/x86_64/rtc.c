/* SPDX-License-Identifier: MIT */
/* rtc.c: the wall clock from the PC's CMOS real-time clock (MC146818: ports 0x70/0x71). */
#include "arch.h"
#include "cpu.h"
#include "date.h"
#include "kstring.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71

enum {
    RTC_SECOND = 0x00,
    RTC_MINUTE = 0x02,
    RTC_HOUR = 0x04,
    RTC_DAY = 0x07,
    RTC_MONTH = 0x08,
    RTC_YEAR = 0x09,
    RTC_STATUS_A = 0x0a, /* bit 7: an update is in progress */
    RTC_STATUS_B = 0x0b, /* bit 2: binary, else BCD; bit 1: 24-hour, else 12 */
    RTC_CENTURY = 0x32,  /* where ACPI's FADT says by default, and QEMU keeps it */
};

static uint8_t cmos(uint8_t reg)
{
    outb(CMOS_INDEX, reg);
    return inb(CMOS_DATA);
}

static unsigned from_bcd(uint8_t v) { return (v >> 4) * 10u + (v & 0x0f); }

/* One reading of the date registers, after any update in progress. */
static void read_raw(uint8_t raw[7])
{
    static const uint8_t regs[7] = { RTC_SECOND, RTC_MINUTE, RTC_HOUR,   RTC_DAY,
                                     RTC_MONTH,  RTC_YEAR,   RTC_CENTURY };
    for (int spins = 0; spins < 1000000 && (cmos(RTC_STATUS_A) & 0x80); spins++) {
    }
    for (int i = 0; i < 7; i++)
        raw[i] = cmos(regs[i]);
}

/*
 * The registers tick while they are read: read until two readings agree
 * (an update between them changes one). BCD or binary and 12- or 24-hour
 * as status B says. A century register of 0 (a board without one) is
 * taken as 20xx. Whatever it says is checked as a date (date_seconds).
 */
bool arch_rtc_seconds(uint64_t *secs)
{
    uint8_t a[7], b[7];
    read_raw(b);
    int tries = 0;
    do {
        memcpy(a, b, sizeof a);
        read_raw(b);
    } while (++tries < 10 && memcmp(a, b, sizeof a) != 0);
    uint8_t status = cmos(RTC_STATUS_B);
    bool binary = status & 0x04, h24 = status & 0x02, pm = !h24 && (b[2] & 0x80);
    unsigned v[7];
    for (int i = 0; i < 7; i++) {
        uint8_t raw = i == 2 ? b[i] & 0x7f : b[i];
        v[i] = binary ? raw : from_bcd(raw);
    }
    if (!h24)
        v[2] = v[2] % 12 + (pm ? 12 : 0);
    struct date d = { .year = (v[6] ? v[6] : 20) * 100 + v[5],
                      .month = v[4],
                      .day = v[3],
                      .hour = v[2],
                      .minute = v[1],
                      .second = v[0] };
    return date_seconds(&d, secs);
}
