;; SPDX-License-Identifier: MIT
;; trap.wat: a WASI program whose _start divides by zero two calls deep (the runner reports the trap).
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "dividing by zero\n")
  (func $divide (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func $compute (result i32)
    (call $divide (i32.const 1) (i32.const 0)))
  (func $_start (export "_start")
    ;; iovec {16, 17} at 0; bytes written at 8.
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 17))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (drop (call $compute))))
