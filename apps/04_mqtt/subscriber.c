/* SPDX-License-Identifier: MIT */
/* subscriber.c: an MQTT subscriber of the demo; its filters and its part in phase 2 come from its arguments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/client.h"

/*
 * Arguments (apps/04_mqtt/system.manifest):
 *   sub=FILTER:QOS    subscribe at the start (repeatable; demo/ctl at QoS 1 is added)
 *   unsub=FILTER      unsubscribe when demo/ctl says "phase2"
 *   later=FILTER:QOS  subscribe when demo/ctl says "phase2" (gets the retained messages)
 *   skip-ack=N        leave the Nth QoS 1 message unacknowledged once: the broker sends it again
 * It publishes a retained demo/ready/NAME = "1" with its first subscriptions and "2"
 * after its phase 2 packets, which the publisher waits for; it disconnects on
 * demo/ctl = "end".
 */
typedef struct {
    client_t c;
    mqtt_topic_t subs[MQTT_TOPICS_MAX];
    unsigned nsubs;
    mqtt_str_t unsub;
    mqtt_topic_t later;
    unsigned skip_ack, qos1_seen, received;
    bool skipped, end;
    mqtt_packet_t
        pending[4]; /* SUBSCRIBEs and UNSUBSCRIBEs awaiting their answer, by packet id % 4 */
} subscriber_t;

/* "FILTER:QOS" (QoS after the last colon). */
static bool parse_topic(const char *arg, mqtt_topic_t *t)
{
    const char *colon = strrchr(arg, ':');
    if (!colon || (colon[1] != '0' && colon[1] != '1') || colon[2])
        return false;
    t->filter = (mqtt_str_t){ arg, (uint16_t)(colon - arg) };
    t->qos = (uint8_t)(colon[1] - '0');
    return mqtt_topic_filter_valid(t->filter);
}

static bool parse_args(subscriber_t *s, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool ok = true;
        if (!strncmp(a, "sub=", 4) && s->nsubs < MQTT_TOPICS_MAX - 1)
            ok = parse_topic(a + 4, &s->subs[s->nsubs++]);
        else if (!strncmp(a, "unsub=", 6))
            s->unsub = mqtt_str(a + 6);
        else if (!strncmp(a, "later=", 6))
            ok = parse_topic(a + 6, &s->later);
        else if (!strncmp(a, "skip-ack=", 9))
            s->skip_ack = (unsigned)atoi(a + 9);
        else
            ok = false;
        if (!ok) {
            client_say(
                &s->c,
                "bad argument '%s' (sub=FILTER:QOS, unsub=FILTER, later=FILTER:QOS, skip-ack=N)",
                a);
            return false;
        }
    }
    s->subs[s->nsubs++] = (mqtt_topic_t){ mqtt_str("demo/ctl"), 1 };
    return true;
}

/* Queues a SUBSCRIBE (or UNSUBSCRIBE) of these topics and remembers it for its answer. */
static void queue_subscribe(subscriber_t *s, mqtt_type_t type, const mqtt_topic_t *topics,
                            unsigned n)
{
    mqtt_packet_t p = { .type = type };
    p.subscribe.packet_id = client_packet_id(&s->c);
    p.subscribe.count = (uint8_t)n;
    memcpy(p.subscribe.topics, topics, n * sizeof *topics);
    s->pending[p.subscribe.packet_id % 4] = p;
    client_queue(&s->c, &p);
}

static void queue_ready(subscriber_t *s, const char *phase)
{
    char topic[64];
    snprintf(topic, sizeof topic, "demo/ready/%s", s->c.name);
    mqtt_packet_t p = { .type = MQTT_PUBLISH };
    p.publish.topic = mqtt_str(topic);
    p.publish.payload = (const uint8_t *)phase;
    p.publish.payload_len = (uint32_t)strlen(phase);
    p.publish.retain = true;
    client_queue(&s->c, &p); /* encoded now: topic may go out of scope */
}

/* demo/ctl = "phase2": the optional unsubscribe and late subscription, a ping, then ready. */
static void phase2(subscriber_t *s)
{
    if (s->unsub.len) {
        mqtt_topic_t t = { s->unsub, 0 };
        queue_subscribe(s, MQTT_UNSUBSCRIBE, &t, 1);
    }
    if (s->later.filter.len)
        queue_subscribe(s, MQTT_SUBSCRIBE, &s->later, 1);
    mqtt_packet_t ping = { .type = MQTT_PINGREQ };
    client_queue(&s->c, &ping);
    queue_ready(s, "2");
}

static void on_publish(subscriber_t *s, const mqtt_packet_t *p)
{
    s->received++;
    const char *ack_note = "";
    if (p->publish.qos == 1) {
        if (!p->publish.dup)
            s->qos1_seen++;
        if (s->qos1_seen == s->skip_ack && !s->skipped) {
            s->skipped = true;
            ack_note = ", not acknowledged";
        } else {
            mqtt_packet_t ack = { .type = MQTT_PUBACK, .ack.packet_id = p->publish.packet_id };
            client_queue(&s->c, &ack);
        }
    }
    client_say(&s->c, "%.*s = %.*s (qos %u%s%s)%s", p->publish.topic.len, p->publish.topic.s,
               (int)p->publish.payload_len, (const char *)p->publish.payload, p->publish.qos,
               p->publish.dup ? ", dup" : "", p->publish.retain ? ", retained" : "", ack_note);
    if (mqtt_str_eq(p->publish.topic, mqtt_str("demo/ctl"))) {
        mqtt_str_t what = { (const char *)p->publish.payload, (uint16_t)p->publish.payload_len };
        if (mqtt_str_eq(what, mqtt_str("phase2")))
            phase2(s);
        if (mqtt_str_eq(what, mqtt_str("end")))
            s->end = true;
    }
}

/* "sensors/+/temp (qos 1), demo/ctl (qos 1)": the pending SUBSCRIBE's filters with the granted QoS. */
static void say_suback(subscriber_t *s, const mqtt_packet_t *p)
{
    const mqtt_packet_t *req = &s->pending[p->suback.packet_id % 4];
    char list[200];
    size_t n = 0;
    for (unsigned i = 0; i < p->suback.count && i < req->subscribe.count; i++) {
        mqtt_str_t f = req->subscribe.topics[i].filter;
        uint8_t code = p->suback.codes[i];
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%.*s (%s%u)", i ? ", " : "", f.len, f.s,
                              code == MQTT_SUBACK_FAILURE ? "refused " : "qos ",
                              code == MQTT_SUBACK_FAILURE ? 0 : code);
        if (n >= sizeof list)
            break;
    }
    client_say(&s->c, "subscribed %s", list);
}

static void on_packet(client_t *c, const mqtt_packet_t *p)
{
    subscriber_t *s = c->ctx;
    switch (p->type) {
    case MQTT_CONNACK:
        if (p->connack.code)
            client_say(c, "connection refused, CONNACK code %u", p->connack.code);
        else
            client_say(c, "connected");
        break;
    case MQTT_SUBACK: say_suback(s, p); break;
    case MQTT_UNSUBACK: {
        mqtt_str_t f = s->pending[p->ack.packet_id % 4].subscribe.topics[0].filter;
        client_say(c, "unsubscribed %.*s", f.len, f.s);
        break;
    }
    case MQTT_PINGRESP: client_say(c, "PINGREQ answered with PINGRESP"); break;
    case MQTT_PUBLISH: on_publish(s, p); break;
    default: client_say(c, "unexpected %s", mqtt_type_name(p->type)); break;
    }
}

int main(int argc, char **argv)
{
    /* Not static: tests/suites/mqtt.sh runs two subscribers in one process (host/sim.c). */
    subscriber_t s = { .c.name = argv[0] };
    if (!parse_args(&s, argc, argv) || !client_init(&s.c, argv[0], on_packet, &s))
        return 1;
    /* One call: CONNECT (with the inbox capability), SUBSCRIBE, then "ready" once subscribed. */
    client_queue_connect(&s.c);
    queue_subscribe(&s, MQTT_SUBSCRIBE, s.subs, s.nsubs);
    queue_ready(&s, "1");
    if (client_exchange(&s.c, true) < 0 || !client_pump(&s.c, &s.end))
        return 1;
    mqtt_packet_t bye = { .type = MQTT_DISCONNECT };
    client_queue(&s.c, &bye);
    if (client_exchange(&s.c, false) < 0)
        return 1;
    client_say(&s.c, "disconnected after %u messages", s.received);
    return 0;
}
