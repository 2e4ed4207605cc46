"""``python -m evals.polnear``: factlint's attribution against PolNeAR's hand annotation.

For every figure the scanner finds (counts, percentages, money, measures): if it lies inside an annotated
attribution's Content span, does factlint give that attribution's Source (a content word in common; an
annotated pronoun accepts any source factlint names)? If it lies outside every Content span (the article's own
voice), does factlint give no source? Figures inside an attribution annotated with no source are counted apart.
A figure the extractor does not keep as a claim gets no source.

    python -m evals.polnear                 # the test half (the headline)
    python -m evals.polnear --half dev --misses 40   # tune on the dev half (or test-a) only
    python -m evals.polnear --mode replay   # the LLM path on the recorded sample (evals.real_blind), offline beside it
    python -m evals.polnear --quotations    # FL203 ("quotation has no speaker") against the annotated sources
    python -m evals.polnear --warnings --half dev --list 40   # FL201/FL202 findings against the annotation
    python -m evals.polnear --labelled --half dev   # an editor's labels of the attribution warnings (dev half)
    python -m evals.polnear --labelled --half test-b   # the blind part: aggregates only, per code

The test half is split in two by the second byte of the name's SHA-256 (``evals.real.polnear_part``): ``test-a`` is
a tuning set beside the dev half, whose signal was used up; ``test-b`` is blind, measured only with aggregates.

With ``--warnings`` the unit is an FL201 ("no source for this figure") or FL202 ("only a vague source") finding,
per severity: an FL201 on a figure inside an attribution with an annotated source is wrong (the article gives
one); so is an FL202 on a figure whose annotated source is named (has a content word: not "he", "they"). The
rest (own-voice figures, attributions with no or only a pronoun source) are candidates for right ones.

With ``--quotations`` the unit is a quotation the offline extractor finds: it is held by an attribution when at
least half of its characters lie in that attribution's Content spans. An FL203 on a quotation held by an
attribution with an annotated source is wrong (the annotators found its speaker); one on a quotation held by no
attribution with a source is a candidate for a right one. For the quotations with an annotated source, the
speaker the extractor gives is scored with ``gives``, as figures are.

With ``--labelled`` the findings are scored as ``evals.bbc`` scores BBC articles, against an editor's labels in
``evals/polnear_labels.tsv``, judged by reading the article, not the annotation: the dev half's attribution warnings,
a second set to tune the severity policy on beside the BBC dev half's few warnings, and the test half's, labelled
after that tuning to measure it (not to tune on).

With the LLM extractor a figure the scanner finds takes the source of the claim whose figure has the same span,
or else of the first claim whose figure overlaps it (the model may quote "more than 25 percent" where the
scanner reads "25 percent").
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import ConfigError
from checker.extract.patterns import CLAIM_KINDS
from checker.models import Quotation, Report, Source, SourceKind, Span
from checker.normalize import scan
from evals import bbc
from evals.real import HALVES, CorpusMissing, corpora_dir, offline, polnear_half

LABELS = Path(__file__).resolve().parent / "polnear_labels.tsv"
TUNING = ("dev", "test-a")  # the halves whose findings may be listed; test-b (and so test, all) is blind
_PRONOUNS = "i me my we us our you your he him his she her it its they them their who whom which that this these those"
_FUNCTION_WORDS = "the a an of and or in on at to for from by with as s mr mrs ms dr said says according some"
_STOPWORDS = frozenset(f"{_PRONOUNS} {_FUNCTION_WORDS}".split(" "))


@dataclass(frozen=True)
class Attribution:
    content: tuple[Span, ...]
    source: str  # the annotated source's text; "" when the annotators marked none
    has_source: bool


def parse_ann(text: str) -> list[Attribution]:
    """Attribution relations of a brat standoff file (Discuss/Discard annotations are not attributions)."""
    spans: dict[str, tuple[str, tuple[Span, ...], str]] = {}
    events: list[str] = []
    for line in text.splitlines():
        if "\t" not in line:
            continue  # a stray line (one test-half file has one): not an annotation
        if line.startswith("T"):
            tid, info, *rest = line.split("\t")
            kind, _, offsets = info.partition(" ")
            parts = tuple(Span(int(a), int(b)) for a, b in (p.split() for p in offsets.split(";")))
            spans[tid] = (kind, parts, rest[0] if rest else "")
        elif line.startswith("E"):
            events.append(line.split("\t")[1])
    out = []
    for event in events:
        roles = [r.split(":") for r in event.split()]
        head = roles[0][0]
        content = tuple(s for role, tid in roles if role.startswith("Content") for s in spans[tid][1])
        sources = [spans[tid][2] for role, tid in roles if role.startswith("Source")]
        out.append(Attribution(content, " ".join(sources), head == "Attribution" and bool(sources)))
    return out


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower().replace("’", "'")) if w not in _STOPWORDS and len(w) > 1}


def gives(annotated: str, source: Source) -> bool:
    """factlint's source matches the annotated one: a content word in common, or any source for a pronoun."""
    if source.kind is SourceKind.NONE:
        return False
    wanted = words(annotated)
    if not wanted:  # "he", "they", "it": the annotators resolved nothing, so any source factlint names will do
        return True
    return bool(wanted & words(source.name))


@dataclass
class Tally:
    attributed: int = 0
    attributed_any: int = 0
    attributed_right: int = 0
    own_voice: int = 0
    own_voice_none: int = 0
    unsourced_attribution: int = 0
    unsourced_attribution_none: int = 0
    articles: int = 0
    misses: list[str] = field(default_factory=list)

    def lines(self) -> Iterator[str]:
        yield f"articles: {self.articles}"
        yield (
            f"attributed figures: {self.attributed}; "
            f"annotated source given {_ratio(self.attributed_right, self.attributed)}, "
            f"some source given {_ratio(self.attributed_any, self.attributed)}"
        )
        yield f"own-voice figures: {self.own_voice}; no source given {_ratio(self.own_voice_none, self.own_voice)}"
        yield (
            f"figures in attributions with no annotated source: {self.unsourced_attribution}; "
            f"no source given {_ratio(self.unsourced_attribution_none, self.unsourced_attribution)}"
        )


def _ratio(n: int, d: int) -> str:
    return f"{n / d:.3f} ({n}/{d})" if d else "n/a (0/0)"


def score_article(name: str, text: str, ann: str, tally: Tally, report: Report | None = None) -> None:
    """Score the offline extractor's report on the article, or ``report`` (the LLM path's)."""
    attributions = parse_ann(ann)
    loose = report is not None
    if report is None:
        report = offline(text, name)
    by_figure = {c.figure_span: c.source for c in report.claims}
    overlapping = [(c.figure_span, c.source) for c in report.claims] if loose else []
    tally.articles += 1
    for figure in scan(text):
        if figure.kind not in CLAIM_KINDS:
            continue
        source = by_figure.get(figure.span)
        if source is None:
            source = next((s for at, s in overlapping if at.overlaps(figure.span)), Source())
        holders = [a for a in attributions if any(c.contains(figure.span) for c in a.content)]
        context = " ".join(text[max(0, figure.span.start - 100) : figure.span.end + 40].split())
        if not holders:
            tally.own_voice += 1
            if source.kind is SourceKind.NONE:
                tally.own_voice_none += 1
            else:
                tally.misses.append(f"{name}: own voice, gave {source.describe()}: …{context}…")
            continue
        named = [a for a in holders if a.has_source]
        if not named:
            tally.unsourced_attribution += 1
            tally.unsourced_attribution_none += source.kind is SourceKind.NONE
            continue
        tally.attributed += 1
        tally.attributed_any += source.kind is not SourceKind.NONE
        if any(gives(a.source, source) for a in named):
            tally.attributed_right += 1
        else:
            wanted = " / ".join(a.source for a in named)
            tally.misses.append(f"{name}: wanted “{wanted}”, gave {source.describe()}: …{context}…")


@dataclass
class QuoteTally:
    articles: int = 0
    quotations: int = 0
    sourced: int = 0  # quotations held by an attribution with an annotated source
    sourced_any: int = 0
    sourced_right: int = 0
    flagged: Counter[str] = field(default_factory=Counter)  # "warning, sourced" -> FL203 findings
    misses: list[str] = field(default_factory=list)

    def lines(self) -> Iterator[str]:
        yield f"articles: {self.articles}; quotations: {self.quotations}"
        yield (
            f"quotations with an annotated source: {self.sourced}; "
            f"annotated speaker given {_ratio(self.sourced_right, self.sourced)}, "
            f"some speaker given {_ratio(self.sourced_any, self.sourced)}"
        )
        for severity in ("warning", "info"):
            wrong, rest = self.flagged[f"{severity}, sourced"], self.flagged[f"{severity}, unsourced"]
            yield (
                f"FL203 {severity}s: {wrong + rest}; on a quotation with an annotated source (wrong) {wrong}, "
                f"with none (candidates) {rest}"
            )


def _held_by(quote: Span, attributions: Sequence[Attribution]) -> list[Attribution]:
    """The attributions whose Content spans hold at least half of the quotation's characters."""
    size = max(1, quote.end - quote.start)
    return [
        a
        for a in attributions
        if 2 * sum(max(0, min(quote.end, c.end) - max(quote.start, c.start)) for c in a.content) >= size
    ]


def score_quotations(name: str, text: str, ann: str, tally: QuoteTally) -> None:
    """FL203 findings and the speakers of the offline extractor's quotations against the annotation."""
    attributions = parse_ann(ann)
    report = offline(text, name)
    tally.articles += 1
    quotations: dict[Span, Quotation] = {q.span: q for q in report.extraction.quotations}
    sourced: dict[Span, list[Attribution]] = {}
    for quote in quotations.values():
        tally.quotations += 1
        named = [a for a in _held_by(quote.span, attributions) if a.has_source]
        if not named:
            continue
        sourced[quote.span] = named
        tally.sourced += 1
        tally.sourced_any += quote.speaker.kind is not SourceKind.NONE
        tally.sourced_right += any(gives(a.source, quote.speaker) for a in named)
    for f in report.findings:
        if f.code != "FL203":
            continue
        named = sourced.get(f.span, [])
        tally.flagged[f"{f.severity.label}, {'sourced' if named else 'unsourced'}"] += 1
        if named:
            before, quoted = text[max(0, f.span.start - 160) : f.span.start], text[f.span.start : f.span.end]
            after = text[f.span.end : f.span.end + 100]
            context = " ".join(f"{before}[{quoted[:60]}{'…' if len(quoted) > 60 else ''}]{after}".split())
            wanted = " / ".join(a.source for a in named)
            tally.misses.append(f"{name}: FL203 {f.severity.label}, annotated “{wanted}”: …{context}…")


@dataclass
class WarningTally:
    articles: int = 0
    flagged: Counter[str] = field(default_factory=Counter)  # "FL201 warning, wrong" -> findings
    listed: list[str] = field(default_factory=list)

    def lines(self) -> Iterator[str]:
        yield f"articles: {self.articles}"
        for code in ("FL201", "FL202"):
            for severity in ("warning", "info"):
                wrong, rest = self.flagged[f"{code} {severity}, wrong"], self.flagged[f"{code} {severity}, candidate"]
                yield (
                    f"{code} {severity}s: {wrong + rest}; on an attributed figure (wrong) {wrong}, "
                    f"own voice or no named source (candidates) {rest}"
                )


def _named(annotated: str) -> bool:
    """An annotated source with a content word ("the ministry", "Sanders"), not a pronoun ("he", "they")."""
    return bool(words(annotated))


def score_warnings(name: str, text: str, ann: str, tally: WarningTally) -> None:
    """The offline extractor's FL201 and FL202 findings against the annotated attributions."""
    attributions = parse_ann(ann)
    report = offline(text, name)
    tally.articles += 1
    for f in report.findings:
        if f.code not in ("FL201", "FL202"):
            continue
        holders = [a for a in attributions if a.has_source and any(c.contains(f.span) for c in a.content)]
        wrong = bool(holders) if f.code == "FL201" else any(_named(a.source) for a in holders)
        verdict = "wrong" if wrong else "candidate"
        tally.flagged[f"{f.code} {f.severity.label}, {verdict}"] += 1
        before, figure = text[max(0, f.span.start - 140) : f.span.start], text[f.span.start : f.span.end]
        context = " ".join(f"{before}[{figure}]{text[f.span.end : f.span.end + 60]}".split())
        wanted = f", annotated “{' / '.join(a.source for a in holders)}”" if holders else ""
        tally.listed.append(f"{name}: {f.code} {f.severity.label} ({verdict}{wanted}): …{context}…")


def articles(half: str, folder: Path) -> Iterator[tuple[str, str, str]]:
    """Each article of ``half`` in ``folder``: its name, text and annotation."""
    for name in polnear_half([p.stem for p in folder.glob("*.txt")], half):
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        yield name, text, (folder / f"{name}.ann").read_text(encoding="utf-8")


def run_warnings(half: str, folder: Path) -> WarningTally:
    tally = WarningTally()
    for name, text, ann in articles(half, folder):
        score_warnings(name, text, ann, tally)
    return tally


def run_quotations(half: str, folder: Path) -> QuoteTally:
    tally = QuoteTally()
    for name, text, ann in articles(half, folder):
        score_quotations(name, text, ann, tally)
    return tally


def run(half: str, folder: Path) -> Tally:
    tally = Tally()
    for name, text, ann in articles(half, folder):
        score_article(name, text, ann, tally)
    return tally


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.polnear", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--half",
        choices=HALVES,
        default="test",
        help="test (default, the headline), dev, all, or the test half's two parts: test-a (tuned on), test-b (blind)",
    )
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="print N misses (tuning sets only)")
    parser.add_argument(
        "--mode",
        choices=("offline", "replay"),
        default="offline",
        help="replay: the LLM path from the blind recordings of the sample (test half), offline on the same articles",
    )
    parser.add_argument(
        "--quotations",
        action="store_true",
        help="score FL203 and the quotations' speakers against the annotated sources instead of the figures",
    )
    parser.add_argument(
        "--warnings",
        action="store_true",
        help="score the FL201 and FL202 findings against the annotated attributions instead of the figures",
    )
    parser.add_argument(
        "--labelled",
        action="store_true",
        help="precision of the attribution findings an editor labelled in evals/polnear_labels.tsv",
    )
    parser.add_argument(
        "--list", type=int, default=0, metavar="N", help="with --warnings: print N findings (tuning sets only)"
    )
    args = parser.parse_args(argv)
    try:
        folder = corpora_dir() / "polnear-train"
    except CorpusMissing as exc:
        print(f"evals.polnear: {exc}", file=sys.stderr)
        return 2
    if (args.misses or args.list) and args.half not in TUNING:
        print("evals.polnear: --misses and --list only on dev and test-a (the rest is measured)", file=sys.stderr)
        return 2
    if args.labelled:
        return _labelled(args.half, folder)
    if args.warnings and (args.quotations or args.mode == "replay"):
        print("evals.polnear: --warnings scores the offline extractor's figures alone", file=sys.stderr)
        return 2
    if args.warnings:
        warnings = run_warnings(args.half, folder)
        print(f"PolNeAR ({args.half} half), offline extractor, FL201 and FL202 findings")
        for line in warnings.lines():
            print("  " + line)
        for listed in warnings.listed[: args.list]:
            print("  - " + listed)
        return 0
    if args.mode == "replay":
        if args.quotations:
            print("evals.polnear: --quotations scores the offline extractor only", file=sys.stderr)
            return 2
        return _replay(folder)
    tally: Tally | QuoteTally = run_quotations(args.half, folder) if args.quotations else run(args.half, folder)
    print(f"PolNeAR ({args.half} half), offline extractor{', quotations' if args.quotations else ''}")
    for line in tally.lines():
        print("  " + line)
    for miss in tally.misses[: args.misses]:
        print("  - " + miss)
    return 0


def _labelled(half: str, folder: Path) -> int:
    """The attribution findings on ``half`` against the editor's labels, as ``evals.bbc`` scores BBC articles."""
    try:
        labels = bbc.load_labels(LABELS)
    except ValueError as exc:
        print(f"evals.polnear: {exc}", file=sys.stderr)
        return 2
    names = [f"{name}.txt" for name in polnear_half([p.stem for p in folder.glob("*.txt")], half)]
    result = bbc.run(half, folder, labels, names=names)
    print(f"PolNeAR ({half} half), offline extractor, labelled attribution findings")
    bbc.show(result, unlabelled=False, contradictions=half in TUNING)  # a blind half's findings are not listed
    if half in TUNING:  # the warnings to label when the output changes (the labels cover warnings only)
        for row in result.unlabelled:
            if row.endswith("\twarning"):
                print(row)
    return 0


def _replay(folder: Path) -> int:
    """The LLM path from the blind recordings of the sample, and the offline extractor on the same articles."""
    from evals import real_blind

    try:
        replayed = real_blind.replay_sample("polnear")
    except ConfigError as exc:
        print(f"evals.polnear: {exc}", file=sys.stderr)
        return 2
    print("PolNeAR sample (evals/real_blind.py), LLM extractor replayed from blind recordings")
    for line in replayed.lines():
        print("  " + line)
    ids = sorted(replayed.reports) or sorted(replayed.sample)
    tallies = {"replay": Tally(), "offline": Tally()}
    for article_id in ids:
        name = real_blind.split_id(article_id)[1]
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        ann = (folder / f"{name}.ann").read_text(encoding="utf-8")
        if article_id in replayed.reports:
            score_article(name, text, ann, tallies["replay"], replayed.reports[article_id])
        score_article(name, text, ann, tallies["offline"])
    for mode, tally in tallies.items():
        if tally.articles:
            print(f"PolNeAR, {mode}, on the {len(ids)} {'replayed' if replayed.reports else 'sampled'} articles")
            for line in tally.lines():
                print("  " + line)
    return 1 if replayed.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
