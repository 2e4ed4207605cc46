"""The plain text report is joined without rich; it must be exactly what rich prints without colour."""

from __future__ import annotations

from pathlib import Path

from checker import config as config_mod
from checker.document import from_text, load
from checker.pipeline import check_document
from checker.report import RenderOptions, text

ROOT = Path(__file__).parents[2]
CONFIG = config_mod.Config(extractor="offline")
PLAIN = RenderOptions(color=False)


def test_plain_output_is_what_rich_prints_for_the_seed_and_hostile_text() -> None:
    seed = check_document(load(str(ROOT / "examples" / "al-khalis.txt")), CONFIG)
    draft = "Police said 50\x07 prisoners\x08 escaped.\x0c Officials said 70 prisoners\r escaped.\n"
    hostile = check_document(from_text(draft, "a\x07.txt"), CONFIG)
    reports = [seed, hostile]
    assert hostile.findings, "the hostile draft must have findings, or it tests nothing"
    rows = list(text._rows(reports, PLAIN))
    assert text.render(reports, PLAIN) == text._rich(rows, PLAIN)


def test_a_tab_goes_through_rich_which_expands_it_by_cells() -> None:
    report = check_document(from_text("Police said 50 prisoners escaped.\n", "dir\tdraft.txt"), CONFIG)
    assert "\t" not in text.render([report], PLAIN)
    assert "dir     draft.txt" in text.render([report], PLAIN)


def test_terminal_escapes_in_a_draft_are_shown_not_sent_to_the_terminal() -> None:
    """A draft's (or its name's) ESC sequences would clear the screen, set the title or the clipboard."""
    import re

    draft = "Police said 50 prisoners escaped\x1b[2J from the jail.\x9b31m Officials said 70 prisoners escaped.\n"
    report = check_document(from_text(draft, "a\x1b]0;owned\x07\x1b[2J.txt"), CONFIG)
    assert report.findings, "the draft must have findings, or it tests nothing"
    for options in (PLAIN, RenderOptions(color=True)):
        out = text.render([report], options)
        assert "\x9b" not in out and "a\u241b]0;owned\u2407\u241b[2J.txt" in out
        # without colour no ESC at all; with colour only rich's own styles (ESC [ digits m)
        assert re.sub(r"\x1b\[[0-9;]*m", "", out).count("\x1b") == 0
        assert options.color or "\x1b" not in out
