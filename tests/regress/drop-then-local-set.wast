;; A value dropped right after it was computed left the translator thinking
;; the last instruction produced the new top of the stack: the following
;; local.set retargeted that instruction (i64.const 40) into the local instead
;; of storing -64 (found by the differential test, #27). The same stale
;; "last producer" misled the load-address and branch-condition fusions.
(module
  (func (export "set") (result i64 i32)
    (local i32)
    i64.const 2199023255553
    i32.const -64
    i64.const 40
    drop
    local.set 0
    local.get 0)
  (memory 1)
  (data (i32.const 0) "\01\00\00\00\02\00\00\00")
  ;; load: the dropped add must not become the load's address
  (func (export "load") (param i32) (result i32)
    local.get 0
    i32.const 0
    i32.add
    local.get 0
    i32.const 4
    i32.add
    drop
    i32.load)
  ;; br_if: the dropped compare must not become the branch's condition
  (func (export "br_if") (param i32) (result i32)
    block
      local.get 0
      i32.eqz
      local.get 0
      i32.const 1
      i32.eq
      drop
      br_if 0
      i32.const 7
      return
    end
    i32.const 9))
(assert_return (invoke "set") (i64.const 2199023255553) (i32.const -64))
(assert_return (invoke "load" (i32.const 0)) (i32.const 1))
(assert_return (invoke "br_if" (i32.const 0)) (i32.const 9))
(assert_return (invoke "br_if" (i32.const 1)) (i32.const 7))
(assert_return (invoke "br_if" (i32.const 2)) (i32.const 7))
