"""Start-up: a one-line offline check vs ``python -c pass``, and ``factlint --version`` (target: check ≤ 4×).

    python bench/startup_bench.py [--runs 21] [--tree DIR ...] [--draft FILE]

Runs the three commands interleaved (so machine noise hits them alike) and prints the medians and ratios, of the
wall clock and of CPU time (steadier on a shared machine). Each ``--tree`` (a checkout, e.g. ``git archive`` of
another commit) adds its one-line check to the same interleaved runs, with ``PYTHONPATH`` set to it: trees
compared side by side, run for run. Bytecode must be compiled first: with
``PYTHONDONTWRITEBYTECODE`` set, a tree whose ``__pycache__`` is missing or stale recompiles at every run
(``python -m compileall -q checker``). ``--draft`` checks that file instead of the one-line draft (a real draft
compiles the patterns its sentences need, which a one-line draft may not).
``python -X importtime -m checker check ...`` shows where the rest goes.
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

ONE_LINE = "Fifty prisoners were killed, the police said.\n"


def the_draft(given: Path | None, tmp: Path) -> Path:
    """The file a bench checks: ``--draft`` when given, else the one-line draft written into ``tmp``."""
    if given:
        return given.resolve()
    draft = tmp / "one.txt"
    draft.write_text(ONE_LINE, encoding="utf-8")
    return draft


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--tree", action="append", default=[], help="also time the one-line check of this checkout")
    parser.add_argument("--draft", type=Path, help="check this file instead of the one-line draft")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        draft = the_draft(args.draft, Path(tmp))
        check = [sys.executable, "-m", "checker", "check", str(draft), "--extractor", "offline"]
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "factlint --version": [sys.executable, "-m", "checker", "--version"],
            f"factlint check {args.draft.name if args.draft else 'one-line'}": check,
        }
        envs = {f"check in {tree}": {**os.environ, "PYTHONPATH": str(Path(tree).resolve())} for tree in args.tree}
        commands.update({name: check for name in envs})
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                used = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                quiet = subprocess.DEVNULL
                subprocess.run(command, cwd=tmp, env=envs.get(name), stdout=quiet, stderr=quiet, check=False)
                times[name].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[name].append(after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)
    floor, cpu_floor = statistics.median(times["python -c pass"]), statistics.median(cpu["python -c pass"])
    for name, values in times.items():
        median, cpu_median = statistics.median(values), statistics.median(cpu[name])
        print(f"{name:<26} median {median * 1000:7.1f} ms   {median / floor:5.2f}× python -c pass"
              f"   (CPU {cpu_median * 1000:6.1f} ms, {cpu_median / cpu_floor:5.2f}×)")  # fmt: skip


if __name__ == "__main__":
    main()
