"""``factlint check DIR`` of 2,000 drafts: ``--jobs 2`` (this machine's cores) against ``--jobs 1`` (target ≤ 0.6×).

    PYTHONPATH=. python bench/jobs_bench.py [--drafts 2000] [--runs 3]

The drafts are the eval corpus's articles, cycled. Both commands run as separate processes, interleaved; medians.
"""

from __future__ import annotations

import argparse
import os
import resource
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
        load: list[float] = []
        for _ in range(args.runs):
            for jobs in times:
                command = [sys.executable, "-m", "checker", "check", str(folder), "--extractor", "offline",
                           "--format", "json", "--jobs", str(jobs)]  # fmt: skip
                used = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(command, cwd=tmp, stdout=subprocess.DEVNULL, check=False)
                times[jobs].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[jobs].append(after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)
                load.append(os.getloadavg()[0])
    one, many = statistics.median(times[1]), statistics.median(times[args.jobs])
    print(f"{args.drafts} drafts, {size / 1e6:.1f} MB; medians of {args.runs}; load average during runs"
          f" {min(load):.1f}–{max(load):.1f} (other processes share the cores)")  # fmt: skip
    print(f"--jobs 1   wall {one:6.2f} s   CPU {statistics.median(cpu[1]):6.2f} s")
    print(f"--jobs {args.jobs}   wall {many:6.2f} s   CPU {statistics.median(cpu[args.jobs]):6.2f} s"
          f"   (wall {many / one:.2f}× --jobs 1)")  # fmt: skip
    print("per run (s):", {jobs: [round(t, 2) for t in values] for jobs, values in times.items()})


if __name__ == "__main__":
    main()
