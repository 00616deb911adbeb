#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# fetch.sh: fetches the Debian source packages of the real-world benchmark into build/realworld/src/.
#
# usage: bench/realworld/fetch.sh [PACKAGE...]   (default: every package the suite builds)
# Uses a private apt configuration under build/realworld/apt/ (its own
# sources.list with deb-src lines, its own lists, cache and status), so the
# machine's apt configuration and state are neither read nor changed. The
# sources are fetched with `apt-get source --download-only` and unpacked with
# dpkg-source (package dpkg-dev) with Debian's patches applied. A package
# already unpacked is not fetched again. Nothing here is committed or used by
# `make test`.
set -euo pipefail
cd "$(dirname "$0")/../.."

# The packages, from Debian 12 (bookworm) main: the point-release versions,
# so that a rerun builds the same sources. bookworm-security is left out on
# purpose: the benchmark needs stable sources, not security fixes, and this
# machine's mirror lists security versions it does not serve.
pkgs=("$@")
[[ ${#pkgs[@]} -gt 0 ]] || pkgs=(sqlite3 zlib bzip2 xz-utils cjson lz4)
mirror=${REALWORLD_MIRROR:-http://deb.debian.org/debian}

A=$PWD/build/realworld/apt
S=build/realworld/src
mkdir -p "$A/lists/partial" "$A/cache/archives/partial" "$A/dl" "$S"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror bookworm main" >"$A/sources.list"
: >"$A/status"
apt_opts=(-o "Dir::Etc::SourceList=$A/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State=$A" -o "Dir::State::Lists=$A/lists" -o "Dir::State::status=$A/status"
  -o "Dir::Cache=$A/cache" -o Debug::NoLocking=1 -o APT::Sandbox::User=root -qq)

missing=()
for p in "${pkgs[@]}"; do
  [[ -f $S/$p/.unpacked ]] || missing+=("$p")
done
[[ ${#missing[@]} -gt 0 ]] || exit 0

command -v dpkg-source >/dev/null ||
  { echo "fetch.sh: dpkg-source missing: apt-get install dpkg-dev" >&2; exit 2; }
[[ -n $(find "$A/lists" -name '*Sources*' -mmin -1440 2>/dev/null) ]] ||
  apt-get "${apt_opts[@]}" update
for p in "${missing[@]}"; do
  echo "fetch.sh: fetching $p (bookworm)" >&2
  rm -rf "${A:?}/dl/$p" "${S:?}/$p"
  mkdir -p "$A/dl/$p"
  (cd "$A/dl/$p" && apt-get "${apt_opts[@]}" source --download-only "$p/bookworm")
  dsc=$(ls "$A/dl/$p"/*.dsc)
  dpkg-source --no-check -x "$dsc" "$S/$p" >/dev/null
  basename "$dsc" .dsc >"$S/$p/.unpacked"
done
