"""A review page for editors: the article with every extracted figure highlighted, and the findings beside it.

One self-contained file (CSS and JS inlined from ``assets/``, no external URL), so it can be mailed or opened
offline. Each figure is coloured by what factlint says about it: contradicted (a rule of the FL1 family
involves it), unattributed (no source, or in an unattributed quotation), vague (only a vague source), or with no
issue found.
Hovering a figure shows its value as an interval and who gives it; clicking a finding marks every quote it
involves and scrolls to the first. All article text is escaped.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from checker import __version__, file_errors
from checker.document import paragraphs, source_span
from checker.models import Claim, Finding, Report, Severity, Span
from checker.report.common import (
    Out,
    Tally,
    by_severity,
    claim_source,
    claim_value,
    copy_spool,
    display_path,
    in_text_order,
    render_with,
    severities,
    spool,
)
from checker.rules import RULES
from checker.wording import clip, plural

if TYPE_CHECKING:
    from checker.report import RenderOptions

STATUSES = {
    "contradicted": "contradicted",
    "unattributed": "no source",
    "vague": "vague source",
    "unreviewed": "not reviewed",
    "fine": "no issue found",  # not "fine": factlint can miss a problem, so say only what it did not find
}
_RANK = {name: n for n, name in enumerate(STATUSES)}


def status_of_code(code: str) -> str:
    """What a finding says about the figures it involves, as its rule declares (a code no rule has: unreviewed)."""
    known = RULES.get(code)
    return known.status if known else "unreviewed"


def e(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class _Mark:
    """A highlighted figure: a claim's figure, or the span of a finding that names no claim."""

    id: str
    span: Span
    status: str
    tip: str
    findings: tuple[str, ...]


class _FileView:
    """Ids and statuses for one document.

    ``d0-c3`` names claim c3 of the first document and ``d0-f2`` its third finding: a quote carries the ids it
    belongs to in ``data-q``, a figure is ``fig-<id>``, a finding card ``finding-<id>``, and ``#d0-f2`` in the
    URL selects that finding (no element has that id, so the browser does not jump on its own).
    """

    def __init__(self, index: int, report: Report, options: RenderOptions) -> None:
        self.report = report
        self.doc = report.document
        self.prefix = f"d{index}-"
        self.path = display_path(self.doc.path, options.root)
        self.finding_ids = {id(f): f"{self.prefix}f{n}" for n, f in enumerate(report.findings)}
        # what a figure measures, in the model's words when a model read it (its claims' group, event and scope
        # are the offline extractor's reading, there for the severity policy: see extract/assembly.py)
        extraction = report.extraction
        self.measures = {q.id: q.description for q in extraction.quantities} if extraction.extractor == "llm" else {}
        involved: dict[str, list[Finding]] = {}
        for finding in report.findings:
            for claim in finding.claims:
                involved.setdefault(claim.id, []).append(finding)
        self.marks: list[_Mark] = []
        for claim in report.claims:
            found = involved.get(claim.id, [])
            status = min((status_of_code(f.code) for f in found), key=_RANK.__getitem__, default="fine")
            ids = tuple(self.finding_ids[id(f)] for f in found)
            self.marks.append(_Mark(self.qid(claim), claim.figure_span, status, self._tip(claim, status, found), ids))
        for finding in report.findings:
            if not finding.claims:
                fid = self.finding_ids[id(finding)]
                tip = f"{finding.code}: {finding.message}"
                self.marks.append(_Mark(fid, finding.span, status_of_code(finding.code), tip, (fid,)))
        self.marks = _without_overlaps(self.marks)
        self.drawn: set[str] = set()

    def qid(self, claim: Claim) -> str:
        return f"{self.prefix}{claim.id}"

    def targets(self, finding: Finding) -> list[str]:
        if finding.claims:
            return list(dict.fromkeys(self.qid(c) for c in finding.claims))
        return [self.finding_ids[id(finding)]]

    def quotes(self) -> list[tuple[str, Span]]:
        """Spans a finding can mark: each claim's quote, and the span of each finding without claims."""
        spans = [(self.qid(c), c.span) for c in self.report.claims]
        spans += [(self.finding_ids[id(f)], f.span) for f in self.report.findings if not f.claims]
        return spans

    def _tip(self, claim: Claim, status: str, found: list[Finding]) -> str:
        line, column = self.doc.position(claim.figure_span.start)
        what = self.measures.get(claim.quantity) or claim.counted
        what = what or " ".join(filter(None, [", ".join(claim.population), claim.event]))
        lines = [f"“{claim.figure}” = {claim_value(claim)}" + (f" · {what}" if what else "")]
        lines.append(f"Interval: {claim.value} ({claim.value.reason})")
        lines.append(f"Source: {claim_source(claim)}")
        codes = ", ".join(dict.fromkeys(f.code for f in found))
        lines.append(f"{STATUSES[status].capitalize()} · line {line}:{column}" + (f" · {codes}" if codes else ""))
        return "\n".join(lines)


def _without_overlaps(marks: list[_Mark]) -> list[_Mark]:
    """Figures never overlap in practice; if two do, keep the worse-status one so nesting stays valid. The kept
    ones are held sorted by start (so by end too): a mark overlaps one of them only if it overlaps a neighbour of
    its place, found by bisection (a draft of 20,000 figures was checked against every kept one)."""
    kept: list[_Mark] = []
    starts: list[int] = []
    for mark in sorted(marks, key=lambda m: (_RANK[m.status], m.span.start)):
        if mark.span.end <= mark.span.start:
            continue
        at = bisect.bisect_left(starts, mark.span.start)
        if (at and kept[at - 1].span.overlaps(mark.span)) or (at < len(kept) and kept[at].span.overlaps(mark.span)):
            continue
        kept.insert(at, mark)
        starts.insert(at, mark.span.start)
    return kept


def _by_paragraph(paras: list[Span], spans: Sequence[Span]) -> list[list[int]]:
    """For each paragraph (in order, none overlapping the next), the indexes of the ``spans`` that overlap it, in
    their order: one sweep, not every span for every paragraph."""
    order = sorted(range(len(spans)), key=lambda n: spans[n].start)
    found: list[list[int]] = []
    active: list[int] = []
    taken = 0
    for para in paras:
        while taken < len(order) and spans[order[taken]].start < para.end:
            active.append(order[taken])
            taken += 1
        active = [n for n in active if spans[n].end > para.start]  # the others end before any later paragraph
        found.append(sorted(active))
    return found


def _paragraph(view: _FileView, para: Span, inside: list[_Mark], near: list[tuple[str, Span]]) -> str:
    """One paragraph, its figures marked (``inside``, in order, none overlapping another) and its pieces of quotes
    tagged with the quotes they are part of (``near``)."""
    text = view.doc.text
    cuts = {para.start, para.end}
    for m in inside:
        cuts |= {max(para.start, m.span.start), min(para.end, m.span.end)}
    for _, span in near:
        cuts |= {max(para.start, span.start), min(para.end, span.end)}
    points = sorted(cuts)
    out: list[str] = []
    open_mark: _Mark | None = None
    # the pieces come in order, and every mark and quote starts and ends at a cut: sweep both
    marks = iter(inside)
    pending = next(marks, None)
    by_start = sorted(range(len(near)), key=lambda n: near[n][1].start)
    taken = 0
    covering: list[int] = []
    for a, b in itertools.pairwise(points):
        while pending is not None and pending.span.end <= a:
            pending = next(marks, None)
        mark = pending if pending is not None and pending.span.start <= a and b <= pending.span.end else None
        if mark is not open_mark:
            if open_mark is not None:
                out.append("</mark>")
            if mark is not None:
                # a span that runs over a paragraph break is drawn in pieces; only the first carries the id
                ident = "" if mark.id in view.drawn else f' id="fig-{mark.id}"'
                view.drawn.add(mark.id)
                out.append(
                    f'<mark class="fig st-{mark.status}"{ident} tabindex="0"'
                    f' data-findings="{" ".join(mark.findings)}" data-tip="{e(mark.tip)}">'
                )
            open_mark = mark
        piece = e(re.sub(r"\s+", " ", text[a:b]))  # the browser collapses whitespace anyway; keep the file small
        while taken < len(by_start) and near[by_start[taken]][1].start <= a:
            covering.append(by_start[taken])
            taken += 1
        covering = [n for n in covering if b <= near[n][1].end]
        ids = [near[n][0] for n in sorted(covering)]
        out.append(f'<span class="q" data-q="{" ".join(ids)}">{piece}</span>' if ids else piece)
    if open_mark is not None:
        out.append("</mark>")
    line, _ = view.doc.position(para.start)
    return f'<p class="para"><span class="ln" title="line {line}">{line}</span>{"".join(out)}</p>'


def _article(view: _FileView) -> str:
    report = view.report
    quotes = view.quotes()
    paras = paragraphs(view.doc)
    marks = _by_paragraph(paras, [m.span for m in view.marks])
    near = _by_paragraph(paras, [span for _, span in quotes])
    body = "\n".join(
        _paragraph(view, para, [view.marks[n] for n in inside], [quotes[n] for n in close])
        for para, inside, close in zip(paras, marks, near, strict=True)
    )
    ex = report.extraction
    stats = f"{plural(len(ex.claims), 'figure')} extracted · extractor: {ex.extractor}"
    if report.error:
        stats = f"{file_errors.state(report)}: {report.error}"
    return (
        f'<article class="draft" id="{view.prefix}article">\n<h2>{e(view.path)}</h2>\n'
        f'<p class="stats">{e(stats)}</p>\n{body}\n</article>'
    )


def _finding(view: _FileView, finding: Finding, statuses: dict[str, str]) -> str:
    line, column = view.doc.position(source_span(view.doc, finding.span).start)
    figures = []
    for claim in in_text_order(finding):
        claim_line, claim_column = view.doc.position(claim.figure_span.start)
        status = statuses.get(claim.id, "fine")
        figures.append(
            f'<li><span class="dot st-{status}"></span><span class="where">{claim_line}:{claim_column}</span>'
            f"“{e(clip(claim.quote, 70))}” = <b>{e(claim_value(claim))}</b> — {e(claim_source(claim))}</li>"
        )
    figs = f'<ul class="figs">{"".join(figures)}</ul>' if figures else ""
    expl = f'<p class="expl">{e(finding.explanation)}</p>' if finding.explanation else ""
    fid = view.finding_ids[id(finding)]
    return (
        f'<li class="finding sev-{finding.severity.label}" id="finding-{fid}" tabindex="0" role="button"'
        f' data-targets="{" ".join(view.targets(finding))}">'
        f'<div class="fhead"><span class="badge">{finding.severity.label}</span><code>{finding.code}</code>'
        f"<span>{e(finding.rule)}</span><span>line {line}:{column}</span></div>"
        f'<p class="msg">{e(finding.message)}</p>{expl}{figs}</li>'
    )


def _panel(view: _FileView, several: bool) -> str:
    statuses = {m.id.removeprefix(view.prefix): m.status for m in view.marks}
    parts = [f'<p class="file">{e(view.path)}</p>'] if several else []
    if not view.report.findings:
        return "".join(parts) + '<p class="empty">No findings: no contradiction and no missing source found.</p>'
    groups = {
        Severity.ERROR: "Contradictions and impossible figures",
        Severity.WARNING: "Sources to check",
        Severity.INFO: "Minor",
    }
    ordered = by_severity(view.report.findings)
    for severity, title in groups.items():
        items = [_finding(view, f, statuses) for f in ordered if f.severity is severity]
        if not items:
            continue
        block = f'<ol class="findings">{"".join(items)}</ol>'
        if severity is Severity.INFO:
            parts.append(f'<details class="infos"><summary>{title} ({len(items)})</summary>{block}</details>')
        else:
            parts.append(f"<h3>{title} ({len(items)})</h3>{block}")
    return "".join(parts)


class Writer:
    """Each file's article and findings panel as its report arrives, each into its spool; the page's header,
    which counts every file's findings and figures, at the end, then the articles, then the panels."""

    def __init__(self, out: Out, options: RenderOptions) -> None:
        self.out, self.options = out, options
        self.tally = Tally()
        self.figures: Counter[str] = Counter()
        self.articles, self.panels = spool(), spool()
        self.first = ""  # the first file's path: the page's title when it is the only one

    def start(self) -> None:
        pass

    def handle(self, report: Report) -> None:
        self.take(part(report, self.options, self.tally.files))

    def take(self, made: _Part) -> None:
        """What ``part`` made of the next file's report."""
        found, statuses, path, article, panel = made
        self.tally.count(found)
        self.figures.update(statuses)
        separator = "\n" if self.tally.files > 1 else ""
        self.articles.write(separator + article)
        self.panels.write(separator + panel)
        if self.tally.files == 1:
            self.first = path

    def stop(self) -> None:
        several = self.tally.files > 1
        head, middle, tail = _page(self.first if self.tally.files == 1 else plural(self.tally.files, "draft"),
                                   self.tally.summary(), self.figures)  # fmt: skip
        self.out.write(head)
        copy_spool(self.articles, self.out)
        self.out.write(middle + (f'<p class="file">{e(self.first)}</p>' if several else ""))
        copy_spool(self.panels, self.out)
        self.out.write(tail)
        self.articles.close()
        self.panels.close()


_Part = tuple[tuple[Severity, ...], tuple[str, ...], str, str, str]


def part(report: Report, options: RenderOptions, index: int = 0) -> _Part:
    """What ``Writer.handle`` writes for the ``index``-th file's report, made wherever the report is: its
    findings' severities, its figures' statuses, its path as shown, its article and its findings panel."""
    view = _FileView(index, report, options)
    # the first file's panel names its file only if another follows: that name is written at the end
    panel = _panel(view, several=index > 0)
    return severities(report), tuple(m.status for m in view.marks), view.path, _article(view), panel


def _page(title: str, counts: dict[str, int], figures: Counter[str]) -> tuple[str, str, str]:
    """The page before the articles, between the articles and the panels, and after the panels."""
    assets = resources.files("checker.report") / "assets"
    css = (assets / "report.css").read_text(encoding="utf-8")
    js = (assets / "report.js").read_text(encoding="utf-8")
    count_items = "".join(
        f'<li class="sev-{label}"><span class="badge">{plural(n, label)}</span></li>' for label, n in counts.items()
    )
    legend = "".join(
        f'<li><span class="chip st-{status}">{word}</span> {figures.get(status, 0)}</li>'
        for status, word in STATUSES.items()
        if figures.get(status) or status != "unreviewed"
    )
    head = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="factlint {__version__}">
<title>factlint: {e(title)}</title>
<style>
{css}</style>
</head>
<body>
<header class="top">
<h1><span class="tool">factlint</span> {e(title)}</h1>
<ul class="counts">{count_items}</ul>
<ul class="legend" aria-label="figure colours">{legend}</ul>
<p class="hint">Coloured numbers are the figures factlint read. Hover one for its value and source; click a
finding on the right to mark every quote it involves.</p>
</header>
<main class="layout">
<section class="article-pane">
"""
    middle = f"""
<footer class="foot">factlint {__version__}</footer>
</section>
<aside class="panel" aria-label="findings">
<h2>Findings</h2>
"""
    tail = f"""
</aside>
</main>
<script>
{js}</script>
</body>
</html>
"""
    return head, middle, tail


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    return render_with(Writer, reports, options)
