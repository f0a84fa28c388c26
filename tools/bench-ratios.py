#!/usr/bin/env python3
"""The key ratios of BENCHMARKS.md, as medians of several criterion runs with their spread.

Runs the engine suite (`cargo bench --bench engine`) RUNS times (default 3) on the groups
whose ratios the issue tracker sets targets for, reads each run's criterion median from
target/criterion/*/new/estimates.json, and prints a Markdown table: every time (median of
the runs' medians) and every ratio (median, min–max over the runs; each ratio is taken
within one run). The machine is described as read now, not copied.

    python3 tools/bench-ratios.py [RUNS]
"""

import json
import os
import platform
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRIT = os.path.join(ROOT, "target", "criterion")
FILTER = "score_typical|score_1000_generated|decision_typical|json_typical"
TIMES = [
    "score_typical/explained",
    "score_typical/total",
    "score_typical/limit",
    "score_1000_generated/total",
    "score_1000_generated/limit",
    "decision_typical/evaluate",
    "decision_typical/lean",
    "decision_typical/check_gates",
    "json_typical/parse_value",
    "json_typical/parse_evidence",
    "json_typical/serialise_evidence",
    "json_typical/serialise_decision",
    "json_typical/evaluate_json",
]
RATIOS = [
    ("`evaluate_json` ÷ `from_str::<Value>`", "json_typical/evaluate_json", "json_typical/parse_value", "≤ 2"),
    ("`Evaluator::evaluate` ÷ lean path", "decision_typical/evaluate", "decision_typical/lean", "≤ 5"),
    ("`score_total` ÷ limit, typical station", "score_typical/total", "score_typical/limit", "≤ 1.5"),
    ("`score_total` ÷ limit, 1,000 generated", "score_1000_generated/total", "score_1000_generated/limit", "≤ 1.5"),
    ("`score` (explained) ÷ `score_total`", "score_typical/explained", "score_typical/total", "—"),
]


def sh(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "?"


def machine():
    model = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            kb = int(f.readline().split()[1])
            mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        ("cores", f"{os.cpu_count()} (`nproc`: {sh(['nproc'])})"),
        ("CPU", f"`{model}`"),
        ("memory", mem),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("rustc", f"`{sh(['rustc', '-V'])}`"),
        ("load average at start", load),
    ]


def median_ns(name):
    path = os.path.join(CRIT, *name.split("/"), "new", "estimates.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)["median"]["point_estimate"]


def fmt_time(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.0f} ns"


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    print("| | |\n|---|---|")
    for k, v in machine():
        print(f"| {k} | {v} |")
    per_run = []
    for i in range(runs):
        print(f"run {i + 1} of {runs} …", file=sys.stderr)
        subprocess.run(
            ["cargo", "bench", "--bench", "engine", "--", FILTER],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
        )
        per_run.append({n: median_ns(n) for n in TIMES})
    print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print(f"| benchmark | median of {runs} runs | min – max |\n|---|---:|---:|")
    for n in TIMES:
        xs = [r[n] for r in per_run]
        print(f"| `{n}` | {fmt_time(statistics.median(xs))} | {fmt_time(min(xs))} – {fmt_time(max(xs))} |")
    print(f"\n| ratio (within one run) | median of {runs} | min – max | target |\n|---|---:|---:|---:|")
    for label, a, b, target in RATIOS:
        xs = [r[a] / r[b] for r in per_run]
        print(f"| {label} | {statistics.median(xs):.2f}× | {min(xs):.2f}× – {max(xs):.2f}× | {target} |")


if __name__ == "__main__":
    main()
