;; SPDX-License-Identifier: MIT
;; start_trap.wat: WASI test: the start function (func 0) traps on unreachable before _start runs.
(module
  (func $init unreachable)
  (func (export "_start"))
  (start $init))
