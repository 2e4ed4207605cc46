"""Offline throughput on published copy: every article of a shared corpus checked in one process (start-up and
the patterns' first compiles left out by a warm-up draft), MB per CPU-second, beside the claims per kB that set it.

    PYTHONPATH=. python bench/corpus_throughput_bench.py [--corpus bbc-news,polnear-train] [--rounds 2]

``throughput_bench.py`` measures the issue's target on a denser draft (the eval corpus's articles, about 6.6
claims per kB, against about 2 in published copy); this says what a newsroom's archive run costs per MB.
The corpora are read from ``../shared/corpora`` and never copied.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from checker import config as config_mod, document
from checker.pipeline import check_document

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default="bbc-news,polnear-train", help="corpus folders, comma-separated")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    cfg = config_mod.Config(extractor="offline")
    print("| corpus | articles | MB | round | CPU s | MB/s (CPU) | claims per kB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in args.corpus.split(","):
        files = sorted((CORPORA / name).rglob("*.txt"))
        if not files:
            print(f"| {name} | not found under {CORPORA} | | | | | |")
            continue
        texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
        mb = sum(len(t.encode()) for t in texts) / 1e6
        check_document(document.from_text(texts[0], "warm-up.txt"), cfg)
        for rnd in range(1, args.rounds + 1):
            start, claims = time.process_time(), 0
            for i, text in enumerate(texts):
                claims += len(check_document(document.from_text(text, f"{i}.txt"), cfg).claims)
            cpu = time.process_time() - start
            per_kb = claims / mb / 1000
            print(f"| {name} | {len(texts)} | {mb:.2f} | {rnd} | {cpu:.2f} | {mb / cpu:.2f} | {per_kb:.2f} |")


if __name__ == "__main__":
    main()
