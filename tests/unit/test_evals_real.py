"""The real-corpus scorers (PolNeAR attribution, BBC labelled findings) on small made-up files."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest

from checker.models import Source, SourceKind, Span
from evals import bbc, contra, polnear, real

ANN = (
    "T1\tSource 0 6\tPolice\n"
    "T2\tCue 7 11\tsaid\n"
    "T3\tContent 12 29;31 40\t12 people died and more\n"
    "T4\tAttribution 7 11\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 50 60\tsomething\n"
    "T6\tAttribution-no-source 45 49\tseen\n"
    "E2\tAttribution-no-source:T6 Content:T5\n"
    "T7\tDiscuss 70 80\tignored\n"
)


def test_parse_ann_reads_discontinuous_content_and_missing_sources() -> None:
    first, second = polnear.parse_ann(ANN)
    assert first.content == (Span(12, 29), Span(31, 40)) and first.source == "Police" and first.has_source
    assert second.content == (Span(50, 60),) and not second.has_source


@pytest.mark.parametrize(
    ("annotated", "given", "ok"),
    [
        ("Spokeswoman Haley Morris", Source(SourceKind.PERSON, "Morris"), True),
        ("the county police", Source(SourceKind.ORGANISATION, "Police"), True),
        ("He", Source(SourceKind.PERSON, "Ana Ruiz"), True),  # a pronoun accepts any named source
        ("He", Source(), False),
        ("the ministry", Source(SourceKind.ORGANISATION, "the army"), False),
    ],
)
def test_a_source_matches_by_a_content_word(annotated: str, given: Source, ok: bool) -> None:
    assert polnear.gives(annotated, given) is ok


def test_score_article_counts_attributed_and_own_voice_figures() -> None:
    text = "Police said 12 people died and 40 were hurt.\n\nThe town has 5,000 homes."
    ann = "T1\tSource 0 6\tPolice\nT2\tCue 7 11\tsaid\nT3\tContent 12 43\tx\nE1\tAttribution:T2 Content:T3 Source:T1\n"
    tally = polnear.Tally()
    polnear.score_article("a", text, ann, tally)
    assert (tally.attributed, tally.attributed_right) == (2, 2)
    assert (tally.own_voice, tally.own_voice_none) == (1, 1)


STORM = (
    "Storm hits town\n\nThe storm reached the coast on Monday.\n\n“We have lost everything in one night.”\n\n"
    "“The water came up to the roof of every house,” the mayor said.\n"
)


def _attribution(n: int, text: str, content: str, source: str) -> str:
    """A brat attribution whose Content is the first occurrence of ``content`` (its offsets found, not typed)."""
    start = text.index(content)
    return (
        f"T{n}\tSource 0 5\t{source}\nT{n + 1}\tContent {start} {start + len(content)}\t{content}\n"
        f"E{n}\tAttribution:T{n + 1} Content:T{n + 1} Source:T{n}\n"
    )


def test_quotations_scorer_splits_fl203_by_annotated_source(tmp_path: Path) -> None:
    lost, water = "We have lost everything in one night.", "The water came up to the roof of every house,"
    # a: the annotators give the first quotation a speaker (FL203 is wrong there) and the second the mayor
    (tmp_path / "a.txt").write_text(STORM, encoding="utf-8")
    ann_a = _attribution(1, STORM, lost, "a resident") + _attribution(3, STORM, water, "the mayor")
    (tmp_path / "a.ann").write_text(ann_a, encoding="utf-8")
    # b: the first quotation has no annotated speaker (a candidate), the second names someone else
    (tmp_path / "b.txt").write_text(STORM, encoding="utf-8")
    (tmp_path / "b.ann").write_text(_attribution(1, STORM, water, "the governor"), encoding="utf-8")
    tally = polnear.run_quotations("all", tmp_path)
    assert (tally.articles, tally.quotations) == (2, 4)
    assert (tally.sourced, tally.sourced_any, tally.sourced_right) == (3, 2, 1)
    # info: the mayor, named in the sentence after, may be the speaker
    assert tally.flagged == Counter({"info, sourced": 1, "info, unsourced": 1})
    assert len(tally.misses) == 1 and "a resident" in tally.misses[0]


def test_a_quotation_is_held_by_an_attribution_covering_half_of_it() -> None:
    half, less = polnear.Attribution((Span(0, 5),), "x", True), polnear.Attribution((Span(0, 4),), "y", True)
    assert polnear._held_by(Span(0, 10), [half, less]) == [half]


def test_halves_are_deterministic_disjoint_and_complete() -> None:
    names = [f"n{i}.txt" for i in range(20)]
    for split in (real.bbc_half, real.polnear_half):
        dev, test = split(names, "dev"), split(names, "test")
        assert set(dev) | set(test) == set(names) and not set(dev) & set(test)
        assert split(list(reversed(names)), "test") == test
    assert real.bbc_half(names, "dev")[:2] == ["n0.txt", "n10.txt"]  # sorted names, even positions


def test_labels_are_checked_and_keyed_by_severity(tmp_path: Path) -> None:
    path = tmp_path / "labels.tsv"
    path.write_text("article\tcode\tseverity\tspan\tlabel\twhy\na.txt\tFL201\twarning\t12\tcorrect\tno source\n")
    assert list(bbc.load_labels(path)) == [("a.txt", "FL201", "warning", "12")]
    path.write_text("article\tcode\tseverity\tspan\tlabel\twhy\na.txt\tFL201\twarning\t12\tmaybe\t?\n")
    with pytest.raises(ValueError, match="correct or wrong"):
        bbc.load_labels(path)


def test_bbc_run_reports_precision_and_unlabelled(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Forty people were killed in the blast.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The mayor said 12 homes burned.\n", encoding="utf-8")
    labels = bbc.load_labels(tmp_path / "none.tsv")
    result = bbc.run("all", tmp_path, labels)
    assert result.unlabelled == ["a.txt\tFL201\tForty\twarning"]
    key = ("a.txt", "FL201", "warning", "Forty")
    result = bbc.run("all", tmp_path, {key: bbc.Label(*key, "wrong", "test")})
    assert result.judged == Counter({("warning", "wrong"): 1}) and "precision 0.000" in "".join(result.lines())


def test_committed_labels_are_well_formed() -> None:
    labels = bbc.load_labels()
    assert len(labels) >= 150
    assert all(lab.why and len(lab.span) <= bbc.SPAN_CHARS for lab in labels.values())


def test_contra_run_counts_and_lists_contradiction_findings(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Police said 12 people were killed.\n\nOfficials said 15 people were killed.\n")
    (tmp_path / "b.txt").write_text("The mayor said 12 homes burned.\n")
    result = contra.run(sorted(tmp_path.glob("*.txt")))
    assert (result.articles, result.findings, dict(result.per_code)) == (2, 1, {"FL101": 1})
    assert result.listing[0].startswith("a.txt\tFL101\t") and "[12]" in result.listing[1]
    assert "contradiction findings: 1 (50.0 per 100 articles)" in list(result.lines())


def test_warnings_scorer_splits_fl201_and_fl202_by_annotated_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "Flood in the valley\n\nForty people were injured in the flood on Monday.\n\n"
        "Sources said 12 people were arrested after the looting.\n"
    )
    injured, arrested = "Forty people were injured in the flood", "12 people were arrested"
    # a: the annotators give both figures a named source, so both warnings are wrong
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    ann_a = _attribution(1, text, injured, "the mayor") + _attribution(3, text, arrested, "Police")
    (tmp_path / "a.ann").write_text(ann_a, encoding="utf-8")
    # b: no attribution for the injured, a pronoun for the arrests: both are candidates
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.ann").write_text(_attribution(1, text, arrested, "they"), encoding="utf-8")
    tally = polnear.run_warnings("all", tmp_path)
    assert tally.articles == 2
    assert tally.flagged == Counter(
        {
            "FL201 warning, wrong": 1,
            "FL201 warning, candidate": 1,
            "FL202 warning, wrong": 1,
            "FL202 warning, candidate": 1,
        }
    )
    assert sum("(wrong, annotated “the mayor”)" in line for line in tally.listed) == 1
    folder = tmp_path / "corpora" / "polnear-train"
    folder.mkdir(parents=True)
    for path in tmp_path.glob("[ab].*"):
        path.rename(folder / path.name)
    monkeypatch.setenv("FACTLINT_CORPORA", str(folder.parent))
    assert polnear.main(["--warnings", "--list", "3"]) == 2  # the test half is not for reading
    assert polnear.main(["--warnings", "--half", "all"]) == 0
    assert "FL201 warnings: 2; on an attributed figure (wrong) 1" in capsys.readouterr().out


def test_polnear_labelled_scores_the_editors_labels_and_lists_unlabelled_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "corpora" / "polnear-train"
    folder.mkdir(parents=True)
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text("Forty people were killed in the blast.\n", encoding="utf-8")
    dev = real.polnear_half(["a", "b", "c"], "dev")
    assert dev, "the made-up names need one in the dev half"
    labels = tmp_path / "labels.tsv"
    labels.write_text(
        f"article\tcode\tseverity\tspan\tlabel\twhy\n{dev[0]}.txt\tFL201\twarning\tForty\tcorrect\tno source\n"
    )
    monkeypatch.setenv("FACTLINT_CORPORA", str(folder.parent))
    monkeypatch.setattr(polnear, "LABELS", labels)
    assert polnear.main(["--labelled", "--half", "dev"]) == 0
    out = capsys.readouterr().out
    assert f"precision 1.000 (1 correct, 0 wrong); not labelled: {len(dev) - 1}" in out
    assert out.count("\tFL201\tForty\twarning") == len(dev) - 1


def test_polnear_test_half_splits_into_a_tuning_part_and_a_blind_part() -> None:
    names = [f"article-{i}" for i in range(200)]
    test, a, b = (set(real.polnear_half(names, half)) for half in ("test", "test-a", "test-b"))
    assert a and b and not a & b and a | b == test
    assert not test & set(real.polnear_half(names, "dev"))
    assert all(hashlib.sha256(n.encode()).digest()[1] % 2 == 0 for n in a)
    with pytest.raises(ValueError, match="no half"):
        real.bbc_half(names, "test-a")


def test_polnear_lists_misses_on_the_tuning_sets_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FACTLINT_CORPORA", str(tmp_path))
    assert polnear.main(["--half", "test-b", "--misses", "3"]) == 2
    assert "only on dev and test-a" in capsys.readouterr().err


def test_per_code_lines_count_labelled_and_unlabelled(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Forty people were killed in the blast.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Nine people were killed in the fire.\n", encoding="utf-8")
    key = ("a.txt", "FL201", "warning", "Forty")
    lines = list(bbc.run("all", tmp_path, {key: bbc.Label(*key, "correct", "test")}).lines())
    assert "  FL201 warnings: 1 correct of 1 labelled; not labelled: 1" in lines


def test_polnear_labelled_lists_no_finding_of_a_blind_half(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "corpora" / "polnear-train"
    folder.mkdir(parents=True)
    names = [f"n{i}" for i in range(40)]
    for name in names:
        (folder / f"{name}.txt").write_text("Police said 12 people were killed.\n\nOfficials said 15 were killed.\n")
    monkeypatch.setenv("FACTLINT_CORPORA", str(folder.parent))
    assert real.polnear_half(names, "test-b") and real.polnear_half(names, "test-a")
    assert polnear.main(["--labelled", "--half", "test-b"]) == 0
    blind = capsys.readouterr().out
    assert "contradiction findings per 100 articles: 100.0" in blind and "contradiction: " not in blind
    assert polnear.main(["--labelled", "--half", "test-a"]) == 0
    assert "contradiction: " in capsys.readouterr().out
