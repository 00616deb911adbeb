/* SPDX-License-Identifier: MIT */
/* client.c: demo 05's bystander: calls the server and gets every answer, whatever the hostile modules do. */
#include <stdio.h>
#include <string.h>

#include "jericho.h"

int main(void)
{
    int32_t ep = jericho_handle("call:svc");
    char req[32], reply[64];
    jericho_msg_t msg;
    for (int i = 1; i <= 5; i++) {
        int n = snprintf(req, sizeof req, "ping %d", i);
        int32_t err =
            jericho_call(ep, 1, req, (uint32_t)n, JERICHO_NO_CAP, reply, sizeof reply - 1, &msg);
        if (err) {
            printf("client: call %d failed: %s\n", i, jericho_error_name(err));
            return 1;
        }
        reply[msg.len < sizeof reply - 1 ? msg.len : sizeof reply - 1] = 0;
        printf("client: %s -> %s\n", req, reply);
    }
    jericho_send(ep, 2, "bye", 3, JERICHO_NO_CAP, JERICHO_FOREVER);
    printf("client: all 5 calls answered\n");
    return 0;
}
