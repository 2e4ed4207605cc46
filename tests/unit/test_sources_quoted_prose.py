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


def figures(text: str) -> list[str]:
    doc = document.from_text(text)
    return [doc.text[c.figure_span.start : c.figure_span.end] for c in PatternExtractor(TAXONOMY).extract(doc).claims]


def test_an_amount_in_brackets_after_a_name_is_what_the_name_got_not_a_conversion() -> None:
    text = "The fund's money went to Ana Ruiz ($240,500) and Tom Hale ($17,250), its filing showed."
    assert figures(text) == ["$240,500", "$17,250"]
    # after an amount it is still a conversion, in words or in digits
    rescued = figures("The lender was rescued by a two trillion won ($1.7bn; £1.3bn) loan.")
    assert not {"$1.7bn", "£1.3bn"} & set(rescued)
    assert figures("Profits rose to 3bn yen ($27m; £21m), the bank said.") == ["3bn"]


def test_a_possessive_before_digits_owns_the_figure_it_is_no_name_with_a_number() -> None:
    text = "Vell has 612 delegates, against Oduya's 407 and Ruiz's 96, according to a party tally."
    assert sources(text) == {n: ("a party tally", SourceKind.DOCUMENT) for n in ("612", "407", "96")}
    assert figures("Harbour Bank's 2.5 percent rise beat Marwick's 1.9 percent.") == ["2.5 percent", "1.9 percent"]
    # a name with a number stays a name: a stock index, a title in words
    assert figures("Harbour shares lagged behind Standard & Poor's 500-stock index by 4 percent.") == ["4 percent"]
    assert figures("He starred in Ocean's Twelve and earned $20m.") == ["$20m"]


ROUNDUP = (
    "HARBOUR VOTERS SOUR ON THE TUNNEL - Ana M. Ruiz: “Our survey finds 41 percent oppose the tunnel.” [Ledger.]\n\n"
    "What it means for the mayor - More from Ruiz: “Only 12 of the 30 wards back her plan.” [Ledger.]\n\n"
    "Turnout will be low - HarbourPoll: “We expect 38 percent of voters to cast a ballot.” [HarbourPoll.]\n\n"
    "Update: “The count showed 25 wards reporting.”\n"
)


def test_a_roundups_colon_introductions_name_their_speakers() -> None:
    found = sources(ROUNDUP)
    # a name with an initial (the sentence splitter ends a sentence at "M.": the surname, given in full)
    assert found["41 percent"] == ("Ruiz", SourceKind.PERSON)
    assert found["12"][0] == found["30"][0] == "Ruiz"  # "More from Ruiz:", named in full before
    assert found["38 percent"] == ("HarbourPoll", SourceKind.PERSON)  # one word with a capital inside it
    assert found["25"] == ("", SourceKind.NONE)  # a label is no one


def test_a_share_of_respondents_who_speak_is_the_claim_of_the_poll_beside_it() -> None:
    text = "Sixty percent of residents said they opposed the tunnel in a Harbour Ledger poll this month."
    assert sources(text) == {"Sixty percent": ("a Harbour Ledger poll", SourceKind.DOCUMENT)}
    # with no poll named, the share is still the name of who speaks (as "the two companies said")
    assert sources("Sixty percent of residents said they opposed the tunnel.") == {}
    assert "two" not in sources("The two companies said they would cut 300 jobs.")


def test_a_line_with_a_cue_of_its_own_stops_the_speaker_running_on() -> None:
    text = (
        "Tunnel opponents filled the hall.\n"
        "“We will not give up the harbour,” said Ana Hale, a councillor.\n"
        "Opinion has moved. Last year, Harlow found that “nearly half of residents backed the tunnel (48%).”\n"
    )
    assert sources(text)["48%"] == ("Harlow", SourceKind.PERSON)
    # with no line of its own between them, the next quotation still goes on with the speaker
    text = "“We will not give up the harbour,” said Ana Hale. “Not for 48% of the vote.”\n"
    assert sources(text)["48%"][0] == "Ana Hale"


def test_conclude_in_the_present_plural_is_a_cue() -> None:
    text = "Two economists at Harlow College conclude that 40 percent of the port's jobs are at risk."
    assert sources(text)["40 percent"] == ("Two economists at Harlow College", SourceKind.PERSON)


def test_a_speech_participle_after_the_closing_attribution_goes_on_with_the_speaker() -> None:
    text = "“We will move the plant,” a Harbour Mills manager tells staff, describing how their 900 jobs will go."
    assert sources(text)["900"] == ("a Harbour Mills manager", SourceKind.PERSON)
    # the occasion after the attribution is still the article's
    assert sources("“We will move the plant,” the manager told 900 staff at the depot.")["900"][1] is SourceKind.NONE


def test_a_figure_put_closer_to_or_at_a_described_figure_is_the_subjects() -> None:
    assert sources("Harbour Pollster puts her approval at a solid 52 percent.")["52 percent"][0] == "Harbour Pollster"
    assert sources("Later counts put the total closer to 7,300 ballots.")["7,300"][0] == "Later counts"
