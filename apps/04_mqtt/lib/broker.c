/* SPDX-License-Identifier: MIT */
/* broker.c: the MQTT broker's state: sessions by badge, subscriptions, routing, retained messages, QoS 1 redelivery. */
#include "broker.h"

#include <string.h>

#include "rpc.h"

/* One call being answered. */
typedef struct {
    broker_t *b;
    broker_client_t *c;
    int32_t cap; /* the capability that came with the call, or -1 */
    bool cap_kept;
    uint8_t *out; /* the answer */
    size_t max, len;
    uint32_t notify; /* clients (bit per slot) that got packets queued */
} exchange_t;

/* ---- log lines ---- */

typedef struct {
    char s[200];
    size_t n;
} line_t;

static void line_add(line_t *l, const char *s, size_t n)
{
    if (n > sizeof l->s - 1 - l->n)
        n = sizeof l->s - 1 - l->n;
    memcpy(l->s + l->n, s, n);
    l->n += n;
    l->s[l->n] = 0;
}

static void line_str(line_t *l, const char *s) { line_add(l, s, strlen(s)); }

static void line_num(line_t *l, uint64_t v)
{
    char d[20];
    size_t n = 0;
    do
        d[sizeof d - 1 - n++] = (char)('0' + v % 10);
    while ((v /= 10));
    line_add(l, d + sizeof d - n, n);
}

/* "sub1" or, before its CONNECT was read, "badge 3". */
static void line_client(line_t *l, const broker_client_t *c)
{
    if (c->id[0]) {
        line_str(l, c->id);
    } else {
        line_str(l, "badge ");
        line_num(l, c->badge);
    }
}

/* ---- clients ---- */

static broker_client_t *client_find(broker_t *b, uint64_t badge)
{
    for (unsigned i = 0; i < BROKER_CLIENTS_MAX; i++)
        if (b->clients[i].state != BROKER_FREE && b->clients[i].badge == badge)
            return &b->clients[i];
    return NULL;
}

static broker_client_t *client_new(broker_t *b, uint64_t badge)
{
    for (unsigned i = 0; i < BROKER_CLIENTS_MAX; i++) {
        broker_client_t *c = &b->clients[i];
        if (c->state != BROKER_FREE)
            continue;
        memset(c, 0, sizeof *c);
        c->badge = badge;
        c->inbox = -1;
        c->next_id = 1;
        return c;
    }
    return NULL;
}

/* Forgets the session (subscriptions, queue, inbox) and moves to state `to`. */
static void session_end(broker_t *b, broker_client_t *c, broker_state_t to)
{
    if (c->inbox >= 0 && b->ops.release)
        b->ops.release(b->ops.ctx, c->inbox);
    c->inbox = -1;
    c->nsubs = c->count = c->head = 0;
    c->head_in_flight = false;
    c->state = to;
}

/* A client is finished the first time it disconnects or is told it was dropped. */
static void client_finished(broker_t *b, broker_client_t *c)
{
    if (c->counted)
        return;
    c->counted = true;
    b->finished++;
}

/* Drops the caller for a malformed packet or a protocol error, in one line saying which and why. */
static void client_drop(exchange_t *x, unsigned type, bool malformed, const char *cause)
{
    line_t l = { .n = 0 };
    line_client(&l, x->c);
    line_str(&l, malformed ? ": malformed " : ": protocol error in ");
    line_str(&l, mqtt_type_name(type));
    line_str(&l, " (");
    line_str(&l, cause);
    line_str(&l, "), client dropped");
    if (x->b->ops.log)
        x->b->ops.log(x->b->ops.ctx, l.s);
    x->b->dropped++;
    session_end(x->b, x->c, BROKER_DROPPED);
}

/* ---- queues and routing ---- */

static void enqueue(exchange_t *x, broker_client_t *c, mqtt_str_t topic, const uint8_t *payload,
                    uint16_t payload_len, uint8_t qos, bool retain)
{
    if (c->count == BROKER_QUEUE_MAX) {
        x->b->lost++;
        return;
    }
    broker_msg_t *m = &c->queue[(c->head + c->count++) % BROKER_QUEUE_MAX];
    memcpy(m->topic, topic.s, topic.len);
    m->topic_len = topic.len;
    if (payload_len)
        memcpy(m->payload, payload, payload_len);
    m->payload_len = payload_len;
    m->qos = qos;
    m->retain = retain;
    x->notify |= 1u << (c - x->b->clients);
}

static mqtt_str_t msg_topic(const broker_msg_t *m)
{
    return (mqtt_str_t){ m->topic, m->topic_len };
}

/* Keeps (or with an empty payload, deletes) the retained message of a topic (3.3.1.3). */
static void retain_store(broker_t *b, const mqtt_packet_t *p)
{
    unsigned i = 0;
    while (i < b->nretained && !mqtt_str_eq(msg_topic(&b->retained[i]), p->publish.topic))
        i++;
    if (p->publish.payload_len == 0) {
        if (i < b->nretained)
            b->retained[i] = b->retained[--b->nretained];
        return;
    }
    if (i == b->nretained) {
        if (b->nretained == BROKER_RETAINED_MAX) {
            b->lost++;
            return;
        }
        b->nretained++;
    }
    broker_msg_t *m = &b->retained[i];
    memcpy(m->topic, p->publish.topic.s, p->publish.topic.len);
    m->topic_len = p->publish.topic.len;
    memcpy(m->payload, p->publish.payload, p->publish.payload_len);
    m->payload_len = (uint16_t)p->publish.payload_len;
    m->qos = p->publish.qos;
    m->retain = true;
}

/* Queues a PUBLISH once for every connected client with a matching subscription, at the lower
 * of the message's QoS and the highest matching subscription's (3.3.5). */
static void route(exchange_t *x, const mqtt_packet_t *p)
{
    broker_t *b = x->b;
    b->received++;
    if (p->publish.retain)
        retain_store(b, p);
    for (unsigned i = 0; i < BROKER_CLIENTS_MAX; i++) {
        broker_client_t *c = &b->clients[i];
        int qos = -1;
        for (unsigned s = 0; c->state == BROKER_CONNECTED && s < c->nsubs; s++) {
            mqtt_str_t f = { c->subs[s].filter, c->subs[s].len };
            if (mqtt_topic_match(f, p->publish.topic) && c->subs[s].qos > qos)
                qos = c->subs[s].qos;
        }
        if (qos < 0)
            continue;
        /* A message forwarded to existing subscribers has RETAIN 0 (3.3.1.3). */
        enqueue(x, c, p->publish.topic, p->publish.payload, (uint16_t)p->publish.payload_len,
                (uint8_t)(qos < p->publish.qos ? qos : p->publish.qos), false);
    }
}

/* Writes a response packet to the answer; false if it does not fit. */
static bool respond(exchange_t *x, const mqtt_packet_t *p)
{
    size_t n = mqtt_encode(x->out + x->len, x->max - x->len, p);
    x->len += n;
    return n != 0;
}

/* ---- packets from a client ---- */

static const char *on_connect(exchange_t *x, const mqtt_packet_t *p)
{
    broker_client_t *c = x->c;
    if (c->state == BROKER_CONNECTED)
        return "a second CONNECT";
    mqtt_str_t id = p->connect.client_id;
    mqtt_packet_t ack = { .type = MQTT_CONNACK };
    /* An empty identifier only with a clean session (3.1.3.1); ours must fit the table. */
    if (id.len > BROKER_ID_MAX || (id.len == 0 && !(p->connect.flags & MQTT_CONNECT_CLEAN))) {
        ack.connack.code = MQTT_CONNACK_ID_REJECTED;
        respond(x, &ack);
        return NULL;
    }
    memcpy(c->id, id.s, id.len);
    c->id[id.len] = 0;
    c->state = BROKER_CONNECTED;
    if (x->cap >= 0 && c->inbox < 0) {
        c->inbox = x->cap;
        x->cap_kept = true;
    }
    /* No session outlives its connection here: session present is always 0. */
    return respond(x, &ack) ? NULL : "no room for the CONNACK";
}

static const char *on_publish(exchange_t *x, const mqtt_packet_t *p)
{
    if (p->publish.qos == 2)
        return "QoS 2, which this broker does not support";
    if (p->publish.topic.len > BROKER_TOPIC_MAX)
        return "a topic longer than this broker's 96 bytes";
    if (p->publish.payload_len > BROKER_PAYLOAD_MAX)
        return "a payload longer than this broker's 256 bytes";
    route(x, p);
    if (p->publish.qos == 0)
        return NULL;
    mqtt_packet_t ack = { .type = MQTT_PUBACK, .ack.packet_id = p->publish.packet_id };
    return respond(x, &ack) ? NULL : "no room for the PUBACK";
}

/* A PUBACK for the message in flight takes it off the queue; any other id is ignored. */
static void on_puback(broker_client_t *c, uint16_t id)
{
    if (!c->head_in_flight || c->head_id != id)
        return;
    c->head_in_flight = false;
    c->head = (c->head + 1) % BROKER_QUEUE_MAX;
    c->count--;
}

/* Adds or replaces one subscription; returns the granted QoS or MQTT_SUBACK_FAILURE. */
static uint8_t subscribe_one(exchange_t *x, const mqtt_topic_t *t)
{
    broker_client_t *c = x->c;
    if (t->filter.len > BROKER_TOPIC_MAX)
        return MQTT_SUBACK_FAILURE;
    uint8_t qos = t->qos > 1 ? 1 : t->qos;
    unsigned s = 0;
    while (s < c->nsubs &&
           !mqtt_str_eq((mqtt_str_t){ c->subs[s].filter, c->subs[s].len }, t->filter))
        s++;
    if (s == c->nsubs) {
        if (c->nsubs == BROKER_SUBS_MAX)
            return MQTT_SUBACK_FAILURE;
        c->nsubs++;
    }
    memcpy(c->subs[s].filter, t->filter.s, t->filter.len);
    c->subs[s].len = t->filter.len;
    c->subs[s].qos = qos;
    /* Retained messages go to a new subscription with RETAIN 1 (3.3.1.3). */
    for (unsigned i = 0; i < x->b->nretained; i++) {
        broker_msg_t *m = &x->b->retained[i];
        if (mqtt_topic_match(t->filter, msg_topic(m)))
            enqueue(x, c, msg_topic(m), m->payload, m->payload_len, m->qos < qos ? m->qos : qos,
                    true);
    }
    return qos;
}

static const char *on_subscribe(exchange_t *x, const mqtt_packet_t *p)
{
    mqtt_packet_t ack = { .type = MQTT_SUBACK,
                          .suback.packet_id = p->subscribe.packet_id,
                          .suback.count = p->subscribe.count };
    for (unsigned i = 0; i < p->subscribe.count; i++)
        ack.suback.codes[i] = subscribe_one(x, &p->subscribe.topics[i]);
    return respond(x, &ack) ? NULL : "no room for the SUBACK";
}

static const char *on_unsubscribe(exchange_t *x, const mqtt_packet_t *p)
{
    broker_client_t *c = x->c;
    for (unsigned i = 0; i < p->subscribe.count; i++) {
        unsigned s = 0;
        while (s < c->nsubs && !mqtt_str_eq((mqtt_str_t){ c->subs[s].filter, c->subs[s].len },
                                            p->subscribe.topics[i].filter))
            s++;
        if (s < c->nsubs)
            c->subs[s] = c->subs[--c->nsubs];
    }
    mqtt_packet_t ack = { .type = MQTT_UNSUBACK, .ack.packet_id = p->subscribe.packet_id };
    return respond(x, &ack) ? NULL : "no room for the UNSUBACK";
}

/* Acts on one well-formed packet; returns NULL or why the client breaks the protocol. */
static const char *on_packet(exchange_t *x, const mqtt_packet_t *p)
{
    mqtt_packet_t pong = { .type = MQTT_PINGRESP };
    switch (p->type) {
    case MQTT_CONNECT: return on_connect(x, p);
    case MQTT_PUBLISH: return on_publish(x, p);
    case MQTT_PUBACK: on_puback(x->c, p->ack.packet_id); return NULL;
    case MQTT_SUBSCRIBE: return on_subscribe(x, p);
    case MQTT_UNSUBSCRIBE: return on_unsubscribe(x, p);
    case MQTT_PINGREQ: return respond(x, &pong) ? NULL : "no room for the PINGRESP";
    case MQTT_DISCONNECT:
        x->b->disconnected++;
        session_end(x->b, x->c, BROKER_GONE);
        client_finished(x->b, x->c);
        return NULL;
    case MQTT_PUBREC:
    case MQTT_PUBREL:
    case MQTT_PUBCOMP: return "QoS 2, which this broker does not support";
    default: return "a packet only a server sends";
    }
}

/* Appends the client's deliveries: the message in flight again (DUP), or queued ones up to the
 * first QoS 1 message, which stays in flight until acknowledged. */
static void deliver(exchange_t *x)
{
    broker_client_t *c = x->c;
    while (c->count) {
        broker_msg_t *m = &c->queue[c->head];
        mqtt_packet_t p = { .type = MQTT_PUBLISH };
        p.publish.topic = msg_topic(m);
        p.publish.payload = m->payload;
        p.publish.payload_len = m->payload_len;
        p.publish.qos = m->qos;
        p.publish.retain = m->retain;
        p.publish.dup = c->head_in_flight;
        p.publish.packet_id = c->head_in_flight ? c->head_id : m->qos ? c->next_id : 0;
        if (!respond(x, &p))
            return;
        x->b->delivered++;
        if (c->head_in_flight) {
            x->b->redelivered++;
            return;
        }
        if (m->qos) {
            c->head_in_flight = true;
            c->head_id = c->next_id++;
            if (c->next_id == 0)
                c->next_id = 1;
            return;
        }
        c->head = (c->head + 1) % BROKER_QUEUE_MAX;
        c->count--;
    }
}

/* ---- the exchange ---- */

void broker_init(broker_t *b, unsigned expected_clients, broker_ops_t ops)
{
    memset(b, 0, sizeof *b);
    b->ops = ops;
    b->expected = expected_clients;
    for (unsigned i = 0; i < BROKER_CLIENTS_MAX; i++)
        b->clients[i].inbox = -1;
}

bool broker_done(const broker_t *b) { return b->finished >= b->expected; }

/* Processes the request's packets in order; false when the client was dropped. */
static bool process(exchange_t *x, const uint8_t *in, size_t len)
{
    size_t pos = 0;
    while (pos < len && (pos == 0 || x->c->state == BROKER_CONNECTED)) {
        mqtt_packet_t p;
        size_t size = 0;
        const char *cause = NULL;
        mqtt_status_t st = mqtt_decode(in + pos, len - pos, &p, &size, &cause);
        if (st == MQTT_INCOMPLETE)
            cause = "the request ends inside the packet";
        if (st == MQTT_BAD_LEVEL) {
            mqtt_packet_t ack = { .type = MQTT_CONNACK, .connack.code = MQTT_CONNACK_BAD_LEVEL };
            respond(x, &ack);
            return true;
        }
        bool malformed = st != MQTT_OK;
        if (!malformed && x->c->state != BROKER_CONNECTED && p.type != MQTT_CONNECT)
            cause = "the first packet is not a CONNECT";
        if (!malformed && !cause)
            cause = on_packet(x, &p);
        if (cause) {
            client_drop(x, in[pos] >> 4, malformed, cause);
            return false;
        }
        pos += size;
    }
    return true;
}

size_t broker_exchange(broker_t *b, uint64_t badge, int32_t inbox_cap, const uint8_t *in,
                       size_t len, uint8_t *out, size_t max, uint32_t *label, bool *cap_kept)
{
    exchange_t x = { .b = b, .cap = inbox_cap, .out = out, .max = max };
    *label = MQTT_RPC_REFUSED;
    *cap_kept = false;
    x.c = client_find(b, badge);
    if (x.c && x.c->state == BROKER_DROPPED) {
        /* The client learns it was dropped; it counts as finished from here. */
        x.c->state = BROKER_GONE;
        client_finished(b, x.c);
        return 0;
    }
    bool connecting = len > 0 && in[0] >> 4 == MQTT_CONNECT;
    if (!(x.c && x.c->state == BROKER_CONNECTED) && !connecting)
        return 0;
    if (!x.c && !(x.c = client_new(b, badge)))
        return 0;
    if (!process(&x, in, len)) {
        *cap_kept = x.cap_kept; /* released with the session */
        return 0;
    }
    if (x.c->state == BROKER_CONNECTED)
        deliver(&x);
    for (unsigned i = 0; i < BROKER_CLIENTS_MAX; i++) {
        broker_client_t *c = &b->clients[i];
        if ((x.notify >> i & 1) && c != x.c && c->inbox >= 0 && b->ops.notify)
            b->ops.notify(b->ops.ctx, c->inbox);
    }
    *label = MQTT_RPC_PACKETS;
    *cap_kept = x.cap_kept;
    return x.len;
}
