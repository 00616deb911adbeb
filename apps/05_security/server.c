/* SPDX-License-Identifier: MIT */
/* server.c: demo 05's honest server: answers its client's calls while hostile modules run beside it. */
#include <stdio.h>
#include <string.h>

#include "jericho.h"

/* Label 1: a call to answer; label 2: the client is done. Anything else is counted, not answered. */
int main(void)
{
    int32_t ep = jericho_handle("serve:svc");
    char buf[64], answer[64];
    jericho_msg_t msg;
    unsigned answered = 0, other = 0;
    for (;;) {
        int32_t err = jericho_recv(ep, buf, sizeof buf - 1, &msg, JERICHO_FOREVER);
        if (err) {
            printf("server: recv failed: %s\n", jericho_error_name(err));
            return 1;
        }
        if (msg.label == 2)
            break;
        if (msg.label != 1) {
            other++;
            continue;
        }
        buf[msg.len < sizeof buf - 1 ? msg.len : sizeof buf - 1] = 0;
        int n = snprintf(answer, sizeof answer, "pong (%s)", buf);
        jericho_reply(1, answer, (uint32_t)n, JERICHO_NO_CAP);
        answered++;
    }
    printf(
        "server: answered %u calls from badge %llu; %u other messages were counted and dropped\n",
        answered, (unsigned long long)msg.badge, other);
    return 0;
}
