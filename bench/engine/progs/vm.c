/* SPDX-License-Identifier: MIT */
/* vm.c: benchmark: a bytecode interpreter loop (switch dispatch, unpredictable branches). */
#include <stdint.h>
#include <stdio.h>

#define ITERATIONS 400000

/* A small stack machine with eight registers. */
enum op { PUSH, LOAD, STORE, ADD, SUB, MUL, AND, SHR, XOR, LT, JMP, JZ, DUP, DROP, HALT };

typedef struct insn {
    uint8_t op;
    int32_t arg;
} insn_t;

static int64_t run(const insn_t *code, int64_t *reg) {
    int64_t stack[64];
    int sp = 0;
    for (int pc = 0;;) {
        const insn_t *in = &code[pc++];
        switch (in->op) {
        case PUSH: stack[sp++] = in->arg; break;
        case LOAD: stack[sp++] = reg[in->arg]; break;
        case STORE: reg[in->arg] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case SHR: sp--; stack[sp - 1] = (int64_t)((uint64_t)stack[sp - 1] >> stack[sp]); break;
        case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case JMP: pc = in->arg; break;
        case JZ: if (stack[--sp] == 0) pc = in->arg; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case DROP: sp--; break;
        case HALT: return reg[0];
        }
    }
}

/* Appends one instruction; returns its index (a jump target). */
static int emit(insn_t *code, int *n, uint8_t op, int32_t arg) {
    code[*n].op = op;
    code[*n].arg = arg;
    return (*n)++;
}

/* Assembles the program into code[]: r0 = hash, r1 = i, r2 = n, r3 = x,
 * r4 = steps. For i < n: x = (i ^ hash) & 1023; while x > 1, x becomes
 * (3x+1)/2 if odd, x/2 if even, counting steps; then hash = (hash * 31 + i)
 * ^ steps. */
static int assemble(insn_t *code) {
    int n = 0;
    int top = emit(code, &n, LOAD, 1);
    emit(code, &n, LOAD, 2); emit(code, &n, LT, 0);
    int jz_end = emit(code, &n, JZ, 0);
    emit(code, &n, LOAD, 1); emit(code, &n, LOAD, 0); emit(code, &n, XOR, 0); emit(code, &n, PUSH, 1023); emit(code, &n, AND, 0); emit(code, &n, STORE, 3);
    int inner = emit(code, &n, PUSH, 1);
    emit(code, &n, LOAD, 3); emit(code, &n, LT, 0);
    int jz_next = emit(code, &n, JZ, 0);
    emit(code, &n, LOAD, 4); emit(code, &n, PUSH, 1); emit(code, &n, ADD, 0); emit(code, &n, STORE, 4);
    emit(code, &n, LOAD, 3); emit(code, &n, PUSH, 1); emit(code, &n, AND, 0);
    int jz_even = emit(code, &n, JZ, 0);
    emit(code, &n, LOAD, 3); emit(code, &n, PUSH, 3); emit(code, &n, MUL, 0); emit(code, &n, PUSH, 1); emit(code, &n, ADD, 0);
    int jmp_shift = emit(code, &n, JMP, 0);
    int even = emit(code, &n, LOAD, 3);
    int shift = emit(code, &n, PUSH, 1);
    emit(code, &n, SHR, 0); emit(code, &n, STORE, 3); emit(code, &n, JMP, inner);
    int next = emit(code, &n, LOAD, 0);
    emit(code, &n, PUSH, 31); emit(code, &n, MUL, 0); emit(code, &n, LOAD, 1); emit(code, &n, ADD, 0); emit(code, &n, LOAD, 4); emit(code, &n, XOR, 0); emit(code, &n, STORE, 0);
    emit(code, &n, LOAD, 1); emit(code, &n, PUSH, 1); emit(code, &n, ADD, 0); emit(code, &n, STORE, 1); emit(code, &n, JMP, top);
    int end = emit(code, &n, HALT, 0);
    code[jz_end].arg = end;
    code[jz_next].arg = next;
    code[jz_even].arg = even;
    code[jmp_shift].arg = shift;
    return n;
}

int main(void) {
    insn_t code[64];
    assemble(code);
    int64_t reg[8] = {7, 0, ITERATIONS, 0, 0, 0, 0, 0};
    int64_t h = run(code, reg);
    printf("vm: hash %lld, %lld steps in %lld iterations\n", (long long)h, (long long)reg[4],
           (long long)reg[1]);
    return 0;
}
