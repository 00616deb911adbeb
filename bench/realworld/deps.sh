#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# deps.sh: checks for what the real-world benchmark needs beyond `make test`'s tools (tools/deps.sh) and installs it as root.
#
# Each entry: "file-or-command:debian-package", checked and installed by
# tools/deps.sh (as root; otherwise it prints the exact apt-get line). The peers (wasm3, iwasm) are not packages:
# run.sh checks for them.
set -euo pipefail

needs=(
  dpkg-source:dpkg-dev                                            # unpacks the fetched source packages
  tclsh:tcl                                                       # SQLite's makefile generates the amalgamation with it
  xz:xz-utils                                                     # .orig.tar.xz tarballs
  bzip2:bzip2                                                     # .orig.tar.bz2 tarballs
  /usr/share/keyrings/debian-archive-keyring.gpg:debian-archive-keyring # signs the fetched Sources indexes
)

# tools/deps.sh does the checking and installing, with this list.
exec "$(dirname "$0")/../../tools/deps.sh" "${needs[@]}"
