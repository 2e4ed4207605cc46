"""A warm LLM re-run of the seed (every answer cached, 0 calls) against the offline run (target: ≤ 2×).

    PYTHONPATH=. python bench/warm_bench.py [--runs 11]

Fills a fresh cache once through the fake server, then times ``factlint check`` with the LLM extractor and with
the offline extractor as separate processes, interleaved, and prints the medians and their ratio.
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

from bench.fake_model import model
from tests.fake_openai import FakeOpenAI

SEED = Path(__file__).resolve().parents[1] / "examples" / "al-khalis.txt"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    env = {**os.environ, "FACTLINT_BENCH_KEY": "sk-bench"}
    with tempfile.TemporaryDirectory() as tmp, FakeOpenAI(model()) as fake:
        cache = str(Path(tmp) / "cache")
        llm = [sys.executable, "-m", "checker", "check", str(SEED), "--extractor", "llm", "--base-url", fake.url,
               "--api-key-env", "FACTLINT_BENCH_KEY", "--model", "bench", "--cache-dir", cache]  # fmt: skip
        offline = [sys.executable, "-m", "checker", "check", str(SEED), "--extractor", "offline"]
        subprocess.run(llm, env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        primed = len(fake.requests)
        times: dict[str, list[float]] = {"llm, warm cache": [], "offline": []}
        for _ in range(args.runs):
            for name, command in (("llm, warm cache", llm), ("offline", offline)):
                start = time.perf_counter()
                subprocess.run(
                    command, env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
                )
                times[name].append(time.perf_counter() - start)
        assert len(fake.requests) == primed, "the warm runs made calls"
    warm, base = (statistics.median(times[k]) for k in ("llm, warm cache", "offline"))
    print(f"priming run: {primed} calls; warm runs: 0 calls")
    print(f"llm, warm cache  median {warm * 1000:6.0f} ms")
    print(f"offline          median {base * 1000:6.0f} ms")
    print(f"ratio            {warm / base:.2f}×")


if __name__ == "__main__":
    main()
