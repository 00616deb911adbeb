# SPDX-License-Identifier: MIT
# fixture.sh (sourced by tests/suites/wasi.sh and os-files.sh): the tree
# files.c runs in, hosted and on the OS.
# fixture DIR: a preopen root with a file, a subdirectory and symlinks that
# point out of it, a directory outside it, and a read-only preopen.
fixture() {
  local F=$1
  rm -rf "$F" && mkdir -p "$F/root/dir" "$F/outside" "$F/ro"
  printf 'hello world\n' >"$F/root/data.txt"
  echo in >"$F/root/dir/inner.txt"
  echo secret >"$F/outside/secret"
  ln -s ../outside "$F/root/link_out"
  ln -s "$(realpath "$F")/outside/secret" "$F/root/abs_link"
  ln -s . "$F/root/link_self"
  ln -s dir "$F/root/dir_link"
  printf 'read only\n' >"$F/ro/r.txt"
}
