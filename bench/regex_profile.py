"""Where an offline check's regular-expression time goes, pattern by pattern (issue 14: is there one to speed up?).

    PYTHONPATH=. python bench/regex_profile.py [--mb 1] [--top 20]

Every pattern factlint compiles (``re.compile`` directly or through ``lazy_re``) is wrapped in a timer before
``checker`` is imported; the bench draft (``bench.fake_model.draft``) is checked once to warm up, then timed.
The wrapper costs a Python call per match, so the whole check runs slower than in ``throughput_bench.py``: read
the pattern times as shares of each other, not as the check's seconds. A measurement tool only: nothing in
factlint uses it.
"""

from __future__ import annotations

import argparse
import collections
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

_TIMES: collections.defaultdict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0])
_compile = re.compile


class _Timed:
    """A compiled pattern whose matching methods add their time to ``_TIMES`` under the pattern."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._pattern = pattern
        self._key = pattern.pattern

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._pattern, name)
        if name == "finditer":
            return self._finditer
        if name in ("search", "match", "fullmatch", "sub", "subn", "findall", "split"):
            return self._timed(found)
        return found

    def _timed(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                entry = _TIMES[self._key]
                entry[0] += time.perf_counter() - start
                entry[1] += 1

        return call

    def _finditer(self, *args: Any, **kwargs: Any) -> Iterator[re.Match[str]]:
        matches, entry = self._pattern.finditer(*args, **kwargs), _TIMES[self._key]
        entry[1] += 1
        while True:
            start = time.perf_counter()
            found = next(matches, None)
            entry[0] += time.perf_counter() - start
            if found is None:
                return
            yield found


def _timed_compile(pattern: Any, flags: int = 0) -> Any:
    if isinstance(pattern, _Timed):
        pattern = pattern._pattern
    return _Timed(_compile(pattern, flags))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    re.compile = _timed_compile  # type: ignore[assignment]  # before checker compiles anything
    from bench.fake_model import draft
    from checker import config as config_mod, document
    from checker.pipeline import check_document

    cfg = config_mod.Config(extractor="offline")
    text = draft(int(args.mb * 1e6))
    check_document(document.from_text(text[:5000], "warm-up.txt"), cfg)
    _TIMES.clear()
    start = time.process_time()
    check_document(document.from_text(text, "bench.txt"), cfg)
    total = time.process_time() - start
    matching = sum(seconds for seconds, _ in _TIMES.values())
    print(f"check {total:.2f} CPU s with the timers; in patterns {matching:.2f} s ({matching / total:.0%}),"
          f" {len(_TIMES)} patterns used")  # fmt: skip
    print("| s | share of the check | calls | pattern (first 80 characters) |")
    print("|---:|---:|---:|---|")
    for key, (seconds, calls) in sorted(_TIMES.items(), key=lambda item: -item[1][0])[: args.top]:
        shown = repr(key)[1:81].replace("|", "\\|")
        print(f"| {seconds:.3f} | {seconds / total:.1%} | {calls:,} | `{shown}` |")


if __name__ == "__main__":
    main()
