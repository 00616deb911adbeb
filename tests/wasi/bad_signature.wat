;; SPDX-License-Identifier: MIT
;; bad_signature.wat: WASI test: imports fd_write with the wrong type; linking must fail, not crash.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32)))
  (func (export "_start")))
