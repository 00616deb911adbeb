#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# build.sh: builds the real-world benchmark programs twice, natively and for wasm32-wasi, with the same flags.
#
# usage: bench/realworld/build.sh [PROGRAM...]   (default: all; run fetch.sh first)
# Writes build/realworld/bin/NAME.native and NAME.wasm. Every C file is
# compiled with `clang-19 -O2` plus the program's own defines, once for
# x86-64 Linux and once with --target=wasm32-wasi --sysroot=/usr; the wasm
# link is a separate step without -O, so clang does not run wasm-opt on it
# (the native build gets no post-link optimiser either). A program is rebuilt
# when any of its inputs is newer than its outputs.
set -euo pipefail
cd "$(dirname "$0")/../.."

R=bench/realworld
S=build/realworld/src
O=build/realworld/obj
BIN=build/realworld/bin
mkdir -p "$O" "$BIN"
CC=clang-19
WASM_TARGET=(--target=wasm32-wasi --sysroot=/usr)
# 1 MiB of wasm stack instead of wasm-ld's 64 KiB: SQLite's parser and
# sorter recurse deeper than that (the native stack is 8 MiB).
WASM_LDFLAGS=(-Wl,-z,stack-size=1048576)

# program NAME "DEFINES AND INCLUDES" FILE...: compiles and links NAME for
# both targets from the listed C files.
program() {
  local name=$1 flags=$2; shift 2
  local out_n=$BIN/$name.native out_w=$BIN/$name.wasm newest=0 f
  for f in "$@" "$R/build.sh" "$R"/drivers/*.h "$R"/drivers/xz/config.h; do
    [[ $f -nt $out_n || $f -nt $out_w ]] && newest=1
  done
  [[ $newest == 1 || ! -f $out_n || ! -f $out_w ]] || return 0
  echo "build.sh: $name ($# files)" >&2
  local objs_n=() objs_w=() src obj
  mkdir -p "$O/$name"
  for src in "$@"; do
    obj=$O/$name/$(basename "$src" .c)
    # Warnings only for our drivers: the packages' own code is as Debian ships it.
    local warn=-w
    [[ $src == "$R"/* ]] && warn="-Wall -Wextra -Werror"
    # shellcheck disable=SC2086 # flags is a word list on purpose
    $CC -O2 $warn $flags -c "$src" -o "$obj.native.o" &
    # shellcheck disable=SC2086
    $CC "${WASM_TARGET[@]}" -O2 $warn $flags -c "$src" -o "$obj.wasm.o" &
    wait -n && wait -n || return 1
    objs_n+=("$obj.native.o") objs_w+=("$obj.wasm.o")
  done
  $CC -o "$out_n" "${objs_n[@]}" -lm
  $CC "${WASM_TARGET[@]}" "${WASM_LDFLAGS[@]}" -o "$out_w" "${objs_w[@]}" -lm
}

# SQLite: the amalgamation (sqlite3.c) is generated from Debian's source
# tree by its own makefile (needs tclsh), then built with the VFS of
# drivers/sqlite_os.c. LONGDOUBLE_TYPE=double: SQLite's text-to-number
# conversion would otherwise use x87 80-bit long doubles natively and
# software 128-bit ones in wasm, different code and possibly different digits.
build_sqlite() {
  local A=build/realworld/sqlite-amal
  if [[ ! -f $A/sqlite3.c ]]; then
    rm -rf "$A"; mkdir -p "$A"
    (cd "$A" && "$OLDPWD/$S/sqlite3/configure" --disable-tcl >configure.log 2>&1 &&
      make sqlite3.c >make.log 2>&1) || { echo "build.sh: sqlite3 amalgamation failed ($A)" >&2; return 1; }
  fi
  program sqlite "-I$A -DSQLITE_OS_OTHER=1 -DSQLITE_THREADSAFE=0 -DSQLITE_TEMP_STORE=3
    -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_WAL -DSQLITE_OMIT_SHARED_CACHE
    -DSQLITE_DEFAULT_MEMSTATUS=0 -DSQLITE_OMIT_DEPRECATED -DLONGDOUBLE_TYPE=double" \
    "$A/sqlite3.c" "$R/drivers/sqlite_os.c" "$R/drivers/sqlite_bench.c"
}

build_zlib() {
  local z=$S/zlib
  program zlib "-I$z" "$z"/{adler32,compress,crc32,deflate,inffast,inflate,inftrees,trees,uncompr,zutil}.c \
    "$R/drivers/zlib_bench.c"
}

build_bzip2() {
  local b=$S/bzip2
  program bzip2 "-I$b" "$b"/{blocksort,huffman,crctable,randtable,compress,decompress,bzlib}.c \
    "$R/drivers/bzip2_bench.c"
}

# liblzma: the files the .xz encoder and decoder with LZMA2 and CRC64 need,
# configured by drivers/xz/config.h instead of configure.
build_xz() {
  local l=$S/xz-utils/src/liblzma
  program xz "-DHAVE_CONFIG_H -I$R/drivers/xz -I$S/xz-utils/src/common -I$l/api
    -I$l/common -I$l/check -I$l/lz -I$l/rangecoder -I$l/lzma -I$l/delta -I$l/simple" \
    "$S"/xz-utils/src/common/tuklib_physmem.c \
    "$l"/common/{common,block_util,easy_preset,filter_common,hardware_physmem,index,stream_flags_common,vli_size}.c \
    "$l"/common/{block_buffer_encoder,block_encoder,block_header_encoder,easy_buffer_encoder,filter_encoder,filter_flags_encoder,index_encoder,stream_buffer_encoder,stream_flags_encoder,vli_encoder}.c \
    "$l"/common/{block_decoder,block_header_decoder,filter_decoder,filter_flags_decoder,index_hash,stream_buffer_decoder,stream_decoder,stream_flags_decoder,vli_decoder}.c \
    "$l"/check/{check,crc32_fast,crc32_table,crc64_fast,crc64_table}.c \
    "$l"/lz/{lz_encoder,lz_encoder_mf,lz_decoder}.c \
    "$l"/lzma/{lzma_encoder,lzma_encoder_presets,lzma_encoder_optimum_fast,lzma_encoder_optimum_normal,fastpos_table,lzma_decoder,lzma2_encoder,lzma2_decoder}.c \
    "$l"/rangecoder/price_table.c \
    "$R/drivers/xz_bench.c"
}

build_cjson() {
  program cjson "-I$S/cjson" "$S/cjson/cJSON.c" "$R/drivers/cjson_bench.c"
}

build_lz4() {
  local l=$S/lz4/lib
  program lz4 "-I$l" "$l/lz4.c" "$l/lz4hc.c" "$R/drivers/lz4_bench.c"
}

progs=("$@")
[[ ${#progs[@]} -gt 0 ]] || progs=(sqlite zlib bzip2 xz cjson lz4)
for p in "${progs[@]}"; do
  "build_$p" || { echo "build.sh: $p failed" >&2; exit 1; }
done
