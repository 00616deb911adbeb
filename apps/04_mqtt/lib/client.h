/* SPDX-License-Identifier: MIT */
/* client.h: the demo clients' side of the MQTT transport (lib/rpc.h) on JerichoOS capabilities, and their output. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mqtt.h"
#include "rpc.h"

typedef struct client client_t;
/* Called for every packet of an answer, in order. */
typedef void client_handler_t(client_t *c, const mqtt_packet_t *p);

/*
 * One MQTT client: its capabilities (found by manifest name), the packets
 * waiting for its next call, and its handler. The client identifier is the
 * module's manifest name, which also starts every line it prints, and its
 * inbox notification is inbox_NAME.
 */
struct client {
    const char *name;
    int32_t mqtt; /* call capability on the broker's endpoint, with grant */
    int32_t inbox_signal; /* passed to the broker with the CONNECT */
    int32_t inbox_wait;
    client_handler_t *on_packet;
    void *ctx;
    uint16_t next_id; /* packet identifiers of SUBSCRIBE, UNSUBSCRIBE, PUBLISH QoS 1 */
    size_t out_len;
    uint8_t out[MQTT_RPC_MAX];
    uint8_t in[MQTT_RPC_MAX];
};

/* Prints "NAME: " and the formatted text as one line, in one write. */
void client_say(const client_t *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Finds the capabilities; false (and a line saying which is missing) if one is. */
bool client_init(client_t *c, const char *name, client_handler_t *on_packet, void *ctx);

/* A fresh packet identifier (never 0). */
uint16_t client_packet_id(client_t *c);

/* Adds a packet to the next call; false if it does not fit. */
bool client_queue(client_t *c, const mqtt_packet_t *p);
/* Queues a CONNECT with the client's name (clean session). */
bool client_queue_connect(client_t *c);

/*
 * One call to the broker with the queued packets (and, with with_inbox, the
 * inbox capability: the CONNECT's call). Every packet of the answer goes to
 * the handler. Returns how many came, CLIENT_REFUSED when the broker
 * refused the call (MQTT_RPC_REFUSED: no session), or CLIENT_FAILED when
 * the call failed or the answer was malformed (said on the console).
 */
#define CLIENT_REFUSED (-1)
#define CLIENT_FAILED  (-2)
int client_exchange(client_t *c, bool with_inbox);

/*
 * Exchanges until *done: again at once while answers bring packets or
 * packets wait to go, otherwise after the broker signals the inbox.
 * False (said on the console) when a call fails or is refused.
 */
bool client_pump(client_t *c, const bool *done);
