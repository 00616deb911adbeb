;; SPDX-License-Identifier: MIT
;; missing_import.wat: WASI test: imports a function no host provides.
(module
  (import "env" "frobnicate" (func (param i32)))
  (func (export "_start")))
