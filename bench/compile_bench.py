"""Start-up's two largest parts measured apart from the noise of whole runs: the regular expressions a one-line
offline check compiles, and the record classes (dataclasses and ``typing.NamedTuple`` classes) it creates.

    python bench/compile_bench.py [--tree DIR ...] [--reps 30] [--rounds 3] [--draft FILE] [--classes]

For each tree (the current directory when none is given; bytecode compiled, as for ``startup_bench.py``) a child
process, with ``PYTHONPATH`` set to the tree and run in a scratch folder as ``startup_bench.py`` runs it, checks the
draft while it records every pattern ``re`` compiles (its cache misses), every dataclass and every named tuple of the
checker made, how long each took to make, and whether the check makes an instance of it (of a named tuple: calls its
constructor; ``_replace`` and ``_make`` are not counted). It then compiles each recorded pattern again ``--reps``
times; the trees take turns for ``--rounds`` rounds (so that a change in the machine's load hits them alike), and
each pattern's best time over all of them counts. Their sum moves by about a millisecond between runs on a busy
machine, where a whole run's CPU time moves by five or more; the patterns every tree compiles alike are summed apart,
as a control (equal trees should show equal sums). Each class's time is its best of the rounds too; ``--classes``
lists them one by one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from startup_bench import the_draft  # run as a script: this folder is first on sys.path

_CHILD = r"""
import contextlib, dataclasses, gc, io, json, sys, time, typing
from re import _compiler
gc.disable()
compiled, made = [], {}
compile_, process_class = _compiler.compile, dataclasses._process_class
def record(pattern, flags=0):
    compiled.append((pattern, int(flags)))
    return compile_(pattern, flags)
def counted(cls, *args, **kwargs):
    start = time.perf_counter()
    made_cls = process_class(cls, *args, **kwargs)
    made[made_cls] = [time.perf_counter() - start, 0]
    init = made_cls.__init__
    def __init__(self, *a, _init=init, _cls=made_cls, **k):
        made[_cls][1] += 1
        _init(self, *a, **k)
    made_cls.__init__ = __init__
    return made_cls
def counted_tuple(meta, name, bases, ns, _new=typing.NamedTupleMeta.__new__):
    start = time.perf_counter()
    made_cls = _new(meta, name, bases, ns)
    took = time.perf_counter() - start
    if not made_cls.__module__.startswith("checker"):
        return made_cls
    made[made_cls] = [took, 0]
    new = made_cls.__new__
    def __new__(cls, *a, _new=new, _cls=made_cls, **k):
        made[_cls][1] += 1
        return _new(cls, *a, **k)
    made_cls.__new__ = __new__
    return made_cls
typing.NamedTupleMeta.__new__ = counted_tuple
_compiler.compile, dataclasses._process_class = record, counted
from checker import cli
with contextlib.redirect_stdout(io.StringIO()):
    cli.main(["check", sys.argv[1], "--extractor", "offline"])
_compiler.compile = compile_
patterns = [(p, f) for p, f in compiled if isinstance(p, str)]
best = [float("inf")] * len(patterns)
for _ in range(int(sys.argv[2])):
    for i, (pattern, flags) in enumerate(patterns):
        start = time.perf_counter()
        compile_(pattern, flags)
        best[i] = min(best[i], time.perf_counter() - start)
classes = [(f"{c.__module__}.{c.__qualname__}", t, n, issubclass(c, tuple)) for c, (t, n) in made.items()]
print(json.dumps({"patterns": [(p, b) for (p, _), b in zip(patterns, best)], "classes": classes}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tree", action="append", default=[], help="a checkout to measure (default: this one)")
    parser.add_argument("--reps", type=int, default=30, help="compiles of each pattern in a round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds the trees take turns in (best of all counts)")
    parser.add_argument("--draft", type=Path, help="check this file instead of the one-line draft")
    parser.add_argument("--classes", action="store_true", help="list every dataclass and named tuple made")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        draft = the_draft(args.draft, Path(tmp))
        trees = args.tree or ["."]
        found: dict[str, dict[str, Any]] = {}
        for _ in range(args.rounds):
            for tree in trees:
                env = {**os.environ, "PYTHONPATH": str(Path(tree).resolve())}
                command = [sys.executable, "-c", _CHILD, str(draft), str(args.reps)]
                run = json.loads(subprocess.run(command, cwd=tmp, env=env, capture_output=True, check=True).stdout)
                if tree in found:  # the same patterns in the same order: each one's best time so far
                    run["patterns"] = [[p, min(t, u)] for (p, t), (_, u) in _pairs(found[tree], run)]
                    run["classes"] = [[c, min(t, u), *rest] for (c, t, *rest), (_, u, *_) in _classes(found[tree], run)]
                found[tree] = run
    shared = set.intersection(*({p for p, _ in run["patterns"]} for run in found.values()))
    for tree in trees:
        _print(tree, found[tree], shared, args.classes)


def _pairs(before: dict[str, Any], now: dict[str, Any]) -> zip[tuple[list[Any], list[Any]]]:
    return zip(before["patterns"], now["patterns"], strict=True)


def _classes(before: dict[str, Any], now: dict[str, Any]) -> zip[tuple[list[Any], list[Any]]]:
    return zip(before["classes"], now["classes"], strict=True)


def _print(tree: str, found: dict[str, Any], shared: set[str], per_class: bool) -> None:
    patterns: list[tuple[str, float]] = [(p, t) for p, t in found["patterns"]]
    classes: list[tuple[str, float, int, bool]] = [(name, t, n, nt) for name, t, n, nt in found["classes"]]
    unused = [name for name, _, n, _ in classes if not n]
    control = sum(t for p, t in patterns if p in shared) * 1000
    print(f"{tree}: {len(patterns)} patterns compiled, {sum(len(p) for p, _ in patterns):,} characters, "
          f"best compile times summed {sum(t for _, t in patterns) * 1000:.2f} ms "
          f"(of which {control:.2f} ms the patterns every tree compiles alike)")  # fmt: skip
    for pattern, took in sorted(patterns, key=lambda p: -p[1])[:5]:
        print(f"  {took * 1000:5.2f} ms  {len(pattern):5,} chars  {pattern[:70]!r}")
    for kind, tuples in (("dataclasses", False), ("named tuples", True)):
        made = [t for _, t, _, nt in classes if nt is tuples]
        print(f"  {len(made)} {kind} made in {sum(made) * 1000:.2f} ms (each one's best of the rounds)")
    print(f"  {len(unused)} of the {len(classes)} never instantiated: {', '.join(unused) or '-'}")
    if per_class:
        for name, took, count, nt in sorted(classes, key=lambda c: -c[1]):
            print(f"  {took * 1000:5.2f} ms  {'named tuple' if nt else 'dataclass  '}  {count:5} made  {name}")


if __name__ == "__main__":
    main()
