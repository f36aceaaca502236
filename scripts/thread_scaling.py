#!/usr/bin/env python3
"""Thread scaling of a corpuscope run against jieba-rs `cut` alone, on the same files.

For each thread count (1, 2, 4, … up to the cores present, or --threads), runs

    corpuscope run -q --threads N --input CORPUS --output OUT

and reads the run's stage timings from run.json and its peak memory from the kernel's account
of the child (`wait4`);
then runs the `jieba_cut` example (jieba-rs `cut` on every file held in memory) with the same
threads. Runs are interleaved (corpuscope, cut, next thread count) so both see the same minutes
of a shared machine, and each is repeated --rounds times (the fastest kept).

Prints, as Markdown tables: wall time, MB/s and peak memory per thread count; each stage's time;
the speed-up of the whole run and of `cut` from 1 to N threads, their ratio (the target is 80 %),
and the serial fraction the whole run's speed-up implies (Amdahl: s = (T_N/T_1 - 1/N) / (1 - 1/N)).

    cargo build --release --examples
    python3 scripts/thread_scaling.py /tmp/shaped-100 \\
        --corpuscope target/release/corpuscope --cut target/release/examples/jieba_cut
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time


def corpus_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    return total


def run_corpuscope(binary, corpus, threads, out):
    """Wall seconds, peak KiB, the stage timings and the CSV files' checksums of one run."""
    shutil.rmtree(out, ignore_errors=True)
    started = time.monotonic()
    child = subprocess.Popen([binary, "run", "-q", "--threads", str(threads), "--input", corpus,
                              "--output", out], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - started
    if status != 0:
        sys.exit(f"corpuscope failed with {threads} threads:\n{child.stderr.read().decode()}")
    with open(os.path.join(out, "run.json"), encoding="utf-8") as f:
        run = json.load(f)
    csv = {f["name"]: f["sha256"] for f in run["files"] if f["name"].endswith(".csv")}
    return wall, usage.ru_maxrss, run["timings_seconds"], csv


def run_cut(binary, corpus, threads):
    """Seconds jieba-rs `cut` alone takes over the corpus."""
    done = subprocess.run([binary, corpus, str(threads)], capture_output=True, text=True,
                          check=True)
    match = re.search(r"in ([0-9.]+) s on", done.stdout)
    if not match:
        sys.exit(f"unexpected jieba_cut output: {done.stdout}")
    return float(match.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--corpuscope", default="target/release/corpuscope")
    parser.add_argument("--cut", default="target/release/examples/jieba_cut")
    parser.add_argument("--threads", default="", help="comma-separated, e.g. 1,2,4,8,16")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    if args.threads:
        counts = [int(t) for t in args.threads.split(",")]
    else:
        counts, n = [], 1
        while n < cores:
            counts.append(n)
            n *= 2
        counts.append(cores)
    size = corpus_bytes(args.corpus)
    out = tempfile.mkdtemp(prefix="corpuscope-scaling-")
    results = {}
    checksums = set()
    for _ in range(args.rounds):
        for n in counts:
            wall, peak, stages, csv = run_corpuscope(args.corpuscope, args.corpus, n,
                                                     os.path.join(out, "out"))
            checksums.add(json.dumps(csv, sort_keys=True))
            cut = run_cut(args.cut, args.corpus, n)
            best = results.get(n)
            if best is None or wall < best[0]:
                results[n] = (wall, peak, stages, cut if best is None else min(cut, best[3]))
            else:
                results[n] = best[:3] + (min(cut, best[3]),)
    shutil.rmtree(out, ignore_errors=True)

    same = "identical" if len(checksums) == 1 else "DIFFERENT"
    print(f"corpus: {args.corpus}, {size / 1e6:.1f} MB; {cores} cores; best of {args.rounds}; "
          f"CSV bytes {same} for every thread count\n")
    stages = list(results[counts[0]][2].keys())
    print("| threads | wall (s) | MB/s | peak memory (MB) | cut (s) | wall / cut | "
          + " | ".join(stages) + " |")
    print("|---" * (6 + len(stages)) + "|")
    for n in counts:
        wall, peak, st, cut = results[n]
        print(f"| {n} | {wall:.2f} | {size / 1e6 / wall:.1f} | {peak / 1024:.0f} | {cut:.2f} | "
              f"{wall / cut:.1f} | " + " | ".join(f"{st.get(s, 0):.2f}" for s in stages) + " |")
    one = results[counts[0]]
    print("\n| threads | run speed-up | cut speed-up | run / cut speed-up | serial fraction |")
    print("|---|---|---|---|---|")
    for n in counts[1:]:
        wall, _, _, cut = results[n]
        run_up, cut_up = one[0] / wall, one[3] / cut
        serial = (wall / one[0] - 1 / n) / (1 - 1 / n)
        print(f"| {n} | {run_up:.2f} | {cut_up:.2f} | {run_up / cut_up:.0%} | {serial:.2f} |")


if __name__ == "__main__":
    main()
