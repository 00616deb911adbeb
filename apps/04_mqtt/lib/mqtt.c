/* SPDX-License-Identifier: MIT */
/* mqtt.c: MQTT 3.1.1 packet decoding with every rule checked, encoding, and topic filter matching. */
#include "mqtt.h"

#include <string.h>

/* ---- strings ---- */

mqtt_str_t mqtt_str(const char *s) { return (mqtt_str_t){ s, (uint16_t)strlen(s) }; }

bool mqtt_str_eq(mqtt_str_t a, mqtt_str_t b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.s, b.s, a.len) == 0);
}

/* Well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF) without U+0000 (1.5.3). */
static bool utf8_valid(const uint8_t *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint8_t c = s[i];
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t cp, min;
        if ((c & 0xe0) == 0xc0) {
            n = 1;
            cp = c & 0x1f;
            min = 0x80;
        } else if ((c & 0xf0) == 0xe0) {
            n = 2;
            cp = c & 0x0f;
            min = 0x800;
        } else if ((c & 0xf8) == 0xf0) {
            n = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else
            return false;
        if (len - i - 1 < n)
            return false;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
            cp = cp << 6 | (s[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += n + 1;
    }
    return true;
}

/* ---- the remaining length ---- */

size_t mqtt_varint_encode(uint8_t out[4], uint32_t value)
{
    if (value > MQTT_REMAINING_MAX)
        return 0;
    size_t n = 0;
    do {
        uint8_t b = value & 0x7f;
        value >>= 7;
        out[n++] = value ? (uint8_t)(b | 0x80) : b;
    } while (value);
    return n;
}

mqtt_status_t mqtt_varint_decode(const uint8_t *buf, size_t len, uint32_t *value, size_t *used,
                                 const char **cause)
{
    uint32_t v = 0;
    for (size_t i = 0; i < 4; i++) {
        if (i == len)
            return MQTT_INCOMPLETE;
        v |= (uint32_t)(buf[i] & 0x7f) << (7 * i);
        if (!(buf[i] & 0x80)) {
            *value = v;
            *used = i + 1;
            return MQTT_OK;
        }
    }
    *cause = "remaining length longer than 4 bytes";
    return MQTT_MALFORMED;
}

/* ---- decoding ---- */

/* Reads the body of one packet; the first failure sticks in cause. */
typedef struct {
    const uint8_t *p;
    size_t len, pos;
    const char *cause;
} reader_t;

static bool rd_fail(reader_t *r, const char *cause)
{
    if (!r->cause)
        r->cause = cause;
    return false;
}

/* rd_fail for a decoder that returns the status at once. */
static mqtt_status_t rd_bad(reader_t *r, const char *cause)
{
    rd_fail(r, cause);
    return MQTT_MALFORMED;
}

static bool rd_u8(reader_t *r, uint8_t *v, const char *what)
{
    if (r->cause)
        return false;
    if (r->len - r->pos < 1)
        return rd_fail(r, what);
    *v = r->p[r->pos++];
    return true;
}

static bool rd_u16(reader_t *r, uint16_t *v, const char *what)
{
    if (r->cause)
        return false;
    if (r->len - r->pos < 2)
        return rd_fail(r, what);
    *v = (uint16_t)(r->p[r->pos] << 8 | r->p[r->pos + 1]);
    r->pos += 2;
    return true;
}

/* A two-byte length and that many bytes; UTF-8 checked when utf8 is set. */
static bool rd_field(reader_t *r, mqtt_str_t *out, bool utf8, const char *what)
{
    uint16_t n;
    if (!rd_u16(r, &n, what))
        return false;
    if (r->len - r->pos < n)
        return rd_fail(r, "a length field runs past the remaining length");
    const uint8_t *s = r->p + r->pos;
    if (utf8 && !utf8_valid(s, n))
        return rd_fail(r, "string is not well-formed UTF-8 (or holds U+0000)");
    *out = (mqtt_str_t){ (const char *)s, n };
    r->pos += n;
    return true;
}

static bool rd_packet_id(reader_t *r, uint16_t *id)
{
    if (!rd_u16(r, id, "packet identifier missing"))
        return false;
    return *id != 0 || rd_fail(r, "packet identifier 0");
}

static bool rd_end(reader_t *r)
{
    if (r->cause)
        return false;
    return r->pos == r->len || rd_fail(r, "bytes left over after the packet's fields");
}

/* The flags the fixed header must carry (2.2.2); PUBLISH's are checked by decode_publish. */
static bool flags_valid(unsigned type, unsigned flags)
{
    if (type == MQTT_PUBLISH)
        return true;
    bool two = type == MQTT_PUBREL || type == MQTT_SUBSCRIBE || type == MQTT_UNSUBSCRIBE;
    return flags == (two ? 2u : 0u);
}

static mqtt_status_t decode_connect(reader_t *r, mqtt_packet_t *pkt)
{
    mqtt_str_t name;
    uint8_t flags;
    if (!rd_field(r, &name, true, "protocol name missing"))
        return MQTT_MALFORMED;
    if (!mqtt_str_eq(name, mqtt_str("MQTT")))
        return rd_bad(r, "protocol name is not \"MQTT\"");
    if (!rd_u8(r, &pkt->connect.level, "protocol level missing"))
        return MQTT_MALFORMED;
    if (pkt->connect.level != 4) {
        rd_fail(r, "protocol level is not 4");
        return MQTT_BAD_LEVEL;
    }
    if (!rd_u8(r, &flags, "flags missing") ||
        !rd_u16(r, &pkt->connect.keep_alive, "keep alive missing"))
        return MQTT_MALFORMED;
    pkt->connect.flags = flags;
    if (flags & 1)
        return rd_bad(r, "reserved flag bit 0 is set");
    unsigned will_qos = (flags & MQTT_CONNECT_WILL_QOS) >> 3;
    if (will_qos == 3)
        return rd_bad(r, "will QoS 3");
    if (!(flags & MQTT_CONNECT_WILL) &&
        (flags & (MQTT_CONNECT_WILL_QOS | MQTT_CONNECT_WILL_RETAIN)))
        return rd_bad(r, "will QoS or retain without the will flag");
    if ((flags & MQTT_CONNECT_PASSWORD) && !(flags & MQTT_CONNECT_USERNAME))
        return rd_bad(r, "password flag without the user name flag");
    rd_field(r, &pkt->connect.client_id, true, "client identifier missing");
    if (flags & MQTT_CONNECT_WILL) {
        rd_field(r, &pkt->connect.will_topic, true, "will topic missing");
        rd_field(r, &pkt->connect.will_message, false, "will message missing");
        if (!r->cause && !mqtt_topic_name_valid(pkt->connect.will_topic))
            rd_fail(r, "will topic is not a valid topic name");
    }
    if (flags & MQTT_CONNECT_USERNAME)
        rd_field(r, &pkt->connect.username, true, "user name missing");
    if (flags & MQTT_CONNECT_PASSWORD)
        rd_field(r, &pkt->connect.password, false, "password missing");
    return rd_end(r) ? MQTT_OK : MQTT_MALFORMED;
}

static mqtt_status_t decode_connack(reader_t *r, mqtt_packet_t *pkt)
{
    uint8_t ack_flags, code;
    if (!rd_u8(r, &ack_flags, "acknowledge flags missing") ||
        !rd_u8(r, &code, "return code missing") || !rd_end(r))
        return MQTT_MALFORMED;
    if (ack_flags & 0xfe)
        return rd_bad(r, "reserved flag bits set");
    if (code > 5)
        return rd_bad(r, "return code above 5");
    if (code != 0 && ack_flags)
        return rd_bad(r, "session present with a refusal");
    pkt->connack.session_present = ack_flags & 1;
    pkt->connack.code = code;
    return MQTT_OK;
}

static mqtt_status_t decode_publish(reader_t *r, unsigned flags, mqtt_packet_t *pkt)
{
    pkt->publish.dup = flags & 8;
    pkt->publish.qos = (flags >> 1) & 3;
    pkt->publish.retain = flags & 1;
    if (pkt->publish.qos == 3)
        return rd_bad(r, "QoS 3");
    if (pkt->publish.qos == 0 && pkt->publish.dup)
        return rd_bad(r, "DUP set with QoS 0");
    if (!rd_field(r, &pkt->publish.topic, true, "topic name missing"))
        return MQTT_MALFORMED;
    if (!mqtt_topic_name_valid(pkt->publish.topic))
        return rd_bad(r, "topic name is empty or holds a wildcard");
    pkt->publish.packet_id = 0;
    if (pkt->publish.qos && !rd_packet_id(r, &pkt->publish.packet_id))
        return MQTT_MALFORMED;
    pkt->publish.payload = r->p + r->pos;
    pkt->publish.payload_len = (uint32_t)(r->len - r->pos);
    return MQTT_OK;
}

/* SUBSCRIBE (with a requested QoS per filter) and UNSUBSCRIBE. */
static mqtt_status_t decode_subscribe(reader_t *r, bool with_qos, mqtt_packet_t *pkt)
{
    if (!rd_packet_id(r, &pkt->subscribe.packet_id))
        return MQTT_MALFORMED;
    pkt->subscribe.count = 0;
    while (r->pos < r->len) {
        mqtt_topic_t t = { .qos = 0 };
        if (!rd_field(r, &t.filter, true, "topic filter cut short"))
            return MQTT_MALFORMED;
        if (!mqtt_topic_filter_valid(t.filter))
            return rd_bad(r, "topic filter is empty or has a wildcard inside a level");
        if (with_qos) {
            if (!rd_u8(r, &t.qos, "requested QoS missing"))
                return MQTT_MALFORMED;
            if (t.qos > 2)
                return rd_bad(r, "requested QoS above 2 or reserved bits set");
        }
        if (pkt->subscribe.count == MQTT_TOPICS_MAX) {
            rd_fail(r, "more than 8 topic filters in one packet");
            return MQTT_LIMIT;
        }
        pkt->subscribe.topics[pkt->subscribe.count++] = t;
    }
    if (pkt->subscribe.count == 0)
        return rd_bad(r, "no topic filter");
    return MQTT_OK;
}

static mqtt_status_t decode_suback(reader_t *r, mqtt_packet_t *pkt)
{
    if (!rd_packet_id(r, &pkt->suback.packet_id))
        return MQTT_MALFORMED;
    pkt->suback.count = 0;
    while (r->pos < r->len) {
        uint8_t code = r->p[r->pos++];
        if (code > 2 && code != MQTT_SUBACK_FAILURE)
            return rd_bad(r, "return code not 0, 1, 2 or 0x80");
        if (pkt->suback.count == MQTT_TOPICS_MAX) {
            rd_fail(r, "more than 8 return codes in one SUBACK");
            return MQTT_LIMIT;
        }
        pkt->suback.codes[pkt->suback.count++] = code;
    }
    if (pkt->suback.count == 0)
        return rd_bad(r, "no return code");
    return MQTT_OK;
}

static mqtt_status_t decode_body(reader_t *r, unsigned type, unsigned flags, mqtt_packet_t *pkt)
{
    switch (type) {
    case MQTT_CONNECT: return decode_connect(r, pkt);
    case MQTT_CONNACK: return decode_connack(r, pkt);
    case MQTT_PUBLISH: return decode_publish(r, flags, pkt);
    case MQTT_SUBSCRIBE: return decode_subscribe(r, true, pkt);
    case MQTT_SUBACK: return decode_suback(r, pkt);
    case MQTT_UNSUBSCRIBE: return decode_subscribe(r, false, pkt);
    case MQTT_PUBACK:
    case MQTT_PUBREC:
    case MQTT_PUBREL:
    case MQTT_PUBCOMP:
    case MQTT_UNSUBACK:
        return rd_packet_id(r, &pkt->ack.packet_id) && rd_end(r) ? MQTT_OK : MQTT_MALFORMED;
    default: /* PINGREQ, PINGRESP, DISCONNECT */ return rd_end(r) ? MQTT_OK : MQTT_MALFORMED;
    }
}

mqtt_status_t mqtt_decode(const uint8_t *buf, size_t len, mqtt_packet_t *pkt, size_t *size,
                          const char **cause)
{
    if (len == 0)
        return MQTT_INCOMPLETE;
    unsigned type = buf[0] >> 4, flags = buf[0] & 15;
    if (type == 0 || type == 15) {
        *cause = "reserved packet type";
        return MQTT_MALFORMED;
    }
    if (!flags_valid(type, flags)) {
        *cause = type == MQTT_PUBREL || type == MQTT_SUBSCRIBE || type == MQTT_UNSUBSCRIBE
                     ? "reserved flag bits are not 0010"
                     : "reserved flag bits are not 0000";
        return MQTT_MALFORMED;
    }
    uint32_t remaining;
    size_t used;
    mqtt_status_t st = mqtt_varint_decode(buf + 1, len - 1, &remaining, &used, cause);
    if (st != MQTT_OK)
        return st;
    if (len - 1 - used < remaining)
        return MQTT_INCOMPLETE;
    reader_t r = { buf + 1 + used, remaining, 0, NULL };
    memset(pkt, 0, sizeof *pkt);
    pkt->type = (mqtt_type_t)type;
    st = decode_body(&r, type, flags, pkt);
    if (st == MQTT_OK || st == MQTT_BAD_LEVEL)
        *size = 1 + used + remaining;
    if (st != MQTT_OK)
        *cause = r.cause;
    return st;
}

/* ---- encoding ---- */

/* Writes into buf, or only counts when buf is NULL; ok turns false on overflow. */
typedef struct {
    uint8_t *buf;
    size_t max, pos;
    bool ok;
} writer_t;

static void wr_bytes(writer_t *w, const void *p, size_t n)
{
    if (w->max - w->pos < n) {
        w->ok = false;
        return;
    }
    if (w->buf && n)
        memcpy(w->buf + w->pos, p, n);
    w->pos += n;
}

static void wr_u8(writer_t *w, uint8_t v) { wr_bytes(w, &v, 1); }

static void wr_u16(writer_t *w, uint16_t v)
{
    uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };
    wr_bytes(w, b, 2);
}

static void wr_field(writer_t *w, mqtt_str_t s)
{
    wr_u16(w, s.len);
    wr_bytes(w, s.s, s.len);
}

static void encode_connect(writer_t *w, const mqtt_packet_t *p)
{
    wr_field(w, mqtt_str("MQTT"));
    wr_u8(w, p->connect.level);
    wr_u8(w, p->connect.flags);
    wr_u16(w, p->connect.keep_alive);
    wr_field(w, p->connect.client_id);
    if (p->connect.flags & MQTT_CONNECT_WILL) {
        wr_field(w, p->connect.will_topic);
        wr_field(w, p->connect.will_message);
    }
    if (p->connect.flags & MQTT_CONNECT_USERNAME)
        wr_field(w, p->connect.username);
    if (p->connect.flags & MQTT_CONNECT_PASSWORD)
        wr_field(w, p->connect.password);
}

/* The variable header and payload of *p. */
static void encode_body(writer_t *w, const mqtt_packet_t *p)
{
    switch (p->type) {
    case MQTT_CONNECT: encode_connect(w, p); break;
    case MQTT_CONNACK:
        wr_u8(w, p->connack.session_present);
        wr_u8(w, p->connack.code);
        break;
    case MQTT_PUBLISH:
        wr_field(w, p->publish.topic);
        if (p->publish.qos)
            wr_u16(w, p->publish.packet_id);
        wr_bytes(w, p->publish.payload, p->publish.payload_len);
        break;
    case MQTT_SUBSCRIBE:
    case MQTT_UNSUBSCRIBE:
        wr_u16(w, p->subscribe.packet_id);
        for (unsigned i = 0; i < p->subscribe.count; i++) {
            wr_field(w, p->subscribe.topics[i].filter);
            if (p->type == MQTT_SUBSCRIBE)
                wr_u8(w, p->subscribe.topics[i].qos);
        }
        break;
    case MQTT_SUBACK:
        wr_u16(w, p->suback.packet_id);
        wr_bytes(w, p->suback.codes, p->suback.count);
        break;
    case MQTT_PUBACK:
    case MQTT_PUBREC:
    case MQTT_PUBREL:
    case MQTT_PUBCOMP:
    case MQTT_UNSUBACK: wr_u16(w, p->ack.packet_id); break;
    default: break; /* PINGREQ, PINGRESP, DISCONNECT: no body */
    }
}

/* Fields encode_body cannot represent, or that no packet may carry. */
static bool encodable(const mqtt_packet_t *p)
{
    if (p->type < MQTT_CONNECT || p->type > MQTT_DISCONNECT)
        return false;
    if (p->type == MQTT_PUBLISH)
        return p->publish.qos <= 2 && (p->publish.qos == 0 || p->publish.packet_id != 0);
    if (p->type == MQTT_SUBSCRIBE || p->type == MQTT_UNSUBSCRIBE)
        return p->subscribe.count <= MQTT_TOPICS_MAX;
    if (p->type == MQTT_SUBACK)
        return p->suback.count <= MQTT_TOPICS_MAX;
    return true;
}

size_t mqtt_encode(uint8_t *buf, size_t max, const mqtt_packet_t *p)
{
    if (!encodable(p))
        return 0;
    writer_t count = { NULL, MQTT_REMAINING_MAX, 0, true };
    encode_body(&count, p);
    uint8_t len[4];
    size_t n = mqtt_varint_encode(len, (uint32_t)count.pos);
    if (!count.ok || n == 0)
        return 0;
    uint8_t first = (uint8_t)(p->type << 4);
    if (p->type == MQTT_PUBLISH)
        first |= (uint8_t)(p->publish.dup << 3 | p->publish.qos << 1 | p->publish.retain);
    if (p->type == MQTT_PUBREL || p->type == MQTT_SUBSCRIBE || p->type == MQTT_UNSUBSCRIBE)
        first |= 2;
    writer_t w = { buf, max, 0, true };
    wr_u8(&w, first);
    wr_bytes(&w, len, n);
    encode_body(&w, p);
    return w.ok ? w.pos : 0;
}

const char *mqtt_type_name(unsigned type)
{
    static const char *const names[16] = {
        "reserved", "CONNECT",  "CONNACK",    "PUBLISH",  "PUBACK",      "PUBREC",
        "PUBREL",   "PUBCOMP",  "SUBSCRIBE",  "SUBACK",   "UNSUBSCRIBE", "UNSUBACK",
        "PINGREQ",  "PINGRESP", "DISCONNECT", "reserved",
    };
    return type < 16 ? names[type] : "reserved";
}

/* ---- topics ---- */

bool mqtt_topic_name_valid(mqtt_str_t t)
{
    if (t.len == 0 || !utf8_valid((const uint8_t *)t.s, t.len))
        return false;
    for (size_t i = 0; i < t.len; i++)
        if (t.s[i] == '+' || t.s[i] == '#')
            return false;
    return true;
}

bool mqtt_topic_filter_valid(mqtt_str_t f)
{
    if (f.len == 0 || !utf8_valid((const uint8_t *)f.s, f.len))
        return false;
    for (size_t i = 0; i < f.len; i++) {
        if (f.s[i] != '+' && f.s[i] != '#')
            continue;
        bool level_start = i == 0 || f.s[i - 1] == '/';
        bool level_end = i + 1 == f.len || f.s[i + 1] == '/';
        if (!level_start || !level_end)
            return false;
        if (f.s[i] == '#' && i + 1 != f.len)
            return false;
    }
    return true;
}

/* The end of the level that starts at i: the index of the next '/' or len. */
static size_t level_end(mqtt_str_t s, size_t i)
{
    while (i < s.len && s.s[i] != '/')
        i++;
    return i;
}

bool mqtt_topic_match(mqtt_str_t filter, mqtt_str_t topic)
{
    if (topic.len && topic.s[0] == '$' && filter.len && (filter.s[0] == '+' || filter.s[0] == '#'))
        return false;
    size_t f = 0, t = 0;
    for (;;) {
        /* f and t are at the start of a level of each. */
        if (f < filter.len && filter.s[f] == '#')
            return true;
        size_t fe = level_end(filter, f), te = level_end(topic, t);
        bool plus = fe - f == 1 && filter.s[f] == '+';
        if (!plus && (fe - f != te - t || memcmp(filter.s + f, topic.s + t, fe - f) != 0))
            return false;
        f = fe, t = te;
        if (f == filter.len && t == topic.len)
            return true;
        if (f == filter.len)
            return false;
        /* "sport/#" matches "sport": '#' covers the parent level too. */
        if (t == topic.len)
            return filter.len - f == 2 && filter.s[f + 1] == '#';
        f++, t++;
    }
}
