#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# report.py: make bench's results.tsv -> the summary section of BENCHMARKS.md and its PNG charts (gnuplot).
"""usage: bench/report.py RESULTS.tsv MACHINE.txt REPORT.md CHART_DIR [CHART_LINK_PREFIX]

Reads the results (columns: bench/README.md) and the machine description
(one "key: value" a line), draws the charts into CHART_DIR with gnuplot
(kernel.png, engine.png, realworld.png, os.png) and puts the summary between
"<!-- keep: bench-summary -->" markers at the top of REPORT.md, replacing an
older one and keeping everything else. CHART_LINK_PREFIX is how REPORT.md
reaches CHART_DIR (default: the directory as given). Exit 1 on a malformed
results file or when gnuplot fails. BENCH_NO_CHARTS=1 skips the charts (the
tooling test where gnuplot, a make bench dependency only, is not installed).
"""
import os
import subprocess
import sys

BEGIN, END = "<!-- keep: bench-summary -->", "<!-- /keep: bench-summary -->"
COLUMNS = ["name", "arch", "value", "unit", "spread"]
ARCHES = ["x86_64", "aarch64"]

# Kernel figures: name, what it is, reference, target on x86-64 (a number of
# instructions the median must not exceed, or None).
KERNEL = [
    ("syscall_entry_exit_floor", "syscall entry + exit floor (an unknown number: `JX_ENOSYS` at once)", "", None),
    ("null_syscall", "null syscall (`cap_identify`)",
     "original: \"94 ns\" (a function call inside ring 0, not reproducible)", 60),
    ("ipc_call_roundtrip", "IPC call + reply_recv round trip, two address spaces (fast path)",
     "seL4 fast path ≈ 720–770 cycles round trip on Skylake (call ≈ 375, reply ≈ 382)", 400),
    ("ipc_call_cap_transfer", "the same with one capability transfer (slow path; the server deletes it)", "", None),
    ("ipc_send_oneway", "one-way IPC: `send` to a waiting `recv`, per message",
     "original: \"11.9 M msgs/s\" ≈ 84 ns a message (not reproducible)", None),
    ("ntfn_signal_wait", "notification signal → wait (half a ping-pong between two tasks)", "", None),
    ("yield_pingpong", "yield ping-pong between two tasks, per switch", "", None),
    ("map_unmap_page", "map + unmap of one page (`aspace_map`, `aspace_unmap`)", "", None),
    ("task_create_destroy", "task create + destroy (1-page ELF, never started; the kernel's \"killed\" line included)", "", None),
    ("timer_to_user_ntfn", "timer interrupt → user notification (deadline to the woken task's clock read)", "", None),
]

# What the issue asks for that make bench cannot measure yet, and why.
NOT_MEASURED = [
    "cycles and messages per second: the only KVM on these hosts is kvm_pvm, which cannot run "
    "user mode (docs/kernel-core.md); every kernel figure is in emulated instructions",
    "a WASI `fd_write` to a null sink on the OS: the OS has no null device; the figures above are "
    "the console and a file on the file server (hosted: /dev/null and a file)",
    "the boot image with the demos: the demos' modules come in a boot archive beside the kernel "
    "image (`-initrd`), whose size is not added to the image's",
    "memory of an idle module after instantiation: the figure above is a runner task as created, "
    "before its module is loaded (its bss, the heap included, is mapped as it is touched)",
    "the rest of bench/engine and the real-world suite inside the OS: under TCG a program runs "
    "about 15 times its hosted time (crc32: 34 s a run against 2.2 s), too long for one "
    "make bench on both arches; fib, sieve and SQLite stand for them",
]


def die(msg):
    print("report.py: " + msg, file=sys.stderr)
    sys.exit(1)


def read_results(path):
    rows = {}
    with open(path) as f:
        lines = [l.rstrip("\n") for l in f if l.strip()]
    if not lines or lines[0].split("\t") != COLUMNS:
        die(f"{path}: the first line must be the header {' '.join(COLUMNS)}")
    for i, line in enumerate(lines[1:], 2):
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            die(f"{path}:{i}: {len(cells)} columns, not {len(COLUMNS)}")
        row = dict(zip(COLUMNS, cells))
        # The spread is "P10..P90", or "-" for a single reading.
        spread = row["spread"].split("..") if row["spread"] != "-" else [row["value"]] * 2
        try:
            row["median"] = float(row["value"])
            row["p10"], row["p90"] = (float(x) for x in spread)
        except ValueError:
            die(f"{path}:{i}: a value or spread that is not a number (or P10..P90)")
        rows[(row["name"], row["arch"])] = row
    return rows


def read_machine(path):
    meta = {}
    with open(path) as f:
        for line in f:
            if ":" in line:
                k, v = line.split(":", 1)
                meta[k.strip()] = v.strip()
    return meta


def num(v):
    """Integers from 100 up (instruction counts, bytes), three significant digits below."""
    if abs(v) >= 100:
        return f"{round(v):,}".replace(",", " ")
    return f"{v:.3g}"


def fig(rows, name, arch, scale=1.0, unit=""):
    """'median (p10–p90)' or a dash when the figure is missing."""
    r = rows.get((name, arch))
    if not r:
        return "—"
    m, lo, hi = r["median"] * scale, r["p10"] * scale, r["p90"] * scale
    s = num(m) + unit
    if num(lo) != num(hi):
        s += f" ({num(lo)}–{num(hi)})"
    return s


def status(rows, name, target):
    r = rows.get((name, "x86_64"))
    if target is None:
        return ""
    if not r:
        return f"≤ {target} — not measured"
    return f"≤ {target} — " + ("met" if r["median"] <= target else "**missed**")


def goal_status(rows, name, met):
    """'met', '**missed**' or 'not measured' for a goal both arches' figures must meet."""
    verdicts = []
    for arch, label in (("x86_64", "x86-64"), ("aarch64", "arm64")):
        r = rows.get((name, arch))
        verdicts.append((label, "not measured" if not r else "met" if met(r["median"]) else "**missed**"))
    if verdicts[0][1] == verdicts[1][1]:
        return verdicts[0][1]
    return ", ".join(f"{label} {v}" for label, v in verdicts)


def kernel_section(rows, out):
    out += ["## Kernel (guest instructions under QEMU TCG, `-icount shift=0`: emulated, not cycles)", "",
            "Each figure: guest instructions per operation, user stub to user stub, median of 10 runs",
            "of 2 000 operations (200 for task create, 20 for the timer) in fresh tasks, the first",
            "run dropped as warm-up (kernel/ktest_bench.c: user/tests/ipcbench.c, user/tests/sysbench.c);",
            "(p10–p90) when the runs differ. Under `-icount shift=0` every instruction advances the",
            "virtual clock by 1 ns, so the programs' clock readings are instruction counts; a loop of 4",
            "instructions reads " + fig(rows, "kernel.calibration_4_insn_loop", "x86_64") +
            " on x86-64 and " + fig(rows, "kernel.calibration_4_insn_loop", "aarch64") +
            " on arm64. Instructions are not cycles: the references below are",
            "in cycles or nanoseconds on real hardware and are set beside ours, not against them.", "",
            "| operation | x86-64 | arm64 | reference | target (x86-64 instructions) |",
            "|---|---:|---:|---|---|"]
    for name, what, ref, target in KERNEL:
        out.append(f"| {what} | {fig(rows, 'kernel.' + name, 'x86_64')} | "
                   f"{fig(rows, 'kernel.' + name, 'aarch64')} | {ref} | {status(rows, 'kernel.' + name, target)} |")
    one = rows.get(("kernel.ipc_send_oneway", "x86_64"))
    out += [""]
    if one:
        est = 3e9 / one["median"] / 1e6
        out += [f"One-way IPC against the original's 11.9 M msgs/s: {num(one['median'])} instructions a",
                f"message on x86-64. Messages per second need a real CPU (no KVM that runs user mode",
                f"here); as an estimate only, a core retiring 3 G instructions/s would pass",
                f"**≈ {est:.1f} M msgs/s** — " + ("above" if est > 11.9 else "below") +
                " the claim, which nobody can reproduce.", ""]
    out += ["![kernel operations](CHARTS/kernel.png)", ""]


def system_section(rows, out):
    def mi(name, arch):
        return fig(rows, name, arch, 1e-6, " M")

    def kib(name, arch):
        return fig(rows, name, arch, 1 / 1024, " KiB")
    out += ["## System", "",
            "Boot and module figures: `test=wasm-time` (the runner on the hello module) under",
            "`-icount shift=0`, in millions of guest instructions (3 boots, identical); module spawn",
            "and `fd_write` timed by the modules themselves (bench/os/) with the OS's clock under",
            "`-icount shift=0`, so in guest instructions too (M: millions); `jericho run` by the wall",
            "clock under plain TCG, QEMU's start included; the hosted references in host nanoseconds.", "",
            "| figure | x86-64 | arm64 | reference / goal |", "|---|---:|---:|---|",
            f"| kernel entry → banner (`kernel_main`) | {mi('system.boot', 'x86_64')} | {mi('system.boot', 'aarch64')} | original: \"~100 ms boot\"; ours at one instruction a nanosecond (an estimate): {fig(rows, 'system.boot', 'x86_64', 1e-6, ' ms')} / {fig(rows, 'system.boot', 'aarch64', 1e-6, ' ms')} |",
            f"| kernel entry → the module's first output (bounds its first wasm instruction) | {mi('system.first_output', 'x86_64')} | {mi('system.first_output', 'aarch64')} | |",
            f"| module spawn, part 1: runner task created (ELF's file pages loaded; its bss, the heap included, is mapped as it is touched) to its first instruction | {mi('system.runner_create', 'x86_64')} | {mi('system.runner_create', 'aarch64')} | |",
            f"| module spawn, part 2: runner start → first output (load, validate, translate, instantiate, WASI, `_start`) | {mi('system.runner_to_output', 'x86_64')} | {mi('system.runner_to_output', 'aarch64')} | |",
            f"| `jericho run hello.wasm`, wall ms (TCG, QEMU start included) | {fig(rows, 'system.jericho_run_hello', 'x86_64')} | {fig(rows, 'system.jericho_run_hello', 'aarch64')} | hosted (`--host`): {fig(rows, 'system.jericho_run_host_hello', 'x86_64')} ms |",
            f"| module spawn by the root, small module ({fig(rows, 'size.spawn_small_wasm', 'x86_64', 1 / 1024, ' KiB')} of wasm): task + address space + runner + load, validate, translate, instantiate, up to `main` (plus the previous run's end; bench/os.sh) | {mi('os.spawn_small', 'x86_64')} | {mi('os.spawn_small', 'aarch64')} | |",
            f"| the same, 1 MiB module ({fig(rows, 'size.spawn_1mib_wasm', 'x86_64', 1 / 1024, ' KiB')} of wasm, 1 MiB of it a data segment) | {mi('os.spawn_1mib', 'x86_64')} | {mi('os.spawn_1mib', 'aarch64')} | |",
            f"| WASI `fd_write` of one byte from wasm, guest instructions per call, to the console (the OS has no null device) | {fig(rows, 'os.fd_write_console', 'x86_64')} | {fig(rows, 'os.fd_write_console', 'aarch64')} | hosted, to /dev/null: {fig(rows, 'os.fd_write_host_null', 'x86_64')} ns |",
            f"| the same to a file on the file server (a `--dir` preopen: one IPC to the server a call) | {fig(rows, 'os.fd_write_file', 'x86_64')} | {fig(rows, 'os.fd_write_file', 'aarch64')} | hosted, to a file: {fig(rows, 'os.fd_write_host_file', 'x86_64')} ns |",
            f"| memory per module (a runner task as created, its module not yet loaded) | {fig(rows, 'system.module_memory', 'x86_64', 1, ' KiB')} | {fig(rows, 'system.module_memory', 'aarch64', 1, ' KiB')} | |",
            f"| runner tasks created in a 512 MiB VM before memory or the kernel's 1 024 threads ran out | {fig(rows, 'system.modules_in_512mib', 'x86_64')} | {fig(rows, 'system.modules_in_512mib', 'aarch64')} | goal ≥ 1 000 — " +
            goal_status(rows, "system.modules_in_512mib", lambda v: v >= 1000) + " |",
            "", "Sizes (bytes) of the production kernel, the one `make run` and `jericho run` boot (the boot tests are in a test kernel of their own), apart from the program embedded in it:", "",
            "| | x86-64 | arm64 | goal / reference |", "|---|---:|---:|---|"]
    for name, what, goal in [
            ("size.kernel_text", "kernel .text", ""),
            ("size.kernel_text_boot_tests", "what the boot tests (kernel/ktest*.c) add, in the test kernel only (kernel-test.elf)", ""),
            ("size.kernel_rodata", "kernel .rodata (without the embedded programs)", ""),
            ("size.kernel_data", "kernel .data (x86-64: with .boot.data)", ""),
            ("size.kernel_bss", "kernel .bss (with the boot stack)", ""),
            ("size.kernel_text_data", "**kernel text + rodata + data**",
             "≤ 64 KiB — " + goal_status(rows, "size.kernel_text_data", lambda v: v <= 65536)),
            ("size.embedded_programs", "the program embedded in .rodata (the root task with the wasm runner, stripped)", ""),
            ("size.runner_elf", "the wasm runner's ELF", ""),
            ("size.boot_image", "boot image (the file QEMU's -kernel takes; the demos' modules are not in it but in the boot archive, `-initrd`)",
             "original: \"~5 MB kernel\""),
            ("size.boot_image_with_demos", "the boot image and the largest demo's boot archive (its manifest and modules)",
             "≤ 1 MiB with the demos — " + goal_status(rows, "size.boot_image_with_demos", lambda v: v <= 1 << 20)),
            ("size.kernel_elf_stripped", "the kernel ELF stripped", "")]:
        out.append(f"| {what} | {fig(rows, name, 'x86_64')} | {fig(rows, name, 'aarch64')} | {goal} |")
    out += [""]


def engine_section(rows, out, suite, title):
    progs = sorted({n.split(".")[1] for (n, a) in rows if n.startswith(suite + ".")} - {"geomean"})
    if not progs:
        out += [f"## {title}", "", "Not measured in this run.", ""]
        return
    out += [f"## {title}", "",
            "CPU time (user + system) on the host, each runner's time over native's in the same",
            "round (the runners take turns, their order rotating), median over the rounds after the",
            "first (p10–p90 when there are several); jericho ÷ min(wasm3, WAMR) is the ratio of those",
            "medians (below 1: jericho is faster; the target is ≤ 0.8). The geometric means leave out",
            "the SIMD pair (lanes, lanes_simd), as bench/engine/run.sh does. Details, wall clock and",
            "outputs: the sections further down.", "",
            "| program | native CPU s | jericho / native | wasm3 / native | WAMR / native | jericho ÷ min(wasm3, WAMR) |",
            "|---|---:|---:|---:|---:|---:|"]
    for p in progs + ["geomean"]:
        def g(r):
            return fig(rows, f"{suite}.{p}.{r}/native", "x86_64")
        meds = [rows.get((f"{suite}.{p}.{r}/native", "x86_64")) for r in ("jericho", "wasm3", "wamr")]
        peers = [m["median"] for m in meds[1:] if m]
        vs = f"{meds[0]['median'] / min(peers):.2f}" if meds[0] and peers else "—"
        label = "**geomean**" if p == "geomean" else p
        out.append(f"| {label} | {fig(rows, f'{suite}.{p}.native', 'x86_64')} | {g('jericho')} | {g('wasm3')} | {g('wamr')} | {vs} |")
    out += ["", f"![{title}](CHARTS/{suite}.png)", ""]


OS_PROGRAMS = [("fib", "bench/engine's fib (fib(34); fib(30) in a quick run)"), ("sieve", "bench/engine's sieve"),
               ("sqlite", "SQLite, tests/os-sqlite's script of 4,000 statements on stdin")]


def os_section(rows, out):
    title = "## The same programs inside JerichoOS and hosted (emulated: QEMU TCG)"
    if not any(n.startswith("os_vs_hosted.") for n, _ in rows):
        out += [title, "", "Not measured in this run.", ""]
        return
    out += [title, "",
            "Wall time of `jericho run` (the OS under plain QEMU **TCG**, QEMU's start included)",
            "against `jericho run --host` on the same machine, interleaved, the first run dropped",
            "(bench/os.sh); the ratio is taken run by run. Under TCG almost all of the OS's time is",
            "QEMU emulating the guest, so the ratio bounds what running inside the OS costs, it does",
            "not measure it (that needs a KVM that runs user mode). The engine, the WASI layer and",
            "the program are the same; every output on the OS is checked equal to the hosted one.", "",
            "| program | hosted ms | x86-64 OS ms (TCG) | ratio | arm64 OS ms (TCG) | ratio |",
            "|---|---:|---:|---:|---:|---:|"]
    for name, what in OS_PROGRAMS:
        if (f"os_vs_hosted.{name}.hosted", "x86_64") not in rows:
            continue
        cells = [fig(rows, f"os_vs_hosted.{name}.hosted", "x86_64")]
        for a in ARCHES:
            cells += [fig(rows, f"os_vs_hosted.{name}.os", a), fig(rows, f"os_vs_hosted.{name}.os/hosted", a)]
        out.append(f"| {what} | " + " | ".join(cells) + " |")
    out += ["", "![inside the OS against hosted](CHARTS/os.png)", ""]


def gnuplot_bars(path, title, ylabel, labels, series, logscale=False):
    """Grouped bars with p10/p90 error bars: series = [(name, [(median, p10, p90) or None])]."""
    if all(v is None for _, vals in series for v in vals):
        return  # a part this run left out: no chart rather than an empty one
    data = path + ".dat"
    with open(data, "w") as f:
        for i, label in enumerate(labels):
            cells = []
            for _, vals in series:
                v = vals[i]
                cells += ["NaN"] * 3 if v is None else [repr(x) for x in v]
            f.write(f'"{label}" ' + " ".join(cells) + "\n")
    n = len(series)
    width = 0.8 / n
    bars, spreads = [], []
    for j, (name, _) in enumerate(series):
        off = -0.4 + width * (j + 0.5)
        col = 2 + 3 * j
        xtic = ":xtic(1)" if j == 0 else ""
        bars.append(f"'{data}' using ($0+({off:.3f})):{col}{xtic} with boxes title '{name}' lc {j + 1}")
        # The p10-p90 spread as a plain line (yerrorbars would mark the median
        # with a point), drawn after every box (gnuplot refuses a box after a
        # vector with its own line colour).
        spreads.append(f"'{data}' using ($0+({off:.3f})):{col + 1}:(0):(${col + 2}-${col + 1}) with vectors "
                       f"nohead lc rgb 'black' notitle")
    plots = bars + spreads
    script = "\n".join([
        f"set terminal pngcairo size {max(640, 90 * len(labels) + 160)},480 noenhanced font 'sans,10'",
        "set offsets 0, 0, graph 0.08, 0",
        f"set output '{path}'",
        f"set title '{title}'", f"set ylabel '{ylabel}'",
        f"set boxwidth {width * 0.95:.3f}", "set style fill solid 0.7",
        "set xtics rotate by -30 left nomirror", "set bmargin 7", "set grid ytics", "set key outside right top",
        "set yrange [0:*]" if not logscale else "set logscale y",
        "set xrange [-0.6:%f]" % (len(labels) - 0.4),
        "plot " + ", ".join(plots), ""])
    try:
        subprocess.run(["gnuplot"], input=script, text=True, check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as e:
        die(f"gnuplot failed on {path}: {getattr(e, 'stderr', e)}")
    os.remove(data)


def triple(rows, name, arch):
    r = rows.get((name, arch))
    return None if not r else (r["median"], r["p10"], r["p90"])


def charts(rows, chart_dir):
    os.makedirs(chart_dir, exist_ok=True)
    names = [k for k, *_ in KERNEL if k != "task_create_destroy"]
    gnuplot_bars(os.path.join(chart_dir, "kernel.png"),
                 "Kernel and IPC operations (guest instructions, QEMU TCG -icount: emulated)",
                 "instructions per operation (lower is better)", names,
                 [(a, [triple(rows, "kernel." + k, a) for k in names]) for a in ARCHES])
    for suite, title in (("engine", "bench/engine"), ("realworld", "Real-world programs")):
        progs = sorted({n.split(".")[1] for (n, a) in rows if n.startswith(suite + ".")} - {"geomean"})
        if not progs:
            continue
        progs.append("geomean")
        gnuplot_bars(os.path.join(chart_dir, suite + ".png"),
                     f"{title}: CPU time over native (black lines: p10-p90)", "ratio to native (lower is better)", progs,
                     [(r, [triple(rows, f"{suite}.{p}.{r}/native", "x86_64") for p in progs])
                      for r in ("jericho", "wasm3", "wamr")])
    progs = [n for n, _ in OS_PROGRAMS if (f"os_vs_hosted.{n}.os/hosted", "x86_64") in rows]
    if progs:
        gnuplot_bars(os.path.join(chart_dir, "os.png"),
                     "Inside JerichoOS (QEMU TCG: emulated) over hosted, wall time (black lines: p10-p90)",
                     "ratio to hosted (lower is better)", progs,
                     [(a, [triple(rows, f"os_vs_hosted.{p}.os/hosted", a) for p in progs]) for a in ARCHES])


def summary(rows, meta, link):
    out = [BEGIN, "# JerichoOS benchmarks", "",
           "Generated by `make bench` (bench/run.sh) from build/bench/results.tsv, one row per figure",
           "(name, arch, value, unit, spread; bench/README.md), committed with this file as",
           "bench/results/results.tsv and bench/results/machine.txt; do not edit this section by",
           "hand: change bench/report.py and rerun. A value is the median of its samples, warm-up",
           "excluded; the spread in parentheses is p10–p90 of the samples, shown when they differ.", ""]
    for k in ("command", "date", "commit", "machine", "load", "qemu", "accelerator", "note"):
        if k in meta:
            out.append(f"- {k}: {meta[k]}")
    out.append("")
    kernel_section(rows, out)
    system_section(rows, out)
    engine_section(rows, out, "engine", "Engine: bench/engine, ratio to native beside wasm3 and WAMR")
    engine_section(rows, out, "realworld", "Engine: real-world programs, ratio to native beside wasm3 and WAMR")
    os_section(rows, out)
    out += ["## Not measured yet", ""]
    expected = [("kernel." + k, a) for k, *_ in KERNEL for a in ARCHES] + \
        [(n, a) for n in ("system.boot", "system.first_output", "system.jericho_run_hello",
                          "system.module_memory", "system.modules_in_512mib", "size.kernel_text_data",
                          "size.boot_image", "os.spawn_small", "os.spawn_1mib", "os.fd_write_console",
                          "os.fd_write_file", "os_vs_hosted.fib.os/hosted",
                          "os_vs_hosted.sqlite.os/hosted") for a in ARCHES] + \
        [(n, "x86_64") for n in ("os.fd_write_host_null", "engine.geomean.jericho/native",
                                 "realworld.geomean.jericho/native")]
    out += [f"- `{n}` on {a}: missing from this run (see the run's log)" for n, a in expected
            if (n, a) not in rows]
    out += [f"- {line}" for line in NOT_MEASURED]
    out += ["", END]
    return "\n".join(out).replace("CHARTS/", link.rstrip("/") + "/") + "\n"


def splice(report, section):
    old = open(report).read() if os.path.exists(report) else ""
    if BEGIN in old and END in old:
        a, b = old.index(BEGIN), old.index(END) + len(END)
        old = (old[:a] + old[b:]).lstrip("\n")
    return section + ("\n" + old if old else "")


def main():
    if len(sys.argv) not in (5, 6):
        die(__doc__)
    results, machine, report, chart_dir = sys.argv[1:5]
    link = sys.argv[5] if len(sys.argv) == 6 else chart_dir
    rows = read_results(results)
    meta = read_machine(machine)
    if os.environ.get("BENCH_NO_CHARTS") != "1":
        charts(rows, chart_dir)
    text = splice(report, summary(rows, meta, link))
    with open(report, "w") as f:
        f.write(text)
    print(f"report.py: {len(rows)} figures -> {report}, charts in {chart_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
