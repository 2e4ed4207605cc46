"""The offline extractor pauses Python's cyclic garbage collector while it reads a draft (thru5): it must make no
cycles for that to cost no memory, and it must leave the collector as it found it."""

from __future__ import annotations

import gc

from checker import document
from checker.config import Config
from checker.extract.patterns import PatternExtractor, collector_paused
from evals.corpus import load_corpus


def test_reading_the_eval_articles_leaves_no_cyclic_garbage() -> None:
    extractor = PatternExtractor(Config().taxonomy)
    drafts = [document.from_text(article.text, f"{article.id}.txt") for article in load_corpus()]
    assert drafts
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        claims = sum(len(extractor.extract(draft).claims) for draft in drafts)
        assert gc.collect() == 0  # nothing only the collector could free: pausing it costs no memory
    finally:
        if enabled:
            gc.enable()
    assert claims > 100


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
