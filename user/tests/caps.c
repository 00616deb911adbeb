/* SPDX-License-Identifier: MIT */
/* caps.c: forged, stale and wrong-type handles and missing rights each get their own error, and the task goes on; returns the failure count. */
#include "jx.h"

/* The harness's slots: 0 console (write), 1 clock (read), 2 endpoint (RWG), 4 notification (RW). */
enum { EP = 2, NTFN = 4 };

static int failures;

static void expect(const char *what, jx_error_t got, jx_error_t want)
{
    printf("caps: %-44s -> %2d %s\n", what, (int)got, got == want ? "ok" : "WRONG");
    if (got != want)
        failures++;
}

static void expect_true(const char *what, int ok)
{
    printf("caps: %-44s -> %s\n", what, ok ? "ok" : "WRONG");
    if (!ok)
        failures++;
}

static jx_error_t send_nb(uint32_t ep, unsigned ncaps)
{
    struct jx_msg m = { JX_MSG_INFO(0, 0, ncaps), { 1, 2, 3 }, 0 };
    return jx_send(ep, &m, JX_TIMEOUT_NONE);
}

static jx_error_t recv_nb(uint32_t ep)
{
    struct jx_msg m;
    return jx_recv(ep, JX_CAP_NONE, &m, JX_TIMEOUT_NONE);
}

static void forged_handles(void)
{
    unsigned type, rights;
    uint64_t badge, ns;
    expect("identify(console)", jx_cap_identify(0, &type, &rights, &badge), JX_OK);
    expect_true("console: type 1, rights W, no badge",
                type == JX_OBJ_CONSOLE && rights == JX_RIGHT_WRITE && badge == 0);
    expect("identify(64): out of range", jx_cap_identify(64, &type, &rights, &badge), JX_EBADSLOT);
    expect("identify(2^40): out of range",
           (jx_error_t)jx_syscall(JX_SYS_CAP_IDENTIFY, 1ull << 40, 0, 0, 0, 0, 0), JX_EBADSLOT);
    expect("identify(10): empty slot", jx_cap_identify(10, &type, &rights, &badge), JX_EEMPTY);
    expect("console_write(10): empty slot", jx_console_write(10, "x", 1), JX_EEMPTY);
    expect("console_write(clock): wrong type", jx_console_write(1, "x", 1), JX_ETYPE);
    expect("clock_read(console): wrong type", jx_clock_read_cap(0, &ns), JX_ETYPE);
    expect("clock_read(clock, clock 2): no such clock",
           (jx_error_t)jx_syscall(JX_SYS_CLOCK_READ, 1, (uint64_t)(uintptr_t)&ns, 2, 0, 0, 0),
           JX_EINVAL);
    /* QEMU sets the RTC from the host's clock: after 2026-01-01 UTC. */
    expect("clock_realtime(clock)", jx_clock_realtime_cap(1, &ns), JX_OK);
    expect_true("real time is past 2026-01-01", ns / 1000000000u >= 1767225600u);
    expect("send(notification): wrong type", send_nb(NTFN, 0), JX_ETYPE);
    expect("signal(endpoint): wrong type", jx_signal(EP, 1), JX_ETYPE);
    expect("copy(ep -> 20)", jx_cap_copy(EP, 20, JX_RIGHTS_ALL), JX_OK);
    expect("copy(20 -> 21)", jx_cap_copy(20, 21, JX_RIGHTS_ALL), JX_OK);
    expect("revoke(20)", jx_cap_revoke(20), JX_OK);
    expect("identify(21): revoked, stale", jx_cap_identify(21, &type, &rights, &badge), JX_ESTALE);
    expect("send(21): stale", send_nb(21, 0), JX_ESTALE);
    expect("identify(20): the revoked one stays", jx_cap_identify(20, &type, &rights, &badge),
           JX_OK);
    expect("delete(21): clears the stale slot", jx_cap_delete(21), JX_OK);
    expect("identify(21): now empty", jx_cap_identify(21, &type, &rights, &badge), JX_EEMPTY);
    expect("delete(20)", jx_cap_delete(20), JX_OK);
    expect("send(20): deleted, empty", send_nb(20, 0), JX_EEMPTY);
}

static void missing_rights(void)
{
    unsigned type, rights;
    uint64_t badge, ns, bits;
    expect("copy(console -> 22, R): rights R&W = none", jx_cap_copy(0, 22, JX_RIGHT_READ), JX_OK);
    expect("console_write(22): no write right", jx_console_write(22, "x", 1), JX_EPERM);
    expect("copy(clock -> 23, W)", jx_cap_copy(1, 23, JX_RIGHT_WRITE), JX_OK);
    expect("clock_read(23): no read right", jx_clock_read_cap(23, &ns), JX_EPERM);
    expect("copy(ep -> 24, R)", jx_cap_copy(EP, 24, JX_RIGHT_READ), JX_OK);
    expect("send(24): no write right", send_nb(24, 0), JX_EPERM);
    expect("copy(ep -> 25, W)", jx_cap_copy(EP, 25, JX_RIGHT_WRITE), JX_OK);
    expect("recv(25): no read right", recv_nb(25), JX_EPERM);
    expect("send(25, 1 cap): no grant right", send_nb(25, 1), JX_EPERM);
    jx_ipc_buffer()->send_caps[0] = 0;
    expect("send(ep, 1 cap) with grant: nobody waits", send_nb(EP, 1), JX_EAGAIN);
    jx_ipc_buffer()->send_caps[0] = 40;
    expect("send(ep, cap in empty slot 40)", send_nb(EP, 1), JX_EEMPTY);
    expect("send(ep, 5 caps): too many", send_nb(EP, 5), JX_EINVAL);
    expect("copy(ntfn -> 26, R)", jx_cap_copy(NTFN, 26, JX_RIGHT_READ), JX_OK);
    expect("signal(26): no write right", jx_signal(26, 1), JX_EPERM);
    expect("copy(ntfn -> 27, W)", jx_cap_copy(NTFN, 27, JX_RIGHT_WRITE), JX_OK);
    expect("poll(27): no read right", jx_poll(27, &bits), JX_EPERM);
    expect("copy(ep -> 24): slot taken", jx_cap_copy(EP, 24, JX_RIGHTS_ALL), JX_EEXIST);
    expect("copy(ep -> 64): out of range", jx_cap_copy(EP, 64, JX_RIGHTS_ALL), JX_EBADSLOT);
    expect("copy(ep -> 30, rights 0x100)", jx_cap_copy(EP, 30, 0x100), JX_EINVAL);
    expect("mint(ep -> 30, badge 5)", jx_cap_mint(EP, 30, JX_RIGHT_WRITE, 5), JX_OK);
    expect("identify(30)", jx_cap_identify(30, &type, &rights, &badge), JX_OK);
    expect_true("minted: endpoint, W, badge 5",
                type == JX_OBJ_ENDPOINT && rights == JX_RIGHT_WRITE && badge == 5);
    expect("mint(30 -> 31): re-badging refused", jx_cap_mint(30, 31, JX_RIGHT_WRITE, 6), JX_EPERM);
    expect("copy(30 -> 31, all): keeps badge and W", jx_cap_copy(30, 31, JX_RIGHTS_ALL), JX_OK);
    jx_cap_identify(31, &type, &rights, &badge);
    expect_true("copy: badge 5, rights W only", badge == 5 && rights == JX_RIGHT_WRITE);
    expect("move(31 -> 32)", jx_cap_move(31, 32), JX_OK);
    expect("identify(31): moved away", jx_cap_identify(31, &type, &rights, &badge), JX_EEMPTY);
    expect("revoke(30): reaches the moved child", jx_cap_revoke(30), JX_OK);
    expect("identify(32): stale", jx_cap_identify(32, &type, &rights, &badge), JX_ESTALE);
}

static void waits(void)
{
    uint64_t bits = 0, t0;
    struct jx_msg m;
    expect("poll(ntfn): nothing pending", jx_poll(NTFN, &bits), JX_EAGAIN);
    expect("signal(ntfn, 0x5)", jx_signal(NTFN, 0x5), JX_OK);
    expect("signal(ntfn, 0x30)", jx_signal(NTFN, 0x30), JX_OK);
    expect("poll(ntfn)", jx_poll(NTFN, &bits), JX_OK);
    expect_true("poll: bits 0x35, ORed", bits == 0x35);
    expect("poll(ntfn): cleared", jx_poll(NTFN, &bits), JX_EAGAIN);
    t0 = jx_now_ns();
    expect("wait(ntfn, 5 ms)", jx_wait(NTFN, &bits, 5000000), JX_ETIMEDOUT);
    expect_true("wait: not early", jx_now_ns() - t0 >= 5000000);
    t0 = jx_now_ns();
    expect("clock_arm(ntfn, 5 ms, 0x40)", jx_clock_arm(JX_SLOT_CLOCK, NTFN, 5000000, 0x40), JX_OK);
    expect("wait(ntfn): the clock signals", jx_wait(NTFN, &bits, JX_TIMEOUT_FOREVER), JX_OK);
    expect_true("clock signal: bits 0x40, not early", bits == 0x40 && jx_now_ns() - t0 >= 5000000);
    expect("clock_arm(26: ntfn without write)", jx_clock_arm(JX_SLOT_CLOCK, 26, 1000, 1), JX_EPERM);
    /* 50 ms, far more than printing the line between arm and disarm takes
     * on a loaded emulator (1 ms was not always), then waiting past it. */
    expect("clock_arm(ntfn, 50 ms), then disarm", jx_clock_arm(JX_SLOT_CLOCK, NTFN, 50000000, 1),
           JX_OK);
    expect("clock_arm(ntfn, 0): disarm", jx_clock_arm(JX_SLOT_CLOCK, NTFN, 0, 0), JX_OK);
    expect("wait(ntfn, 80 ms): nothing comes", jx_wait(NTFN, &bits, 80000000), JX_ETIMEDOUT);
    expect("recv(ep): nobody sends", recv_nb(EP), JX_EAGAIN);
    t0 = jx_now_ns();
    expect("recv(ep, 10 ms)", jx_recv(EP, JX_CAP_NONE, &m, 10000000), JX_ETIMEDOUT);
    expect_true("recv: not early", jx_now_ns() - t0 >= 10000000);
}

int64_t main(uint64_t arg)
{
    (void)arg;
    forged_handles();
    missing_rights();
    waits();
    printf("caps: %d failures\n", failures);
    return failures;
}
