"""Run the checker over the corpus in one mode and score it.

Modes: ``oracle`` (hand-written claims -> rules: the rule engine alone), ``offline`` (pattern extractor end to
end), ``llm`` (the configured endpoint), ``replay`` (blind recorded LLM answers served by the in-repo fake
server), ``judge`` (the direct-judge baseline: the model's own list of contradictions, recorded blind; scored
for contradictions only, so its other classes read as all missed).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker import __version__, config as config_mod
from checker.config import Config
from checker.errors import ConfigError, FactlintError
from checker.extract.base import Extractor
from checker.models import Claim, Report
from checker.pipeline import check_document
from evals.corpus import Article, ground_claims
from evals.score import (
    CLASSES,
    GRADED,
    ArticleScore,
    Counts,
    FoundItem,
    score_article,
    totals,
    warnings_only,
)

MODES = ("oracle", "offline", "llm", "replay", "judge")
RECORDINGS_DIR = Path(__file__).resolve().parent / "recordings"
JUDGE_DIR = Path(__file__).resolve().parent / "judge"


@dataclass
class ArticleRun:
    article: Article
    score: ArticleScore
    extraction: dict[str, Counts]
    extraction_misses: list[str] = field(default_factory=list)
    error: str = ""
    warned: dict[str, Counts] = field(default_factory=dict)  # the graded classes, warning-level findings only


@dataclass
class RunResult:
    mode: str
    runs: list[ArticleRun]
    date: str = field(default_factory=lambda: datetime.date.today().isoformat())

    @property
    def metrics(self) -> dict[str, Counts]:
        return totals(r.score for r in self.runs)

    @property
    def extraction(self) -> dict[str, Counts]:
        return _summed(run.extraction for run in self.runs)

    @property
    def warned(self) -> dict[str, Counts]:
        """The graded classes scored on warning-level findings only (none for the judge, which grades nothing)."""
        return _summed(run.warned for run in self.runs)

    @property
    def unscored(self) -> dict[str, int]:
        """Findings of codes outside the scored classes (FL301 …), by code."""
        out: dict[str, int] = {}
        for run in self.runs:
            for f in run.score.ignored:
                out[f.code] = out.get(f.code, 0) + 1
        return dict(sorted(out.items()))

    def figures(self) -> dict[str, dict[str, float]]:
        """The numbers the ratchet guards: P/R/F1 per finding class and per extraction measure."""
        out = {}
        for name, counts in {**self.metrics, **{f"extraction.{k}": v for k, v in self.extraction.items()}}.items():
            m = counts.metrics()
            out[name] = {"precision": float(m["precision"]), "recall": float(m["recall"]), "f1": float(m["f1"])}
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "date": self.date,
            "factlint_version": __version__,
            "articles": len(self.runs),
            "metrics": {k: v.metrics() for k, v in self.metrics.items()},
            "extraction": {k: v.metrics() for k, v in self.extraction.items()},
            "warnings_only": {k: v.metrics() for k, v in self.warned.items()},
            "unscored_findings": self.unscored,
            "errors": sum(1 for r in self.runs if r.error),
            "per_article": [article_dict(r) for r in self.runs],
        }


def _summed(per_article: Iterable[dict[str, Counts]]) -> dict[str, Counts]:
    """Counts by name, summed over the articles (micro-averaged)."""
    out: dict[str, Counts] = {}
    for counts_by_name in per_article:
        for name, counts in counts_by_name.items():
            out[name] = out.get(name, Counts()) + counts
    return out


def article_dict(run: ArticleRun) -> dict[str, Any]:
    s = run.score
    return {
        "id": run.article.id,
        "beat": run.article.beat,
        "error": run.error,
        "counts": {k: {"tp": c.tp, "fp": c.fp, "fn": c.fn} for k, c in s.counts.items()},
        "misses": [{"kind": g.kind, "code": g.code, "label": g.label} for g in s.misses],
        "false_alarms": [{"kind": f.kind, "code": f.code, "label": f.label} for f in s.false_alarms],
        "code_mismatches": [
            {"gold": m.gold.code, "found": m.found.code, "label": m.gold.label}
            for m in s.matches
            if m.gold.code and m.gold.code != m.found.code
        ],
        "extraction_misses": run.extraction_misses,
    }


def found_items(report: Report) -> list[FoundItem]:
    text = report.document.text
    items = []
    for f in report.findings:
        figures = tuple(c.figure_span for c in f.claims)
        if f.claims:
            label = " / ".join(f"{c.figure!r}" for c in f.claims)
        else:
            label = repr(_clip(text[f.span.start : f.span.end]))
        items.append(FoundItem(f.code, f.span, figures, f"{label}: {f.message}", f.severity.label))
    return items


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _same_source(gold_names: Sequence[str], name: str) -> bool:
    def norm(s: str) -> str:
        return " ".join("".join(ch if ch.isalnum() else " " for ch in s.lower()).split())

    got = norm(name)
    return bool(got) and any(norm(g) in got or got in norm(g) for g in gold_names if norm(g))


def extraction_scores(
    article: Article, gold_claims: Sequence[Claim], claims: Sequence[Claim]
) -> tuple[dict[str, Counts], list[str]]:
    """How well the extractor found the figures (``claims``) and their sources (``sources``)."""
    used: set[int] = set()
    pairs: dict[int, Claim] = {}
    for gi, g in enumerate(gold_claims):
        for ci, c in enumerate(claims):
            if ci not in used and g.figure_span.overlaps(c.figure_span):
                used.add(ci)
                pairs[gi] = c
                break
    misses = [f"figure {g.figure!r} in {_clip(g.quote)!r}" for gi, g in enumerate(gold_claims) if gi not in pairs]
    figures = Counts(tp=len(pairs), fp=len(claims) - len(used), fn=len(gold_claims) - len(pairs))

    tp = fn = fp = 0
    for a in article.gold.attributed:
        span = article.span(a.quote)
        got = [c for c in claims if c.figure_span.overlaps(span)]
        if got and got[0].source.attributed and _same_source(a.sources, got[0].source.name):
            tp += 1
        else:
            fn += 1
            who = f"{got[0].source.describe()}" if got else "no claim"
            misses.append(f"source of {a.quote!r}: expected {a.sources[0]!r}, got {who}")
    for q in (*article.gold.unattributed, *article.gold.vague):
        span = article.span(q)
        if any(c.figure_span.overlaps(span) and c.source.attributed for c in claims):
            fp += 1
    return {"claims": figures, "sources": Counts(tp, fp, fn)}, misses


def score_report(article: Article, report: Report, gold_claims: Sequence[Claim]) -> ArticleRun:
    gold, found = article.gold_items(), found_items(report)
    score = score_article(article.id, gold, found)
    warned = score_article(article.id, gold, warnings_only(found)).counts
    extraction, misses = extraction_scores(article, gold_claims, report.extraction.claims)
    return ArticleRun(article, score, extraction, misses, warned={k: warned[k] for k in GRADED})


def failed(article: Article, message: str) -> ArticleRun:
    """An article the extractor could not process: every gold item is a miss."""
    gold = article.gold_items()
    counts = {k: Counts(fn=sum(1 for g in gold if g.kind == k)) for k in CLASSES}
    score = ArticleScore(article.id, counts, (), tuple(gold), ())
    extraction = {"claims": Counts(fn=len(article.claims)), "sources": Counts(fn=len(article.gold.attributed))}
    return ArticleRun(article, score, extraction, [], message, {k: counts[k] for k in GRADED})


ExtractorFactory = Callable[[Article], Extractor | None]


def run_corpus(mode: str, articles: Sequence[Article], config: Config, factory: ExtractorFactory) -> RunResult:
    runs = []
    for article in articles:
        gold_claims = ground_claims(article, config.taxonomy)
        try:
            report = check_document(article.document, config, factory(article))
        except FactlintError as exc:
            runs.append(failed(article, f"{type(exc).__name__}: {exc}"))
            continue
        runs.append(score_report(article, report, gold_claims))
    return RunResult(mode, runs)


def base_config(**changes: Any) -> Config:
    """Rule settings are the defaults, whatever the repository's own config says: the numbers must not drift."""
    return Config().replace(**changes)


def run(
    mode: str,
    articles: Sequence[Article],
    recordings: Path = RECORDINGS_DIR,
    judge: Path = JUDGE_DIR,
) -> RunResult:
    if mode == "oracle":
        from evals.oracle import OracleExtractor

        config = base_config(extractor="offline")
        with_oracle = [a for a in articles if a.has_oracle]
        return run_corpus(mode, with_oracle, config, lambda a: OracleExtractor(a, config.taxonomy))
    if mode == "offline":
        return run_corpus(mode, articles, base_config(extractor="offline"), lambda a: None)
    if mode == "llm":
        config = config_mod.load(extractor="llm")
        if not config.llm_configured:
            raise ConfigError("--mode llm needs an endpoint: set OPENAI_API_KEY (and OPENAI_BASE_URL / FACTLINT_MODEL)")
        return run_corpus(mode, articles, config, lambda a: None)
    if mode == "replay":
        with replay_server(articles, recordings) as config:
            return run_corpus(mode, articles, config, lambda a: None)
    if mode == "judge":
        return RunResult(mode, [judged(a, judge) for a in articles])
    raise ConfigError(f"unknown mode {mode!r} (expected {', '.join(MODES)})")


def judged(article: Article, directory: Path) -> ArticleRun:
    """The direct judge's recorded list of contradictions, scored like contradiction findings."""
    from evals.blind import judged_spans

    path = directory / f"{article.id}.json"
    if not path.exists():
        raise ConfigError(f"no judge recording for {article.id} ({path}); record it with python -m evals.blind")
    recording = json.loads(path.read_text(encoding="utf-8"))
    spans = judged_spans(article, recording["answers"][-1])
    found = [FoundItem("FL101", s[0], s, " / ".join(repr(article.text[x.start : x.end]) for x in s)) for s in spans]
    gold = [g for g in article.gold_items() if g.kind == "contradictions"]
    return ArticleRun(article, score_article(article.id, gold, found), {})


@contextlib.contextmanager
def replay_server(articles: Sequence[Article], directory: Path = RECORDINGS_DIR) -> Iterator[Config]:
    """The fake OpenAI server answering with recorded responses; yields a config pointing the LLM extractor at it."""
    from evals.replay import Recordings

    recordings = Recordings.load(directory, [a.id for a in articles])
    with recordings.serve() as base_url:
        key_env = "FACTLINT_EVALS_REPLAY_KEY"
        previous = os.environ.get(key_env)
        os.environ[key_env] = "replay"  # the fake server ignores it; the client wants a key
        try:
            yield base_config(
                extractor="llm",
                base_url=base_url,
                api_key_env=key_env,
                model=recordings.model,
                chunk_chars=recordings.chunk_chars,
                cache=False,
                max_retries=0,
            )
        finally:
            if previous is None:
                os.environ.pop(key_env, None)
            else:
                os.environ[key_env] = previous
