/* SPDX-License-Identifier: MIT */
/* rpc.h: how MQTT packets travel between the demo's clients and its broker over one IPC endpoint. */
#pragma once

/*
 * A client calls the broker's endpoint (jericho_call) with label
 * MQTT_RPC_PACKETS and zero or more complete MQTT packets as the data; the
 * broker answers each call with MQTT_RPC_PACKETS and the packets queued for
 * that client, as many as fit in one message (JERICHO_MSG_MAX bytes), or
 * with MQTT_RPC_REFUSED and no data when the caller has no session: it never
 * connected, it disconnected, or the broker dropped it for a malformed
 * packet. The call that carries a CONNECT also carries the client's
 * capability to signal its inbox notification; the broker signals it when it
 * queues packets for the client between its calls. apps/04_mqtt/README.md
 * has the whole design.
 */
#define MQTT_RPC_PACKETS 0u
#define MQTT_RPC_REFUSED 1u
/* Bytes in one request or answer: JERICHO_MSG_MAX (sdk/jericho.h). */
#define MQTT_RPC_MAX 4032u
