"""Offline throughput at 1 MB and 10 MB, and peak memory (targets: ≥ 1 MB/s, time ratio ≤ 11 for 10× the bytes,
10 MB draft < 1 GB peak).

    PYTHONPATH=. python bench/throughput_bench.py [--sizes 1,10] [--runs 1]

Each size runs in its own process (peak RSS from ``getrusage``; a 4 GB address-space cap and a 20-minute limit
keep a runaway from taking the machine). Drafts are eval-corpus articles concatenated (so the copies share a
scope and contradict each other: the rules' biggest groups). Times: check (load → extract → rules), then the
JSON report of the findings. CPU seconds beside the wall clock: on a shared machine the wall clock
measures the other processes as much as this one; MB/s is per CPU-second (per core).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

CHILD = r"""
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
from bench.fake_model import draft
from checker import config as config_mod, document, report
from checker.pipeline import check_document
size = int(sys.argv[1])
text = draft(size)
cfg = config_mod.Config(extractor="offline")
start, cpu = time.perf_counter(), time.process_time()
result = check_document(document.from_text(text, "bench.txt"), cfg)
checked, checked_cpu = time.perf_counter() - start, time.process_time() - cpu
peak_check = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out = report.render("json", [result], report.RenderOptions())
rendered = time.perf_counter() - start - checked
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"bytes": len(text.encode()), "check": checked, "check_cpu": checked_cpu, "json": rendered,
                  "claims": len(result.claims), "findings": len(result.findings), "json_mb": len(out) / 1e6,
                  "peak_check_mb": peak_check, "peak_mb": peak}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,10", help="MB, comma-separated")
    args = parser.parse_args()
    rows = []
    for mb in (float(s) for s in args.sizes.split(",")):
        try:
            # -P: not the working directory first on sys.path (as -c puts it), so PYTHONPATH=<tree> measures that
            # tree's checker from wherever the bench is started, not the one in the working directory
            done = subprocess.run([sys.executable, "-P", "-c", CHILD, str(int(mb * 1e6))], capture_output=True,
                                  text=True, timeout=1200, check=False)  # fmt: skip
        except subprocess.TimeoutExpired:
            print(f"{mb:g} MB: over 20 minutes, stopped")
            continue
        if done.returncode:
            print(f"{mb:g} MB: failed ({done.stderr.strip().splitlines()[-1:]})")
            continue
        rows.append(json.loads(done.stdout))
    print("| draft | check s | CPU s | MB/s (CPU) | JSON report s | claims | findings | JSON MB |"
          " peak RSS MB: check / with JSON |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        mbs = r["bytes"] / 1e6 / r["check_cpu"]
        print(f"| {r['bytes'] / 1e6:.1f} MB | {r['check']:.2f} | {r['check_cpu']:.2f} | {mbs:.2f} | {r['json']:.2f} |"
              f" {r['claims']:,} | {r['findings']:,} | {r['json_mb']:.0f} |"
              f" {r['peak_check_mb']:.0f} / {r['peak_mb']:.0f} |")  # fmt: skip
    if len(rows) == 2:
        ratio, bytes_ratio = rows[1]["check"] / rows[0]["check"], rows[1]["bytes"] / rows[0]["bytes"]
        cpu_ratio = rows[1]["check_cpu"] / rows[0]["check_cpu"]
        print(f"check time ratio {ratio:.1f} (CPU {cpu_ratio:.1f}) for {bytes_ratio:.1f}× the bytes")


if __name__ == "__main__":
    main()
