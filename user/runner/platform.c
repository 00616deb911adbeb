/* SPDX-License-Identifier: MIT */
/* platform.c: the WASI platform of the OS runner: stdio on the console, clocks, sleep and random through capabilities. */
#include "frame.h"
#include "jx.h"
#include "platform.h"

/* The guest's stdio: 0 in, 1 out, 2 err. Nothing else is open (no files yet). */
enum { FD_STDIN = 0, FD_STDOUT = 1, FD_STDERR = 2 };
/* How long a stdin read waits between looks at the console's input: the
 * kernel's read takes what is buffered and never blocks. */
#define STDIN_POLL_NS 1000000ull

static uint64_t first_output_ns;
/* Standard input from the job (a file of the boot archive), or none: the console. */
static struct {
    const uint8_t *data;
    size_t size, pos;
    bool set, console_eof;
} in;

void platform_set_stdin(const uint8_t *data, size_t size)
{
    in.data = data;
    in.size = size;
    in.set = true;
}

static const runner_caps_t *caps_of(void *ud) { return ud; }

static uint16_t wasi_errno(jx_error_t e)
{
    switch (e) {
    case JX_OK: return WASI_ESUCCESS;
    case JX_EFAULT: return WASI_EFAULT;
    case JX_EINVAL: return WASI_EINVAL;
    case JX_EPERM:
    case JX_EBADSLOT:
    case JX_EEMPTY:
    case JX_ETYPE:
    case JX_ESTALE: return WASI_EBADF; /* the runner was not given the capability */
    default: return WASI_EIO;
    }
}

static bool has_esc(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] == FRAME_PREFIX[0])
            return true;
    return false;
}

/* Up to `cap` bytes of the iovecs, gathered at `to`; how many. */
static size_t gather(char *to, size_t cap, const wasi_iovec_t *iov, uint32_t niov)
{
    size_t len = 0;
    for (uint32_t i = 0; i < niov && len < cap; i++) {
        size_t n = iov[i].len < cap - len ? iov[i].len : cap - len;
        memcpy(to + len, iov[i].base, n);
        len += n;
    }
    return len;
}

/*
 * One console call per request: the iovecs are gathered into one write (a
 * line printed by wasi-libc's stdio arrives as two: the buffered text and
 * the rest), stderr's inside a frame (frame.h). At most a console write's
 * worth per call: a longer request is written short, and the WASI layer
 * asks again.
 */
static uint16_t console_write(void *ud, int fd, const wasi_iovec_t *iov, uint32_t niov,
                              size_t *done)
{
    static char buf[JX_DEBUG_WRITE_MAX];
    if (fd != FD_STDOUT && fd != FD_STDERR)
        return WASI_EBADF;
    size_t head = 0;
    size_t len = gather(buf + FRAME_HEADER_MAX, FRAME_MAX - FRAME_HEADER_MAX, iov, niov);
    if (fd == FD_STDERR || has_esc(buf + FRAME_HEADER_MAX, len))
        head = platform_frame_header(buf, fd, len);
    memmove(buf + head, buf + FRAME_HEADER_MAX, len);
    if (len == 0) {
        *done = 0;
        return 0;
    }
    if (!first_output_ns)
        first_output_ns = jx_now_ns() | 1; /* never 0: 0 means "not yet" */
    jx_error_t err = jx_console_write(caps_of(ud)->console, buf, head + len);
    if (err != JX_OK)
        return wasi_errno(err);
    *done = len;
    return 0;
}

size_t platform_frame_header(char *to, int fd, size_t len)
{
    return (size_t)snprintf(to, FRAME_HEADER_MAX, FRAME_PREFIX "%d;%zu]", fd, len);
}

/*
 * Standard input: the job's file, then end of file; or else the console,
 * where a terminal's Ctrl-D (0x04) ends the input as it does on a Unix
 * terminal, and its Enter (CR) reads as LF. A console read blocks until
 * there is input.
 */
static uint16_t console_read(void *ud, int fd, void *buf, size_t n, size_t *done)
{
    const runner_caps_t *c = caps_of(ud);
    if (fd != FD_STDIN)
        return WASI_EBADF;
    if (in.set) {
        size_t k = n < in.size - in.pos ? n : in.size - in.pos;
        memcpy(buf, in.data + in.pos, k);
        in.pos += k;
        *done = k;
        return 0;
    }
    if (in.console_eof) {
        *done = 0;
        return 0;
    }
    for (;;) {
        uint64_t r[6] = { c->console, (uintptr_t)buf,
                          n < JX_DEBUG_WRITE_MAX ? n : JX_DEBUG_WRITE_MAX };
        jx_error_t err = jx_syscall_regs(JX_SYS_CONSOLE_READ, r);
        if (err != JX_OK)
            return wasi_errno(err);
        if (r[1]) {
            char *p = buf;
            size_t k = 0;
            while (k < r[1] && p[k] != 0x04) {
                p[k] = p[k] == '\r' ? '\n' : p[k];
                k++;
            }
            in.console_eof = k < r[1]; /* what follows a Ctrl-D is dropped */
            *done = k;
            return 0;
        }
        err = jx_sleep_cap(c->clock, STDIN_POLL_NS);
        if (err != JX_OK)
            return wasi_errno(err);
    }
}

/*
 * REALTIME is the kernel's real-time clock (the machine's RTC at boot plus
 * the monotonic clock since); the monotonic clock stands in for the two
 * CPU-time clocks: the kernel keeps the task's CPU time, but reading it
 * needs the task's own Task capability.
 */
static uint16_t clock_now(void *ud, uint32_t id, uint64_t *ns)
{
    if (id > WASI_CLOCK_THREAD_CPUTIME)
        return WASI_EINVAL;
    uint32_t clock = caps_of(ud)->clock;
    return wasi_errno(id == WASI_CLOCK_REALTIME ? jx_clock_realtime_cap(clock, ns)
                                                : jx_clock_read_cap(clock, ns));
}

/* The kernel's clock counts nanoseconds from a fixed-rate counter (TSC or
 * the generic timer); 1 ns is what the interface promises, not the tick. */
static uint16_t clock_res(void *ud, uint32_t id, uint64_t *ns)
{
    (void)ud;
    if (id > WASI_CLOCK_THREAD_CPUTIME)
        return WASI_EINVAL;
    *ns = 1;
    return 0;
}

static uint16_t clock_sleep(void *ud, uint64_t ns)
{
    while (ns) {
        uint64_t step = ns < JX_SLEEP_MAX_NS ? ns : JX_SLEEP_MAX_NS;
        jx_error_t err = jx_sleep_cap(caps_of(ud)->clock, step);
        if (err != JX_OK)
            return wasi_errno(err);
        ns -= step;
    }
    return 0;
}

/* SplitMix64's finaliser: a bijection that spreads every input bit. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* The generator's 256 bits of state (xoshiro256**), from the task's seed. */
static uint64_t rng[4];

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/* xoshiro256** (Blackman and Vigna): fast, 2^256 - 1 period, well spread. */
static uint64_t rng_next(void)
{
    uint64_t out = rotl(rng[1] * 5, 7) * 9, t = rng[1] << 17;
    rng[2] ^= rng[0];
    rng[3] ^= rng[1];
    rng[1] ^= rng[2];
    rng[0] ^= rng[3];
    rng[2] ^= t;
    rng[3] = rotl(rng[3], 45);
    return out;
}

/*
 * random_get: xoshiro256** seeded from the 32 bytes the kernel's entropy
 * source (kernel/entropy.c: RDRAND / RNDR where the CPU has one, timer
 * jitter besides) wrote into this task's IPC buffer. What it is:
 * distinct, well-spread bytes for hash seeds and the like, different
 * between runs and tasks. What it is
 * NOT: a cryptographic generator (its output reveals its state), so a
 * module that needs keys must not rely on it (docs/SECURITY.md).
 */
static uint16_t random_fill(void *ud, void *buf, size_t n)
{
    (void)ud;
    uint8_t *p = buf;
    while (n) {
        uint64_t v = rng_next();
        for (int i = 0; i < 8 && n; i++, n--, v >>= 8)
            *p++ = (uint8_t)v;
    }
    return 0;
}

/* Seeds the generator: taken at start, before the module's IPC could reuse the buffer. */
static void rng_seed(void)
{
    for (int i = 0; i < 4; i++)
        rng[i] = mix64(jx_ipc_buffer()->seed[i] ^ (uint64_t)i);
    if (!(rng[0] | rng[1] | rng[2] | rng[3]))
        rng[0] = 1; /* the one state xoshiro cannot leave */
}

/* proc_exit: nothing here; the WASI layer's trap unwinds to main.c, which exits. */

void platform_init(wasi_platform_t *p, const runner_caps_t *caps)
{
    rng_seed();
    *p = (wasi_platform_t){
        .ud = (void *)caps,
        .write = console_write,
        .read = console_read,
        .clock_now = clock_now,
        .clock_res = clock_res,
        .random = random_fill,
        .sleep = clock_sleep,
    };
}

bool platform_first_output(uint64_t *ns)
{
    *ns = first_output_ns;
    return first_output_ns != 0;
}
