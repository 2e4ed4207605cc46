"""The ratchet: committed per-mode numbers that a run may not fall below.

``evals/baseline.json`` maps mode -> metric -> {precision, recall, f1}. ``check`` returns one line per figure
that dropped; ``update`` writes the measured numbers for a mode, leaving the other modes as they are.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# Scores are stored rounded to 4 places; a difference smaller than this is rounding, not a drop.
EPSILON = 5e-5


def load(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object of modes")
    return data


def check(baseline: dict[str, Any], mode: str, figures: dict[str, dict[str, float]]) -> list[str]:
    """Lines naming each figure below its baseline (and each baseline metric the run no longer measures)."""
    committed = baseline.get(mode)
    if committed is None:
        return [f"no baseline for mode {mode!r}; run with --update-ratchet to record one"]
    drops = []
    for metric, values in sorted(committed.items()):
        if metric.startswith("_"):
            continue
        measured = figures.get(metric)
        if measured is None:
            drops.append(f"{mode} {metric}: in the baseline but not measured")
            continue
        for name, floor in sorted(values.items()):
            now = measured.get(name)
            if now is None or now < floor - EPSILON:
                drops.append(f"{mode} {metric} {name} dropped: {now} < baseline {floor}")
    return drops


def improvements(baseline: dict[str, Any], mode: str, figures: dict[str, dict[str, float]]) -> list[str]:
    committed = baseline.get(mode, {})
    out = []
    for metric, values in sorted(figures.items()):
        for name, now in sorted(values.items()):
            floor = committed.get(metric, {}).get(name)
            if floor is not None and now > floor + EPSILON:
                out.append(f"{mode} {metric} {name} rose: {floor} -> {now}")
    return out


def update(path: Path, mode: str, figures: dict[str, dict[str, float]], date: str) -> dict[str, Any]:
    data = load(path)
    data[mode] = {"_measured": date, **{k: dict(sorted(v.items())) for k, v in sorted(figures.items())}}
    data = dict(sorted(data.items()))
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return data
