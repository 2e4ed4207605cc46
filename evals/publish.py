"""Show a run: the terminal table, and the markdown published in ``evals/results.md`` and ``evals/README.md``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from evals.run import RunResult
from evals.score import Counts

README_START = "<!-- results:start -->"
README_END = "<!-- results:end -->"


def _rows(result: RunResult) -> list[tuple[str, Counts]]:
    rows = list(result.metrics.items())
    rows += [(f"{k}: warnings", v) for k, v in result.warned.items()]
    rows += [(f"extraction: {k}", v) for k, v in result.extraction.items()]
    return rows


def text_table(result: RunResult, details: bool = True) -> str:
    lines = [f"factlint evals: mode {result.mode}, {len(result.runs)} articles, {result.date}", ""]
    lines.append(f"{'metric':<22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for name, c in _rows(result):
        lines.append(f"{name:<22} {c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f} {c.tp:>5} {c.fp:>5} {c.fn:>5}")
    if result.unscored:
        lines.append("not scored: " + ", ".join(f"{code} ×{n}" for code, n in result.unscored.items()))
    failed = sum(1 for r in result.runs if r.error)
    if failed:
        lines.append(f"articles that failed to run: {failed} (their gold counts as missed)")
    if details:
        for run in result.runs:
            s = run.score
            if not (s.misses or s.false_alarms or run.error):
                continue
            lines += ["", f"{run.article.id}:"]
            if run.error:
                lines.append(f"  error: {run.error}")
            lines += [f"  miss        {g.code or g.kind}  {g.label}" for g in s.misses]
            lines += [f"  false alarm {f.code}  {f.label}" for f in s.false_alarms]
    return "\n".join(lines) + "\n"


def markdown_table(results: Sequence[RunResult]) -> str:
    lines = [
        "| date | mode | articles | metric | precision | recall | F1 | tp | fp | fn |",
        "|---|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        for name, c in _rows(result):
            lines.append(
                f"| {result.date} | {result.mode} | {len(result.runs)} | {name} | {c.precision:.3f} | "
                f"{c.recall:.3f} | {c.f1:.3f} | {c.tp} | {c.fp} | {c.fn} |"
            )
    return "\n".join(lines) + "\n"


def markdown_details(result: RunResult) -> str:
    lines = [f"### {result.mode}: misses and false alarms", ""]
    any_rows = False
    for run in result.runs:
        s = run.score
        if not (s.misses or s.false_alarms or run.error):
            continue
        any_rows = True
        lines.append(f"- **{run.article.id}** ({run.article.beat})")
        if run.error:
            lines.append(f"  - error: {run.error}")
        lines += [f"  - miss {g.code or g.kind}: {_md(g.label)}" for g in s.misses]
        lines += [f"  - false alarm {f.code}: {_md(f.label)}" for f in s.false_alarms]
    if not any_rows:
        lines.append("None.")
    if result.unscored:
        lines += ["", "Not scored: " + ", ".join(f"{code} ×{n}" for code, n in result.unscored.items()) + "."]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def results_markdown(results: Sequence[RunResult]) -> str:
    parts = [
        "# factlint eval results",
        "",
        "Measured with `python -m evals --mode MODE --publish`; numbers are micro-averaged over the corpus in",
        "`evals/data/`. Contradictions are FL101–FL107, unattributed FL201, vague FL202, unspoken quotes FL203;",
        "the extraction rows score the extractor's figures and sources against the hand-written claims.",
        "",
        markdown_table(results),
    ]
    for result in results:
        parts.append(markdown_details(result))
    return "\n".join(parts)


def update_readme(path: Path, results: Sequence[RunResult]) -> None:
    """Replace the table between the results markers in ``path`` with the headline rows of ``results``."""
    text = path.read_text(encoding="utf-8")
    block = f"{README_START}\n{markdown_table(results)}{README_END}"
    pattern = re.compile(re.escape(README_START) + r".*?" + re.escape(README_END), re.DOTALL)
    if not pattern.search(text):
        raise ValueError(f"{path}: no {README_START} … {README_END} block to update")
    path.write_text(pattern.sub(lambda _: block, text), encoding="utf-8")
