"""Peak memory of ``factlint check DIR`` by number of drafts and format: does it grow with the directory?

    PYTHONPATH=. python bench/stream_bench.py [--drafts 5000,20000] [--formats text,json] [--jobs 1] [--src TREE]

The drafts are the eval corpus's articles, cycled (about 3 kB each). Each (drafts, format) is its own process,
``factlint check DIR --format F --fail-on never --jobs J`` with stdout to /dev/null; its peak RSS is read from
``os.wait4`` (that process alone: with ``--jobs 1`` there is no worker process). ``--also-file`` adds
``--output F=PATH`` (the same format staged and written to a file too). ``--src`` runs another checkout's
``checker`` package (e.g. a ``git archive`` of the commit before), with this checkout's corpus.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))  # the corpus, however the script is started

from evals.corpus import load_corpus

FORMATS = ("text", "markdown", "html", "json", "sarif", "github", "rdjson")


def measure(command: list[str], cwd: str, env: dict[str, str]) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit code) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.stderr is not None:
        err = process.stderr.read().decode(errors="replace").strip()
        if err:
            print(f"  stderr: {err[-300:]}", file=sys.stderr)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drafts", default="5000,20000", help="comma-separated counts")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--src", default=str(Path(__file__).parents[1]), help="the tree whose checker runs")
    parser.add_argument("--also-file", action="store_true", help="also --output FORMAT=PATH")
    args = parser.parse_args()
    counts = [int(n) for n in args.drafts.split(",")]
    formats = args.formats.split(",")
    articles = [a.text for a in load_corpus()]
    env = dict(os.environ, PYTHONPATH=str(Path(args.src).resolve()))
    env.pop("FACTLINT_EXTRACTOR", None)
    print(f"src {args.src}; jobs {args.jobs}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("| drafts | MB | format | wall s | CPU s | peak RSS MB | exit | load |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for count in counts:
            folder = Path(tmp) / f"drafts-{count}"
            folder.mkdir()
            for i in range(count):
                (folder / f"d{i:05d}.txt").write_text(articles[i % len(articles)], encoding="utf-8")
            size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
            for fmt in formats:
                command = [sys.executable, "-m", "checker", "check", str(folder), "--extractor", "offline",
                           "--format", fmt, "--fail-on", "never", "--jobs", str(args.jobs)]  # fmt: skip
                if args.also_file:
                    command += ["--output", f"{fmt}={Path(tmp) / ('out.' + fmt)}"]
                wall, cpu, peak, code = measure(command, tmp, env)
                load = os.getloadavg()[0]
                row = f"| {count:,} | {size:.1f} | {fmt} | {wall:.1f} | {cpu:.1f} | {peak:.0f} | {code} | {load:.1f} |"
                print(row, flush=True)


if __name__ == "__main__":
    main()
