;; SPDX-License-Identifier: MIT
;; unknown_wasi.wat: WASI test: imports a wasi_snapshot_preview1 name preview1 does not have.
(module
  (import "wasi_snapshot_preview1" "fd_teleport" (func (param i32) (result i32)))
  (func (export "_start")))
