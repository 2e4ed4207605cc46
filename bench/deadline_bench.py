"""Benchmark: how long a run takes to give up on an endpoint that never answers, on one that is not there, and
to stop on Ctrl-C while requests are in flight.

Run from the repository root: PYTHONPATH=. python bench/deadline_bench.py [DEADLINE ...] (default 3 20; prints
a Markdown table; results are recorded in bench/RESULTS.md). Each case is a real ``factlint check`` process
against the loopback fake server (``tests/fake_openai.py``) with default settings otherwise: the wall time
includes starting Python and importing openai and instructor.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.fake_openai import FakeOpenAI, answer


def run(folder: Path, *flags: str) -> tuple[float, int, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "FACTLINT_"))}
    env.update({"FACTLINT_BENCH_KEY": "sk-bench", "PYTHONPATH": str(Path.cwd())})
    argv = [sys.executable, "-m", "checker", "check", "d.txt", "--extractor", "llm"]
    argv += ["--api-key-env", "FACTLINT_BENCH_KEY", "--no-cache", *flags]
    started = time.monotonic()
    done = subprocess.run(argv, cwd=folder, env=env, capture_output=True, text=True, timeout=1200, check=False)
    return time.monotonic() - started, done.returncode, done.stderr.strip()


def interrupt(folder: Path, url: str, served: list[object]) -> tuple[float, int, str]:
    """Ctrl-C once three requests are in flight: seconds from the signal to the process's end."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "FACTLINT_"))}
    env.update({"FACTLINT_BENCH_KEY": "sk-bench", "PYTHONPATH": str(Path.cwd())})
    argv = [sys.executable, "-m", "checker", "check", "many.txt", "--extractor", "llm", "--base-url", url]
    argv += ["--api-key-env", "FACTLINT_BENCH_KEY", "--no-cache", "--concurrency", "3", "--quiet"]
    child = subprocess.Popen(argv, cwd=folder, env=env, stderr=subprocess.PIPE, text=True)
    for _ in range(300):  # bounded: 30 s for the requests to arrive
        if len(served) >= 3 or child.poll() is not None:
            break
        time.sleep(0.1)
    sent = time.monotonic()
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=120)
    return time.monotonic() - sent, child.returncode, err.strip()


def main(deadlines: list[float]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "d.txt").write_text("Police said 12 people were killed.\n", encoding="utf-8")
        paragraphs = (f"Police said {n} people were hurt in district {n}." for n in range(10, 16))
        (folder / "many.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
        (folder / ".factlint.toml").write_text("chunk_chars = 60\n", encoding="utf-8")
        print("| endpoint | flags | seconds | exit | last line |\n|---|---|---:|---:|---|")
        with FakeOpenAI(lambda request: answer({}, delay=600)) as silent:
            for deadline in deadlines:
                seconds, code, err = run(folder, "--base-url", silent.url, "--deadline", f"{deadline:g}")
                print(f"| never answers | `--deadline {deadline:g}` | {seconds:.1f} | {code} | {err[-70:]} |")
            seconds, code, err = interrupt(folder, silent.url, silent.requests)
            print(f"| never answers, Ctrl-C with 3 requests in flight | (defaults) | {seconds:.2f} | {code} | {err} |")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        seconds, code, err = run(folder, "--base-url", f"http://127.0.0.1:{port}/v1")
        print(f"| connection refused | (defaults) | {seconds:.1f} | {code} | {err[-70:]} |")


if __name__ == "__main__":
    main([float(a) for a in sys.argv[1:]] or [3.0, 20.0])
