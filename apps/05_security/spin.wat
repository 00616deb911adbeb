;; SPDX-License-Identifier: MIT
;; spin.wat: demo 05: loops forever; its CPU budget stops it.
(module
  (func (export "_start")
    (loop $forever (br $forever))))
