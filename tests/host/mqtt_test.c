/* SPDX-License-Identifier: MIT */
/* mqtt_test.c: the MQTT 3.1.1 codec and the demo broker's logic (apps/04_mqtt/lib/) against the specification. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../../apps/04_mqtt/lib/broker.h"
#include "../../apps/04_mqtt/lib/mqtt.h"
#include "../../apps/04_mqtt/lib/rpc.h"
#include "hosttest.h"

#define S(lit) mqtt_str(lit)

/* Decodes exactly `len` bytes as one packet; returns the status. */
static mqtt_status_t decode_all(const uint8_t *b, size_t len, mqtt_packet_t *p, const char **cause)
{
    size_t size = 0;
    *cause = "";
    mqtt_status_t st = mqtt_decode(b, len, p, &size, cause);
    if (st == MQTT_OK && size != len) {
        fprintf(stderr, "decoded %zu of %zu bytes\n", size, len);
        ht_failures++;
    }
    return st;
}

/* The bytes must be refused as malformed with a cause containing `want`. */
#define MALFORMED(want, ...)                                                                       \
    do {                                                                                           \
        const uint8_t bytes_[] = { __VA_ARGS__ };                                                  \
        mqtt_packet_t p_;                                                                          \
        const char *c_;                                                                            \
        mqtt_status_t st_ = decode_all(bytes_, sizeof bytes_, &p_, &c_);                           \
        HT_CHECK(st_ == MQTT_MALFORMED);                                                           \
        if (st_ == MQTT_MALFORMED && !strstr(c_, (want)))                                          \
            HT_CHECK_STR(c_, (want));                                                              \
    } while (0)

/* ---- 2.2.3: the remaining length table ---- */

static void test_varint(void)
{
    static const struct {
        uint32_t v;
        uint8_t n, b[4];
    } table[] = {
        { 0, 1, { 0x00 } },
        { 127, 1, { 0x7f } },
        { 128, 2, { 0x80, 0x01 } },
        { 16383, 2, { 0xff, 0x7f } },
        { 16384, 3, { 0x80, 0x80, 0x01 } },
        { 2097151, 3, { 0xff, 0xff, 0x7f } },
        { 2097152, 4, { 0x80, 0x80, 0x80, 0x01 } },
        { 268435455, 4, { 0xff, 0xff, 0xff, 0x7f } },
        /* The worked examples of 2.2.3's text: 64 is 0x40; 321 = 65 + 2*128 is 193, 2. */
        { 64, 1, { 0x40 } },
        { 321, 2, { 0xc1, 0x02 } },
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        uint8_t out[4];
        HT_CHECK(mqtt_varint_encode(out, table[i].v) == table[i].n);
        HT_CHECK(memcmp(out, table[i].b, table[i].n) == 0);
        uint32_t v = 1;
        size_t used = 0;
        const char *cause = NULL;
        HT_CHECK(mqtt_varint_decode(table[i].b, table[i].n, &v, &used, &cause) == MQTT_OK);
        HT_CHECK(v == table[i].v && used == table[i].n);
        /* Cut short: more bytes needed, not an error. */
        HT_CHECK(mqtt_varint_decode(table[i].b, table[i].n - 1u, &v, &used, &cause) ==
                 MQTT_INCOMPLETE);
    }
    uint8_t out[4];
    HT_CHECK(mqtt_varint_encode(out, 268435456u) == 0);
    const uint8_t five[] = { 0xff, 0xff, 0xff, 0xff, 0x7f };
    uint32_t v;
    size_t used;
    const char *cause = NULL;
    HT_CHECK(mqtt_varint_decode(five, sizeof five, &v, &used, &cause) == MQTT_MALFORMED);
    HT_CHECK(cause && strstr(cause, "longer than 4 bytes"));
    /* The same inside a packet. */
    MALFORMED("longer than 4 bytes", 0x30, 0x80, 0x80, 0x80, 0x80, 0x01);
}

/* ---- 3.1: CONNECT, with the variable header of the example in 3.1.2.10 ---- */

static const uint8_t connect_example[] = {
    0x10, 26,   0x00, 0x04, 'M', 'Q', 'T', 'T', /* protocol name */
    0x04, /* protocol level 4 */
    0xce, /* user name, password, will QoS 1, will, clean session */
    0x00, 0x0a, /* keep alive 10 */
    0x00, 0x02, 'a',  'b', /* client identifier */
    0x00, 0x01, 'w', /* will topic */
    0x00, 0x01, 'x', /* will message */
    0x00, 0x01, 'u', /* user name */
    0x00, 0x01, 'p', /* password */
};

static void test_connect(void)
{
    mqtt_packet_t p;
    const char *cause;
    HT_CHECK(decode_all(connect_example, sizeof connect_example, &p, &cause) == MQTT_OK);
    HT_CHECK(p.type == MQTT_CONNECT && p.connect.level == 4 && p.connect.flags == 0xce);
    HT_CHECK(p.connect.keep_alive == 10);
    HT_CHECK(mqtt_str_eq(p.connect.client_id, S("ab")) &&
             mqtt_str_eq(p.connect.will_topic, S("w")));
    HT_CHECK(mqtt_str_eq(p.connect.will_message, S("x")) &&
             mqtt_str_eq(p.connect.username, S("u")));
    HT_CHECK(mqtt_str_eq(p.connect.password, S("p")));
    uint8_t out[64];
    HT_CHECK(mqtt_encode(out, sizeof out, &p) == sizeof connect_example);
    HT_CHECK(memcmp(out, connect_example, sizeof connect_example) == 0);
    /* Every shorter prefix is incomplete, never malformed or read past. */
    for (size_t n = 0; n < sizeof connect_example; n++) {
        size_t size;
        HT_CHECK(mqtt_decode(connect_example, n, &p, &size, &cause) == MQTT_INCOMPLETE);
    }
    /* The smallest CONNECT: clean session, empty client identifier. */
    const uint8_t minimal[] = { 0x10, 12, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 0 };
    HT_CHECK(decode_all(minimal, sizeof minimal, &p, &cause) == MQTT_OK);
    HT_CHECK(p.connect.client_id.len == 0 && p.connect.keep_alive == 60);
}

static void test_connect_malformed(void)
{
    mqtt_packet_t p;
    const char *cause;
    /* MQTT 3.1's name and level: not this protocol. */
    MALFORMED("protocol name", 0x10, 14, 0, 6, 'M', 'Q', 'I', 's', 'd', 'p', 3, 0x02, 0, 60, 0, 0);
    /* Level 5: well-formed but refused with CONNACK 0x01 (3.1.2.2). */
    const uint8_t level5[] = { 0x10, 12, 0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 60, 0, 0 };
    HT_CHECK(decode_all(level5, sizeof level5, &p, &cause) == MQTT_BAD_LEVEL);
    HT_CHECK(p.connect.level == 5);
    MALFORMED("reserved flag bit 0", 0x10, 12, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x03, 0, 60, 0, 0);
    MALFORMED("without the will flag", 0x10, 12, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x0a, 0, 60, 0, 0);
    MALFORMED("without the will flag", 0x10, 12, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x22, 0, 60, 0, 0);
    MALFORMED("will QoS 3", 0x10, 12, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x1e, 0, 60, 0, 0);
    MALFORMED("password flag without", 0x10, 12, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x42, 0, 60, 0, 0);
    MALFORMED("left over", 0x10, 13, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 0, 0xaa);
    MALFORMED("runs past", 0x10, 13, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 2, 'a');
    MALFORMED("client identifier missing", 0x10, 10, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60);
    MALFORMED("reserved flag bits", 0x11, 12, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 0);
    /* Client identifiers must be UTF-8 without U+0000 (1.5.3). */
    MALFORMED("UTF-8", 0x10, 14, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 2, 0xc0, 0x80);
    MALFORMED("UTF-8", 0x10, 13, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 1, 0x00);
    MALFORMED("UTF-8", 0x10, 15, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 3, 0xed, 0xa0, 0x80);
    MALFORMED("UTF-8", 0x10, 14, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 2, 0xe2, 0x82);
    /* The spec's own UTF-8 example (1.5.3.1): "A" U+2A6D4, encoded 0x41 0xF0 0xAA 0x9B 0x94, is fine. */
    const uint8_t utf8[] = { 0x10, 17, 0, 4, 'M',  'Q',  'T',  'T',  4,   0x02,
                             0,    60, 0, 5, 0x41, 0xf0, 0xaa, 0x9b, 0x94 };
    HT_CHECK(decode_all(utf8, sizeof utf8, &p, &cause) == MQTT_OK && p.connect.client_id.len == 5);
}

/* ---- 3.2 - 3.14: the other packets ---- */

static void test_fixed_packets(void)
{
    mqtt_packet_t p;
    const char *cause;
    const uint8_t connack[] = { 0x20, 0x02, 0x01, 0x00 };
    HT_CHECK(decode_all(connack, 4, &p, &cause) == MQTT_OK && p.connack.session_present &&
             p.connack.code == 0);
    MALFORMED("return code above 5", 0x20, 0x02, 0x00, 0x06);
    MALFORMED("session present with a refusal", 0x20, 0x02, 0x01, 0x05);
    MALFORMED("reserved flag bits set", 0x20, 0x02, 0x02, 0x00);
    static const uint8_t types[] = { MQTT_PINGREQ, MQTT_PINGRESP, MQTT_DISCONNECT };
    for (size_t i = 0; i < 3; i++) {
        uint8_t b[3] = { (uint8_t)(types[i] << 4), 0, 0 };
        HT_CHECK(decode_all(b, 2, &p, &cause) == MQTT_OK && p.type == types[i]);
        mqtt_packet_t q = { .type = types[i] };
        uint8_t out[4];
        HT_CHECK(mqtt_encode(out, 4, &q) == 2 && memcmp(out, b, 2) == 0);
        b[1] = 1;
        HT_CHECK(decode_all(b, 3, &p, &cause) == MQTT_MALFORMED && strstr(cause, "left over"));
        b[0] |= 1;
        HT_CHECK(decode_all(b, 2, &p, &cause) == MQTT_MALFORMED &&
                 strstr(cause, "reserved flag bits"));
    }
    /* PUBACK, PUBREC, PUBREL (flags 0010), PUBCOMP, UNSUBACK: a packet identifier only. */
    const uint8_t puback[] = { 0x40, 0x02, 0x00, 0x0a };
    HT_CHECK(decode_all(puback, 4, &p, &cause) == MQTT_OK && p.ack.packet_id == 10);
    const uint8_t pubrel[] = { 0x62, 0x02, 0x12, 0x34 };
    HT_CHECK(decode_all(pubrel, 4, &p, &cause) == MQTT_OK && p.ack.packet_id == 0x1234);
    MALFORMED("0010", 0x60, 0x02, 0x12, 0x34);
    MALFORMED("packet identifier 0", 0x40, 0x02, 0x00, 0x00);
    MALFORMED("left over", 0xb0, 0x03, 0x00, 0x01, 0x00);
    MALFORMED("packet identifier missing", 0x40, 0x01, 0x00);
    MALFORMED("reserved packet type", 0x00, 0x00);
    MALFORMED("reserved packet type", 0xf0, 0x00);
}

/* 3.3.2.3: the variable header of a PUBLISH with topic "a/b" and packet identifier 10. */
static void test_publish(void)
{
    const uint8_t example[] = { 0x3b, 9, 0x00, 0x03, 'a', '/', 'b', 0x00, 0x0a, 'h', 'i' };
    mqtt_packet_t p;
    const char *cause;
    HT_CHECK(decode_all(example, sizeof example, &p, &cause) == MQTT_OK);
    HT_CHECK(p.publish.dup && p.publish.qos == 1 && p.publish.retain && p.publish.packet_id == 10);
    HT_CHECK(mqtt_str_eq(p.publish.topic, S("a/b")) && p.publish.payload_len == 2);
    HT_CHECK(memcmp(p.publish.payload, "hi", 2) == 0);
    uint8_t out[32];
    HT_CHECK(mqtt_encode(out, sizeof out, &p) == sizeof example &&
             memcmp(out, example, sizeof example) == 0);
    HT_CHECK(mqtt_encode(out, sizeof example - 1, &p) == 0);
    /* QoS 0: no packet identifier; an empty payload is allowed. */
    const uint8_t qos0[] = { 0x30, 5, 0x00, 0x03, 'a', '/', 'b' };
    HT_CHECK(decode_all(qos0, sizeof qos0, &p, &cause) == MQTT_OK && p.publish.payload_len == 0);
    HT_CHECK(p.publish.qos == 0 && p.publish.packet_id == 0);
    MALFORMED("QoS 3", 0x36, 7, 0x00, 0x03, 'a', '/', 'b', 0x00, 0x0a);
    MALFORMED("DUP set with QoS 0", 0x38, 5, 0x00, 0x03, 'a', '/', 'b');
    MALFORMED("wildcard", 0x30, 5, 0x00, 0x03, 'a', '/', '+');
    MALFORMED("wildcard", 0x30, 5, 0x00, 0x03, 'a', '/', '#');
    MALFORMED("empty", 0x30, 2, 0x00, 0x00);
    MALFORMED("packet identifier 0", 0x32, 7, 0x00, 0x03, 'a', '/', 'b', 0x00, 0x00);
    MALFORMED("packet identifier missing", 0x32, 5, 0x00, 0x03, 'a', '/', 'b');
    MALFORMED("runs past", 0x30, 5, 0x00, 0x09, 'a', '/', 'b');
    /* A payload of 200 bytes takes a two-byte remaining length. */
    uint8_t big[256], payload[200];
    memset(payload, 'z', sizeof payload);
    mqtt_packet_t q = { .type = MQTT_PUBLISH };
    q.publish.topic = S("t");
    q.publish.payload = payload;
    q.publish.payload_len = sizeof payload;
    HT_CHECK(mqtt_encode(big, sizeof big, &q) == 1 + 2 + 3 + 200);
    HT_CHECK(big[1] == (203 & 0x7f | 0x80) && big[2] == 1);
    HT_CHECK(decode_all(big, 206, &p, &cause) == MQTT_OK && p.publish.payload_len == 200);
    q.publish.qos = 1; /* QoS 1 needs a packet identifier */
    HT_CHECK(mqtt_encode(big, sizeof big, &q) == 0);
}

/* 3.8.3, 3.9.3, 3.10.3: the payload examples of SUBSCRIBE, SUBACK and UNSUBSCRIBE, packet identifier 10 (3.8.2). */
static void test_subscribe(void)
{
    const uint8_t sub[] = { 0x82, 14,   0x00, 0x0a, 0x00, 0x03, 'a', '/',
                            'b',  0x01, 0x00, 0x03, 'c',  '/',  'd', 0x02 };
    mqtt_packet_t p;
    const char *cause;
    HT_CHECK(decode_all(sub, sizeof sub, &p, &cause) == MQTT_OK);
    HT_CHECK(p.subscribe.packet_id == 10 && p.subscribe.count == 2);
    HT_CHECK(mqtt_str_eq(p.subscribe.topics[0].filter, S("a/b")) && p.subscribe.topics[0].qos == 1);
    HT_CHECK(mqtt_str_eq(p.subscribe.topics[1].filter, S("c/d")) && p.subscribe.topics[1].qos == 2);
    uint8_t out[64];
    HT_CHECK(mqtt_encode(out, sizeof out, &p) == sizeof sub && memcmp(out, sub, sizeof sub) == 0);

    const uint8_t suback[] = { 0x90, 5, 0x00, 0x0a, 0x00, 0x02, 0x80 };
    HT_CHECK(decode_all(suback, sizeof suback, &p, &cause) == MQTT_OK && p.suback.count == 3);
    HT_CHECK(p.suback.codes[0] == 0 && p.suback.codes[1] == 2 && p.suback.codes[2] == 0x80);
    HT_CHECK(mqtt_encode(out, sizeof out, &p) == sizeof suback &&
             memcmp(out, suback, sizeof suback) == 0);
    MALFORMED("return code not", 0x90, 3, 0x00, 0x0a, 0x03);
    MALFORMED("no return code", 0x90, 2, 0x00, 0x0a);

    const uint8_t unsub[] = { 0xa2, 12,  0x00, 0x0a, 0x00, 0x03, 'a',
                              '/',  'b', 0x00, 0x03, 'c',  '/',  'd' };
    HT_CHECK(decode_all(unsub, sizeof unsub, &p, &cause) == MQTT_OK);
    HT_CHECK(p.type == MQTT_UNSUBSCRIBE && p.subscribe.count == 2);
    HT_CHECK(mqtt_str_eq(p.subscribe.topics[1].filter, S("c/d")));
    HT_CHECK(mqtt_encode(out, sizeof out, &p) == sizeof unsub &&
             memcmp(out, unsub, sizeof unsub) == 0);

    /* [MQTT-3.8.1-1]: SUBSCRIBE's reserved bits are 0010; a client sending 0000 is malformed. */
    MALFORMED("0010", 0x80, 8, 0x00, 0x0a, 0x00, 0x03, 'a', '/', 'b', 0x01);
    MALFORMED("0010", 0xa0, 7, 0x00, 0x0a, 0x00, 0x03, 'a', '/', 'b');
    MALFORMED("no topic filter", 0x82, 2, 0x00, 0x0a);
    MALFORMED("no topic filter", 0xa2, 2, 0x00, 0x0a);
    MALFORMED("requested QoS above 2", 0x82, 8, 0x00, 0x0a, 0x00, 0x03, 'a', '/', 'b', 0x03);
    MALFORMED("requested QoS above 2", 0x82, 8, 0x00, 0x0a, 0x00, 0x03, 'a', '/', 'b', 0x41);
    MALFORMED("requested QoS missing", 0x82, 7, 0x00, 0x0a, 0x00, 0x03, 'a', '/', 'b');
    MALFORMED("wildcard inside a level", 0x82, 10, 0x00, 0x0a, 0x00, 0x05, 'a', '/', '#', '/', 'b',
              0x00);
    MALFORMED("wildcard inside a level", 0x82, 8, 0x00, 0x0a, 0x00, 0x03, 'a', 'b', '+', 0x00);
    MALFORMED("packet identifier 0", 0x82, 8, 0x00, 0x00, 0x00, 0x03, 'a', '/', 'b', 0x00);
    /* Nine filters: past this decoder's limit of eight, and said so. */
    uint8_t nine[2 + 2 + 9 * 4] = { 0x82, 2 + 9 * 4, 0x00, 0x01 };
    for (int i = 0; i < 9; i++)
        memcpy(nine + 4 + 4 * i, "\x00\x01x\x00", 4);
    size_t size;
    HT_CHECK(mqtt_decode(nine, sizeof nine, &p, &size, &cause) == MQTT_LIMIT &&
             strstr(cause, "more than 8"));
}

/* ---- 4.7: topic names and filters ---- */

static void test_topics(void)
{
    static const struct {
        const char *filter, *topic;
        bool match;
    } cases[] = {
        /* 4.7.1.2: the multi-level wildcard */
        { "sport/tennis/player1/#", "sport/tennis/player1", true },
        { "sport/tennis/player1/#", "sport/tennis/player1/ranking", true },
        { "sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true },
        { "sport/#", "sport", true },
        { "#", "sport/tennis/player1", true },
        { "#", "/", true },
        /* 4.7.1.3: the single-level wildcard */
        { "sport/tennis/+", "sport/tennis/player1", true },
        { "sport/tennis/+", "sport/tennis/player2", true },
        { "sport/tennis/+", "sport/tennis/player1/ranking", false },
        { "sport/+", "sport", false },
        { "sport/+", "sport/", true },
        { "+/+", "/finance", true },
        { "/+", "/finance", true },
        { "+", "/finance", false },
        { "sport/+/player1", "sport/tennis/player1", true },
        { "+/tennis/#", "sport/tennis/player1/ranking", true },
        { "+/tennis/#", "sport/golf", false },
        /* 4.7.2: topics beginning with $ */
        { "#", "$SYS/broker/clients", false },
        { "+/monitor/Clients", "$SYS/monitor/Clients", false },
        { "$SYS/#", "$SYS/monitor/Clients", true },
        { "$SYS/monitor/+", "$SYS/monitor/Clients", true },
        /* 4.7.3: case, spaces and the leading '/' matter */
        { "ACCOUNTS", "Accounts", false },
        { "Accounts payable", "Accounts payable", true },
        { "/finance", "finance", false },
        { "finance", "/finance", false },
        { "sensors/+/temp", "sensors/kitchen/temp", true },
        { "sensors/+/temp", "sensors/kitchen/temp/max", false },
        { "sensors/+/temp", "sensors/temp", false },
        { "a/b", "a/b/", false },
        { "a/+/", "a/b/", true },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        HT_CHECK(mqtt_topic_filter_valid(S(cases[i].filter)));
        HT_CHECK(mqtt_topic_name_valid(S(cases[i].topic)));
        if (mqtt_topic_match(S(cases[i].filter), S(cases[i].topic)) != cases[i].match) {
            fprintf(stderr, "match(\"%s\", \"%s\") should be %d\n", cases[i].filter, cases[i].topic,
                    cases[i].match);
            ht_failures++;
        }
    }
    static const char *const valid[] = {
        "#", "+", "sport/tennis/#", "+/tennis/#", "sport/+/player1", "/", "+/+", "//#"
    };
    static const char *const invalid[] = {
        "", "sport/tennis#", "sport/tennis/#/ranking", "sport+", "#/", "a/+b", "a/#b"
    };
    for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++)
        HT_CHECK(mqtt_topic_filter_valid(S(valid[i])));
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++)
        HT_CHECK(!mqtt_topic_filter_valid(S(invalid[i])));
    HT_CHECK(!mqtt_topic_name_valid(S("")) && !mqtt_topic_name_valid(S("a/+")) &&
             !mqtt_topic_name_valid(S("#")));
}

/* ---- the broker, through a fake transport ---- */

typedef struct {
    int32_t notified[32], released[32];
    unsigned nnotified, nreleased;
    char log[512];
} fake_t;

static void fake_notify(void *ctx, int32_t cap)
{
    fake_t *f = ctx;
    if (f->nnotified < 32)
        f->notified[f->nnotified++] = cap;
}

static void fake_release(void *ctx, int32_t cap)
{
    fake_t *f = ctx;
    if (f->nreleased < 32)
        f->released[f->nreleased++] = cap;
}

static void fake_log(void *ctx, const char *line)
{
    fake_t *f = ctx;
    if (strlen(f->log) + strlen(line) + 2 > sizeof f->log)
        f->log[0] = 0; /* keep the latest */
    strcat(f->log, line);
    strcat(f->log, "\n");
}

static broker_t broker;
static fake_t fake;

/* The packets of one answer. */
typedef struct {
    uint32_t label;
    bool cap_kept;
    unsigned n;
    mqtt_packet_t p[16];
    uint8_t bytes[MQTT_RPC_MAX];
} answer_t;

static answer_t answer;

/* One call: the packets given (NULL-terminated) from `badge`, with `cap`. */
static answer_t *call(uint64_t badge, int32_t cap, const mqtt_packet_t *const *pkts)
{
    uint8_t req[MQTT_RPC_MAX];
    size_t len = 0;
    for (; pkts && *pkts; pkts++) {
        size_t n = mqtt_encode(req + len, sizeof req - len, *pkts);
        HT_CHECK(n != 0);
        len += n;
    }
    memset(&answer, 0, sizeof answer);
    size_t got = broker_exchange(&broker, badge, cap, req, len, answer.bytes, sizeof answer.bytes,
                                 &answer.label, &answer.cap_kept);
    for (size_t pos = 0; pos < got && answer.n < 16;) {
        size_t size;
        const char *cause;
        if (mqtt_decode(answer.bytes + pos, got - pos, &answer.p[answer.n], &size, &cause) !=
            MQTT_OK) {
            HT_CHECK(!"the broker's answer decodes");
            break;
        }
        answer.n++;
        pos += size;
    }
    return &answer;
}

#define CALL(badge, cap, ...)                                                                      \
    call((badge), (cap), (const mqtt_packet_t *const[]){ __VA_ARGS__, NULL })
#define POLL(badge) call((badge), -1, NULL)

static mqtt_packet_t connect_pkt(const char *id)
{
    mqtt_packet_t p = { .type = MQTT_CONNECT };
    p.connect.level = 4;
    p.connect.flags = MQTT_CONNECT_CLEAN;
    p.connect.client_id = S(id);
    return p;
}

static mqtt_packet_t publish_pkt(const char *topic, const char *payload, uint8_t qos, bool retain,
                                 uint16_t id)
{
    mqtt_packet_t p = { .type = MQTT_PUBLISH };
    p.publish.topic = S(topic);
    p.publish.payload = (const uint8_t *)payload;
    p.publish.payload_len = (uint32_t)strlen(payload);
    p.publish.qos = qos;
    p.publish.retain = retain;
    p.publish.packet_id = id;
    return p;
}

static mqtt_packet_t subscribe_pkt(uint16_t id, const char *filter, uint8_t qos)
{
    mqtt_packet_t p = { .type = MQTT_SUBSCRIBE };
    p.subscribe.packet_id = id;
    p.subscribe.count = 1;
    p.subscribe.topics[0] = (mqtt_topic_t){ S(filter), qos };
    return p;
}

static bool is_publish(const mqtt_packet_t *p, const char *topic, const char *payload, uint8_t qos,
                       bool dup, bool retain)
{
    return p->type == MQTT_PUBLISH && mqtt_str_eq(p->publish.topic, S(topic)) &&
           p->publish.payload_len == strlen(payload) &&
           memcmp(p->publish.payload, payload, p->publish.payload_len) == 0 &&
           p->publish.qos == qos && p->publish.dup == dup && p->publish.retain == retain;
}

static void test_broker(void)
{
    broker_init(&broker, 3, (broker_ops_t){ &fake, fake_notify, fake_release, fake_log });
    enum { SUB = 1, PUB = 2, BAD = 3 };
    mqtt_packet_t c_sub = connect_pkt("sub"), c_pub = connect_pkt("pub"),
                  c_bad = connect_pkt("bad");
    mqtt_packet_t s1 = subscribe_pkt(1, "sensors/+/temp", 1), s2 = subscribe_pkt(2, "#", 0);
    answer_t *a;

    /* A call before CONNECT is refused; CONNECT keeps the inbox capability. */
    HT_CHECK(POLL(SUB)->label == MQTT_RPC_REFUSED);
    a = CALL(SUB, 100, &c_sub, &s1, &s2);
    HT_CHECK(a->label == MQTT_RPC_PACKETS && a->cap_kept && a->n == 3);
    HT_CHECK(a->p[0].type == MQTT_CONNACK && a->p[0].connack.code == 0 &&
             !a->p[0].connack.session_present);
    HT_CHECK(a->p[1].type == MQTT_SUBACK && a->p[1].suback.packet_id == 1 &&
             a->p[1].suback.codes[0] == 1);
    HT_CHECK(a->p[2].type == MQTT_SUBACK && a->p[2].suback.codes[0] == 0);

    /* The publisher: retained messages, one deleted by an empty payload; "#" does not see "$SYS". */
    mqtt_packet_t r1 = publish_pkt("config/mode", "eco", 1, true, 7),
                  r2 = publish_pkt("config/unit", "C", 0, true, 0);
    mqtt_packet_t r3 = publish_pkt("config/unit", "", 0, true, 0),
                  sys = publish_pkt("$SYS/x", "1", 0, false, 0);
    a = CALL(PUB, 200, &c_pub, &r1, &r2, &r3, &sys);
    HT_CHECK(a->n == 2 && a->p[0].type == MQTT_CONNACK && a->p[1].type == MQTT_PUBACK &&
             a->p[1].ack.packet_id == 7);
    HT_CHECK(fake.nnotified == 1 && fake.notified[0] == 100);
    /* sub's "#" (QoS 0) got the three config publishes with RETAIN 0, the empty one too, not $SYS. */
    a = POLL(SUB);
    HT_CHECK(a->n == 3);
    HT_CHECK(is_publish(&a->p[0], "config/mode", "eco", 0, false, false));
    HT_CHECK(is_publish(&a->p[1], "config/unit", "C", 0, false, false));
    HT_CHECK(is_publish(&a->p[2], "config/unit", "", 0, false, false));

    /* QoS 1 to sensors/+/temp: one copy (the highest QoS of both matching subscriptions). */
    mqtt_packet_t t1 = publish_pkt("sensors/kitchen/temp", "21.5", 1, false, 8);
    mqtt_packet_t t2 = publish_pkt("sensors/garage/temp", "9.0", 1, false, 9);
    mqtt_packet_t h1 = publish_pkt("sensors/kitchen/humidity", "40", 0, false, 0);
    a = CALL(PUB, -1, &t1, &t2, &h1);
    HT_CHECK(a->n == 2 && a->p[0].ack.packet_id == 8 && a->p[1].ack.packet_id == 9);
    /* A window of one: t1 alone, then again with DUP when not acknowledged, then t2, h1. */
    a = POLL(SUB);
    HT_CHECK(a->n == 1 && is_publish(&a->p[0], "sensors/kitchen/temp", "21.5", 1, false, false));
    uint16_t id1 = a->p[0].publish.packet_id;
    a = POLL(SUB);
    HT_CHECK(a->n == 1 && is_publish(&a->p[0], "sensors/kitchen/temp", "21.5", 1, true, false));
    HT_CHECK(a->p[0].publish.packet_id == id1);
    mqtt_packet_t ack = { .type = MQTT_PUBACK, .ack.packet_id = id1 };
    a = CALL(SUB, -1, &ack);
    HT_CHECK(a->n == 1 && is_publish(&a->p[0], "sensors/garage/temp", "9.0", 1, false, false));
    ack.ack.packet_id = a->p[0].publish.packet_id;
    HT_CHECK(ack.ack.packet_id != id1);
    mqtt_packet_t ping = { .type = MQTT_PINGREQ };
    a = CALL(SUB, -1, &ack, &ping);
    HT_CHECK(a->n == 2 && a->p[0].type == MQTT_PINGRESP);
    HT_CHECK(is_publish(&a->p[1], "sensors/kitchen/humidity", "40", 0, false, false));
    HT_CHECK(broker.redelivered == 1);

    /* A later subscription gets the retained message with RETAIN 1, not the deleted one. */
    mqtt_packet_t s3 = subscribe_pkt(3, "config/+", 1);
    a = CALL(SUB, -1, &s3);
    HT_CHECK(a->n == 2 && a->p[0].type == MQTT_SUBACK);
    HT_CHECK(is_publish(&a->p[1], "config/mode", "eco", 1, false, true));
    ack.ack.packet_id = a->p[1].publish.packet_id;
    /* UNSUBSCRIBE: nothing more on that filter. */
    mqtt_packet_t un = { .type = MQTT_UNSUBSCRIBE, .subscribe = { .packet_id = 4, .count = 2 } };
    un.subscribe.topics[0].filter = S("#");
    un.subscribe.topics[1].filter = S("config/+");
    a = CALL(SUB, -1, &ack, &un);
    HT_CHECK(a->n == 1 && a->p[0].type == MQTT_UNSUBACK && a->p[0].ack.packet_id == 4);
    mqtt_packet_t h2 = publish_pkt("sensors/kitchen/humidity", "41", 0, false, 0);
    mqtt_packet_t t3 = publish_pkt("sensors/hall/temp", "19", 0, false, 0);
    CALL(PUB, -1, &h2, &t3);
    a = POLL(SUB);
    HT_CHECK(a->n == 1 && is_publish(&a->p[0], "sensors/hall/temp", "19", 0, false, false));

    /* A malformed packet: the client is dropped with the cause logged, the others served. */
    a = CALL(BAD, 300, &c_bad);
    HT_CHECK(a->n == 1 && a->p[0].type == MQTT_CONNACK);
    const uint8_t bad_sub[] = { 0x80, 8, 0x00, 0x0a, 0x00, 0x03, 'a', '/', 'b', 0x01 };
    uint32_t label;
    bool kept;
    uint8_t out[64];
    HT_CHECK(broker_exchange(&broker, BAD, -1, bad_sub, sizeof bad_sub, out, sizeof out, &label,
                             &kept) == 0);
    HT_CHECK(label == MQTT_RPC_REFUSED);
    HT_CHECK_STR(fake.log,
                 "bad: malformed SUBSCRIBE (reserved flag bits are not 0010), client dropped\n");
    HT_CHECK(fake.nreleased == 1 && fake.released[0] == 300);
    HT_CHECK(broker.finished == 0);
    HT_CHECK(POLL(BAD)->label == MQTT_RPC_REFUSED && broker.finished == 1);
    HT_CHECK(POLL(BAD)->label == MQTT_RPC_REFUSED && broker.finished == 1);
    a = CALL(PUB, -1, &ping);
    HT_CHECK(a->label == MQTT_RPC_PACKETS && a->n == 1 && a->p[0].type == MQTT_PINGRESP);

    /* A second CONNECT breaks the protocol too. */
    HT_CHECK(CALL(SUB, -1, &c_sub)->label == MQTT_RPC_REFUSED);
    HT_CHECK(strstr(fake.log, "sub: protocol error in CONNECT (a second CONNECT), client dropped"));
    HT_CHECK(POLL(SUB)->label == MQTT_RPC_REFUSED && broker.finished == 2 && !broker_done(&broker));
    mqtt_packet_t bye = { .type = MQTT_DISCONNECT };
    a = CALL(PUB, -1, &bye);
    HT_CHECK(a->label == MQTT_RPC_PACKETS && a->n == 0 && broker_done(&broker));
    HT_CHECK(broker.disconnected == 1 && broker.dropped == 2);
    HT_CHECK(POLL(PUB)->label == MQTT_RPC_REFUSED);
}

/* Level 5 gets CONNACK 0x01 and no session; a request cut inside a packet drops the client. */
static void test_broker_refusals(void)
{
    memset(&fake, 0, sizeof fake);
    broker_init(&broker, 1, (broker_ops_t){ &fake, fake_notify, fake_release, fake_log });
    const uint8_t level5[] = { 0x10, 12, 0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 60, 0, 0 };
    uint8_t out[64];
    uint32_t label;
    bool kept;
    HT_CHECK(
        broker_exchange(&broker, 9, 5, level5, sizeof level5, out, sizeof out, &label, &kept) == 4);
    HT_CHECK(label == MQTT_RPC_PACKETS && !kept && out[0] == 0x20 &&
             out[3] == MQTT_CONNACK_BAD_LEVEL);
    HT_CHECK(POLL(9)->label == MQTT_RPC_REFUSED);
    mqtt_packet_t c = connect_pkt("x");
    HT_CHECK(CALL(9, -1, &c)->label == MQTT_RPC_PACKETS);
    const uint8_t cut[] = { 0x30, 9, 0, 1, 't' };
    HT_CHECK(broker_exchange(&broker, 9, -1, cut, sizeof cut, out, sizeof out, &label, &kept) == 0);
    HT_CHECK(label == MQTT_RPC_REFUSED &&
             strstr(fake.log, "x: malformed PUBLISH (the request ends inside the packet)"));
    const uint8_t five[] = { 0x10, 0xff, 0xff, 0xff, 0xff, 0x7f };
    HT_CHECK(broker_exchange(&broker, 10, -1, five, sizeof five, out, sizeof out, &label, &kept) ==
             0);
    HT_CHECK(
        strstr(fake.log, "badge 10: malformed CONNECT (remaining length longer than 4 bytes)"));
}

/* A small deterministic generator for the robustness test. */
static uint32_t rng_state = 12345;
static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

/*
 * Robustness: valid packets with random bytes changed, cut or appended, and
 * pure noise, through the decoder and the broker (under ASan and UBSan):
 * nothing may read out of bounds, and a packet the decoder accepts must
 * encode back to a packet that decodes to the same size.
 */
static void test_robustness(void)
{
    static const uint8_t publish[] = { 0x3b, 9, 0x00, 0x03, 'a', '/', 'b', 0x00, 0x0a, 'h', 'i' };
    static const uint8_t subscribe[] = { 0x82, 14,   0x00, 0x0a, 0x00, 0x03, 'a', '/',
                                         '#',  0x01, 0x00, 0x03, '+',  '/',  'd', 0x02 };
    static const uint8_t unsubscribe[] = { 0xa2, 7, 0x00, 0x0a, 0x00, 0x03, 'a', '/', '#' };
    static const uint8_t puback[] = { 0x40, 0x02, 0x00, 0x01 };
    static const uint8_t connack[] = { 0x20, 0x02, 0x00, 0x00 };
    static const struct {
        const uint8_t *b;
        size_t len;
    } seeds[] = {
        { connect_example, sizeof connect_example },
        { publish, sizeof publish },
        { subscribe, sizeof subscribe },
        { unsubscribe, sizeof unsubscribe },
        { puback, sizeof puback },
        { connack, sizeof connack },
    };
    uint8_t buf[64], again[64];
    unsigned accepted = 0;
    memset(&fake, 0, sizeof fake);
    broker_init(&broker, 100, (broker_ops_t){ &fake, fake_notify, fake_release, fake_log });
    for (unsigned i = 0; i < 200000; i++) {
        unsigned which = i % 8 < 4 ? 0 : rng() % (sizeof seeds / sizeof seeds[0]);
        size_t len = seeds[which].len;
        memcpy(buf, seeds[which].b, len);
        if (i % 4 == 3) {
            len = rng() % sizeof buf;
            for (size_t k = 0; k < len; k++)
                buf[k] = (uint8_t)rng();
        } else {
            for (unsigned k = 0, n = 1 + rng() % 3; k < n; k++)
                buf[rng() % len] ^= (uint8_t)(1u << (rng() % 8));
            if (i % 4 == 1)
                len = rng() % (len + 1);
            if (i % 4 == 2)
                buf[1] = (uint8_t)(rng() % 64), buf[0] = (uint8_t)(rng() & 0xff);
        }
        mqtt_packet_t p;
        size_t size = 0;
        const char *cause = NULL;
        mqtt_status_t st = mqtt_decode(buf, len, &p, &size, &cause);
        if ((st == MQTT_MALFORMED || st == MQTT_LIMIT) && !cause)
            HT_CHECK(!"a refusal names its cause");
        if (st == MQTT_OK) {
            HT_CHECK(size <= len);
            size_t n = mqtt_encode(again, sizeof again, &p);
            mqtt_packet_t q;
            size_t size2 = 0;
            /* A remaining length may arrive longer than needed; it is written back minimal. */
            HT_CHECK(n != 0 && n <= size && mqtt_decode(again, n, &q, &size2, &cause) == MQTT_OK);
            HT_CHECK(size2 == n && q.type == p.type);
            accepted++;
        }
        uint8_t out[MQTT_RPC_MAX];
        uint32_t label;
        bool kept;
        broker_exchange(&broker, 1 + rng() % 6, -1, buf, len, out, sizeof out, &label, &kept);
    }
    /* The mutations must leave some packets valid, or the round trip tests nothing. */
    HT_CHECK(accepted > 1000);
    printf("robustness: 200000 inputs, %u decoded, %u delivered by the broker\n", accepted,
           broker.delivered);
}

int main(void)
{
    test_varint();
    test_connect();
    test_connect_malformed();
    test_fixed_packets();
    test_publish();
    test_subscribe();
    test_topics();
    test_broker();
    test_broker_refusals();
    test_robustness();
    return ht_finish("mqtt_test");
}
