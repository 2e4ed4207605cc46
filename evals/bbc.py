"""``python -m evals.bbc``: factlint on published BBC News articles (``../shared/corpora/bbc-news``).

Prints findings per article (contradictions, warnings, infos) and the precision of the attribution findings
(FL201, FL202, FL203) that an editor has labelled in ``evals/bbc_labels.tsv``, warnings and infos apart; findings
with no label are counted (``--unlabelled`` lists them), to be read and labelled when the output changes. A label
is keyed by article, code, severity and the finding's span, so a finding whose severity changes is judged again.

Labels: a warning is correct when a careful editor, reading the article, would want a source named (or a speaker
given) there; an info is correct when the figure indeed has no source in the article and stating it as fact is
acceptable in published copy. A finding on something that is not a figure, or whose source the article gives,
is wrong.

    python -m evals.bbc                    # the test half (the headline)
    python -m evals.bbc --half dev --list  # every finding on the dev half, to tune on
    python -m evals.bbc --mode replay      # the LLM path on the recorded sample (evals.real_blind), offline beside it
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import ConfigError
from checker.models import Finding, Report, Severity
from checker.wording import clip
from evals.real import BBC_HALVES, CorpusMissing, bbc_half, corpora_dir, offline

LABELS = Path(__file__).resolve().parent / "bbc_labels.tsv"
ATTRIBUTION = ("FL201", "FL202", "FL203")
LABEL_FIELDS = ("article", "code", "severity", "span", "label", "why")
SPAN_CHARS = 60


@dataclass(frozen=True)
class Label:
    article: str
    code: str
    severity: str
    span: str
    label: str  # correct | wrong
    why: str


def span_text(report: Report, finding: Finding) -> str:
    """The finding's span as a short quote: the key a label is stored under."""
    text = " ".join(report.document.text[finding.span.start : finding.span.end].split())
    return clip(text, SPAN_CHARS)


def load_labels(path: Path = LABELS) -> dict[tuple[str, str, str, str], Label]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        labels = [Label(**{k: row[k] for k in LABEL_FIELDS}) for row in rows]
    bad = [lab for lab in labels if lab.label not in ("correct", "wrong")]
    if bad:
        raise ValueError(f"{path}: label must be correct or wrong, not {bad[0].label!r} ({bad[0].article})")
    return {(lab.article, lab.code, lab.severity, lab.span): lab for lab in labels}


def labelled(finding: Finding) -> bool:
    """The attribution findings are labelled (contradictions on edited copy are all false alarms: counted)."""
    return finding.code in ATTRIBUTION


@dataclass
class Result:
    articles: int
    per_code: Counter[str]
    per_severity: Counter[str]
    judged: Counter[tuple[str, str]]  # (severity, label) -> findings
    unlabelled: list[str]
    contradictions: list[str]
    judged_per_code: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (code, severity, label)

    def precision(self, severity: str) -> str:
        correct, wrong = self.judged[(severity, "correct")], self.judged[(severity, "wrong")]
        judged = correct + wrong
        ratio = f"{correct / judged:.3f}" if judged else "n/a"
        return f"{ratio} ({correct} correct, {wrong} wrong)"

    def lines(self) -> Iterator[str]:
        n = self.articles
        yield f"articles: {n}"
        for sev in ("error", "warning", "info"):
            yield f"{sev}s: {self.per_severity[sev]} ({self.per_severity[sev] / n:.2f} per article)"
        yield "by code: " + ", ".join(f"{c} {k}" for c, k in sorted(self.per_code.items()))
        yield f"contradiction findings per 100 articles: {100 * self.per_severity['error'] / n:.1f}"
        for sev in ("warning", "info"):
            missing = sum(1 for row in self.unlabelled if row.endswith(f"\t{sev}"))
            yield f"attribution {sev}s labelled: precision {self.precision(sev)}; not labelled: {missing}"
        for code in sorted(ATTRIBUTION):  # an aggregate, so it may be printed for a blind half too
            for sev in ("warning", "info"):
                correct, wrong = (self.judged_per_code[(code, sev, label)] for label in ("correct", "wrong"))
                if correct + wrong or self.per_code[f"{code}/{sev}"]:
                    missing = self.per_code[f"{code}/{sev}"] - correct - wrong
                    yield f"  {code} {sev}s: {correct} correct of {correct + wrong} labelled; not labelled: {missing}"


def run(
    half: str,
    folder: Path,
    labels: dict[tuple[str, str, str, str], Label],
    listing: bool = False,
    names: Sequence[str] | None = None,
    check: Callable[[str, str], Report] = offline,
) -> Result:
    """Findings on ``half`` (or on the files ``names``), each article checked by ``check(text, name)``."""
    per_code: Counter[str] = Counter()
    per_severity: Counter[str] = Counter()
    judged: Counter[tuple[str, str]] = Counter()
    judged_per_code: Counter[tuple[str, str, str]] = Counter()
    unlabelled: list[str] = []
    contradictions: list[str] = []
    if names is None:
        names = bbc_half([p.name for p in folder.glob("*.txt")], half)
    for name in names:
        report = check((folder / name).read_text(encoding="utf-8"), name)
        for f in report.findings:
            per_code[f"{f.code}/{f.severity.label}"] += 1
            per_severity[f.severity.label] += 1
            span = span_text(report, f)
            row = f"{name}\t{f.code}\t{span}"
            if f.severity is Severity.ERROR:
                contradictions.append(f"{row}\t{f.message}")
            if listing:
                print(f"{row}\t{f.severity.label}\t{f.message}")
            if not labelled(f):
                continue
            label = labels.get((name, f.code, f.severity.label, span))
            if label is None:
                unlabelled.append(f"{name}\t{f.code}\t{span}\t{f.severity.label}")
            else:
                judged[(f.severity.label, label.label)] += 1
                judged_per_code[(f.code, f.severity.label, label.label)] += 1
    return Result(len(names), per_code, per_severity, judged, unlabelled, contradictions, judged_per_code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.bbc", description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=BBC_HALVES, default="test", help="test (default, the headline), dev or all")
    parser.add_argument("--list", action="store_true", help="print every finding (article, code, span, message)")
    parser.add_argument("--unlabelled", action="store_true", help="print the attribution findings with no label")
    parser.add_argument(
        "--mode",
        choices=("offline", "replay"),
        default="offline",
        help="replay: the LLM path from the blind recordings of the sample (test half), offline on the same articles",
    )
    args = parser.parse_args(argv)
    try:
        folder = corpora_dir() / "bbc-news"
        labels = load_labels()
    except (CorpusMissing, ValueError) as exc:
        print(f"evals.bbc: {exc}", file=sys.stderr)
        return 2
    if args.mode == "replay":
        return _replay(folder, labels, args.list, args.unlabelled)
    result = run(args.half, folder, labels, args.list)
    print(f"BBC News ({args.half} half), offline extractor")
    show(result, args.unlabelled)
    return 0


def show(result: Result, unlabelled: bool, contradictions: bool = True) -> None:
    for line in result.lines():
        print("  " + line)
    for row in result.contradictions if contradictions else ():
        print("  contradiction: " + row)
    if unlabelled:
        for row in result.unlabelled:
            print(row)


def _replay(folder: Path, labels: dict[tuple[str, str, str, str], Label], listing: bool, unlabelled: bool) -> int:
    """The LLM path from the blind recordings of the sample, and the offline extractor on the same articles."""
    from evals import real_blind

    try:
        replayed = real_blind.replay_sample("bbc")
    except ConfigError as exc:
        print(f"evals.bbc: {exc}", file=sys.stderr)
        return 2
    print("BBC News sample (evals/real_blind.py), LLM extractor replayed from blind recordings")
    for line in replayed.lines():
        print("  " + line)
    reports = {real_blind.load_real(i).file_name: r for i, r in replayed.reports.items()}
    if reports:
        names = sorted(reports)
        print(f"BBC News, replay, on the {len(names)} replayed articles")
        show(run("test", folder, labels, listing, names, lambda _text, name: reports[name]), unlabelled)
    else:
        names = sorted(real_blind.load_real(i).file_name for i in replayed.sample)
    print(f"BBC News, offline, on the same {len(names)} articles")
    show(run("test", folder, labels, listing, names), unlabelled)
    return 1 if replayed.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
