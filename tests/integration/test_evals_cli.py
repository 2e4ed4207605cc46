"""``python -m evals``: the modes end to end, the JSON it writes, and the ratchet's exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.errors import ConfigError
from evals import corpus
from evals.cli import main
from evals.run import run


def test_oracle_mode_meets_the_acceptance_numbers() -> None:
    result = run("oracle", corpus.load_corpus())
    metrics = result.metrics
    assert metrics["contradictions"].f1 >= 0.95
    assert metrics["unattributed"].f1 >= 0.95
    assert result.extraction["claims"].f1 == 1.0  # the oracle returns exactly the gold claims


def test_one_article_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "oracle.json"
    assert main(["--mode", "oracle", "--article", "al-khalis", "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["mode"] == "oracle" and data["articles"] == 1
    assert data["metrics"]["contradictions"]["tp"] == 7
    assert data["per_article"][0]["id"] == "al-khalis"
    printed = capsys.readouterr().out
    assert "contradictions" in printed and "mode oracle" in printed


def test_ratchet_failure_exits_1_and_names_the_metric(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    baseline = tmp_path / "baseline.json"
    # a baseline no run can reach: precision above 1
    baseline.write_text(json.dumps({"offline": {"unattributed": {"precision": 1.5}}}), encoding="utf-8")
    code = main(["--mode", "offline", "--check-ratchet", str(baseline), "--json", str(tmp_path / "o.json"), "-q"])
    assert code == 1
    assert "RATCHET FAILED: offline unattributed precision dropped" in capsys.readouterr().err


def test_committed_baseline_holds_for_oracle_and_offline(tmp_path: Path) -> None:
    baseline = Path(__file__).resolve().parents[2] / "evals" / "baseline.json"
    for mode in ("oracle", "offline"):
        assert main(["--mode", mode, "--check-ratchet", str(baseline), "--json", str(tmp_path / "x.json"), "-q"]) == 0


def test_replay_mode_runs_through_the_fake_server(tmp_path: Path) -> None:
    out = tmp_path / "replay.json"
    assert main(["--mode", "replay", "--article", "al-khalis", "--article", "mayor-election", "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["errors"] == 0  # every recorded exchange replays: no request went unanswered
    assert data["extraction"]["claims"]["tp"] > 0 and data["metrics"]["contradictions"]["tp"] > 0


def test_judge_mode_scores_the_recorded_contradictions(tmp_path: Path) -> None:
    out = tmp_path / "judge.json"
    assert main(["--mode", "judge", "--article", "al-khalis", "--json", str(out), "-q"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    counts = data["metrics"]["contradictions"]
    assert counts["tp"] + counts["fn"] == 7  # the seed's gold contradictions, each found or missed


def test_bad_corpus_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = corpus.DATA_DIR / "al-khalis.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    data["gold"]["unattributed"].append("a span that is not there")
    (tmp_path / "al-khalis.json").write_text(json.dumps(data), encoding="utf-8")
    assert main(["--mode", "oracle", "--data", str(tmp_path), "--json", str(tmp_path / "x.json")]) == 2
    assert "a span that is not there" in capsys.readouterr().err


def test_llm_mode_without_an_endpoint_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "FACTLINT_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    assert main(["--mode", "llm", "--article", "al-khalis"]) == 2
    assert "needs an endpoint" in capsys.readouterr().err


def test_replay_without_recordings_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from evals import run as run_mod

    articles = corpus.load_corpus(ids=("al-khalis",))
    with pytest.raises(ConfigError, match="no recording for al-khalis"), run_mod.replay_server(articles, tmp_path):
        pass
