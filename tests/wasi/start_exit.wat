;; SPDX-License-Identifier: MIT
;; start_exit.wat: WASI test: proc_exit(5) inside the start function ends the run with status 5.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func $init (call $exit (i32.const 5)))
  (func (export "_start") unreachable)
  (start $init))
