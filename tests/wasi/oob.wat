;; SPDX-License-Identifier: MIT
;; oob.wat: WASI test: a load past the end of linear memory traps.
(module
  (memory 1)
  (func (export "_start")
    (drop (i32.load (i32.const 65534)))))
