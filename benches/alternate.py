#!/usr/bin/env python3
"""Folder run against ripgrep with the commands alternating run by run, so that the slow and
fast minutes of a noisy machine fall on all of them alike (hyperfine runs each command's runs
in a row). Prints median and minimum wall time, median CPU time (user + system) and the ratio
of the medians to the first command's.

Usage: benches/alternate.py RUNS DIR COMMAND...   (run benches/compare.sh first: it builds the
binary and generates DIR and benches/out/terms.txt)

A COMMAND is `rg` (ripgrep with the 150 terms) or the path of a leitplanke binary, e.g. two
builds to compare:

    benches/alternate.py 30 benches/out/drafts-10000 rg target/release/leitplanke /tmp/old
"""
import resource
import statistics
import subprocess
import sys
import time


def command(c, folder):
    if c == "rg":
        return ["rg", "-i", "-c", "-F", "-f", "benches/out/terms.txt", folder]
    return [c, "check", "--format", "json", folder]


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    runs, folder, cmds = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    wall = {c: [] for c in cmds}
    cpu = {c: [] for c in cmds}
    for c in cmds:  # warm-up: page cache, binary
        subprocess.run(command(c, folder), stdout=subprocess.DEVNULL, check=False)
    for _ in range(runs):
        for c in cmds:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(command(c, folder), stdout=subprocess.DEVNULL, check=False)
            wall[c].append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[c].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    base = statistics.median(wall[cmds[0]])
    for c in cmds:
        m = statistics.median(wall[c])
        print(f"{c:32} median {m * 1e3:7.1f} ms  min {min(wall[c]) * 1e3:7.1f} ms  "
              f"cpu {statistics.median(cpu[c]) * 1e3:7.1f} ms  ratio {m / base:5.2f}")


if __name__ == "__main__":
    main()
