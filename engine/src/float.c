/* SPDX-License-Identifier: MIT */
/* float.c: exact IEEE-754 rounding and min/max without libm. */
#include "float.h"

/* Rounding to an integer works on the bit pattern: clear the fraction bits
 * below the binary point (trunc), then step away from zero when needed.
 * NaNs go through an arithmetic operation so that they come out quiet. */

float jf_trunc32(float x)
{
    uint32_t b = (uint32_t)jf_b32(x);
    int e = (int)((b >> 23) & 0xff) - 127;
    if (e >= 23)
        return x != x ? x + x : x;
    if (e < 0)
        return jf_f32(b & 0x80000000u);
    uint32_t mask = (1u << (23 - e)) - 1;
    return jf_f32(b & ~mask);
}

double jf_trunc64(double x)
{
    uint64_t b = jf_b64(x);
    int e = (int)((b >> 52) & 0x7ff) - 1023;
    if (e >= 52)
        return x != x ? x + x : x;
    if (e < 0)
        return jf_f64(b & 0x8000000000000000ull);
    uint64_t mask = (1ull << (52 - e)) - 1;
    return jf_f64(b & ~mask);
}

float jf_floor32(float x)
{
    float t = jf_trunc32(x);
    if (x != x)
        return t;
    if (t != x && x < 0)
        return t - 1.0f;
    if (x < 0 && t == 0)
        return -0.0f;
    return t;
}

double jf_floor64(double x)
{
    double t = jf_trunc64(x);
    if (x != x)
        return t;
    if (t != x && x < 0)
        return t - 1.0;
    if (x < 0 && t == 0)
        return -0.0;
    return t;
}

float jf_ceil32(float x)
{
    float t = jf_trunc32(x);
    if (x != x)
        return t;
    if (t != x && x > 0)
        return t + 1.0f;
    return t;
}

double jf_ceil64(double x)
{
    double t = jf_trunc64(x);
    if (x != x)
        return t;
    if (t != x && x > 0)
        return t + 1.0;
    return t;
}

/* Round half to even: for |x| < 2^23 (2^52), adding and subtracting 2^23
 * (2^52) rounds in the default round-to-nearest-even mode; the sign is put
 * back so that -0.4 becomes -0. */
float jf_nearest32(float x)
{
    uint32_t b = (uint32_t)jf_b32(x);
    uint32_t sign = b & 0x80000000u;
    float ax = jf_f32(b & 0x7fffffffu);
    if (x != x)
        return x + x;
    if (ax >= 8388608.0f)
        return x;
    volatile float big = 8388608.0f;
    float r = (ax + big) - big;
    return jf_f32((uint32_t)jf_b32(r) | sign);
}

double jf_nearest64(double x)
{
    uint64_t b = jf_b64(x);
    uint64_t sign = b & 0x8000000000000000ull;
    double ax = jf_f64(b & 0x7fffffffffffffffull);
    if (x != x)
        return x + x;
    if (ax >= 4503599627370496.0)
        return x;
    volatile double big = 4503599627370496.0;
    double r = (ax + big) - big;
    return jf_f64(jf_b64(r) | sign);
}

uint64_t jf_min32(float a, float b)
{
    if (a != a || b != b)
        return jf_b32(a + b);
    if (a == b)
        return jf_b32(a) | jf_b32(b);
    return jf_b32(a < b ? a : b);
}

uint64_t jf_max32(float a, float b)
{
    if (a != a || b != b)
        return jf_b32(a + b);
    if (a == b)
        return jf_b32(a) & jf_b32(b);
    return jf_b32(a > b ? a : b);
}

uint64_t jf_min64(double a, double b)
{
    if (a != a || b != b)
        return jf_b64(a + b);
    if (a == b)
        return jf_b64(a) | jf_b64(b);
    return jf_b64(a < b ? a : b);
}

uint64_t jf_max64(double a, double b)
{
    if (a != a || b != b)
        return jf_b64(a + b);
    if (a == b)
        return jf_b64(a) & jf_b64(b);
    return jf_b64(a > b ? a : b);
}
