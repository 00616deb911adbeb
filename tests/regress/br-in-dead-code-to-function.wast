;; A `br` to the function's label in unreachable code, in a function with
;; results: the translator computed the results' slot from a stack holding
;; fewer values than the results (polymorphic after `unreachable`) and read
;; far outside its stack array (found by the libFuzzer target fuzz-run, #24).
(module
  (func (export "v128") (result v128)
    i32.const 16125
    unreachable
    br 0
    v128.const i32x4 0 0 0 0
    v128.bitselect)
  (func (export "i32") (param i32) (result i32)
    block (result i32)
      local.get 0
      local.get 0
      br_if 0
      unreachable
      br 1
    end))
(assert_trap (invoke "v128") "unreachable")
(assert_return (invoke "i32" (i32.const 3)) (i32.const 3))
(assert_trap (invoke "i32" (i32.const 0)) "unreachable")
