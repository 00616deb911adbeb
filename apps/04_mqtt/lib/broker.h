/* SPDX-License-Identifier: MIT */
/* broker.h: the MQTT broker's sessions, subscriptions, retained messages and QoS 1 delivery, apart from its transport. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mqtt.h"

/*
 * Portable and allocation-free, so that tests/host/mqtt_test.c runs it with
 * a fake transport; apps/04_mqtt/broker.c puts it on a JerichoOS endpoint.
 * One broker_exchange per call: the request's packets are processed in
 * order, the answer holds the responses they produced (CONNACK, PUBACK,
 * SUBACK, UNSUBACK, PINGRESP) and then the caller's queued deliveries.
 *
 * QoS 1 delivery keeps order with a window of one: a subscriber's queue
 * stops at a QoS 1 PUBLISH until the subscriber acknowledges it. A PUBLISH
 * sent in one answer must be acknowledged in the client's next request;
 * otherwise that request's answer sends it again with DUP set. No timers.
 */
#define BROKER_CLIENTS_MAX  8
#define BROKER_SUBS_MAX     8 /* subscriptions per client */
#define BROKER_QUEUE_MAX    16 /* undelivered messages per client */
#define BROKER_RETAINED_MAX 16
#define BROKER_TOPIC_MAX    96 /* bytes of a topic name or filter */
#define BROKER_PAYLOAD_MAX  256
#define BROKER_ID_MAX       24 /* bytes of a client identifier */

/* What the broker needs from its transport; ctx is passed back. */
typedef struct {
    void *ctx;
    /* Packets were queued for a client between its calls: signal its inbox. */
    void (*notify)(void *ctx, int32_t inbox);
    /* A session ended: the inbox capability it held is no longer needed. */
    void (*release)(void *ctx, int32_t inbox);
    /* One line to print (no newline), e.g. why a client was dropped. */
    void (*log)(void *ctx, const char *line);
} broker_ops_t;

typedef struct {
    char topic[BROKER_TOPIC_MAX];
    uint8_t payload[BROKER_PAYLOAD_MAX];
    uint16_t topic_len, payload_len;
    uint8_t qos;
    bool retain;
} broker_msg_t;

typedef struct {
    char filter[BROKER_TOPIC_MAX];
    uint16_t len;
    uint8_t qos;
} broker_sub_t;

typedef enum {
    BROKER_FREE, /* slot unused */
    BROKER_CONNECTED, /* a session */
    BROKER_DROPPED, /* dropped for a malformed packet; not yet told on a later call */
    BROKER_GONE, /* disconnected, or dropped and told */
} broker_state_t;

typedef struct {
    broker_state_t state;
    uint64_t badge;
    int32_t inbox; /* its signal capability, or -1 */
    char id[BROKER_ID_MAX + 1]; /* client identifier, NUL-terminated */
    broker_sub_t subs[BROKER_SUBS_MAX];
    unsigned nsubs;
    broker_msg_t queue[BROKER_QUEUE_MAX]; /* a ring: head, count */
    unsigned head, count;
    bool head_in_flight; /* queue[head] was sent at QoS 1, not yet acknowledged */
    uint16_t head_id, next_id;
    bool counted; /* in broker_t.finished already */
} broker_client_t;

typedef struct {
    broker_ops_t ops;
    unsigned expected; /* clients to see finish before broker_done */
    unsigned finished, disconnected, dropped;
    unsigned received, delivered, redelivered, lost; /* PUBLISH counts */
    broker_client_t clients[BROKER_CLIENTS_MAX];
    broker_msg_t retained[BROKER_RETAINED_MAX];
    unsigned nretained;
} broker_t;

void broker_init(broker_t *b, unsigned expected_clients, broker_ops_t ops);

/*
 * One call from the client with this badge: the request's packets (len
 * bytes) and the capability that came with it (or -1). Writes the answer's
 * packets to out (at most max bytes), sets *label (MQTT_RPC_PACKETS or
 * MQTT_RPC_REFUSED) and returns the answer's length. *cap_kept is true
 * when the broker took inbox_cap over (a CONNECT's: it goes back through
 * ops.release when the session ends); otherwise the caller gives it up.
 */
size_t broker_exchange(broker_t *b, uint64_t badge, int32_t inbox_cap, const uint8_t *in,
                       size_t len, uint8_t *out, size_t max, uint32_t *label, bool *cap_kept);

/* Every expected client has disconnected, or been dropped and told so. */
bool broker_done(const broker_t *b);
