/* SPDX-License-Identifier: MIT */
/* client.c: calls to the MQTT broker over a JerichoOS endpoint, waits on the inbox, one-write output lines. */
#include "client.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "jericho.h"
#include "say.h"

void client_say(const client_t *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say_line(c->name, fmt, ap);
    va_end(ap);
}

/* The handle of capability KIND:NAME (e.g. "wait:inbox_sub1"), or -1 after saying so. */
static int32_t find_cap(const client_t *c, const char *kind, const char *name)
{
    char cap[64];
    snprintf(cap, sizeof cap, "%s:%s", kind, name);
    int32_t h = jericho_handle(cap);
    if (h < 0)
        client_say(c, "no capability %s (%s)", cap, jericho_error_name(h));
    return h;
}

bool client_init(client_t *c, const char *name, client_handler_t *on_packet, void *ctx)
{
    memset(c, 0, sizeof *c);
    c->name = name;
    c->on_packet = on_packet;
    c->ctx = ctx;
    c->next_id = 1;
    char inbox[48];
    snprintf(inbox, sizeof inbox, "inbox_%s", name);
    /* The manifest spells it call+grant:mqtt; the runner may name it either way. */
    c->mqtt = jericho_handle("call+grant:mqtt");
    if (c->mqtt < 0)
        c->mqtt = find_cap(c, "call", "mqtt");
    c->inbox_signal = find_cap(c, "signal", inbox);
    c->inbox_wait = find_cap(c, "wait", inbox);
    return c->mqtt >= 0 && c->inbox_signal >= 0 && c->inbox_wait >= 0;
}

uint16_t client_packet_id(client_t *c)
{
    uint16_t id = c->next_id++;
    if (c->next_id == 0)
        c->next_id = 1;
    return id;
}

bool client_queue(client_t *c, const mqtt_packet_t *p)
{
    size_t n = mqtt_encode(c->out + c->out_len, sizeof c->out - c->out_len, p);
    c->out_len += n;
    return n != 0;
}

bool client_queue_connect(client_t *c)
{
    mqtt_packet_t p = { .type = MQTT_CONNECT };
    p.connect.level = 4;
    p.connect.flags = MQTT_CONNECT_CLEAN;
    p.connect.client_id = mqtt_str(c->name);
    return client_queue(c, &p);
}

int client_exchange(client_t *c, bool with_inbox)
{
    jericho_msg_t msg;
    int32_t rc =
        jericho_call(c->mqtt, MQTT_RPC_PACKETS, c->out, (uint32_t)c->out_len,
                     with_inbox ? c->inbox_signal : JERICHO_NO_CAP, c->in, sizeof c->in, &msg);
    c->out_len = 0;
    if (rc < 0) {
        client_say(c, "call to the broker failed: %s", jericho_error_name(rc));
        return CLIENT_FAILED;
    }
    if (msg.label == MQTT_RPC_REFUSED)
        return CLIENT_REFUSED;
    size_t len = msg.len < sizeof c->in ? msg.len : sizeof c->in;
    int count = 0;
    for (size_t pos = 0; pos < len; count++) {
        mqtt_packet_t p;
        size_t size;
        const char *cause = "";
        if (mqtt_decode(c->in + pos, len - pos, &p, &size, &cause) != MQTT_OK) {
            client_say(c, "malformed answer from the broker: %s", cause);
            return CLIENT_FAILED;
        }
        c->on_packet(c, &p);
        pos += size;
    }
    return count;
}

bool client_pump(client_t *c, const bool *done)
{
    while (!*done) {
        int n = client_exchange(c, false);
        if (n == CLIENT_REFUSED)
            client_say(c, "the broker refused the call: no session");
        if (n < 0)
            return false;
        if (n == 0 && c->out_len == 0 && !*done) {
            uint64_t bits;
            int32_t rc = jericho_wait(c->inbox_wait, &bits, JERICHO_FOREVER);
            if (rc < 0) {
                client_say(c, "waiting on the inbox failed: %s", jericho_error_name(rc));
                return false;
            }
        }
    }
    return true;
}
