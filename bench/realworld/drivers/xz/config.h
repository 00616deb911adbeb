/* SPDX-License-Identifier: MIT */
/* config.h: the config.h liblzma is built with in the real-world benchmark, the same for both targets. */
#pragma once
/* Written by hand from what xz-utils 5.4.1's configure finds on x86-64
 * Linux (--disable-threads), cut to what the driver uses: the .xz format
 * with LZMA2 and a CRC64 check, every match finder. Left out on purpose, so
 * that the native build runs the same C as the wasm build: the x86 CLMUL
 * CRC (HAVE_USABLE_CLMUL, HAVE_IMMINTRIN_H) and threads. */
/* As configure sets it (AC_USE_SYSTEM_EXTENSIONS). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#define HAVE_CHECK_CRC32              1
#define HAVE_CHECK_CRC64              1
#define HAVE_ENCODERS                 1
#define HAVE_DECODERS                 1
#define HAVE_ENCODER_LZMA1            1
#define HAVE_ENCODER_LZMA2            1
#define HAVE_DECODER_LZMA1            1
#define HAVE_DECODER_LZMA2            1
#define HAVE_MF_BT2                   1
#define HAVE_MF_BT3                   1
#define HAVE_MF_BT4                   1
#define HAVE_MF_HC3                   1
#define HAVE_MF_HC4                   1
#define HAVE_INTTYPES_H               1
#define HAVE_LIMITS_H                 1
#define HAVE_STDBOOL_H                1
#define HAVE_STDINT_H                 1
#define HAVE_STRING_H                 1
#define HAVE__BOOL                    1
#define HAVE_UINTPTR_T                1
#define HAVE_VISIBILITY               1
#define HAVE___BUILTIN_ASSUME_ALIGNED 1
#define HAVE___BUILTIN_BSWAPXX        1
#define SIZEOF_SIZE_T                 __SIZEOF_SIZE_T__
/* Both targets load unaligned words directly (wasm allows it). */
#define TUKLIB_FAST_UNALIGNED_ACCESS 1
#define ASSUME_RAM                   128
#define NDEBUG                       1
#define PACKAGE                      "xz"
#define PACKAGE_NAME                 "XZ Utils"
#define PACKAGE_URL                  "https://tukaani.org/xz/"
#define VERSION                      "5.4.1"
/* mythread.h declares a static inline wrapper of sigprocmask() for the xz
 * tool even without threads; liblzma never calls it. wasi-libc has
 * <signal.h> only with its emulation switch, and neither sigset_t nor
 * sigprocmask: give the wrapper something to compile against. */
#ifdef __wasi__
#define _WASI_EMULATED_SIGNAL 1
typedef unsigned char sigset_t;
#define sigprocmask(how, set, oset) ((void)(how), (void)(set), (void)(oset), 0)
#endif
