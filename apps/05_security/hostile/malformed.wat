;; SPDX-License-Identifier: MIT
;; malformed.wat: demo 05: an invalid module (an i32.add of an i64); app.mk assembles it
;; without validation, and the runner's validator refuses it at load.
(module
  (func (export "_start")
    (drop (i32.add (i32.const 1) (i64.const 2)))))
