"""Figures published copy sets side by side that are not one quantity: no FL1xx finding between them, while the
same figures without what sets them apart still conflict (so each test can fail)."""

from __future__ import annotations

import pytest

from checker import config as config_mod, document
from checker.extract.patterns import PatternExtractor
from checker.models import Claim, Span
from checker.pipeline import check_document

TAXONOMY = config_mod.Config().taxonomy


def claims(text: str) -> dict[str, Claim]:
    return {c.figure: c for c in PatternExtractor(TAXONOMY).extract(document.from_text(text)).claims}


def codes(text: str) -> list[str]:
    doc = document.from_text(text)
    return [f.code for f in check_document(doc, config_mod.Config(extractor="offline")).findings if f.code < "FL2"]


LEDE = "VELMORE, Ostria (Wire) - Mourners gathered on Friday for the 31 people killed at a dance hall.\n\n"


@pytest.mark.parametrize(
    "later",
    [
        "A gunman shot dead 12 people in Harkby, Dorvia, in May.\n",  # another place and another time
        "A gunman shot dead 12 people in Harkby, police said.\n",  # another place
        "A gunman shot dead 12 people at the Tarrow Arcade.\n",
        "A gunman shot dead 12 people in May.\n",  # another time
    ],
)
def test_a_figure_for_another_place_or_month_is_not_the_storys(later: str) -> None:
    assert codes(LEDE + later) == []


@pytest.mark.parametrize(
    "later",
    [
        "A gunman shot dead 12 people.\n",  # nothing sets it apart: the test's control
        "A gunman shot dead 12 people in Velmore.\n",  # the dateline's place is the story's
        "A gunman shot dead 12 people since May.\n",  # a start, not another time
        # the story's incident, told for a place in it the patterns cannot tell from another one (a district)
        "Police said 12 people were killed in the shooting in Harkby, a district of the town.\n",
        "In Harkby, police said 12 people were killed in the attack.\n",
        "Police said 12 people died in the dance hall fire at Harkby.\n",
    ],
)
def test_the_storys_own_place_or_no_place_still_conflicts(later: str) -> None:
    assert codes(LEDE + later) == ["FL101"]


def test_a_place_the_lede_names_is_the_storys() -> None:
    found = claims("A fire killed 40 people in Harkby on Monday.\n\nOfficials said 38 died in Harkby.\n")
    assert found["38"].scope == "" and found["38"].quantity == found["40"].quantity


def test_a_place_after_another_figure_is_that_ones() -> None:
    found = claims("A fire killed 40 people in Velmore on Monday.\n\nOfficials said 38 died, and 3 in Harkby.\n")
    assert found["38"].scope == "" and found["3"].scope == "in Harkby"


def test_a_lede_with_no_place_or_time_leaves_a_later_one_the_storys() -> None:
    found = claims("A fire killed 40 people.\n\nOfficials said 38 died in Harkby in May.\n")
    assert found["38"].scope == "" and found["38"].quantity == found["40"].quantity


@pytest.mark.parametrize(
    "phrase",
    [
        "the parents of two soldiers killed in the raid",
        "families of three soldiers killed in the raid",
    ],
)
def test_a_count_inside_a_phrase_about_other_people_is_no_total(phrase: str) -> None:
    text = f"Four soldiers were killed in the raid, the army said.\n\nOn Monday, {phrase} met the minister.\n"
    assert codes(text) == []


@pytest.mark.parametrize(
    "phrase",
    [
        "relatives of the three soldiers killed in the raid",  # the group the story told: its total
        "one of the three soldiers killed in the raid",
        "the widow of one of the three soldiers killed in the raid",
    ],
)
def test_the_group_a_phrase_about_other_people_names_with_the_is_its_total(phrase: str) -> None:
    text = f"Four soldiers were killed in the raid, the army said.\n\nOn Monday, {phrase} met the minister.\n"
    assert "FL101" in codes(text)


def test_the_same_count_as_the_subject_still_conflicts() -> None:
    text = "Four soldiers were killed in the raid, the army said.\n\nThree soldiers killed in the raid were buried.\n"
    assert codes(text) == ["FL101"]


ROUNDUP = "Turnout rose in three primaries on Tuesday.\n\n"


def test_a_place_opening_a_paragraph_frames_its_figures() -> None:
    text = (
        ROUNDUP + "In Dorvia, turnout was the second highest. It was 41%, below the peak turnout of 46% in 2008.\n\n"
        "Velian officials put turnout at 35% on Tuesday. Its peak turnout of 37% was in 2008.\n"
    )
    assert codes(text) == []
    found = claims(text)
    assert found["46%"].scope == "2008, of Dorvia" and found["37%"].scope == "2008"


def test_without_the_place_the_two_peaks_conflict() -> None:
    text = (
        ROUNDUP + "Turnout was the second highest. It was 41%, below the peak turnout of 46% in 2008.\n\n"
        "Velian officials put turnout at 35% on Tuesday. Its peak turnout of 37% was in 2008.\n"
    )
    assert codes(text) == ["FL101"]


def test_a_frame_ends_with_its_line() -> None:
    found = claims(ROUNDUP + "In Dorvia, turnout was 41%.\n\nTurnout was 46% in 2008.\n")
    assert found["41%"].scope == "of Dorvia" and found["46%"].scope == "2008"


EPISODES = (
    "The two states were calm until 2003, when a border feud became a war in which 9,000 died.\n\n"
    "In 1979 the party split. Its leader fled a day before guards turned on the other inmates, killing 15.\n\n"
)


@pytest.mark.parametrize(
    ("later", "found"),
    [
        ("Months later, riot police shot 40 people dead.\n", []),  # three episodes, two dated
        ("In 1979 the police also shot 40 people dead.\n", ["FL101"]),  # the control: the same year as the 15
    ],
)
def test_each_episode_a_feature_tells_is_dated_by_its_sentence_or_paragraph(later: str, found: list[str]) -> None:
    assert codes(EPISODES + later) == found


def test_the_storys_own_day_is_not_an_earlier_sentences_year() -> None:
    text = (
        "Officials said 28 people died on Monday.\n\n"
        "The camp opened in 2015. Guards killed 12 inmates there.\n\n"
        "A riot broke out in 2017. Guards killed nine inmates.\n\n"
        "The camp was rebuilt in 2019. On Monday, 30 people were killed there, police said.\n"
    )
    found = claims(text)
    assert found["12"].scope == "2015" and found["nine"].scope == "2017"
    assert found["30"].scope == "" and found["30"].quantity == found["28"].quantity


@pytest.mark.parametrize("date", ["on September 11th 2009", "on 11 September 2009", "on 3rd June 2009"])
def test_a_date_with_its_day_dates_the_figure(date: str) -> None:
    found = claims(f"A fire killed 40 people on Monday.\n\nOfficials said 38 people died in a blast {date}.\n")
    assert found["38"].scope.endswith("2009") and found["38"].quantity != found["40"].quantity


def test_an_episodes_date_is_looked_for_a_few_sentences_back(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.extract import patterns

    calls = 0
    real = patterns._dates_before

    def counted(text: str, span: Span, months: bool = False) -> str:
        nonlocal calls
        calls += 1
        return real(text, span, months)

    monkeypatch.setattr(patterns, "_dates_before", counted)
    counts = 300  # one paragraph of undated counts (no blank line): each looked back over all before was quadratic
    claims(" ".join(f"Rebels killed {n % 90 + 3} people in the hills." for n in range(counts)))
    assert calls <= counts * (patterns._EPISODE_REACH + 1)


def test_a_place_keeps_its_preposition() -> None:
    found = claims(LEDE + "A gunman shot dead 12 people at the Tarrow Arcade, and 3 in Harkby.\n")
    assert found["12"].scope == "at Tarrow Arcade" and found["3"].scope == "in Harkby"
