/* SPDX-License-Identifier: MIT */
/* manifest_test.c: the system manifest parser (user/root/manifest.c). */
#include <stdlib.h>

#include "../../user/root/manifest.h"
#include "hosttest.h"

static manifest_t mf; /* large: static, not on the stack */

static bool parse(const char *text, mf_error_t *err)
{
    return manifest_parse(text, strlen(text), &mf, err);
}

/* The text fails at `line` with a message containing `want`. */
static void expect_error(const char *text, uint32_t line, const char *want)
{
    mf_error_t err;
    HT_CHECK(!parse(text, &err));
    HT_CHECK(err.line == line);
    if (!strstr(err.message, want)) {
        ht_failures++;
        fprintf(stderr, "FAIL: for %s: message \"%s\" (line %u) lacks \"%s\"\n", text, err.message,
                err.line, want);
    }
}

static void test_full(void)
{
    const char *text =
        "# the MQTT demo\n"
        "\n"
        "module broker file=mqtt_broker.wasm priority=10 memory=2MiB cpu=5ms/50ms "
        "caps=console,serve:mqtt\n"
        "module pub  file=mqtt_pub.wasm priority=5 caps=console,call+grant:mqtt,clock restart=3 "
        "backoff=20ms  # comment\n"
        "module calc file=add.wasm invoke=\"add 2 40\" invoke=fac caps=call:mqtt program=spec.elf\n"
        "  module sub file=\"sub.wasm\" args=\"--topic a/# -v\" env=MODE=fast env=\"X=y z\" "
        "stdin=in.txt\n";
    mf_error_t err;
    HT_CHECK(parse(text, &err));
    HT_CHECK(mf.nmodules == 4);
    const mf_module_t *b = &mf.modules[0], *p = &mf.modules[1], *s = &mf.modules[3];
    const mf_module_t *c = &mf.modules[2];
    HT_CHECK(mf_str_eq(c->program, "spec.elf") && b->program.len == 0);
    HT_CHECK(c->ninvoke == 2 && mf_str_eq(c->invoke[0], "add 2 40") &&
             mf_str_eq(c->invoke[1], "fac"));
    HT_CHECK(c->ncaps == 1 && c->caps[0].kind == MF_CAP_CALL && !c->caps[0].grant);
    HT_CHECK(p->caps[1].grant && !b->caps[1].grant);
    HT_CHECK(mf_str_eq(b->name, "broker") && mf_str_eq(b->file, "mqtt_broker.wasm"));
    HT_CHECK(b->line == 3 && b->priority == 10 && b->memory == 2u << 20);
    HT_CHECK(b->cpu_budget == 5000 && b->cpu_period == 50000);
    HT_CHECK(b->ncaps == 2 && b->caps[0].kind == MF_CAP_CONSOLE && b->caps[1].kind == MF_CAP_SERVE);
    HT_CHECK(mf_str_eq(b->caps[1].name, "mqtt"));
    HT_CHECK(p->restart == 3 && p->backoff == 20000 && p->ncaps == 3);
    HT_CHECK(p->caps[1].kind == MF_CAP_CALL && mf_str_eq(p->caps[1].name, "mqtt"));
    HT_CHECK(p->caps[2].kind == MF_CAP_CLOCK && p->caps[2].name.len == 0);
    HT_CHECK(s->priority == MF_DEFAULT_PRIORITY && s->memory == MF_DEFAULT_MEMORY);
    HT_CHECK(s->cpu_budget == 0 && s->restart == 0 && s->backoff == MF_DEFAULT_BACKOFF);
    HT_CHECK(mf_str_eq(s->file, "sub.wasm") && mf_str_eq(s->stdin_file, "in.txt"));
    HT_CHECK(s->nargs == 3 && mf_str_eq(s->args[0], "--topic") && mf_str_eq(s->args[1], "a/#") &&
             mf_str_eq(s->args[2], "-v"));
    HT_CHECK(s->nenv == 2 && mf_str_eq(s->env[0], "MODE=fast") && mf_str_eq(s->env[1], "X=y z"));
}

static void test_errors(void)
{
    expect_error("", 1, "no module");
    expect_error("# nothing\n\n", 1, "no module");
    expect_error("modul a file=x", 1, "expected 'module NAME");
    expect_error("module\n", 1, "needs a name");
    expect_error("module a/b file=x\n", 1, "needs a name");
    expect_error("module a priority=3\n", 1, "'a' has no file=");
    expect_error("module a file=x\nmodule b file=y prioirty=3\n", 2, "unknown key 'prioirty'");
    expect_error("module a file=x invoke=\"\"\n", 1, "is not \"EXPORT ARG...\"");
    expect_error("module a file=x caps=grant:db\n", 1, "unknown capability 'grant:db'");
    expect_error("module a file=x priority=0", 1, "priority '0'");
    expect_error("module a file=x priority=256", 1, "priority '256'");
    expect_error("module a file=x priority=12x", 1, "priority '12x'");
    expect_error("module a file=x memory=2MB", 1, "memory '2MB'");
    expect_error("module a file=x memory=1KiB", 1, "at least 64KiB");
    expect_error("module a file=x memory=99999999999999999999GiB", 1, "memory");
    expect_error("module a file=x cpu=5ms", 1, "BUDGET/PERIOD");
    expect_error("module a file=x cpu=50ms/5ms", 1, "BUDGET/PERIOD");
    expect_error("module a file=x cpu=0ms/5ms", 1, "BUDGET/PERIOD");
    expect_error("module a file=x caps=console,,clock", 1, "empty capability");
    expect_error("module a file=x caps=disk", 1, "unknown capability 'disk'");
    expect_error("module a file=x caps=serve", 1, "needs a name");
    expect_error("module a file=x caps=console:x", 1, "takes no name");
    expect_error("module a file=x caps=call:db", 1, "no module serves endpoint 'db'");
    expect_error("module a file=x caps=serve:db\nmodule b file=y caps=serve:db\n", 1,
                 "served by more than one");
    expect_error("module a file=x\nmodule a file=y\n", 2, "'a' is declared twice");
    expect_error("module a file=\"x\n", 1, "unterminated quote");
    expect_error("module a file=x env=NOVALUE", 1, "NAME=VALUE");
    expect_error("module a file=x junk", 1, "KEY=VALUE, not 'junk'");
    expect_error("module a file=x restart=-1", 1, "restart '-1'");
    expect_error("module a file=x backoff=10", 1, "backoff '10'");
}

/* dir=GUEST:NAME[:ro|:rw] and service=: preopens served by a file server. */
static void test_dirs(void)
{
    mf_error_t err;
    const char *text =
        "module app file=a.wasm caps=console dir=/data:fs dir=.:fs:ro dir=c:\\x:fs2:rw\n"
        "module fs program=fs.elf file=t.img service=yes caps=serve:fs\n"
        "module fs2 program=fs.elf file=u.img service=no caps=serve:fs2\n";
    HT_CHECK(parse(text, &err));
    const mf_module_t *a = &mf.modules[0];
    HT_CHECK(a->ncaps == 4 && a->caps[1].kind == MF_CAP_DIR && !a->service);
    HT_CHECK(mf_str_eq(a->caps[1].guest, "/data") && mf_str_eq(a->caps[1].name, "fs") &&
             !a->caps[1].readonly);
    HT_CHECK(mf_str_eq(a->caps[2].guest, ".") && a->caps[2].readonly);
    HT_CHECK(mf_str_eq(a->caps[3].guest, "c:\\x") && mf_str_eq(a->caps[3].name, "fs2") &&
             !a->caps[3].readonly);
    HT_CHECK(mf.modules[1].service && !mf.modules[2].service);
    expect_error("module a file=x\nmodule b file=y dir=/data\n", 2, "is not GUEST:NAME[:ro|:rw]");
    expect_error("module a file=x dir=:fs\n", 1, "is not GUEST:NAME");
    expect_error("module a file=x dir=/d:\n", 1, "is not GUEST:NAME");
    expect_error("module a file=x dir=/d:f/s\n", 1, "is not GUEST:NAME");
    expect_error("module a file=x dir=/d:fs:ro\n", 1, "no module serves endpoint 'fs'");
    expect_error("module a file=x service=maybe\n", 1, "service 'maybe' is not yes or no");
}

/* Limits are errors, never overflows. */
static void test_limits(void)
{
    static char text[65536];
    size_t n = 0;
    for (int i = 0; i < 65; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "module m%d file=x\n", i);
    expect_error(text, 65, "more than 64 modules");
    n = (size_t)snprintf(text, sizeof text, "module a file=x caps=");
    for (int i = 0; i < 17; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%sclock", i ? "," : "");
    expect_error(text, 1, "more than 16 capabilities");
    n = (size_t)snprintf(text, sizeof text, "module a file=x args=\"");
    for (int i = 0; i < 33; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "a%d ", i);
    snprintf(text + n, sizeof text - n, "\"");
    expect_error(text, 1, "more than 32 arguments");
}

/* Random bytes: an error or a result, never a crash (ASan watches). */
static void test_random(void)
{
    static const char alphabet[] = "module ab=\"#\n\t,:/0123456789msKiBfilecapsconsoleserve";
    char text[256];
    mf_error_t err;
    srand(1);
    for (int round = 0; round < 20000; round++) {
        size_t len = (size_t)(rand() % (int)sizeof text);
        for (size_t i = 0; i < len; i++)
            text[i] = alphabet[rand() % (int)(sizeof alphabet - 1)];
        if (!manifest_parse(text, len, &mf, &err))
            HT_CHECK(err.message[0] != '\0' && err.line >= 1);
    }
}

int main(void)
{
    test_full();
    test_errors();
    test_dirs();
    test_limits();
    test_random();
    return ht_finish("manifest_test");
}
