#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Checks that every tool the build and the tests need is present and installs
# the missing Debian packages (as root), or prints the exact apt-get line.
# Each entry: "file-or-command:debian-package". With arguments, the entries
# are those instead (bench/realworld/deps.sh passes its own).
set -euo pipefail

needs=(
  clang-19:clang-19
  clang-format-19:clang-format-19
  ld.lld-19:lld-19
  llvm-objcopy-19:llvm-19
  /usr/lib/llvm-19/lib/clang/19/lib/linux/libclang_rt.asan-x86_64.a:libclang-rt-19-dev
  wast2json:wabt
  wasm-opt:binaryen
  python3:python3
  strace:strace
  wat2wasm:wabt
  qemu-system-x86_64:qemu-system-x86
  qemu-system-aarch64:qemu-system-arm
  qemu-aarch64:qemu-user
  /usr/include/cjson/cJSON.h:libcjson-dev
  timeout:coreutils
  /usr/include/wasm32-wasi/stdio.h:wasi-libc
  /usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a:libclang-rt-19-dev-wasm32
  /usr/bin/time:time
  make:make
)

[[ $# -gt 0 ]] && needs=("$@")

missing=()
for entry in "${needs[@]}"; do
  thing=${entry%%:*} pkg=${entry##*:}
  if [[ $thing == /* ]]; then [[ -e $thing ]] && continue
  else command -v "$thing" >/dev/null 2>&1 && continue; fi
  [[ " ${missing[*]-} " == *" $pkg "* ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

line="apt-get install -y ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  echo "deps: missing packages; run as root:" >&2
  echo "  sudo apt-get update && sudo $line" >&2
  exit 1
fi
echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
$line -qq >&2
