"""Blind recordings of real articles: made and replayed like the synthetic ones, but holding no article text.

The "corpus" here is made-up files in a tmp dir (``FACTLINT_CORPORA``), never the shared corpora's text.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from checker.errors import ConfigError
from checker.extract.llm import LLMExtractor
from evals import bbc, blind, polnear, real, real_blind, replay, run

DISTINCTIVE = "The Glenmoor harbour authority said 14 boats sank overnight when the sea wall gave way."
QUOTE = "We have never seen water rise this quickly along the quay"
FILLER = "Crews worked along the quay through the night while the tide went out and the wind dropped. "
TEXT = (
    "Harbour flood closes the marina\n\n"
    f"{DISTINCTIVE}\n\n"
    f'"{QUOTE}," said harbour master Elin Vastergaard.\n\n' + FILLER * 18 + "\n"
)
ANSWER = json.dumps(
    {
        "quantities": [{"id": "q1", "what": "boats sunk in the flood", "unit": "", "running_total": True}],
        "relations": [],
        "claims": [
            {
                "quote": "14 boats sank overnight when the sea wall gave way",
                "figure": "14",
                "value": 14,
                "quantity": "q1",
                "source": {"kind": "organisation", "name": "The Glenmoor harbour authority", "cue": "said"},
            }
        ],
        "not_claims": [],
        "quotations": [
            {
                "quote": "We have never seen water rise this quickly",
                "speaker": {"kind": "person", "name": "harbour master Elin Vastergaard", "cue": "said"},
            }
        ],
    }
)
EMPTY = '{"quantities": [], "relations": [], "claims": [], "not_claims": [], "quotations": []}'


@pytest.fixture
def corpora(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A made-up corpora folder: two BBC files (the second, sorted, is in the test half) and one PolNeAR file."""
    root = tmp_path / "corpora"
    (root / "bbc-news").mkdir(parents=True)
    (root / "bbc-news" / "a-dev-story.txt").write_text("Dev story\n\nNothing here.\n", encoding="utf-8")
    (root / "bbc-news" / "b-harbour-flood.txt").write_text(TEXT, encoding="utf-8")
    (root / "polnear-train").mkdir()
    stem = next(s for s in (f"paper_{i}" for i in range(50)) if hashlib.sha256(s.encode()).digest()[0] % 2)
    (root / "polnear-train" / f"{stem}.txt").write_text(TEXT, encoding="utf-8")
    start = TEXT.index("The Glenmoor")
    content = TEXT.index("14 boats"), TEXT.index(" when the sea")
    ann = (
        f"T1\tSource {start} {start + 30}\tThe Glenmoor harbour authority\n"
        f"T2\tCue {start + 31} {start + 35}\tsaid\n"
        f"T3\tContent {content[0]} {content[1]}\t14 boats sank overnight\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    )
    (root / "polnear-train" / f"{stem}.ann").write_text(ann, encoding="utf-8")
    monkeypatch.setenv("FACTLINT_CORPORA", str(root))
    return root


def _record(tmp_path: Path, article_id: str, capsys: pytest.CaptureFixture[str]) -> Path:
    work = tmp_path / "work" / article_id
    work.mkdir(parents=True)
    assert blind.main(["request", article_id]) == 0
    assert DISTINCTIVE in capsys.readouterr().out  # the stand-in is shown the article
    (work / "answer-1.json").write_text(EMPTY, encoding="utf-8")
    assert blind.main(["step", article_id, str(work)]) == blind.REASKED
    assert "neither in claims nor in not_claims" in capsys.readouterr().out  # the coverage re-ask, as sent
    (work / "answer-2.json").write_text(ANSWER, encoding="utf-8")
    assert blind.main(["step", article_id, str(work)]) == 0
    assert capsys.readouterr().out.startswith("accepted")
    out = tmp_path / "recordings-real"
    assert blind.main(["record", article_id, str(work), "--source", "blind stand-in: test", "--out", str(out)]) == 0
    return out


def test_encode_keeps_only_short_runs_and_model_words_and_decodes_exactly() -> None:
    answer = '{"quote": "14 boats sank overnight", "figure": "14", "what": "boats sunk in the flood"}'
    pieces = real_blind.encode(answer, TEXT)
    assert real_blind.decode(pieces, TEXT) == answer
    literal = "".join(p for p in pieces if isinstance(p, str))
    assert "14 boats sank" not in literal and '"figure": "14"' in literal
    with pytest.raises(real_blind.RecordingError):
        real_blind.decode([[0, len(TEXT) + 5]], TEXT)


def test_round_trip_request_step_record_replay_holds_no_article_text(
    corpora: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article_id = "bbc:b-harbour-flood"
    out = _record(tmp_path, article_id, capsys)
    path = real_blind.recording_path(article_id, out)
    stored = path.read_text(encoding="utf-8")
    assert DISTINCTIVE not in stored and QUOTE not in stored and "sea wall gave way" not in stored
    assert FILLER.strip() not in stored
    recording = json.loads(stored)
    assert recording["corpus_path"] == "bbc-news/b-harbour-flood.txt" and len(recording["exchanges"][0]["answers"]) == 2
    assert replay.stale_real(recording) == ""

    article = real_blind.load_real(article_id)
    with run.replay_server([article], out) as config:
        extraction = LLMExtractor(config).extract(article.document)
    assert extraction.stats.calls == 2
    (claim,) = extraction.claims
    assert claim.figure == "14" and claim.source.name == "The Glenmoor harbour authority"


def test_scoring_from_recordings_and_offline_side_by_side(
    corpora: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert real_blind.sample("bbc") == ["bbc:b-harbour-flood"]
    assert blind.main(["sample"]) == 0
    ids = capsys.readouterr().out.split()
    polnear_id = next(i for i in ids if i.startswith("polnear:"))
    assert bbc.main(["--mode", "replay"]) == 0
    assert "no recordings yet" in capsys.readouterr().out  # says so, does not crash
    out = _record(tmp_path, "bbc:b-harbour-flood", capsys)
    _record(tmp_path, polnear_id, capsys)
    monkeypatch.setattr(real_blind, "REAL_RECORDINGS_DIR", out)
    assert bbc.main(["--mode", "replay"]) == 0
    shown = capsys.readouterr().out
    assert "recorded and replayed: 1" in shown and "BBC News, replay, on the 1 replayed articles" in shown
    assert "BBC News, offline, on the same 1 articles" in shown
    assert polnear.main(["--mode", "replay"]) == 0
    shown = capsys.readouterr().out
    replayed = shown.split("PolNeAR, replay")[1].split("PolNeAR, offline")[0]
    assert "annotated source given 1.000 (1/1)" in replayed  # the model named the annotated source
    assert "PolNeAR, offline" in shown


def test_a_changed_or_missing_corpus_file_fails_clearly(
    corpora: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article_id = "bbc:b-harbour-flood"
    out = _record(tmp_path, article_id, capsys)
    file = corpora / "bbc-news" / "b-harbour-flood.txt"
    file.write_text(TEXT.replace("14 boats", "15 boats"), encoding="utf-8")
    with (
        pytest.raises(ConfigError, match="not the text it was recorded for"),
        run.replay_server(
            [real_blind.load_real(article_id)],
            out,
        ),
    ):
        pass
    recording = json.loads(real_blind.recording_path(article_id, out).read_text(encoding="utf-8"))
    assert "not the text it was recorded for" in replay.stale_real(recording)
    file.unlink()
    assert "no corpus file" in replay.stale_real(recording)


def test_check_finds_a_stale_prompt_and_skips_without_the_corpora(
    corpora: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    article_id = "bbc:b-harbour-flood"
    out = _record(tmp_path, article_id, capsys)
    assert replay.real_problems(out) == []
    path = real_blind.recording_path(article_id, out)
    recording = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**recording, "prompt_hash": "0" * 16}), encoding="utf-8")
    assert replay.main(["--check", "--real", str(out)]) == 1
    assert f"{article_id}: made for prompt" in capsys.readouterr().err
    monkeypatch.setenv("FACTLINT_CORPORA", str(tmp_path / "absent"))
    assert replay.real_problems(out) == []
    assert "1 real-article recordings not checked" in capsys.readouterr().err


def test_the_shared_sample_is_ten_test_half_articles_of_each_corpus_that_fit() -> None:
    try:
        root = real.corpora_dir()
    except real.CorpusMissing:
        pytest.skip("no ../shared/corpora")
    for corpus, folder in real_blind.CORPORA.items():
        ids = real_blind.sample(corpus)
        assert len(ids) == real_blind.SAMPLE_SIZE and ids == real_blind.sample(corpus)
        names = [real_blind.split_id(i)[1] for i in ids]
        files = [p.name for p in (root / folder).glob("*.txt")]
        if corpus == "bbc":
            test_half = set(real.bbc_half(files, "test"))
        else:
            test_half = {f"{n}.txt" for n in real.polnear_half([f.removesuffix(".txt") for f in files], "test")}
        assert {f"{n}.txt" for n in names} <= test_half
        for name in names:
            chars = len((root / folder / f"{name}.txt").read_text(encoding="utf-8"))
            assert real_blind.CHARS_MIN <= chars <= real_blind.CHARS_MAX


def test_step_and_record_refuse_a_folder_with_no_answer_yet(
    corpora: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    assert blind.main(["step", "bbc:b-harbour-flood", str(work)]) == 2
    assert "no answer yet" in capsys.readouterr().err
    out = tmp_path / "out"
    assert blind.main(["record", "bbc:b-harbour-flood", str(work), "--out", str(out), "--source", "x"]) == 1
    assert not out.exists()
