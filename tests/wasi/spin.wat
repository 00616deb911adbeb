;; SPDX-License-Identifier: MIT
;; spin.wat: WASI test: _start loops forever; only --fuel ends it.
(module
  (func (export "_start") (loop $l (br $l))))
