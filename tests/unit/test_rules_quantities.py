"""The rules over declared quantities and relations, as the LLM extractor's model gives them: each relation type
firing and silent, shares with a base, moments (as_of), and units converted before figures are compared."""

from __future__ import annotations

import pytest

from checker.models import Relation, RelationKind
from tests.claimkit import Q, quantity_findings

PART = RelationKind.PART_OF
SPLIT = RelationKind.BREAKDOWN


def codes(
    *specs: Q, quantities: dict[str, str | tuple[str, str, bool]], relations: tuple[Relation, ...] = ()
) -> list[str]:
    return [f.code for f in quantity_findings(*specs, quantities=quantities, relations=relations)]


def test_one_quantity_under_two_names_is_compared() -> None:
    hurt = {"q1": "people injured in the blast"}
    assert codes(
        Q("more than 200 people were hurt", "more than 200", "q1"),
        Q("put the number of wounded at 170", "170", "q1"),
        quantities=hurt,
    ) == ["FL102"]
    assert (
        codes(
            Q("more than 200 people were hurt", "more than 200", "q1"),
            Q("put the number of wounded at 230", "230", "q1"),
            quantities=hurt,
        )
        == []
    )


def test_different_quantities_are_never_compared_without_a_relation() -> None:
    two = {"q1": "Acme's 2023 revenue", "q2": "Zenith's 2023 revenue"}
    assert codes(Q("Acme made $4bn", "$4bn", "q1"), Q("Zenith made $400m", "$400m", "q2"), quantities=two) == []


def test_part_of_is_transitive() -> None:
    quantities = {"q1": "people killed", "q2": "members of the security forces killed", "q3": "policemen killed"}
    chain = (Relation(PART, "q1", ("q2",)), Relation(PART, "q2", ("q3",)))
    found = quantity_findings(
        Q("twelve policemen were killed", "twelve", "q3"),
        Q("six members of the security forces were killed", "six", "q2"),
        Q("35 were killed", "35", "q1"),
        quantities=quantities,
        relations=chain,
    )
    assert [(f.code, f.claims[0].figure, f.claims[1].figure) for f in found] == [("FL103", "twelve", "six")]
    assert "policemen killed are part of members of the security forces killed" in found[0].explanation
    grandchild = codes(
        Q("40 policemen were killed", "40", "q3"),
        Q("35 were killed", "35", "q1"),
        quantities=quantities,
        relations=chain,
    )
    assert grandchild == ["FL103"]  # policemen ⊂ security forces ⊂ people


@pytest.mark.parametrize(("critical", "fires"), [("three", False), ("twenty", True)])
def test_a_subgroup_in_the_same_sentence_is_a_part_not_a_rival_figure(critical: str, fires: bool) -> None:
    quantities = {"q1": "miners hurt", "q2": "miners hurt critically"}
    found = codes(
        Q("Fourteen miners were hurt", "Fourteen", "q1"),
        Q(f"{critical} of them critically", critical, "q2"),
        quantities=quantities,
        relations=(Relation(PART, "q1", ("q2",)),),
    )
    assert found == (["FL103"] if fires else [])


def _breakdown(total: str, complete: bool) -> list[str]:
    quantities = {"q1": "people evacuated", "q2": "evacuated in the capital", "q3": "in the port", "q4": "in the hills"}
    return codes(
        Q("64 in the capital", "64", "q2"),
        Q("27 in the port", "27", "q3"),
        Q("9 in the hills", "9", "q4"),
        Q(f"{total} people were evacuated", total, "q1"),
        quantities=quantities,
        relations=(Relation(SPLIT, "q1", ("q2", "q3", "q4"), complete),),
    )


@pytest.mark.parametrize(
    ("total", "complete", "fires"),
    [
        ("100", True, False),  # adds up
        ("about 100", True, False),
        ("90", True, True),  # too many
        ("110", True, True),  # too few for a complete breakdown
        ("110", False, False),  # a partial breakdown may fall short
        ("95", False, True),  # but never exceed the total
    ],
)
def test_breakdowns_complete_and_partial(total: str, complete: bool, fires: bool) -> None:
    assert _breakdown(total, complete) == (["FL104"] if fires else [])


def test_a_breakdown_part_alone_above_the_total_is_a_subset_finding() -> None:
    assert _breakdown("50", False) == ["FL103"]


@pytest.mark.parametrize(
    ("share", "count", "fires"),
    [
        ("a third", "400", True),
        ("a third", "300", False),
        ("one in four", "310", True),
        ("one in four", "200", False),
        ("about 15%", "12,000", True),
    ],
)
def test_a_share_of_a_base_quantity_implies_a_count(share: str, count: str, fires: bool) -> None:
    base = "60,000" if "%" in share else ("900" if "third" in share else "800")
    quantities = {"q1": "staff", "q2": "staff laid off"}
    found = codes(
        Q(f"the company has {base} staff", base, "q1"),
        Q(f"{share} of them were laid off", share, "q2", share_of="q1"),
        Q(f"{count} were laid off", count, "q2"),
        quantities=quantities,
    )
    assert found == (["FL106"] if fires else [])


def test_a_share_without_a_base_figure_is_not_checked() -> None:
    quantities = {"q1": "staff", "q2": "staff laid off"}
    assert (
        codes(
            Q("a third of staff were laid off", "a third", "q2", share_of="q1"),
            Q("400 were laid off", "400", "q2"),
            quantities=quantities,
        )
        == []
    )


def test_as_of_updates_rise_and_a_fall_is_reported() -> None:
    toll = {"q1": ("people killed", "", True)}
    rising = codes(
        Q("By Friday 12 had died", "12", "q1", as_of="By Friday"),
        Q("By Saturday the toll rose to 19", "19", "q1", as_of="By Saturday"),
        quantities=toll,
    )
    assert rising == []
    falling = codes(
        Q("By Friday 12 had died", "12", "q1", as_of="By Friday"),
        Q("By Saturday 9 had died", "9", "q1", as_of="By Saturday"),
        quantities=toll,
    )
    assert falling == ["FL107"]
    same_moment = codes(
        Q("by Thursday, 12 had died", "12", "q1", as_of="by Thursday"),
        Q("by Thursday, nine had died", "nine", "q1", as_of="by Thursday"),
        quantities=toll,
    )
    assert same_moment == ["FL101"]


def test_an_unmarked_figure_meets_the_only_marked_moment_unless_the_count_runs() -> None:
    waiting = {"q1": ("patients waiting for treatment", "", False)}
    assert codes(
        Q("7.6 million patients were waiting at the end of March", "7.6 million", "q1", as_of="at the end of March"),
        Q("the list of 760,000 patients", "760,000", "q1"),
        quantities=waiting,
    ) == ["FL105"]
    toll = {"q1": ("people killed", "", True)}
    assert (
        codes(
            Q("killing 12 people", "12", "q1"),
            Q("By Sunday the toll had risen to 19", "19", "q1", as_of="By Sunday"),
            quantities=toll,
        )
        == []
    )


def test_an_unmarked_figure_beside_the_marked_one_in_its_sentence_keeps_no_moment() -> None:
    """A sentence that gives one figure a moment and not the other sets them apart ("fell to 21, from 34 in
    2022"); an unmarked figure of another sentence still meets the one moment."""
    reserves = {"q1": ("the council's reserves", "GBP", False)}
    fallen = "The council's reserves have fallen to £21m, from £34m in 2022"
    assert codes(Q(fallen, "£21m", "q1"), Q(fallen, "£34m", "q1", as_of="in 2022"), quantities=reserves) == []
    tally = {"q1": ("soldiers killed this year", "", True)}
    brought = "The deaths bring to 61 the number of soldiers killed this year, a tally that had 53 before the attack"
    assert codes(Q(brought, "61", "q1"), Q(brought, "53", "q1", as_of="before the attack"), quantities=tally) == []
    assert codes(
        Q(fallen, "£21m", "q1"),
        Q(fallen, "£34m", "q1", as_of="in 2022"),
        Q("Its reserves of £30m", "£30m", "q1"),
        quantities=reserves,
    ) == ["FL101"]  # £30m, in a sentence of its own, is the 2022 figure
    toll = {"q1": ("people killed", "", False)}
    rivals = "Police said 12 had died by Friday, while the hospital put the toll at 15"
    assert codes(
        Q(rivals, "12", "q1", as_of="by Friday"),
        Q(rivals, "15", "q1", source=("organisation", "the hospital")),
        quantities=toll,
    ) == ["FL101"]  # two voices in one sentence: rival figures for the one moment, not a change over time


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (("up to 210", "mm"), ("8.3", "inch"), []),  # 210.8 mm: 8.3 rounds 8.27 inches
        (("up to 210", "mm"), ("8.6", "inch"), ["FL102"]),  # 218 mm
        (("up to 210", "mm"), ("211", "mm"), ["FL102"]),  # one unit: no conversion to round
        (("more than 100", "mi"), ("160", "km"), []),  # 99.4 miles: 160 rounds 160.9 km
        (("more than 100", "mi"), ("150", "km"), ["FL102"]),
    ],
)
def test_a_bound_meets_a_conversion_within_its_rounding(
    first: tuple[str, str], second: tuple[str, str], expected: list[str]
) -> None:
    rain = {"q1": ("rain at the weather station", "", False)}
    found = codes(
        Q(f"{first[0]} {first[1]} of rain fell", first[0], "q1", unit=first[1]),
        Q(f"about ({second[0]} {second[1]}) fell", second[0], "q1", unit=second[1]),
        quantities=rain,
    )
    assert found == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (("320", "km2"), ("3,200", "ha"), ["FL105"]),  # 32,000 ha vs 3,200 ha: a power of ten
        (("5", "km2"), ("500", "ha"), []),  # the same area
        (("5", "km2"), ("600", "ha"), ["FL101"]),
        (("2", "tonne"), ("2,000", "kg"), []),
        (("185", "km/h"), ("115", "mph"), []),  # 114.95 mph rounded to its last digit
        (("2,400", "m"), ("7,900", "ft"), []),  # 7,874 ft rounded to the hundred
        (("8.3", "inch"), ("210", "mm"), []),  # 8.27 inches
        (("185", "km/h"), ("125", "mph"), ["FL101"]),  # 10 mph apart: more than either figure's rounding
        (("2,400", "m"), ("8,100", "ft"), ["FL101"]),
        (("100", "mi"), ("130", "km"), ["FL101"]),  # 161 km: a round figure's zeros are not ±50 miles of rounding
        (("100", "mi"), ("160", "km"), []),  # 160.9 km
    ],
)
def test_units_are_converted_before_comparing(
    first: tuple[str, str], second: tuple[str, str], expected: list[str]
) -> None:
    area = {"q1": ("farmland under water", "", False)}
    found = codes(
        Q(f"{first[0]} {first[1]} under water", first[0], "q1", unit=first[1]),
        Q(f"some {second[0]} {second[1]} flooded", second[0], "q1", unit=second[1]),
        quantities=area,
    )
    assert found == expected


def test_a_model_value_fixes_a_scale_the_figure_alone_misreads() -> None:
    money = {"q1": ("the repair bill", "IQD", False)}
    same = codes(
        Q("a bill of 5m dinars", "5m", "q1", value=5_000_000),
        Q("5,000,000 dinars", "5,000,000", "q1"),
        quantities=money,
    )
    assert same == []


@pytest.mark.parametrize(
    ("shares", "complete", "fires"),
    [
        (("48%", "39%", "18%"), True, True),  # 105%: more than the whole
        (("48%", "39%", "13%"), True, False),
        (("48%", "39%", "12.4%"), True, False),  # 99.4% is 100% within the rounding of whole points
        (("48%", "30%", "12%"), True, True),  # 90% cannot be the whole of it
        (("48%", "30%", "12%"), False, False),  # a partial breakdown may fall short
    ],
)
def test_shares_of_one_whole_add_up_to_a_hundred_at_most(shares: tuple[str, ...], complete: bool, fires: bool) -> None:
    quantities = {"q1": "votes cast", "q2": "votes for Aas", "q3": "votes for Dahl", "q4": "votes for Lind"}
    found = codes(
        *(Q(f"candidate {n} won {s}", s, f"q{n + 2}", share_of="q1") for n, s in enumerate(shares)),
        quantities=quantities,
        relations=(Relation(SPLIT, "q1", ("q2", "q3", "q4"), complete),),
    )
    assert found == (["FL104"] if fires else [])


def test_by_thursday_and_on_thursday_are_one_moment() -> None:
    toll = {"q1": ("people killed", "", True)}
    assert codes(
        Q("12 had died, officials said on Thursday", "12", "q1", as_of="Thursday"),
        Q("By Thursday, nine people had died", "nine", "q1", as_of="By Thursday"),
        quantities=toll,
    ) == ["FL101"]


def test_a_part_without_a_moment_meets_its_whole_at_the_one_moment_it_has() -> None:
    quantities = {"q1": "rescue workers at the site", "q2": "paramedics among the rescuers"}
    found = codes(
        Q("160 rescue workers were at the site on Thursday afternoon", "160", "q1", as_of="on Thursday afternoon"),
        Q("185 paramedics were among the rescuers", "185", "q2"),
        quantities=quantities,
        relations=(Relation(PART, "q1", ("q2",)),),
    )
    assert found == ["FL103"]


def test_a_share_of_a_stock_finds_its_base_at_another_moment() -> None:
    quantities = {"q1": "nurses employed", "q2": ("nurses who resigned", "", True)}
    found = codes(
        Q("the hospital's 800 nurses", "800", "q1"),
        Q("one in four of them resigned since 2021", "one in four", "q2", as_of="since 2021", share_of="q1"),
        Q("310 nurses had resigned since 2021", "310", "q2", as_of="since 2021"),
        quantities=quantities,
    )
    assert found == ["FL106"]


def test_an_unmarked_share_meets_the_count_at_the_one_moment_its_quantity_has() -> None:
    quantities = {"q1": "staff employed", "q2": "jobs cut"}
    cut = (
        Q("Orvel will cut 1,500 jobs, the company said on Tuesday", "1,500", "q2", as_of="on Tuesday"),
        Q("The cuts are 15% of its 12,000 staff", "15%", "q2", share_of="q1"),
        Q("It employs 12,000 staff", "12,000", "q1"),
    )
    assert codes(*cut, quantities=quantities) == ["FL106"]  # 15% of 12,000 is 1,800, not 1,500
    later = Q("By Friday it had cut 1,700 jobs", "1,700", "q2", as_of="By Friday")
    assert codes(*cut, later, quantities=quantities) == []  # two moments: the share may be either's


def test_a_figure_in_another_unit_than_its_quantity_is_converted() -> None:
    from checker.units import stated_unit

    assert stated_unit("about 2.5 square kilometres", "ha") == "square kilometres"
    assert stated_unit("$400m", "USD") == "USD"  # money keeps its currency: "m" is millions, not metres
    assert stated_unit("40", "ha") == "ha"
    assert stated_unit("26.2-mile", "km") == "mile"  # a unit hyphened to its figure
    assert stated_unit("5 miles", "kg") == "kg"  # another dimension: the declared unit stands


def test_a_figure_in_words_keeps_the_unit_it_writes() -> None:
    from checker.units import stated_unit

    assert stated_unit("about eight months", "week") == "months"  # not eight weeks
    assert stated_unit("Twenty-five miles", "km") == "miles"
    assert stated_unit("three million tonnes", "kg") == "tonnes"
    assert stated_unit("eight", "week") == "week"
    assert stated_unit("eight people", "week") == "week"  # not a time: the declared unit stands
    found = codes(
        Q("no wait of more than 36 weeks", "36 weeks", "q1", unit=stated_unit("36 weeks", "week")),
        Q("36 weeks (about eight months)", "about eight months", "q1", unit=stated_unit("about eight months", "week")),
        quantities={"q1": ("longest wait allowed", "week", False)},
    )
    assert found == []  # eight months is about 35 weeks


def test_a_temperature_in_another_scale_keeps_its_own_unit() -> None:
    from checker.units import stated_unit

    assert stated_unit("95 Fahrenheit", "°C") == "Fahrenheit"  # not 95 °C
    assert stated_unit("about 95 degrees Fahrenheit", "°C") == "degrees Fahrenheit"
    assert stated_unit("above 35 degrees Celsius", "°C") == "°C"  # the declared scale: compared with the rest
    assert stated_unit("95 Fahrenheit", "°F") == "°F"
    assert stated_unit("36.4 degrees", "°C") == "°C"
    found = codes(
        Q("It was 95 Fahrenheit at noon", "95 Fahrenheit", "q1", unit=stated_unit("95 Fahrenheit", "°C")),
        Q("The heat peaked at 36.4 degrees", "36.4 degrees", "q1", unit=stated_unit("36.4 degrees", "°C")),
        Q("The heat was 39 degrees", "39 degrees", "q1", unit=stated_unit("39 degrees", "°C")),
        quantities={"q1": ("temperature at noon", "°C", False)},
    )
    assert found == ["FL101"]  # 36.4 vs 39 °C; the Fahrenheit figure is no third value


def test_a_temperature_written_with_its_scale_letter_keeps_that_scale() -> None:
    from checker.units import stated_unit

    assert stated_unit("102F", "°C") == "F"  # degrees Fahrenheit, not 102 °C (nor farads)
    assert stated_unit("39C", "°C") == "°C"  # the declared scale
    assert stated_unit("40 C", "°F") == "C"
    found = codes(
        Q("a fever of 39C (102F)", "39C", "q1", unit=stated_unit("39C", "°C")),
        Q("a fever of 39C (102F)", "102F", "q1", unit=stated_unit("102F", "°C")),
        quantities={"q1": ("body temperature of a fever", "°C", False)},
    )
    assert found == []  # one reading in two scales


def test_an_unmarked_running_total_meets_the_one_moment_unless_the_draft_updates_it() -> None:
    toll = {"q1": ("people arrested", "", True)}
    assert codes(
        Q("23 people were arrested in the raids", "23", "q1"),
        Q("the prosecutor said on Tuesday evening 22 had been arrested", "22", "q1", as_of="Tuesday evening"),
        quantities=toll,
    ) == ["FL101"]
    assert (
        codes(
            Q("killing 12 people", "12", "q1"),
            Q("By Sunday the toll had risen to 19", "19", "q1", as_of="By Sunday"),
            quantities=toll,
        )
        == []
    )


def test_a_percentage_is_rounded_to_half_its_last_digit() -> None:
    quantities = {"q1": "population in 2014", "q2": "population increase"}
    found = codes(
        Q("a population of 8,096,000", "8,096,000", "q1"),
        Q("an increase of 3.9 percent", "3.9 percent", "q2", share_of="q1"),
        Q("316,000 more people", "316,000", "q2"),
        quantities=quantities,
    )
    assert found == []  # 3.85-3.95% of 8,096,000 is 311,700-319,800
    off = codes(
        Q("a population of 8,096,000", "8,096,000", "q1"),
        Q("an increase of 3.9 percent", "3.9 percent", "q2", share_of="q1"),
        Q("330,000 more people", "330,000", "q2"),
        quantities=quantities,
    )
    assert off == ["FL106"]


def test_weekdays_run_in_the_story_s_week() -> None:
    admitted = {"q1": ("people admitted with heat illness", "", True)}
    rising = codes(
        Q("By Friday 200 had been admitted", "200", "q1", as_of="By Friday"),
        Q("on Sunday 620 had been admitted", "620", "q1", as_of="on Sunday"),
        Q("By Tuesday 1,410 had been admitted", "1,410", "q1", as_of="By Tuesday"),
        quantities=admitted,
    )
    assert rising == []  # Friday, Sunday, Tuesday: the count rises
    falling = codes(
        Q("on Sunday 620 had been admitted", "620", "q1", as_of="on Sunday"),
        Q("By Tuesday 410 had been admitted", "410", "q1", as_of="By Tuesday"),
        quantities=admitted,
    )
    assert falling == ["FL107"]


def test_a_part_of_a_day_orders_the_day_s_figures() -> None:
    toll = {"q1": ("people killed", "", True)}
    assert codes(
        Q("a toll of 18 on Tuesday morning", "18", "q1", as_of="on Tuesday morning"),
        Q("and 26 by Tuesday night", "26", "q1", as_of="by Tuesday night"),
        Q("killing 31 people, the agency said on Wednesday morning", "31", "q1", as_of="on Wednesday morning"),
        Q("By Wednesday evening the count stood at 28", "28", "q1", as_of="By Wednesday evening"),
        quantities=toll,
    ) == ["FL107"]  # 31 in the morning, 28 in the evening
    assert (
        codes(
            Q("31 had died on Wednesday", "31", "q1", as_of="on Wednesday"),
            Q("By Wednesday evening the count stood at 28", "28", "q1", as_of="By Wednesday evening"),
            quantities=toll,
        )
        == []
    )  # the day alone may be its evening: not before it
    assert (
        codes(
            Q("18 had died by Tuesday night", "18", "q1", as_of="by Tuesday night"),
            Q("31 had died by Wednesday morning", "31", "q1", as_of="by Wednesday morning"),
            quantities=toll,
        )
        == []
    )  # the night before the morning


def test_months_order_a_running_total() -> None:
    dismissed = {"q1": ("cases dismissed since January", "", True)}
    assert codes(
        Q("by the end of June, 38 cases had been dismissed", "38", "q1", as_of="by the end of June"),
        Q("the report puts them at 31 by the end of September", "31", "q1", as_of="by the end of September"),
        quantities=dismissed,
    ) == ["FL107"]
    assert (
        codes(
            Q("by the end of June, 38 cases had been dismissed", "38", "q1", as_of="by the end of June"),
            Q("the report puts them at 41 by the end of September", "41", "q1", as_of="by the end of September"),
            quantities=dismissed,
        )
        == []
    )
    assert (
        codes(
            Q("38 by November", "38", "q1", as_of="by November"),
            Q("and 45 by February", "45", "q1", as_of="by February"),
            quantities=dismissed,
        )
        == []
    )  # November, then the next February: the months run in the story's year
    assert (
        codes(
            Q("38 by June 2024", "38", "q1", as_of="by June 2024"),
            Q("and 20 by September 2023", "20", "q1", as_of="by September 2023"),
            quantities=dismissed,
        )
        == []
    )  # another year: not placed by its month


def test_a_figure_with_no_number_needs_no_source() -> None:
    stated = {"q1": "victims who sued", "q2": "people killed"}
    found = codes(
        Q("Several victims have filed lawsuits", "Several", "q1", source=("none", "")),
        Q("12 people were killed", "12", "q2", source=("none", "")),
        quantities=stated,
    )
    assert found == ["FL201"]  # the 12, not "several"


def test_a_conflict_repeated_through_a_long_draft_is_reported_once_with_a_count() -> None:
    quantities = {"q1": "people killed", "q2": "policemen killed"}
    many = [Q(f"40 policemen were killed, report {n} said", "40", "q2") for n in range(5)]
    found = quantity_findings(
        *many, Q("35 were killed", "35", "q1"), quantities=quantities, relations=(Relation(PART, "q1", ("q2",)),)
    )
    assert [f.code for f in found] == ["FL103"]
    assert "“40”" in found[0].message and "4 more figures of policemen killed exceed it too" in found[0].message
    few = quantity_findings(
        *many[:3], Q("35 were killed", "35", "q1"), quantities=quantities, relations=(Relation(PART, "q1", ("q2",)),)
    )
    assert [f.code for f in few] == ["FL103"] * 3


def test_a_share_ruling_out_many_counts_is_one_finding() -> None:
    quantities = {"q1": "staff", "q2": "staff laid off"}
    counts = [
        Q(f"{n} were laid off, union {i} said", str(n), "q2") for i, n in enumerate((400, 400, 410, 420, 430, 440, 450))
    ]
    found = quantity_findings(
        Q("the company has 900 staff", "900", "q1"),
        Q("a third of them were laid off", "a third", "q2", share_of="q1"),
        *counts,
        quantities=quantities,
    )
    shares = [f for f in found if f.code == "FL106"]
    assert len(shares) == 1 and shares[0].message.endswith("and 2 more")


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("By Thursday the toll had reached 30", []),  # the unmarked breakdown could be Tuesday's or Thursday's
        (None, ["FL104"]),  # one moment: the breakdown is its
    ],
)
def test_an_unmarked_breakdown_meets_no_moment_when_its_whole_has_several(
    later: str | None, expected: list[str]
) -> None:
    quantities = {
        "q1": ("people hurt", "", True),
        "q2": ("hurt in the city", "", True),
        "q3": ("in the port", "", True),
    }
    whole = [Q("22 people were hurt by Tuesday", "22", "q1", as_of="by Tuesday")]
    if later:
        whole.append(Q(later, "30", "q1", as_of="By Thursday"))
    found = codes(
        *whole,
        Q("12 were hurt in the city", "12", "q2"),
        Q("8 in the port", "8", "q3"),
        quantities=quantities,
        relations=(Relation(SPLIT, "q1", ("q2", "q3"), True),),
    )
    assert found == expected


@pytest.mark.parametrize(
    ("parts", "latest", "expected"),
    [
        (("14", "11", "9"), "31", ["FL104"]),  # 34: more than the toll at any of its moments
        (("14", "11", "6"), "31", []),  # 31: the latest toll's breakdown
        (("14", "11", "9"), "35", []),  # 34 of the latest 35
        (("10", "8", "1"), "31", []),  # 19: an earlier moment's, perhaps (never short of every moment's)
    ],
)
def test_unmarked_parts_above_their_whole_at_every_moment_contradict_it(
    parts: tuple[str, str, str], latest: str, expected: list[str]
) -> None:
    quantities = {
        "q1": ("people killed", "", True),
        "q2": ("killed in the town", "", True),
        "q3": ("in the district", "", True),
        "q4": ("in the villages", "", True),
    }
    found = codes(
        Q("a toll of 18 on Tuesday morning", "18", "q1", as_of="on Tuesday morning"),
        Q("and 26 by Tuesday night", "26", "q1", as_of="by Tuesday night"),
        Q(f"killing {latest} people, the agency said on Wednesday", latest, "q1", as_of="on Wednesday"),
        Q(f"Of the dead, {parts[0]} were found in the town", parts[0], "q2"),
        Q(f"{parts[1]} in the district", parts[1], "q3"),
        Q(f"and {parts[2]} in the villages", parts[2], "q4"),
        quantities=quantities,
        relations=(Relation(SPLIT, "q1", ("q2", "q3", "q4"), True),),
    )
    assert found == expected


def test_an_unmarked_part_meets_only_the_unmarked_figure_of_a_whole_given_at_two_moments() -> None:
    quantities = {
        "q1": ("people killed", "", True),
        "q2": ("killed at the market", "", True),
        "q3": ("at the school", "", True),
    }
    found = quantity_findings(
        Q("killing 14 people", "14", "q1"),
        Q("eight were killed at the market", "eight", "q2"),
        Q("four at the school", "four", "q3"),
        Q("By Wednesday the number killed had risen to 17", "17", "q1", as_of="By Wednesday"),
        quantities=quantities,
        relations=(Relation(SPLIT, "q1", ("q2", "q3"), True),),
    )
    assert [(f.code, sorted(c.figure for c in f.claims)) for f in found] == [("FL104", ["14", "eight", "four"])]


@pytest.mark.parametrize(
    ("rival", "expected"),
    [
        ("212", ["FL101"]),  # the parts add up to one of the whole's figures: the whole's conflict says it all
        (None, ["FL104"]),
        ("230", ["FL101", "FL104"]),  # they reach neither
    ],
)
def test_parts_adding_up_to_one_of_the_whole_s_rival_figures_are_no_further_finding(
    rival: str | None, expected: list[str]
) -> None:
    quantities = {"q1": "seats won by the coalition", "q2": "seats won by the National Party", "q3": "by its partner"}
    whole = [Q(f"the coalition won {rival} seats", rival, "q1")] if rival else []
    found = codes(
        *whole,
        Q("the National Party won 120 seats", "120", "q2"),
        Q("its partner 92", "92", "q3"),
        Q("the coalition's 221 seats", "221", "q1"),
        quantities=quantities,
        relations=(Relation(SPLIT, "q1", ("q2", "q3"), True),),
    )
    assert sorted(found) == expected


@pytest.mark.parametrize(
    ("plant", "expected"),
    [
        ("210", ["FL106"]),  # 210 + 90 is the third of 900: against the 400, FL106 says it all
        ("260", ["FL104", "FL106"]),  # 350 is neither
    ],
)
def test_parts_adding_up_to_the_count_a_share_implies_are_no_further_finding(plant: str, expected: list[str]) -> None:
    quantities = {"q1": "staff", "q2": "staff laid off", "q3": "jobs at the plant to close", "q4": "jobs cut elsewhere"}
    found = codes(
        Q("it would cut a third of its staff", "a third", "q2", share_of="q1"),
        Q("its 900 staff", "900", "q1"),
        Q(f"the plant, which employs {plant} people", plant, "q3"),
        Q("cut 90 jobs at its other sites", "90", "q4"),
        Q("the 400 staff being laid off", "400", "q2"),
        quantities=quantities,
        relations=(Relation(PART, "q1", ("q2",)), Relation(SPLIT, "q2", ("q3", "q4"), True)),
    )
    assert sorted(found) == expected


@pytest.mark.parametrize(
    ("rival", "expected"),
    [
        ("$4.2 billion", ["FL105"]),  # the part fits under one of the whole's figures: the whole's conflict says it
        (None, ["FL103"]),
        ("$1.2 billion", ["FL101", "FL103"]),  # the part is above both
    ],
)
def test_a_part_under_one_of_the_whole_s_rival_figures_is_no_further_finding(
    rival: str | None, expected: list[str]
) -> None:
    quantities = {"q1": ("value of the takeover", "USD", False), "q2": ("cash portion of the takeover", "USD", False)}
    whole = [Q(f"The deal is worth {rival}", rival, "q1")] if rival else []
    found = codes(
        *whole,
        Q("The cash portion, $1.6 billion, comes from a loan", "$1.6 billion", "q2"),
        Q("The $420 million takeover needs clearance", "$420 million", "q1"),
        quantities=quantities,
        relations=(Relation(PART, "q1", ("q2",)),),
    )
    assert sorted(found) == expected


def test_a_range_with_a_unit_at_each_end_is_read_in_the_first_ones() -> None:
    from checker.units import stated_unit

    assert stated_unit("between 18 months and two years", "month") == "months"
    assert stated_unit("eight to ten months", "week") == "months"
    estimate = {"q1": ("time to clear the backlog", "month", False)}
    found = codes(
        Q(
            "It would take between 18 months and two years",
            "between 18 months and two years",
            "q1",
            value=18,
            unit=stated_unit("between 18 months and two years", "month"),
        ),
        Q(
            "about 20 months is my best guess",
            "about 20 months",
            "q1",
            value=20,
            unit=stated_unit("about 20 months", "month"),
        ),
        quantities=estimate,
    )
    assert found == []  # 18 to 24 months holds 20
