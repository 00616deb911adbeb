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

static int64_t run(const insn_t *code, int64_t *reg)
{
    int64_t stack[64];
    int sp = 0;
    for (int pc = 0;;) {
        const insn_t *in = &code[pc++];
        switch (in->op) {
        case PUSH: stack[sp++] = in->arg; break;
        case LOAD: stack[sp++] = reg[in->arg]; break;
        case STORE: reg[in->arg] = stack[--sp]; break;
        case ADD:
            sp--;
            stack[sp - 1] += stack[sp];
            break;
        case SUB:
            sp--;
            stack[sp - 1] -= stack[sp];
            break;
        case MUL:
            sp--;
            stack[sp - 1] *= stack[sp];
            break;
        case AND:
            sp--;
            stack[sp - 1] &= stack[sp];
            break;
        case SHR:
            sp--;
            stack[sp - 1] = (int64_t)((uint64_t)stack[sp - 1] >> stack[sp]);
            break;
        case XOR:
            sp--;
            stack[sp - 1] ^= stack[sp];
            break;
        case LT:
            sp--;
            stack[sp - 1] = stack[sp - 1] < stack[sp];
            break;
        case JMP: pc = in->arg; break;
        case JZ:
            if (stack[--sp] == 0)
                pc = in->arg;
            break;
        case DUP:
            stack[sp] = stack[sp - 1];
            sp++;
            break;
        case DROP: sp--; break;
        case HALT: return reg[0];
        }
    }
}

/* Labels: jump arguments in the source below, resolved by assemble(). */
enum label { L_TOP, L_INNER, L_EVEN, L_SHIFT, L_NEXT, L_END, NLABELS };
#define LABEL 0xff /* pseudo-instruction: defines label `arg` here */

/* r0 = hash, r1 = i, r2 = n, r3 = x, r4 = steps. For i < n:
 * x = (i ^ hash) & 1023; while x > 1, x becomes (3x+1)/2 if odd, x/2 if
 * even, counting steps; then hash = (hash * 31 + i) ^ steps. */
static const insn_t source[] = {
    { LABEL, L_TOP },  { LOAD, 1 },        { LOAD, 2 },        { LT, 0 },      { JZ, L_END },
    { LOAD, 1 },       { LOAD, 0 },        { XOR, 0 },         { PUSH, 1023 }, { AND, 0 },
    { STORE, 3 },      { LABEL, L_INNER }, { PUSH, 1 },        { LOAD, 3 },    { LT, 0 },
    { JZ, L_NEXT },    { LOAD, 4 },        { PUSH, 1 },        { ADD, 0 },     { STORE, 4 },
    { LOAD, 3 },       { PUSH, 1 },        { AND, 0 },         { JZ, L_EVEN }, { LOAD, 3 },
    { PUSH, 3 },       { MUL, 0 },         { PUSH, 1 },        { ADD, 0 },     { JMP, L_SHIFT },
    { LABEL, L_EVEN }, { LOAD, 3 },        { LABEL, L_SHIFT }, { PUSH, 1 },    { SHR, 0 },
    { STORE, 3 },      { JMP, L_INNER },   { LABEL, L_NEXT },  { LOAD, 0 },    { PUSH, 31 },
    { MUL, 0 },        { LOAD, 1 },        { ADD, 0 },         { LOAD, 4 },    { XOR, 0 },
    { STORE, 0 },      { LOAD, 1 },        { PUSH, 1 },        { ADD, 0 },     { STORE, 1 },
    { JMP, L_TOP },    { LABEL, L_END },   { HALT, 0 },
};

/* Copies `source` into code[] without the LABEL entries, turning label
 * numbers in jumps into instruction indices; returns the length. */
static int assemble(insn_t *code)
{
    int at[NLABELS], n = 0, len = (int)(sizeof source / sizeof source[0]);
    for (int i = 0; i < len; i++) {
        if (source[i].op == LABEL)
            at[source[i].arg] = n;
        else
            n++;
    }
    n = 0;
    for (int i = 0; i < len; i++) {
        if (source[i].op == LABEL)
            continue;
        code[n] = source[i];
        if (code[n].op == JMP || code[n].op == JZ)
            code[n].arg = at[code[n].arg];
        n++;
    }
    return n;
}

int main(void)
{
    insn_t code[64];
    assemble(code);
    int64_t reg[8] = { 7, 0, ITERATIONS, 0, 0, 0, 0, 0 };
    int64_t h = run(code, reg);
    printf("vm: hash %lld, %lld steps in %lld iterations\n", (long long)h, (long long)reg[4],
           (long long)reg[1]);
    return 0;
}
