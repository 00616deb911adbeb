/* SPDX-License-Identifier: MIT */
/* float.h: exact IEEE-754 helpers (no libm): rounding, min/max, bit casts. */
#pragma once
#include <stdint.h>

static inline float jf_f32(uint64_t s)
{
    uint32_t b = (uint32_t)s;
    float f;
    __builtin_memcpy(&f, &b, 4);
    return f;
}
static inline double jf_f64(uint64_t s)
{
    double d;
    __builtin_memcpy(&d, &s, 8);
    return d;
}
static inline uint64_t jf_b32(float f)
{
    uint32_t b;
    __builtin_memcpy(&b, &f, 4);
    return b;
}
static inline uint64_t jf_b64(double d)
{
    uint64_t b;
    __builtin_memcpy(&b, &d, 8);
    return b;
}

float jf_trunc32(float x);
float jf_floor32(float x);
float jf_ceil32(float x);
float jf_nearest32(float x);
double jf_trunc64(double x);
double jf_floor64(double x);
double jf_ceil64(double x);
double jf_nearest64(double x);
/* One instruction each (the engine builds with -fno-math-errno: never a
 * libm call); inline so that f32/f64.sqrt do not pay a call. */
static inline float jf_sqrt32(float x) { return __builtin_sqrtf(x); }
static inline double jf_sqrt64(double x) { return __builtin_sqrt(x); }
/* min/max with wasm's rules: NaN wins, -0 < +0. Bit results. */
uint64_t jf_min32(float a, float b);
uint64_t jf_max32(float a, float b);
uint64_t jf_min64(double a, double b);
uint64_t jf_max64(double a, double b);
