"""Each rule on hand-written claims: at least five cases where it fires and five where it must stay silent."""

from __future__ import annotations

import pytest

from checker.models import Severity
from tests.claimkit import C, findings

SF = "security force member"
POLICE = ("organisation", "police")
HOSPITAL = ("organisation", "the hospital")
NONE = ("none", "")

# rule code -> list of (case id, claims, fires)
TABLE: dict[str, list[tuple[str, tuple[C, ...], bool]]] = {
    "FL101": [
        (
            "prisoners 50 vs 35",
            (C("50 prisoners were killed", "50", "prisoner"), C("35 prisoners died", "35", "prisoner")),
            True,
        ),
        (
            "freed vs escaped",
            (
                C("30 prisoners were freed", "30", "prisoner", "freed"),
                C("42 prisoners escaped", "42", "prisoner", "escaped"),
            ),
            True,
        ),
        (
            "injured 12 vs 15",
            (
                C("12 people were injured", "12", event="injured"),
                C("15 people were hurt", "15", event="injured", source=HOSPITAL),
            ),
            True,
        ),
        ("three figures", (C("10 died", "10"), C("10 were killed", "10"), C("11 were killed", "11")), True),
        (
            "money",
            (
                C("the bridge cost $4.1bn", "$4.1bn", "bridge", "cost"),
                C("the $4.5bn bridge cost", "$4.5bn", "bridge", "cost"),
            ),
            True,
        ),
        (
            "same figure",
            (C("50 prisoners were killed", "50", "prisoner"), C("fifty prisoners died", "fifty", "prisoner")),
            False,
        ),
        (
            "other scope",
            (
                C("500 inmates escaped", "500", "prisoner", "escaped", scope="July 2013"),
                C("42 inmates escaped", "42", "prisoner", "escaped"),
            ),
            False,
        ),
        ("other event", (C("12 people were killed", "12"), C("15 people were injured", "15", event="injured")), False),
        (
            "other time",
            (
                C("by Friday 12 had died", "12", time="by Friday"),
                C("by Saturday 19 had died", "19", time="by Saturday"),
            ),
            False,
        ),
        (
            "other population",
            (C("12 policemen were killed", "12", "policeman"), C("50 prisoners were killed", "50", "prisoner")),
            False,
        ),
        (
            "attempt vs deed",
            (
                C("dozens tried to escape", "dozens", "prisoner", "escaped (attempted)"),
                C("12 prisoners escaped", "12", "prisoner", "escaped"),
            ),
            False,
        ),
    ],
    "FL102": [
        (
            "more than 100 vs 80",
            (
                C("more than 100 were injured", "more than 100", event="injured"),
                C("80 were injured", "80", event="injured"),
            ),
            True,
        ),
        ("nearly 50 vs 50", (C("nearly 50 died", "nearly 50"), C("50 died", "50")), True),
        (
            "over 30 vs 30",
            (
                C("over 30 prisoners were freed", "over 30", "prisoner", "freed"),
                C("thirty prisoners were freed", "thirty", "prisoner", "freed"),
            ),
            True,
        ),
        ("fewer than 10 vs 12", (C("fewer than 10 died", "fewer than 10"), C("12 died", "12")), True),
        (
            "about 1,000 vs 1,200",
            (
                C("about 1,000 homes were damaged", "about 1,000", "home", "affected"),
                C("1,200 homes were damaged", "1,200", "home", "affected"),
            ),
            True,
        ),
        ("range vs outside", (C("between 30 and 40 died", "between 30 and 40"), C("45 died", "45")), True),
        (
            "over 30 vs 42",
            (
                C("over 30 prisoners were freed", "over 30", "prisoner", "freed"),
                C("42 prisoners escaped", "42", "prisoner", "escaped"),
            ),
            False,
        ),
        (
            "about 1,000 vs 1,050",
            (
                C("about 1,000 homes were damaged", "about 1,000", "home", "affected"),
                C("1,050 homes were damaged", "1,050", "home", "affected"),
            ),
            False,
        ),
        ("range vs inside", (C("between 30 and 40 died", "between 30 and 40"), C("35 died", "35")), False),
        ("at least 30 vs 30", (C("at least 30 died", "at least 30"), C("30 died", "30")), False),
        ("dozens vs 42", (C("dozens died", "dozens"), C("42 died", "42")), False),
        ("up to 40 vs 40", (C("up to 40 died", "up to 40"), C("40 died", "40")), False),
    ],
    "FL103": [
        (
            "policemen vs security forces",
            (
                C("12 policemen were killed", "12", "policeman", source=NONE),
                C("six members of the security forces were killed", "six", SF),
            ),
            True,
        ),
        (
            "militants vs everyone",
            (C("60 jihadists were killed", "60", "militant"), C("35 were killed", "35", source=HOSPITAL)),
            True,
        ),
        (
            "prisoners vs everyone",
            (C("50 prisoners were killed", "50", "prisoner", source=NONE), C("35 were killed", "35")),
            True,
        ),
        (
            "children vs people",
            (
                C("10 children were hurt", "10", "child", "injured"),
                C("8 people were hurt", "8", event="injured", source=HOSPITAL),
            ),
            True,
        ),
        (
            "union vs everyone",
            (C("36 guards and inmates died", "36", ("guard", "prisoner")), C("35 were killed", "35", source=HOSPITAL)),
            True,
        ),
        (
            "soldiers vs bounded total",
            (
                C("20 soldiers died", "20", "soldier"),
                C("fewer than 15 members of the security forces died", "fewer than 15", SF, source=HOSPITAL),
            ),
            True,
        ),
        (
            "part smaller",
            (
                C("6 policemen were killed", "6", "policeman"),
                C("12 members of the security forces were killed", "12", SF),
            ),
            False,
        ),
        (
            "siblings",
            (C("12 policemen were killed", "12", "policeman"), C("6 soldiers were killed", "6", "soldier")),
            False,
        ),
        (
            "other scope",
            (
                C("12 policemen were killed", "12", "policeman", scope="2013"),
                C("6 members of the security forces were killed", "6", SF),
            ),
            False,
        ),
        (
            "bounded total allows part",
            (
                C("12 policemen were killed", "12", "policeman"),
                C("at least 6 members of the security forces were killed", "at least 6", SF),
            ),
            False,
        ),
        (
            "equal",
            (
                C("12 policemen were killed", "12", "policeman"),
                C("12 members of the security forces were killed", "12", SF),
            ),
            False,
        ),
        (
            "other time",
            (
                C("by Friday 12 policemen had died", "12", "policeman", time="by Friday"),
                C("by Thursday 6 members of the security forces had died", "6", SF, time="by Thursday"),
            ),
            False,
        ),
    ],
    "FL104": [
        (
            "30 + 12 vs 36",
            (
                C("30 prisoners were killed", "30", "prisoner"),
                C("twelve guards were killed", "twelve", "guard"),
                C("36 guards and inmates died", "36", ("guard", "prisoner"), source=HOSPITAL),
            ),
            True,
        ),
        (
            "children + adults vs people",
            (
                C("10 children were hurt", "10", "child", "injured"),
                C("12 adults were hurt", "12", "adult", "injured"),
                C("20 people were hurt", "20", event="injured", source=HOSPITAL),
            ),
            True,
        ),
        (
            "police + soldiers vs forces",
            (
                C("5 policemen died", "5", "policeman"),
                C("5 soldiers died", "5", "soldier"),
                C("8 members of the security forces died", "8", SF, source=HOSPITAL),
            ),
            True,
        ),
        (
            "three groups",
            (
                C("3 civilians died", "3", "civilian"),
                C("4 soldiers died", "4", "soldier"),
                C("5 militants died", "5", "militant"),
                C("10 died in all", "10", source=HOSPITAL),
            ),
            True,
        ),
        (
            "bounded parts",
            (
                C("at least 10 children died", "at least 10", "child"),
                C("at least 12 adults died", "at least 12", "adult"),
                C("fewer than 22 people died", "fewer than 22", source=HOSPITAL),
            ),
            True,
        ),
        (
            "parts add up",
            (
                C("10 children were hurt", "10", "child", "injured"),
                C("12 adults were hurt", "12", "adult", "injured"),
                C("22 people were hurt", "22", event="injured", source=HOSPITAL),
            ),
            False,
        ),
        (
            # Disjoint groups cannot hold the same people twice: whoever gives them, 10 + 12 > 20 cannot all hold.
            "parts from rival sources",
            (
                C("10 children were hurt", "10", "child", "injured"),
                C("12 adults were hurt", "12", "adult", "injured", source=HOSPITAL),
                C("20 people were hurt", "20", event="injured", source=("person", "the mayor")),
            ),
            True,
        ),
        (
            "open total",
            (
                C("10 children were hurt", "10", "child", "injured"),
                C("12 adults were hurt", "12", "adult", "injured"),
                C("more than 20 people were hurt", "more than 20", event="injured", source=HOSPITAL),
            ),
            False,
        ),
        (
            "other time",
            (
                C("by Friday 10 children were hurt", "10", "child", "injured", time="by Friday"),
                C("by Friday 12 adults were hurt", "12", "adult", "injured", time="by Friday"),
                C("by Thursday 20 people were hurt", "20", event="injured", source=HOSPITAL, time="by Thursday"),
            ),
            False,
        ),
        (
            "list total names its groups only",
            (
                C("30 prisoners were killed", "30", "prisoner"),
                C("12 policemen were killed", "12", "policeman"),
                C("36 guards and inmates died", "36", ("guard", "prisoner"), source=HOSPITAL),
            ),
            False,
        ),
        (
            "nested parts",
            (
                C("10 policemen died", "10", "policeman"),
                C("12 members of the security forces died", "12", SF),
                C("15 people died", "15", source=HOSPITAL),
            ),
            False,
        ),
    ],
    "FL105": [
        (
            "$4bn vs $400m",
            (C("the plan costs $4bn", "$4bn", "plan", "cost"), C("the $400m plan costs", "$400m", "plan", "cost")),
            True,
        ),
        (
            "1,200 vs 120 jobs",
            (C("1,200 jobs were cut", "1,200", "worker", "lost"), C("120 jobs were cut", "120", "worker", "lost")),
            True,
        ),
        ("50 vs 500", (C("50 died", "50"), C("500 died", "500")), True),
        (
            "3 million vs 300,000",
            (
                C("3 million people were affected", "3 million", event="affected"),
                C("300,000 people were affected", "300,000", event="affected"),
            ),
            True,
        ),
        ("7 vs 70", (C("7 died", "7"), C("70 died", "70")), True),
        (
            "1,200 vs 1,250",
            (C("1,200 jobs were cut", "1,200", "worker", "lost"), C("1,250 jobs were cut", "1,250", "worker", "lost")),
            False,
        ),
        (
            "$4bn vs $4.1bn",
            (C("the plan costs $4bn", "$4bn", "plan", "cost"), C("the plan costs $4.1bn", "$4.1bn", "plan", "cost")),
            False,
        ),
        ("other scope", (C("10 died", "10"), C("100 died", "100", scope="2019")), False),
        ("other event", (C("10 died", "10"), C("100 were injured", "100", event="injured")), False),
        ("three values", (C("10 died", "10"), C("100 died", "100"), C("50 died", "50")), False),
    ],
    "FL106": [
        (
            "18% of $50bn vs $11bn",
            (
                C("health gets 18% of the $50bn total", "18%", "health budget", "allocated", base=50e9),
                C("health gets $11bn", "$11bn", "health budget", "allocated"),
            ),
            True,
        ),
        (
            "18% of $50bn vs $9bn",
            (
                C("health gets 18% of the $50bn total", "18%", "health budget", "allocated", base=50e9),
                C("health gets $9bn", "$9bn", "health budget", "allocated"),
            ),
            False,
        ),
        (
            "40% of 200 vs 60",
            (
                C("40% of the 200 workers were laid off", "40%", "worker", "lost", base=200),
                C("60 workers were laid off", "60", "worker", "lost"),
            ),
            True,
        ),
        (
            "10% of 1,000 vs 150",
            (
                C("10% of the 1,000 patients were infected", "10%", "patient", "infected", base=1000),
                C("150 patients were infected", "150", "patient", "infected"),
            ),
            True,
        ),
        (
            "25% of 80 vs 30",
            (
                C("25% of the 80 staff quit", "25%", "worker", "lost", base=80),
                C("30 staff quit", "30", "worker", "lost"),
            ),
            True,
        ),
        (
            "50% of 36 seats vs 20",
            (
                C("50% of the 36 seats were won", "50%", "seat", "voted", base=36),
                C("20 seats were won", "20", "seat", "voted"),
            ),
            True,
        ),
        (
            "5% of 2,000 vs 200",
            (
                C("5% of the 2,000 jobs went", "5%", "worker", "lost", base=2000),
                C("200 jobs went", "200", "worker", "lost"),
            ),
            True,
        ),
        (
            "40% of 200 vs 80",
            (
                C("40% of the 200 workers were laid off", "40%", "worker", "lost", base=200),
                C("80 workers were laid off", "80", "worker", "lost"),
            ),
            False,
        ),
        (
            "rounding",
            (
                C("40% of the 200 workers were laid off", "40%", "worker", "lost", base=200),
                C("81 workers were laid off", "81", "worker", "lost"),
            ),
            False,
        ),
        (
            "no base",
            (
                C("40% of workers were laid off", "40%", "worker", "lost"),
                C("60 workers were laid off", "60", "worker", "lost"),
            ),
            False,
        ),
        (
            "other event",
            (
                C("40% of the 200 workers were laid off", "40%", "worker", "lost", base=200),
                C("60 workers were hired", "60", "worker", "hired"),
            ),
            False,
        ),
        (
            "other scope",
            (
                C("40% of the 200 workers were laid off", "40%", "worker", "lost", base=200, scope="2019"),
                C("60 workers were laid off", "60", "worker", "lost"),
            ),
            False,
        ),
    ],
    "FL107": [
        (
            "Friday 12, Saturday 9",
            (C("by Friday 12 had died", "12", time="by Friday"), C("by Saturday 9 had died", "9", time="by Saturday")),
            True,
        ),
        ("rose to a lower figure", (C("12 were killed", "12"), C("the toll rose to 9", "9", time="rose to")), True),
        (
            "noon vs evening",
            (
                C("by noon 20 were hurt", "20", event="injured", time="by noon"),
                C("by the evening 15 were hurt", "15", event="injured", time="by the evening"),
            ),
            True,
        ),
        (
            "initially vs later",
            (
                C("initially 30 were arrested", "30", event="arrested", time="initially"),
                C("later 25 were arrested", "25", event="arrested", time="later"),
            ),
            True,
        ),
        (
            "Monday vs Wednesday",
            (
                C("by Monday 100 were infected", "100", "case", "infected", time="by Monday"),
                C("by Wednesday 90 were infected", "90", "case", "infected", time="by Wednesday"),
            ),
            True,
        ),
        (
            "rising toll",
            (
                C("by Friday 12 had died", "12", time="by Friday"),
                C("by Saturday the toll rose to 19", "19", time="by Saturday"),
            ),
            False,
        ),
        (
            "missing can fall",
            (
                C("by Friday 12 were missing", "12", event="missing", time="by Friday"),
                C("by Saturday 9 were missing", "9", event="missing", time="by Saturday"),
            ),
            False,
        ),
        (
            "equal",
            (
                C("by Friday 12 had died", "12", time="by Friday"),
                C("by Saturday 12 had died", "12", time="by Saturday"),
            ),
            False,
        ),
        (
            "other scope",
            (
                C("by Friday 12 had died", "12", time="by Friday"),
                C("by Saturday 9 had died", "9", time="by Saturday", scope="2019"),
            ),
            False,
        ),
        (
            "lede gives latest unmarked",
            (C("19 people have died", "19"), C("by Friday 12 had died", "12", time="by Friday")),
            False,
        ),
    ],
}


@pytest.mark.parametrize(
    ("code", "claims", "fires"),
    [(code, claims, fires) for code, rows in TABLE.items() for _, claims, fires in rows],
    ids=[f"{code}-{case}" for code, rows in TABLE.items() for case, _, _ in rows],
)
def test_rule_table(code: str, claims: tuple[C, ...], fires: bool) -> None:
    found = [f for f in findings(*claims) if f.code == code]
    assert bool(found) is fires, [f.message for f in findings(*claims)]
    for item in found:
        assert len(item.claims) >= 2 and item.severity is Severity.ERROR
        assert item.quantity and item.message


def test_table_has_five_of_each_per_rule() -> None:
    for code, rows in TABLE.items():
        assert sum(fires for _, _, fires in rows) >= 5, code
        assert sum(not fires for _, _, fires in rows) >= 5, code


def test_conflict_finding_names_every_conflicting_claim() -> None:
    [finding] = [
        f
        for f in findings(C("10 died", "10"), C("10 were killed", "10"), C("11 were killed", "11"))
        if f.code == "FL101"
    ]
    assert [c.figure for c in finding.claims] == ["10", "10", "11"]


def test_scale_message_names_the_factor() -> None:
    [finding] = findings(C("the plan costs $4bn", "$4bn", "plan", "cost"), C("the $400m plan", "$400m", "plan", "cost"))
    assert "factor of 10" in finding.message


def test_parts_finding_explains_why() -> None:
    found = findings(
        C("12 policemen were killed", "12", "policeman", source=NONE),
        C("six members of the security forces were killed", "six", SF),
    )
    [subset] = [f for f in found if f.code == "FL103"]
    assert "policemen killed are part of members of the security forces killed" in subset.explanation
