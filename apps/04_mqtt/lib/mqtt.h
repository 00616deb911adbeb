/* SPDX-License-Identifier: MIT */
/* mqtt.h: MQTT 3.1.1 packets: a strict decoder, an encoder and topic filter matching (no allocation). */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Freestanding C11: builds for wasm32-wasi (the demo's modules) and for the
 * host (tests/host/mqtt_test.c). Decoded strings and payloads point into the
 * caller's buffer; nothing is copied or allocated. Section numbers below are
 * those of the OASIS MQTT Version 3.1.1 specification.
 */

/* Control packet types (2.2.1); 0 and 15 are reserved. */
typedef enum {
    MQTT_CONNECT = 1,
    MQTT_CONNACK = 2,
    MQTT_PUBLISH = 3,
    MQTT_PUBACK = 4,
    MQTT_PUBREC = 5,
    MQTT_PUBREL = 6,
    MQTT_PUBCOMP = 7,
    MQTT_SUBSCRIBE = 8,
    MQTT_SUBACK = 9,
    MQTT_UNSUBSCRIBE = 10,
    MQTT_UNSUBACK = 11,
    MQTT_PINGREQ = 12,
    MQTT_PINGRESP = 13,
    MQTT_DISCONNECT = 14,
} mqtt_type_t;

/* What mqtt_decode and mqtt_varint_decode found. */
typedef enum {
    MQTT_OK = 0,
    MQTT_INCOMPLETE, /* the bytes end inside the packet: wait for more (a stream) */
    MQTT_MALFORMED, /* the bytes break a rule of the specification; *cause names it */
    MQTT_BAD_LEVEL, /* a CONNECT of another protocol level than 4 (3.1.2.2): CONNACK 0x01 */
    MQTT_LIMIT, /* well-formed, but past MQTT_TOPICS_MAX filters */
} mqtt_status_t;

/* CONNACK return codes (3.2.2.3); SUBACK's failure code (3.9.3). */
#define MQTT_CONNACK_ACCEPTED    0
#define MQTT_CONNACK_BAD_LEVEL   1
#define MQTT_CONNACK_ID_REJECTED 2
#define MQTT_SUBACK_FAILURE      0x80

/* CONNECT flags (3.1.2.3). */
#define MQTT_CONNECT_CLEAN       0x02u
#define MQTT_CONNECT_WILL        0x04u
#define MQTT_CONNECT_WILL_QOS    0x18u /* two bits */
#define MQTT_CONNECT_WILL_RETAIN 0x20u
#define MQTT_CONNECT_PASSWORD    0x40u
#define MQTT_CONNECT_USERNAME    0x80u

/* The largest remaining length, four bytes of varint (2.2.3). */
#define MQTT_REMAINING_MAX 268435455u
/* Topic filters one SUBSCRIBE or UNSUBSCRIBE may carry here. */
#define MQTT_TOPICS_MAX 8

/* A length-prefixed string or binary field, pointing into a buffer (1.5.3). */
typedef struct {
    const char *s;
    uint16_t len;
} mqtt_str_t;

/* One entry of a SUBSCRIBE (filter and requested QoS) or UNSUBSCRIBE (qos unused). */
typedef struct {
    mqtt_str_t filter;
    uint8_t qos;
} mqtt_topic_t;

/*
 * A packet, decoded or to encode. `type` says which member of the union is
 * meant; PUBACK, PUBREC, PUBREL, PUBCOMP and UNSUBACK use `ack`; PINGREQ,
 * PINGRESP and DISCONNECT have no fields.
 */
typedef struct {
    mqtt_type_t type;
    union {
        struct {
            uint8_t level; /* 4; decoded as sent (MQTT_BAD_LEVEL) */
            uint8_t flags; /* MQTT_CONNECT_* */
            uint16_t keep_alive; /* seconds */
            mqtt_str_t client_id, will_topic, will_message, username, password;
        } connect;
        struct {
            bool session_present;
            uint8_t code; /* MQTT_CONNACK_* */
        } connack;
        struct {
            bool dup, retain;
            uint8_t qos; /* 0, 1 or 2 */
            uint16_t packet_id; /* only with qos > 0 */
            mqtt_str_t topic;
            const uint8_t *payload;
            uint32_t payload_len;
        } publish;
        struct {
            uint16_t packet_id;
        } ack;
        struct {
            uint16_t packet_id;
            uint8_t count; /* 1 .. MQTT_TOPICS_MAX */
            mqtt_topic_t topics[MQTT_TOPICS_MAX];
        } subscribe; /* SUBSCRIBE and UNSUBSCRIBE */
        struct {
            uint16_t packet_id;
            uint8_t count;
            uint8_t codes[MQTT_TOPICS_MAX]; /* granted QoS or MQTT_SUBACK_FAILURE */
        } suback;
    };
} mqtt_packet_t;

/* A C string as an mqtt_str_t (its length must fit 16 bits). */
mqtt_str_t mqtt_str(const char *s);
bool mqtt_str_eq(mqtt_str_t a, mqtt_str_t b);

/*
 * The remaining-length varint (2.2.3). encode: writes 1-4 bytes to out and
 * returns their count, or 0 when value > MQTT_REMAINING_MAX. decode: reads
 * from buf (len bytes), sets *value and *used; a fifth byte is MQTT_MALFORMED.
 */
size_t mqtt_varint_encode(uint8_t out[4], uint32_t value);
mqtt_status_t mqtt_varint_decode(const uint8_t *buf, size_t len, uint32_t *value, size_t *used,
                                 const char **cause);

/*
 * Decodes the packet at the start of buf (len bytes, maybe more packets
 * after it). MQTT_OK: *pkt holds it and *size its length in bytes.
 * MQTT_INCOMPLETE: buf ends inside it. MQTT_MALFORMED, MQTT_LIMIT: *cause is
 * a static string naming the broken rule. MQTT_BAD_LEVEL: *pkt holds the
 * CONNECT as far as its level and *size is set, so a server can answer it.
 * Every field is checked: type, reserved flag bits, lengths against the
 * remaining length (nothing left over), UTF-8 strings, packet ids, QoS
 * values, topic names and filters.
 */
mqtt_status_t mqtt_decode(const uint8_t *buf, size_t len, mqtt_packet_t *pkt, size_t *size,
                          const char **cause);

/*
 * Encodes *pkt into buf (max bytes); returns its size, or 0 when it does
 * not fit, or a field is out of range (a QoS above 2, a PUBLISH with QoS
 * and packet id 0, too many topics, a string longer than 65535 bytes).
 * It does not check what mqtt_decode checks (tests encode malformed
 * packets with it on purpose, by setting fields a decoder refuses).
 */
size_t mqtt_encode(uint8_t *buf, size_t max, const mqtt_packet_t *pkt);

/* The packet type's name, "CONNECT" ... "DISCONNECT", or "reserved". */
const char *mqtt_type_name(unsigned type);

/*
 * Topic names and filters (4.7). A name is at least one character, with no
 * '+' or '#'; a filter has '+' only as a whole level and '#' only as the
 * whole last level. Both are well-formed UTF-8 without U+0000.
 */
bool mqtt_topic_name_valid(mqtt_str_t topic);
bool mqtt_topic_filter_valid(mqtt_str_t filter);
/*
 * Whether a valid filter matches a valid topic name: '+' matches one level,
 * '#' the parent level and any number below it; a name starting with '$'
 * is not matched by a filter starting with a wildcard (4.7.2).
 */
bool mqtt_topic_match(mqtt_str_t filter, mqtt_str_t topic);
