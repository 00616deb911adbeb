/* SPDX-License-Identifier: MIT */
/* publisher.c: the demo's MQTT publisher: retained configuration, sensor readings at QoS 0 and 1, two phases. */
#include <stdlib.h>
#include <string.h>

#include "lib/client.h"

/*
 * Argument: subscribers=N, how many demo/ready/NAME messages to wait for
 * before each phase. Its script never races the subscribers: it publishes
 * what they must see only after every one of them has said (by a retained
 * demo/ready/NAME = PHASE) that its subscriptions for the phase are in
 * place, and the broker handles each client's packets in order.
 */
#define READY_MAX 8

typedef struct {
    client_t c;
    unsigned subscribers, phase;
    char ready_name[READY_MAX][32];
    char ready_phase[READY_MAX];
    unsigned nready;
    uint16_t acked; /* the last PUBACK's packet id */
    bool ready, pong;
} publisher_t;

/* How many subscribers said they are ready for the current phase. */
static unsigned ready_count(const publisher_t *s)
{
    unsigned n = 0;
    for (unsigned i = 0; i < s->nready; i++)
        n += s->ready_phase[i] == (char)('0' + s->phase);
    return n;
}

/* demo/ready/NAME = PHASE: the latest phase of each subscriber. */
static void on_ready(publisher_t *s, mqtt_str_t name, const mqtt_packet_t *p)
{
    if (name.len >= sizeof s->ready_name[0] || p->publish.payload_len != 1)
        return;
    unsigned i = 0;
    while (i < s->nready &&
           (strlen(s->ready_name[i]) != name.len || memcmp(s->ready_name[i], name.s, name.len)))
        i++;
    if (i == READY_MAX)
        return;
    if (i == s->nready) {
        memcpy(s->ready_name[i], name.s, name.len);
        s->ready_name[i][name.len] = 0;
        s->nready++;
    }
    s->ready_phase[i] = (char)p->publish.payload[0];
    s->ready = ready_count(s) >= s->subscribers;
}

static void on_packet(client_t *c, const mqtt_packet_t *p)
{
    publisher_t *s = c->ctx;
    mqtt_str_t prefix = mqtt_str("demo/ready/");
    switch (p->type) {
    case MQTT_CONNACK:
        if (p->connack.code)
            client_say(c, "connection refused, CONNACK code %u", p->connack.code);
        else
            client_say(c, "connected");
        break;
    case MQTT_PUBACK: s->acked = p->ack.packet_id; break;
    case MQTT_PINGRESP: s->pong = true; break;
    case MQTT_SUBACK: break;
    case MQTT_PUBLISH:
        if (p->publish.topic.len > prefix.len && !memcmp(p->publish.topic.s, prefix.s, prefix.len))
            on_ready(s,
                     (mqtt_str_t){ p->publish.topic.s + prefix.len,
                                   (uint16_t)(p->publish.topic.len - prefix.len) },
                     p);
        break;
    default: client_say(c, "unexpected %s", mqtt_type_name(p->type)); break;
    }
}

/* Publishes and says so; a QoS 1 message is reported with its PUBACK, which comes in the same answer. */
static bool publish(publisher_t *s, const char *topic, const char *payload, uint8_t qos,
                    bool retain)
{
    mqtt_packet_t p = { .type = MQTT_PUBLISH };
    p.publish.topic = mqtt_str(topic);
    p.publish.payload = (const uint8_t *)payload;
    p.publish.payload_len = (uint32_t)strlen(payload);
    p.publish.qos = qos;
    p.publish.retain = retain;
    p.publish.packet_id = qos ? client_packet_id(&s->c) : 0;
    client_queue(&s->c, &p);
    if (client_exchange(&s->c, false) < 0)
        return false;
    const char *ack = !qos ? "" : s->acked == p.publish.packet_id ? ": PUBACK" : ": no PUBACK";
    if (retain && !*payload)
        ack = ": clears the retained message";
    client_say(&s->c, "%s = %s (qos %u%s)%s", topic, *payload ? payload : "(empty)", qos,
               retain ? ", retained" : "", ack);
    return true;
}

/* Waits until every subscriber is ready for the phase. */
static bool wait_ready(publisher_t *s, unsigned phase)
{
    s->phase = phase;
    s->ready = ready_count(s) >= s->subscribers;
    if (!client_pump(&s->c, &s->ready))
        return false;
    client_say(&s->c, "%u subscribers ready for phase %u", s->subscribers, phase);
    return true;
}

static bool run(publisher_t *s)
{
    mqtt_packet_t sub = { .type = MQTT_SUBSCRIBE,
                          .subscribe = { .packet_id = client_packet_id(&s->c), .count = 1 } };
    sub.subscribe.topics[0] = (mqtt_topic_t){ mqtt_str("demo/ready/+"), 0 };
    client_queue_connect(&s->c);
    client_queue(&s->c, &sub);
    return client_exchange(&s->c, true) >= 0 && publish(s, "config/mode", "eco", 1, true) &&
           publish(s, "config/unit", "celsius", 0, true) &&
           publish(s, "config/unit", "", 0, true) && wait_ready(s, 1) &&
           publish(s, "sensors/kitchen/temp", "21.5", 1, false) &&
           publish(s, "sensors/kitchen/humidity", "40", 0, false) &&
           publish(s, "sensors/garage/temp", "9.0", 1, false) &&
           publish(s, "sensors/garage/door/state", "open", 0, false) &&
           publish(s, "demo/ctl", "phase2", 1, false) && wait_ready(s, 2) &&
           publish(s, "sensors/kitchen/temp", "22.0", 0, false) &&
           publish(s, "config/mode", "away", 1, true) && publish(s, "demo/ctl", "end", 1, false);
}

int main(int argc, char **argv)
{
    publisher_t s = { .c.name = argv[0], .subscribers = 2 }; /* not static: see subscriber.c */
    for (int i = 1; i < argc; i++) {
        if (!strncmp(argv[i], "subscribers=", 12))
            s.subscribers = (unsigned)atoi(argv[i] + 12);
        else {
            client_say(&s.c, "bad argument '%s' (subscribers=N)", argv[i]);
            return 1;
        }
    }
    if (!client_init(&s.c, argv[0], on_packet, &s) || !run(&s))
        return 1;
    mqtt_packet_t ping = { .type = MQTT_PINGREQ }, bye = { .type = MQTT_DISCONNECT };
    client_queue(&s.c, &ping);
    client_queue(&s.c, &bye);
    if (client_exchange(&s.c, false) < 0)
        return 1;
    client_say(&s.c, "%s, then DISCONNECT",
               s.pong ? "PINGREQ answered with PINGRESP" : "no PINGRESP");
    return 0;
}
