/* SPDX-License-Identifier: MIT */
/* broker.c: the demo's MQTT broker: lib/broker.c's logic served on the endpoint "mqtt". */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "jericho.h"
#include "lib/broker.h"
#include "lib/rpc.h"
#include "lib/say.h"

/*
 * Argument: clients=N, the clients to see finish (DISCONNECT, or dropped
 * and told) before the broker exits 0. Each call is one broker_exchange;
 * the client is known by the badge of its call capability.
 */
static const char *name = "broker";

/* One line, one write (the modules share the console). */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say_line(name, fmt, ap);
    va_end(ap);
}

static void notify(void *ctx, int32_t inbox)
{
    (void)ctx;
    int32_t rc = jericho_signal(inbox, 1);
    if (rc < 0)
        say("signal failed: %s", jericho_error_name(rc));
}

static void release(void *ctx, int32_t inbox)
{
    (void)ctx;
    jericho_cap_delete(inbox);
}

static void log_line(void *ctx, const char *line)
{
    (void)ctx;
    say("%s", line);
}

int main(int argc, char **argv)
{
    static broker_t b;
    static uint8_t in[MQTT_RPC_MAX], out[MQTT_RPC_MAX];
    unsigned clients = 0;
    name = argv[0];
    for (int i = 1; i < argc; i++)
        if (!strncmp(argv[i], "clients=", 8))
            clients = (unsigned)atoi(argv[i] + 8);
    int32_t ep = jericho_handle("serve:mqtt");
    if (clients == 0 || ep < 0) {
        say("needs clients=N and serve:mqtt (%s)", ep < 0 ? jericho_error_name(ep) : "ok");
        return 1;
    }
    say("serving mqtt for %u clients", clients);
    broker_init(&b, clients, (broker_ops_t){ NULL, notify, release, log_line });
    while (!broker_done(&b)) {
        jericho_msg_t msg;
        int32_t rc = jericho_recv(ep, in, sizeof in, &msg, JERICHO_FOREVER);
        if (rc < 0) {
            say("recv failed: %s", jericho_error_name(rc));
            return 1;
        }
        uint32_t label = MQTT_RPC_REFUSED;
        bool kept = false;
        size_t n = 0;
        if (msg.label == MQTT_RPC_PACKETS && msg.len <= sizeof in)
            n = broker_exchange(&b, msg.badge, msg.cap, in, msg.len, out, sizeof out, &label,
                                &kept);
        if (msg.cap != JERICHO_NO_CAP && !kept)
            jericho_cap_delete(msg.cap);
        jericho_reply(label, out, (uint32_t)n, JERICHO_NO_CAP);
    }
    say("%u clients done (%u disconnected, %u dropped); %u messages in, %u out, %u redelivered",
        b.finished, b.disconnected, b.dropped, b.received, b.delivered, b.redelivered);
    return 0;
}
