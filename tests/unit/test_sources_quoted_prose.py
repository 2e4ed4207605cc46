"""Attribution on published prose (issue 10, src8 round): each test is a made-up sentence of a class the PolNeAR
misses showed, and fails without the change it tests."""

from __future__ import annotations

from checker import config as config_mod, document
from checker.extract.patterns import PatternExtractor
from checker.models import SourceKind

TAXONOMY = config_mod.Config().taxonomy


def sources(text: str) -> dict[str, tuple[str, SourceKind]]:
    """Each claim's figure as written, with its source's name and kind."""
    doc = document.from_text(text)
    claims = PatternExtractor(TAXONOMY).extract(doc).claims
    return {doc.text[c.figure_span.start : c.figure_span.end]: (c.source.name, c.source.kind) for c in claims}


RUN = (
    "And then it gets worse:\n\n"
    "“As we noted before, the only plan on the table is the board's own. Then, in May, Vell said that 400 berths"
    " would be added.\n\n"
    "“That makes 900 berths in two years.”\n"
)


def test_a_quotation_no_one_speaks_gives_its_figures_the_cue_of_their_quoted_sentence() -> None:
    found = sources(RUN)
    assert found["400"] == ("Vell", SourceKind.PERSON)
    assert found["900"] == ("", SourceKind.NONE)  # its sentence names no one: still the quotation's, no one's


def test_a_quoted_sentence_with_a_vague_cue_gives_no_source() -> None:
    text = "And then it gets worse:\n\n“Then, last spring, officials said that 400 berths would be added.”\n"
    assert sources(text)["400"] == ("", SourceKind.NONE)


def test_a_spoken_quotation_keeps_its_speaker_over_the_cue_inside() -> None:
    text = "Ana Ruiz said: “Then, last spring, Vell said that 400 berths would be added.”\n"
    assert sources(text)["400"] == ("Ana Ruiz", SourceKind.PERSON)
