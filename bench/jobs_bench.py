"""``factlint check DIR`` of 2,000 drafts: ``--jobs 2`` (this machine's cores) against ``--jobs 1`` (target ≤ 0.6×).

    PYTHONPATH=. python bench/jobs_bench.py [--drafts 2000] [--runs 3] [--format json]

The drafts are the eval corpus's articles, cycled. Both commands run as separate processes, interleaved; medians.
CPU seconds are split into the factlint process's own (the parent: with ``--jobs 2`` it writes the report while
its two worker processes check the drafts) and its worker processes', which, unlike the wall clock, do not depend
much on what else the machine runs. "Others" is the CPU time the rest of the machine used during each run
(``/proc/stat``'s busy time less the run's own): a run with others near 0 s had the cores to itself, and the
ratio over those pairs only is printed too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from evals.corpus import load_corpus


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drafts", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--format", default="json")
    args = parser.parse_args()
    articles = [a.text for a in load_corpus()]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "drafts"
        folder.mkdir()
        for i in range(args.drafts):
            (folder / f"d{i:05d}.txt").write_text(articles[i % len(articles)], encoding="utf-8")
        size = sum(p.stat().st_size for p in folder.iterdir())
        times: dict[int, list[float]] = {1: [], args.jobs: []}
        cpu: dict[int, list[float]] = {1: [], args.jobs: []}
        own: dict[int, list[float]] = {1: [], args.jobs: []}
        others: dict[int, list[float]] = {1: [], args.jobs: []}
        load: list[float] = []
        for _ in range(args.runs):
            for jobs in times:
                command = [sys.executable, "-c", _SPLIT, "check", str(folder), "--extractor", "offline",
                           "--format", args.format, "--jobs", str(jobs)]  # fmt: skip
                load.append(os.getloadavg()[0])
                busy = _busy()
                start = time.perf_counter()
                done = subprocess.run(command, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
                times[jobs].append(time.perf_counter() - start)
                parent, workers = (float(n) for n in done.stderr.decode().split()[-2:])
                cpu[jobs].append(parent + workers)
                own[jobs].append(parent)
                others[jobs].append(_busy() - busy - parent - workers)
                load.append(os.getloadavg()[0])
    one, many = statistics.median(times[1]), statistics.median(times[args.jobs])
    print(f"{args.drafts} drafts, {size / 1e6:.1f} MB; medians of {args.runs}; load average during runs"
          f" {min(load):.1f}–{max(load):.1f} (other processes share the cores)")  # fmt: skip
    for jobs, wall in ((1, one), (args.jobs, many)):
        parent, total = statistics.median(own[jobs]), statistics.median(cpu[jobs])
        print(f"--jobs {jobs}   wall {wall:6.2f} s   CPU {total:6.2f} s (parent {parent:5.2f} s, workers"
              f" {statistics.median(w - p for w, p in zip(cpu[jobs], own[jobs], strict=True)):5.2f} s)"
              + (f"   (wall {many / one:.2f}× --jobs 1)" if jobs != 1 else ""))  # fmt: skip
    print("per run (s):", {jobs: [round(t, 2) for t in values] for jobs, values in times.items()})
    print("others' CPU during each run (s):", {jobs: [round(t, 2) for t in values] for jobs, values in others.items()})
    quiet = [n for n in range(args.runs) if max(others[1][n], others[args.jobs][n]) < 0.25]
    if quiet:
        ratios = [times[args.jobs][n] / times[1][n] for n in quiet]
        print(f"pairs with others < 0.25 s in both runs: {len(quiet)}; wall ratio {statistics.median(ratios):.2f}×"
              f" (each: {', '.join(f'{r:.2f}' for r in ratios)})")  # fmt: skip


def _busy() -> float:
    """CPU seconds the whole machine has spent busy since boot (Linux: ``/proc/stat``), else 0."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(n) for n in stat.readline().split()[1:]]
    except OSError:
        return 0.0
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


# The factlint command, then its own CPU seconds and its worker processes' on stderr's last line.
_SPLIT = """
import resource, sys
from checker.cli import main
code = main(sys.argv[1:])
own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(own.ru_utime + own.ru_stime, workers.ru_utime + workers.ru_stime, file=sys.stderr)
sys.exit(code)
"""


if __name__ == "__main__":
    main()
