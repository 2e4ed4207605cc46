"""The eval ratchet: a figure below its committed baseline fails, and says which one."""

from __future__ import annotations

import json
from pathlib import Path

from evals import ratchet

FIGURES = {
    "contradictions": {"precision": 0.9, "recall": 0.8, "f1": 0.847},
    "unattributed": {"precision": 1.0, "recall": 1.0, "f1": 1.0},
}


def test_equal_or_better_passes() -> None:
    baseline = {"offline": {"_measured": "2026-01-01", **FIGURES}}
    assert ratchet.check(baseline, "offline", FIGURES) == []
    better = {**FIGURES, "contradictions": {"precision": 0.95, "recall": 0.8, "f1": 0.87}}
    assert ratchet.check(baseline, "offline", better) == []
    assert ratchet.improvements(baseline, "offline", better) == [
        "offline contradictions f1 rose: 0.847 -> 0.87",
        "offline contradictions precision rose: 0.9 -> 0.95",
    ]


def test_a_drop_names_the_metric() -> None:
    baseline = {"oracle": FIGURES}
    worse = {**FIGURES, "unattributed": {"precision": 1.0, "recall": 0.9, "f1": 0.947}}
    drops = ratchet.check(baseline, "oracle", worse)
    assert drops == [
        "oracle unattributed f1 dropped: 0.947 < baseline 1.0",
        "oracle unattributed recall dropped: 0.9 < baseline 1.0",
    ]


def test_rounding_noise_is_not_a_drop() -> None:
    baseline = {"oracle": {"vague": {"f1": 0.6667}}}
    assert ratchet.check(baseline, "oracle", {"vague": {"f1": 0.66667}}) == []


def test_missing_mode_or_metric_fails() -> None:
    assert ratchet.check({}, "offline", FIGURES) == [
        "no baseline for mode 'offline'; run with --update-ratchet to record one"
    ]
    baseline = {"offline": {"vague": {"f1": 0.5}}}
    assert ratchet.check(baseline, "offline", FIGURES) == ["offline vague: in the baseline but not measured"]


def test_update_keeps_other_modes(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"oracle": {"vague": {"f1": 1.0}}}), encoding="utf-8")
    ratchet.update(path, "offline", FIGURES, "2026-02-03")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["oracle"] == {"vague": {"f1": 1.0}}
    assert data["offline"]["_measured"] == "2026-02-03"
    assert data["offline"]["contradictions"] == {"f1": 0.847, "precision": 0.9, "recall": 0.8}
