;; SPDX-License-Identifier: MIT
;; trap.wat: WASI test: _start calls func 2, which divides by zero (trap report: func, offset).
(module
  (import "wasi_snapshot_preview1" "sched_yield" (func $yield (result i32)))
  (func $start (export "_start")
    (drop (call $yield))
    (drop (call $divide (i32.const 7) (i32.const 0))))
  (func $divide (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1))))
