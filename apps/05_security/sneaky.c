/* SPDX-License-Identifier: MIT */
/* sneaky.c: demo 05: a module that reaches for authority it was not given; every attempt is refused. */
#include <stdio.h>

#include "jericho.h"

static void outcome(const char *what, int32_t err)
{
    printf("sneaky: %s: %s\n", what, err < 0 ? jericho_error_name(err) : "ALLOWED");
}

int main(void)
{
    int32_t svc = jericho_handle("call:svc"), alarm = jericho_handle("wait:alarm");
    int32_t console = jericho_handle("console");
    /* Forged handles: numbers it was never given, its runner's own slot, nonsense. */
    outcome("print through forged handle 42", jericho_print(42, "x", 1));
    outcome("print through handle 63 (its runner's Reply)", jericho_print(63, "x", 1));
    outcome("print through handle -1", jericho_print(-1, "x", 1));
    outcome("print through handle 100000", jericho_print(100000, "x", 1));
    /* A missing right: alarm may be waited on, not signalled. */
    outcome("signal a notification it may only wait on", jericho_signal(alarm, 1));
    /* Passing a capability on needs GRANT on the endpoint; call:svc has none. */
    outcome("send its console capability to the server without grant",
            jericho_send(svc, 3, "take", 4, console, JERICHO_NOWAIT));
    /* A pointer outside its linear memory. */
    outcome("print from an address past its memory",
            jericho_print(console, (const void *)0x7ffffff0, 64));
    /* Capabilities it never had cannot be found by name either. */
    outcome("look up serve:svc", jericho_handle("serve:svc"));
    return 0;
}
