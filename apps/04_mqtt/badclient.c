/* SPDX-License-Identifier: MIT */
/* badclient.c: a client that sends the broker a malformed packet and is dropped, while the others go on. */
#include <string.h>

#include "lib/client.h"

static void on_packet(client_t *c, const mqtt_packet_t *p)
{
    if (p->type == MQTT_CONNACK && p->connack.code == MQTT_CONNACK_ACCEPTED)
        client_say(c, "connected");
    else
        client_say(c, "got %s", mqtt_type_name(p->type));
}

/* The answer to a call that should be refused, said in one line. */
static void say_refused(client_t *c, const char *what, int rc)
{
    if (rc == CLIENT_REFUSED)
        client_say(c, "%s: refused by the broker (no session)", what);
    else
        client_say(c, "%s: not refused (%d)", what, rc);
}

int main(int argc, char **argv)
{
    (void)argc;
    client_t c = { .name = argv[0] }; /* not static: see subscriber.c */
    if (!client_init(&c, argv[0], on_packet, NULL))
        return 1;
    client_queue_connect(&c);
    if (client_exchange(&c, true) < 0)
        return 1;
    /*
     * A SUBSCRIBE whose fixed header has flags 0000: [MQTT-3.8.1-1] says
     * they are 0010 and a server must treat anything else as malformed and
     * close the connection. The bytes are written by hand because the
     * encoder always sets them right.
     */
    static const uint8_t bad[] = { 0x80, 8, 0x00, 0x01, 0x00, 0x03, 'a', '/', 'b', 0x00 };
    memcpy(c.out, bad, sizeof bad);
    c.out_len = sizeof bad;
    client_say(&c, "sending SUBSCRIBE with reserved flags 0000 (must be 0010)");
    say_refused(&c, "SUBSCRIBE", client_exchange(&c, false));
    mqtt_packet_t ping = { .type = MQTT_PINGREQ };
    client_queue(&c, &ping);
    say_refused(&c, "PINGREQ after that", client_exchange(&c, false));
    return 0;
}
