;; SPDX-License-Identifier: MIT
;; big_memory.wat: WASI test: asks for 20 pages; grows by 10 more and prints what memory.grow said.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 20)
  (func (export "_start")
    ;; exit status 1 if the grow failed, 0 if it worked
    (call $exit (i32.eq (memory.grow (i32.const 10)) (i32.const -1)))))
