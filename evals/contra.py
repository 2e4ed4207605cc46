"""``python -m evals.contra``: contradiction findings (FL101–FL107) per 100 published articles.

Published, edited copy has next to no real contradictions, so nearly every finding on it is a false alarm: the
rate is the headline, and ``--list`` prints every finding with the sentence around each of its figures, to be
read against the article. Runs the offline extractor on PolNeAR (``../shared/corpora/polnear-train``, real US
political news; nobody tuned contradictions on it) or the BBC articles (``bbc-news``), split into the halves
``evals.real`` defines.

    python -m evals.contra                          # PolNeAR, test half (the headline)
    python -m evals.contra --half dev --list        # every finding on the dev half, to read and tune on
    python -m evals.contra --corpus bbc --half all  # the BBC articles, both halves
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checker.models import Finding, Report
from checker.rules.quantities import QuantityTable
from evals.real import HALVES, CorpusMissing, bbc_half, corpora_dir, offline, polnear_half

CORPORA = {"polnear": "polnear-train", "bbc": "bbc-news"}
CONTEXT = 70  # characters of the article shown either side of a figure


def contradictions(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.code.startswith("FL1")]


def compared(report: Report) -> int:
    """Pairs of figures the rules set side by side: two claims of one group with different values, and a whole's
    claim with each claim of a part at its moment. Published copy has few findings; a reading that tells two
    quantities apart shows here too, and one that joins two shows here first."""
    extraction = report.extraction
    table = QuantityTable.build(extraction.claims, extraction.quantities, extraction.relations)
    pairs = 0
    for group, claims in table.groups.items():
        pairs += sum(a.value != b.value for a, b in itertools.combinations(claims, 2))
        for part in table.descendants.get(group.quantity, ()):
            pairs += len(claims) * len(table.claims_at(part, group.as_of, group.dimension, group.share_of))
    return pairs


def describe(report: Report, finding: Finding) -> Iterator[str]:
    """The finding's message, then each figure in its sentence's neighbourhood, as the article writes it."""
    text = report.document.text
    yield f"{report.document.path}\t{finding.code}\t{finding.message}"
    for claim in finding.claims:
        span = claim.figure_span
        before = " ".join(text[max(0, span.start - CONTEXT) : span.start].split())
        after = " ".join(text[span.end : span.end + CONTEXT].split())
        yield f"    …{before} [{text[span.start : span.end]}] {after}…"


@dataclass
class Result:
    articles: int = 0
    compared: int = 0
    per_code: Counter[str] = field(default_factory=Counter)
    listing: list[str] = field(default_factory=list)

    @property
    def findings(self) -> int:
        return sum(self.per_code.values())

    def lines(self) -> Iterator[str]:
        yield f"articles: {self.articles}"
        rate = 100 * self.findings / self.articles if self.articles else 0.0
        yield f"contradiction findings: {self.findings} ({rate:.1f} per 100 articles)"
        if self.per_code:
            yield "by code: " + ", ".join(f"{code} {n}" for code, n in sorted(self.per_code.items()))
        yield f"pairs of figures compared (one quantity, or a part and its whole): {self.compared}"


def articles(corpus: str, folder: Path, half: str) -> list[Path]:
    if corpus == "bbc":
        return [folder / n for n in bbc_half([p.name for p in folder.glob("*.txt")], half)]
    return [folder / f"{n}.txt" for n in polnear_half([p.stem for p in folder.glob("*.txt")], half)]


def run(paths: Sequence[Path]) -> Result:
    result = Result()
    for path in paths:
        report = offline(path.read_text(encoding="utf-8"), path.name)
        result.articles += 1
        result.compared += compared(report)
        for finding in contradictions(report):
            result.per_code[finding.code] += 1
            result.listing.extend(describe(report, finding))
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.contra", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="polnear", help="polnear (default) or bbc")
    parser.add_argument("--half", choices=HALVES, default="test", help="test (default, the headline), dev or all")
    parser.add_argument("--list", action="store_true", help="print every finding with its figures in context")
    args = parser.parse_args(argv)
    if args.corpus == "bbc" and args.half.startswith("test-"):
        print(f"evals.contra: the BBC corpus has no half {args.half} (only PolNeAR's is split)", file=sys.stderr)
        return 2
    try:
        folder = corpora_dir() / CORPORA[args.corpus]
    except CorpusMissing as exc:
        print(f"evals.contra: {exc}", file=sys.stderr)
        return 2
    result = run(articles(args.corpus, folder, args.half))
    print(f"{args.corpus} ({args.half} half), offline extractor")
    for line in result.lines():
        print("  " + line)
    if args.list:
        for line in result.listing:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
