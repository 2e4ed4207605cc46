"""The offline extractor pauses Python's cyclic garbage collector while it reads a draft (thru5): it must make no
cycles for that to cost no memory, and it must leave the collector as it found it."""

from __future__ import annotations

import gc

from checker import document, rules
from checker.collector import collector_paused
from checker.config import Config
from checker.extract.patterns import PatternExtractor
from evals.corpus import load_corpus


def test_reading_the_eval_articles_leaves_no_cyclic_garbage() -> None:
    extractor = PatternExtractor(Config().taxonomy)
    drafts = [document.from_text(article.text, f"{article.id}.txt") for article in load_corpus()]
    assert drafts
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        extractions = [extractor.extract(draft) for draft in drafts]
        assert gc.collect() == 0  # nothing only the collector could free: pausing it costs no memory
        findings = [rules.run(draft, found, Config()) for draft, found in zip(drafts, extractions, strict=True)]
        assert gc.collect() == 0
        claims = sum(len(found.claims) for found in extractions)
    finally:
        if enabled:
            gc.enable()
    assert claims > 100 and sum(map(len, findings)) > 50


def test_the_collector_is_left_as_it_was() -> None:
    enabled = gc.isenabled()
    try:
        gc.enable()
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled()
        gc.disable()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
        gc.enable()
        try:
            with collector_paused():
                raise KeyError("x")
        except KeyError:
            pass
        assert gc.isenabled()
    finally:
        if enabled:
            gc.enable()
        else:
            gc.disable()
