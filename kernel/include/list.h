/* SPDX-License-Identifier: MIT */
/* list.h: intrusive circular doubly linked lists (run queues, sleep queue, task lists). */
#pragma once
#include <stdbool.h>
#include <stddef.h>

struct list_node {
    struct list_node *prev, *next;
};

#define list_entry(node, type, member) ((type *)((char *)(node) - offsetof(type, member)))

/* An empty list head (or an unlinked node) points at itself. */
static inline void list_init(struct list_node *n) { n->prev = n->next = n; }

static inline bool list_empty(const struct list_node *head) { return head->next == head; }

/* Inserts n after pos. */
static inline void list_insert_after(struct list_node *pos, struct list_node *n)
{
    n->prev = pos;
    n->next = pos->next;
    pos->next->prev = n;
    pos->next = n;
}

static inline void list_push_back(struct list_node *head, struct list_node *n)
{
    list_insert_after(head->prev, n);
}

/* Unlinks n and leaves it pointing at itself (so removing twice is harmless). */
static inline void list_remove(struct list_node *n)
{
    n->prev->next = n->next;
    n->next->prev = n->prev;
    list_init(n);
}
