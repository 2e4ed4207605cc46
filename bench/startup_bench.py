"""Start-up: a one-line offline check vs ``python -c pass``, and ``factlint --version`` (target: check ≤ 4×).

    python bench/startup_bench.py [--runs 21]

Runs the three commands interleaved (so machine noise hits them alike) and prints the medians and ratios.
``python -X importtime -m checker check ...`` shows where the rest goes.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "one.txt"
        draft.write_text("Fifty prisoners were killed, the police said.\n", encoding="utf-8")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "factlint --version": [sys.executable, "-m", "checker", "--version"],
            "factlint check one-line": [sys.executable, "-m", "checker", "check", str(draft), "--extractor", "offline"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                start = time.perf_counter()
                subprocess.run(command, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                times[name].append(time.perf_counter() - start)
    floor = statistics.median(times["python -c pass"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<26} median {median * 1000:7.1f} ms   {median / floor:5.2f}× python -c pass")


if __name__ == "__main__":
    main()
