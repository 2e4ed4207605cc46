"""Readings the offline extractor gets wrong on copy it was not tuned on: datelines, time intros, participles."""

from __future__ import annotations

import pytest

from checker import config as config_mod, document
from checker.extract.patterns import PatternExtractor
from checker.extract.sources import DATELINE
from checker.models import Claim
from checker.pipeline import check_document

TAXONOMY = config_mod.Config().taxonomy


def claims(text: str) -> dict[str, Claim]:
    return {c.figure: c for c in PatternExtractor(TAXONOMY).extract(document.from_text(text)).claims}


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("OSLO, June 3 (Wire) - A ferry sank.", "OSLO, June 3 (Wire) - "),
        ("MARLOW, Esteria (AFP) — A ferry sank.", "MARLOW, Esteria (AFP) — "),
        ("PORT TALBIN, Corvia (AP) - A ferry sank.", "PORT TALBIN, Corvia (AP) - "),
        ("MARLOW, Esteria, Jan. 9 — A ferry sank.", "MARLOW, Esteria, Jan. 9 — "),
        ("NEW YORK (Reuters) — A ferry sank.", "NEW YORK (Reuters) — "),
        ("UK-based insurers said - nothing.", None),
        ("NATO - the alliance said.", None),
    ],
)
def test_dateline_forms(text: str, dateline: str | None) -> None:
    found = DATELINE.match(text)
    assert (found.group() if found else None) == dateline


def test_a_dateline_city_owns_no_figure() -> None:
    found = claims(
        "MARLOW, Esteria (AFP) — A blast tore through a depot on Monday, killing 14 people.\n\n"
        "By Tuesday nine people had died, the morgue said.\n"
    )
    assert found["14"].scope == "" and found["14"].quantity == found["nine"].quantity


def test_a_time_intro_owns_no_figure() -> None:
    found = claims("By Friday, confirmed cases had reached 247, health officials said.\n")
    assert found["247"].scope == ""


def test_a_participle_takes_the_date_of_its_clause() -> None:
    found = claims("The road has a grim record: in 2011 a coach fell from the same bend, killing 21.\n")
    assert found["21"].scope == "2011"


def codes(text: str) -> list[str]:
    doc = document.from_text(text)
    return [f.code for f in check_document(doc, config_mod.Config(extractor="offline")).findings if f.code < "FL2"]


@pytest.mark.parametrize(
    "text",
    [
        "About 600 nurses walked off the job on Monday, the union said.\n\n"
        "The director said 450 hospital staff had joined the strike.\n",
        "The fire service said 300 of its firefighters were at the scene.\n\n"
        "The civil protection chief said 200 emergency workers were at the site.\n",
        "The ministry said 9,000 school staff were on strike.\n\nIts spokesman said 12,000 teachers walked out.\n",
    ],
)
def test_an_occupation_is_part_of_the_group_news_totals_it_in(text: str) -> None:
    assert codes(text) == ["FL103"]


def test_one_strike_at_two_sizes_is_no_part_larger_than_its_whole() -> None:
    text = (
        "About 400 nurses walked off the job, the union said.\n\nThe director said 450 hospital staff were on strike.\n"
    )
    assert codes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The driver, 52, survived with minor injuries, police said.\n",
        "Her brother, 34, was taken to hospital, police said.\n",
        "A bus driver, 61, and a teacher were hurt, police said.\n",
    ],
)
def test_an_age_between_commas_after_a_person_is_no_count(text: str) -> None:
    assert claims(text) == {}


def test_a_count_after_a_comma_is_still_a_count() -> None:
    assert "52" in claims("In the crash, 52 people were injured, police said.\n")


def test_what_a_candidate_won_is_not_the_turnout() -> None:
    text = (
        "The mayor won more than 60% in the eastern districts, the commission said.\n\n"
        "Turnout was 49%, the commission said.\n"
    )
    assert codes(text) == []


def test_two_turnouts_for_one_vote_conflict() -> None:
    text = "Turnout was 61.2 percent, the chairman said.\n\nAn analyst said a turnout of 58.7 percent was high.\n"
    assert codes(text) == ["FL101"]


def test_a_year_opening_the_sentence_dates_all_of_it() -> None:
    found = claims("In 2021 the Alliance won 21 seats on a turnout of 55.0 percent, commission records show.\n")
    assert found["55.0 percent"].scope == "2021"


def test_a_headcount_is_not_a_job_cut() -> None:
    text = (
        "The firm will shut its Arden plant, which employs 300 people, and cut 80 jobs at its other sites.\n\n"
        "The 350 staff being laid off will receive severance, the chief executive said.\n"
    )
    found = claims(text)
    assert found["300"].event == "employed"
    assert "FL103" not in codes(text)


@pytest.mark.parametrize(
    ("text", "share", "base"),
    [
        ("Pella Foods said it would cut a third of its 600 workers.\n", "a third", 600),
        ("A union official said one in four of the clinic's 600 doctors had quit.\n", "one in four", 600),
        ("Turnout was 55% of the region's 2.4 million registered voters, officials said.\n", "55%", 2_400_000),
        ("Harlow Bank said it would cut a quarter of its 4,000-strong workforce.\n", "a quarter", 4000),
        ("The council said two-thirds of the 90 members had voted.\n", "two-thirds", 90),
    ],
)
def test_a_share_of_a_stated_base_is_read_with_its_base(text: str, share: str, base: float) -> None:
    found = claims(text)
    assert found[share].unit == "%" and found[share].base is not None and found[share].base.low == base


def test_a_share_in_words_of_a_base_contradicts_the_count_given() -> None:
    text = (
        "A union official said one in four of the clinic's 600 doctors had resigned since 2020.\n\n"
        "She said 230 doctors had resigned since 2020.\n"
    )
    assert codes(text) == ["FL106"]
    assert codes(text.replace("230", "150")) == []


@pytest.mark.parametrize("share", ["one in four", "two in five", "a third", "three out of every ten"])
def test_the_base_of_a_share_in_words_counts_no_event(share: str) -> None:
    """The base is what the share is of, not a count of the sentence's event ("800 nurses laid off")."""
    found = claims(f"The clinic said {share} of its 800 nurses were laid off.\n")
    assert found["800"].event == "" and found[share].base is not None and found[share].base.low == 800


def test_a_fraction_without_a_base_is_no_share_claim() -> None:
    assert "a third" not in claims("A third of the workers were laid off, the firm said.\n")


def test_a_turnout_after_a_dated_result_has_its_date() -> None:
    found = claims("She had won in 2019 with 54% on a turnout of 49%, records show.\n")
    assert found["49%"].scope == "2019"


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("On Tuesday, the coroner said 11 people had died.\n", "On Tuesday"),
        ("The ministry said on Thursday that 40 people had been arrested.\n", "on Thursday"),
        ("Ana Ruiz, speaking to reporters on Monday evening, said 13 people had died.\n", "on Monday"),
        ("Police said 12 people were killed on Monday.\n", ""),
        ("On Monday, a bus crash killed 12 people, police said.\n", ""),
        ("The storm has killed 31 people, the coast guard said on Tuesday.\n", "on Tuesday"),  # said after it
        ("The storm has killed 31 people, the coast guard said on Tuesday evening.\n", "on Tuesday"),
        ("Twelve people died on Friday night, police said.\n", ""),  # the deaths' day, not the count's
        ("Nine people died, police said, and the mayor will visit on Friday.\n", ""),  # another clause's day
    ],
)
def test_the_day_a_count_is_given_is_its_moment(text: str, moment: str) -> None:
    figure = next(iter(claims(text).values()))
    assert figure.time == moment


def test_a_count_given_on_a_day_named_after_it_is_ordered_by_that_day() -> None:
    said = "The storm has killed 31 people, the coast guard said on Tuesday.\n\n"
    assert codes(said + "The toll stood at 12 on Sunday night.\n") == []  # the lede's 31 is the later figure
    assert codes(said + "By Sunday night the toll stood at 12.\n") == []  # rose from 12 to 31
    assert codes(said + "By Monday evening the toll stood at 36.\n") == ["FL107"]  # fell from 36 to 31


def test_a_count_given_on_a_later_day_is_a_running_total_at_that_moment() -> None:
    text = "By Monday the toll had risen to 19, the coroner said.\n\nOn Tuesday, the coroner said 16 people had died.\n"
    assert codes(text) == ["FL107"]
    assert codes(text.replace("16 people", "21 people")) == []


def test_a_count_given_on_a_day_meets_the_share_that_implies_it() -> None:
    text = (
        "Orvel Motors will cut 1,500 jobs, the company said on Tuesday.\n\n"
        "Chief executive Ana Ruiz said the cuts amounted to 15% of the 12,000 staff it employs.\n"
    )
    assert codes(text) == ["FL106"]
    assert codes(text.replace("15%", "12.5%")) == []


def test_a_share_given_on_a_day_meets_the_count_it_implies() -> None:
    text = (
        "Pella Foods said on Tuesday it would cut a third of its 600 workers.\n\n"
        "The 300 workers laid off will get a bonus.\n"
    )
    assert codes(text) == ["FL106"]


def test_a_turnout_of_a_stated_base_contradicts_the_count_who_voted() -> None:
    text = (
        "Turnout was 55% of the region's 2.4 million registered voters, the board said.\n\n"
        "Some 900,000 people cast ballots, the board said.\n"
    )
    assert codes(text) == ["FL106"]
    assert codes(text.replace("900,000", "1.3 million")) == []


def test_an_unowned_figure_is_the_story_subjects_and_a_rivals_is_its_own() -> None:
    found = claims(
        "Harlow Bank, the country's third-largest lender, said on Monday it would cut a quarter of its 4,000-strong "
        "workforce. The Bank Workers Union said the 1,000 job cuts were unfair. Rival Denholm Bank said in May it "
        "would cut 700 jobs. The union said 650 jobs were cut at the branches. Cole Finance, which reported on "
        "Friday, posted a net profit of $2.3 billion. The profit of $900 million beat forecasts."
    )
    assert found["1,000"].quantity and found["1,000"].quantity == found["a quarter"].quantity
    assert found["700"].quantity and found["700"].quantity != found["650"].quantity
    assert found["$2.3 billion"].quantity and found["$2.3 billion"].quantity != found["$900 million"].quantity


def test_a_story_with_no_owner_in_its_lede_compares_unowned_figures_as_before() -> None:
    found = claims("Police said 12 people were killed. Officials later said 14 people were killed.")
    assert found["12"].quantity and found["12"].quantity == found["14"].quantity


def test_a_figure_for_other_places_is_a_part_not_the_whole() -> None:
    found = claims(
        "Dorn Steel said it would cut 300 jobs. It would also cut 40 jobs at its three other plants, and "
        "60 jobs in other towns."
    )
    assert found["300"].quantity
    assert not found["40"].quantity and not found["60"].quantity
