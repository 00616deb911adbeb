/* SPDX-License-Identifier: MIT */
/* flood.c: demo 05: a module that floods the server's endpoint; the flood is bounded and the others are served. */
#include <stdio.h>

#include "jericho.h"

/*
 * IPC is synchronous: a message moves only when the server is waiting for
 * one, and nothing queues in the kernel. So a flood of non-blocking sends
 * can take no kernel memory; most are refused at once (JX_EAGAIN), and the
 * few that land are counted and dropped by the server.
 */
#define FLOOD_SENDS 20000

int main(void)
{
    int32_t svc = jericho_handle("call:svc");
    unsigned sent = 0, refused = 0, other = 0;
    for (int i = 0; i < FLOOD_SENDS; i++) {
        int32_t err = jericho_send(svc, 7, "spam", 4, JERICHO_NO_CAP, JERICHO_NOWAIT);
        if (err == 0)
            sent++;
        else if (err == -JX_EAGAIN)
            refused++;
        else
            other++;
    }
    printf(
        "flood: %d non-blocking sends: %u delivered, %u refused (no receiver waiting), %u other\n",
        FLOOD_SENDS, sent, refused, other);
    return 0;
}
