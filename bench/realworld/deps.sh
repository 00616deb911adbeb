#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# deps.sh: checks for what the real-world benchmark needs beyond `make test`'s tools (tools/deps.sh) and installs it as root.
#
# Each entry: "file-or-command:debian-package". Missing packages are
# installed with apt-get when run as root; otherwise the exact line to run is
# printed and the script fails. The peers (wasm3, iwasm) are not packages:
# run.sh checks for them.
set -euo pipefail

needs=(
  dpkg-source:dpkg-dev                                            # unpacks the fetched source packages
  tclsh:tcl                                                       # SQLite's makefile generates the amalgamation with it
  xz:xz-utils                                                     # .orig.tar.xz tarballs
  bzip2:bzip2                                                     # .orig.tar.bz2 tarballs
  /usr/share/keyrings/debian-archive-keyring.gpg:debian-archive-keyring # signs the fetched Sources indexes
)

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
  echo "bench/realworld/deps.sh: missing packages; run as root:" >&2
  echo "  sudo apt-get update && sudo $line" >&2
  exit 1
fi
echo "bench/realworld/deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
$line -qq >&2
