"""Attribution rules on hand-written claims: FL201 unattributed, FL202 vague, FL203 unspoken quote, FL301."""

from __future__ import annotations

import pytest

from checker import config as config_mod, rules
from checker.models import Extraction, Severity, Span
from tests.claimkit import C, build, findings

NONE = ("none", "")


@pytest.mark.parametrize(
    ("claim", "severity"),
    [
        (C("40 people were killed", "40", source=NONE), Severity.WARNING),
        # a cost, a payout, an organisation's results or job losses stated as fact are info (BBC dev labels);
        # a forecast of them is not
        (C("the film cost $42m", "$42m", "film", "cost", source=NONE), Severity.INFO),
        (C("members are to receive £42m", "£42m", "member", "allocated", source=NONE), Severity.INFO),
        (C("revenues of $805.9m", "$805.9m", "revenue", "reported", source=NONE), Severity.INFO),
        (C("the plan could cost $4bn", "$4bn", "plan", "cost", scope="expected", source=NONE), Severity.WARNING),
        (
            C("parents are expected to spend millions", "millions", "parent", "cost", scope="expected", source=NONE),
            Severity.INFO,
        ),
        (C("40% of voters backed it", "40%", "voter", "voted", source=NONE), Severity.WARNING),
        (C("300 men were convicted", "300", "man", "convicted", source=NONE), Severity.WARNING),
        (C("the prison is 80 km away", "80", (), "", unit="km", source=NONE), Severity.INFO),
        (C("500 inmates escaped", "500", "prisoner", "escaped", scope="July 2013", source=NONE), Severity.INFO),
        # newsroom policy (issue 10): prices, rates and a firm's size are stated as fact; forecasts need a source
        (C("oil rose to $42.30 a barrel", "$42.30", (), "", source=NONE), Severity.INFO),
        (C("inflation of 2%", "2%", (), "", source=NONE), Severity.INFO),
        (C("the firm's 200 shops", "200", "shop", "", source=NONE), Severity.INFO),
        (C("growth of 2% is expected", "2%", (), "", scope="expected", source=NONE), Severity.WARNING),
        # a bare count near a forecast, with no event of its own, is not a forecast (PolNeAR dev)
        (C("expected to raise rates four times", "four", "time", "", scope="expected", source=NONE), Severity.INFO),
        (C("300 passengers are expected", "300", "person", "", scope="expected", source=NONE), Severity.WARNING),
        (C("the band have won two awards", "two", "award", "voted", source=NONE), Severity.INFO),
        (C("a 60% rise", "60%", "rise", "", source=NONE), Severity.INFO),
        (C("four other fixes were also released", "four", "fix", "freed", source=NONE), Severity.INFO),
        (C("the Cooper S costs up to £17,730", "£17,730", (), "cost", source=NONE), Severity.INFO),
        (C("thousands of fans were hurt", "thousands", "fan", "injured", source=NONE), Severity.INFO),
        (C("Nortel's staff lost 300 jobs", "300", "job", "lost", scope="of Nortel", source=NONE), Severity.INFO),
        (C("300 people were evacuated", "300", "person", "evacuated", source=NONE), Severity.WARNING),
    ],
)
def test_unattributed_fires_with_severity_by_claim_type(claim: C, severity: Severity) -> None:
    [finding] = [f for f in findings(claim) if f.code == "FL201"]
    assert finding.severity is severity
    assert finding.claims[0].figure == claim.figure


@pytest.mark.parametrize(
    "source",
    [("person", "the mayor"), ("organisation", "police"), ("document", "the census"), ("vague", "sources")],
)
def test_attributed_or_vague_is_not_unattributed(source: tuple[str, str]) -> None:
    assert "FL201" not in [f.code for f in findings(C("40 people were killed", "40", source=source))]


def test_figure_in_unspoken_quote_is_reported_once_as_the_quote() -> None:
    claim = C("“Forty people were killed in the attack on Friday”", "Forty", source=NONE)
    found = findings(claim, quotations=(("“Forty people were killed in the attack on Friday”", ""),))
    assert [f.code for f in found] == ["FL203"]
    assert found[0].claims[0].figure == "Forty"


@pytest.mark.parametrize("name", ["sources", "reports", "this piece of news", "officials", "reportedly"])
def test_vague_fires(name: str) -> None:
    [finding] = [f for f in findings(C("42 prisoners escaped", "42", "prisoner", "escaped", source=("vague", name)))]
    assert finding.code == "FL202" and name in finding.message


@pytest.mark.parametrize(
    ("name", "severity"), [("officials", Severity.WARNING), ("it", Severity.INFO), ("They", Severity.INFO)]
)
def test_vague_it_refers_to_something_named(name: str, severity: Severity) -> None:
    [finding] = findings(C("42 prisoners escaped", "42", "prisoner", "escaped", source=("vague", name)))
    assert (finding.code, finding.severity) == ("FL202", severity)


@pytest.mark.parametrize(
    "source", [("person", "the mayor"), ("organisation", "police"), ("document", "a court filing"), ("none", "")]
)
def test_vague_silent_for_named_or_missing(source: tuple[str, str]) -> None:
    assert "FL202" not in [
        f.code for f in findings(C("42 prisoners escaped", "42", "prisoner", "escaped", source=source))
    ]


@pytest.mark.parametrize(
    ("quote", "speaker", "fires"),
    [
        ("“We have lost everything in one night”", "", True),
        ("“Fifty prisoners were killed during the escape”", "", True),
        ("“Nobody told us the river would rise”", "", True),
        ("“This is the worst flood in living memory”", "", True),
        ("“I cannot say how many escaped”", "", True),
        ("“We have lost everything in one night”", "resident Ana Silva", False),
        ("“We will rebuild the whole town”", "the mayor", False),
        ("“peace dividend”", "", False),
        ("“Operation Dawn”", "", False),
        ("“No comment at all”", "a spokesman", False),
    ],
)
def test_quotation_without_speaker(quote: str, speaker: str, fires: bool) -> None:
    found = findings(C(f"{quote} and 3 people left", "3"), quotations=((quote, speaker),))
    assert ("FL203" in [f.code for f in found]) is fires


@pytest.mark.parametrize("spans", [[(0, 2)], [(0, 2), (10, 12)], [(5, 7)], [(10, 12)], [(0, 12)]])
def test_unreviewed_figures_are_reported(spans: list[tuple[int, int]]) -> None:
    doc, extraction = build(C("42 people and 17 others came", "42"))
    extraction = Extraction("llm", extraction.claims, (), tuple(Span(a, b) for a, b in spans))
    found = [f for f in rules.run(doc, extraction, config_mod.Config()) if f.code == "FL301"]
    assert sorted((f.span.start, f.span.end) for f in found) == sorted(spans)


def test_min_severity_leaves_out_lower_findings_but_never_an_unreviewed_figure() -> None:
    doc, extraction = build(C("42 people were killed and 17 others came", "42", source=NONE))
    extraction = Extraction("llm", extraction.claims, (), (Span(27, 29),))
    every = {f.code: f.severity for f in rules.run(doc, extraction, config_mod.Config())}
    assert every["FL201"] is Severity.WARNING and every["FL301"] is Severity.WARNING
    kept = {f.code for f in rules.run(doc, extraction, config_mod.Config(min_severity="error"))}
    assert kept == {"FL301"}  # an unchecked draft never passes quietly
    raised = config_mod.Config(min_severity="error", severity={"FL201": "error"})
    assert {f.code for f in rules.run(doc, extraction, raised)} == {"FL201", "FL301"}  # after the overrides


def test_nothing_unreviewed_nothing_reported() -> None:
    doc, extraction = build(C("42 people came", "42"))
    assert not [f for f in rules.run(doc, extraction, config_mod.Config()) if f.code == "FL301"]


def test_select_ignore_and_severity_override() -> None:
    claim = C("40 people were killed", "40", source=NONE)
    assert [f.code for f in findings(claim, ignore=("FL2",))] == []
    assert [f.code for f in findings(claim, select=("FL1",))] == []
    assert [f.severity for f in findings(claim, severity={"FL201": "error"})] == [Severity.ERROR]


@pytest.mark.parametrize(
    ("path", "draft"),
    [
        ("a.md", "# Seven killed in factory fire\n\nSeven workers were killed in a fire, police said.\n"),
        ("a.md", "Seven killed in factory fire\n===\n\nSeven workers were killed in a fire, police said.\n"),
        ("a.html", "<h1>Seven killed in factory fire</h1><p>Seven workers were killed in a fire, police said.</p>"),
        ("a.txt", "Seven killed in factory fire\n\nSeven workers were killed in a fire, police said.\n"),
    ],
)
def test_a_headline_figure_the_body_sources_is_not_unattributed(path: str, draft: str) -> None:
    from checker import document
    from checker.pipeline import check_document

    doc = document.parse(draft.encode(), path, document.format_of(path))
    assert document.headline(doc) is not None
    report = check_document(doc, report_config())
    assert [f.code for f in report.findings] == []
    unsourced = draft.replace(", police said", "")  # the body gives no source either: both are reported
    report = check_document(document.parse(unsourced.encode(), path, document.format_of(path)), report_config())
    assert [f.code for f in report.findings] == ["FL201", "FL201"]


def report_config() -> config_mod.Config:
    return config_mod.Config(extractor="offline")


def test_a_first_sentence_is_not_a_headline() -> None:
    from checker import document

    doc = document.parse(b"Seven workers were killed.\n\nPolice said so.\n", "a.txt", "text")
    assert document.headline(doc) is None
    assert document.headline(document.parse(b"# Only a heading\n", "a.md", "markdown")) is not None


def test_a_headline_repeated_in_the_body_is_named_once_in_a_conflict() -> None:
    from checker import document
    from checker.pipeline import check_document

    draft = (
        b"# Fire: seven workers killed\n\n"
        b"Seven workers were killed, police said. Firemen said nine workers were killed.\n"
    )
    report = check_document(document.parse(draft, "a.md", "markdown"), report_config())
    [conflict] = [f for f in report.findings if f.code == "FL101"]
    assert conflict.message == "workers killed: “seven” vs “nine”" and len(conflict.claims) == 3


@pytest.mark.parametrize(
    ("sentence", "severity"),
    [
        ("Rebels bombed the base, killing nine French soldiers.", Severity.WARNING),
        # a definite reference to figures the story already holds is background (BBC dev labels)
        ("Rebels bombed the base, killing the nine French soldiers.", Severity.INFO),
        ("It follows news that all four Britons held in the camp will be freed.", Severity.INFO),
        ("Some of the 300 men were convicted of terrorism.", Severity.WARNING),
    ],
)
def test_a_definite_reference_is_not_a_new_count(sentence: str, severity: Severity) -> None:
    from checker import document
    from checker.pipeline import check_document

    report = check_document(document.from_text(f"Crisis deepens\n\n{sentence}\n"), report_config())
    assert [(f.code, f.severity) for f in report.findings] == [("FL201", severity)]


@pytest.mark.parametrize(
    ("sentence", "severity"),
    [
        ("Police evacuated a two-square-mile zone on Monday.", Severity.INFO),
        ("The report is expected to run to a 28-page annex.", Severity.INFO),
        ("Police evacuated 40 people on Monday.", Severity.WARNING),
        ("A 300-strong crowd was evacuated on Monday.", Severity.WARNING),  # "-strong" counts the crowd
    ],
)
def test_a_figure_hyphenated_to_a_noun_describes_it(sentence: str, severity: Severity) -> None:
    from checker import document
    from checker.pipeline import check_document

    report = check_document(document.from_text(f"Crisis deepens\n\n{sentence}\n"), report_config())
    assert [(f.code, f.severity) for f in report.findings] == [("FL201", severity)]


@pytest.mark.parametrize(
    ("quote", "severity"),
    [
        # nobody's voice in it, or a witness's "we": the reader cannot tell who speaks (the seed's opening)
        ("“Fifty prisoners were killed during the escape”", Severity.WARNING),
        ("“We could hear people screaming from the windows”", Severity.WARNING),
        # a person evidently speaks, and the text most likely says who: info (PolNeAR dev, issue 10)
        ("“I cannot say how many escaped that night”", Severity.INFO),
        ("“The doctors told me my spine was broken”", Severity.INFO),
    ],
)
def test_quotation_without_speaker_is_info_in_the_first_person_singular(quote: str, severity: Severity) -> None:
    [finding] = [
        f for f in findings(C(f"{quote} and 3 people left", "3"), quotations=((quote, ""),)) if f.code == "FL203"
    ]
    assert finding.severity is severity


def _unattributed(sentence: str) -> list[tuple[str, Severity]]:
    from checker import document
    from checker.pipeline import check_document

    report = check_document(document.from_text(f"Crisis deepens\n\n{sentence}\n"), report_config())
    text = report.document.text
    return [(text[f.span.start : f.span.end], f.severity) for f in report.findings if f.code == "FL201"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a percentage that says how much something changed is a rate, not a share of people (BBC dev)
        ("The films were seen by 50 percent fewer people than last year.", [("50 percent", Severity.INFO)]),
        ("The films were seen by 50 percent of people.", [("50 percent", Severity.WARNING)]),
        # what a forecast starts from is the current figure, a difference is the text's own arithmetic
        (
            "Copper revenues were expected to fall to $3.2bn from $4bn.",
            [("$3.2bn", Severity.WARNING), ("$4bn", Severity.INFO)],
        ),
        (
            "The deficit is projected to be $544bn, $105bn more than last year.",
            [("$544bn", Severity.WARNING), ("$105bn", Severity.INFO)],
        ),
        # a casualty count of a past incident the story refers to is background (PolNeAR dev)
        (
            "Mara was one of 11 students killed at the college four years ago.",
            [("11", Severity.INFO), ("four", Severity.INFO)],
        ),
        ("It recounts the 2009 attacks that left three Americans dead.", [("three", Severity.INFO)]),
        ("Mara was one of 11 students killed at the college.", [("11", Severity.WARNING)]),
        # ... or one it names, or names by its perpetrator (PolNeAR dev labels); not the story's own incident
        (
            "The raid follows the Harvest Day attack in Lyon, where 31 were killed and roughly 90 wounded.",
            [("31", Severity.INFO), ("roughly 90", Severity.INFO)],
        ),
        (
            "The agency had questioned Lyon Station bomber Ian Moss months earlier. Six people were killed.",
            [("Six", Severity.INFO)],
        ),
        (
            "News of the Lyon attack came hours after a man set off a bomb at a station. Six people were hurt.",
            [("Six", Severity.WARNING)],
        ),
        (
            "Six people were killed and 23 were wounded in yet another attack in Lyon.",
            [("Six", Severity.WARNING), ("23", Severity.WARNING)],
        ),
        # a past incident given as the time of what the sentence tells, by its place, or named with its year in
        # the sentence before one that refers back to it (PolNeAR dev labels); the story's own toll is not
        (
            "In the days after 14 people were killed in Carlton, a familiar voice cheered online.",
            [("14", Severity.INFO)],
        ),
        (
            "He called for the ban after a pair killed 9 people in a mass shooting in Carlton.",
            [("9", Severity.INFO)],
        ),
        ("After the storm passed, 14 people were killed in Carlton.", [("14", Severity.WARNING)]),
        ("Police sealed the street after a gunman killed 14 people.", [("14", Severity.WARNING)]),
        (
            "The film is set in the 2012 Carlton, Ruritania, crisis in which the embassy was attacked. Three "
            "Americans died as a direct result of the attacks.",
            [("Three", Severity.INFO)],
        ),
        (
            "The film is set in the 2012 Carlton crisis. Four Americans died in a new attack on Friday.",
            [("Four", Severity.WARNING)],
        ),
        (
            "The email was sent hours after the initial Carlton attack and after a second one at an annex. Two "
            "Americans were killed at each place.",
            [("Two", Severity.INFO)],
        ),
        (
            "News of the Carlton attack came hours after a man set off a bomb at a station. Two people were hurt.",
            [("Two", Severity.WARNING)],
        ),
        ("After the storm, the Carlton attack was forgotten. Two people were hurt.", [("Two", Severity.WARNING)]),
        (
            "Weeks before the fatal 2009 terrorist attack on the depot, he asked for guards.\n\nThe panel met "
            "in May. She was asked about the motive for the attacks, which led to the deaths of three Americans.",
            [("three", Severity.INFO)],
        ),
        (
            "Weeks before the fatal terrorist attack on the depot, he asked for guards.\n\nThe panel met in "
            "May. She was asked about the motive for the attacks, which led to the deaths of three Americans.",
            [("three", Severity.WARNING)],
        ),
        # not statistics (PolNeAR dev labels): a vote's result, a count of what the sentence lists or names, an
        # alternative; a casualty count with its list still needs a source, and so does a poll's share
        ("The measure passed with 51.4 percent of the vote of registered voters.", [("51.4 percent", Severity.INFO)]),
        ("The party was rejected by 59.6 percent of registered voters.", [("59.6 percent", Severity.INFO)]),
        ("Moss won 52.9 percent of the vote among registered voters.", [("52.9 percent", Severity.INFO)]),
        (
            "59.6 percent of registered voters said they would reject the party.",
            [("59.6 percent", Severity.WARNING)],
        ),
        (
            "She has built up two valuable assets that the party is keen to use: a long list of donors and "
            "the zeal of young voters who turned out.",
            [("two", Severity.INFO)],
        ),
        (
            "Three people were killed: two soldiers and a civilian.",
            [("Three", Severity.WARNING), ("two", Severity.INFO)],
        ),
        (
            "The video features Ana Ortiz and Eva Moss, two of the women who have accused him of assault.",
            [("two", Severity.INFO)],
        ),
        (
            "They do not expect a ruling on a match between two men or two women.",
            [("two", Severity.INFO), ("two", Severity.INFO)],
        ),
        # a definite reference back after "of the" ("Some of the 300 men were convicted" is a new count)
        ("It was painful to the relatives of the seven people who were killed.", [("seven", Severity.INFO)]),
        ("Some of the 300 men were convicted.", [("300", Severity.WARNING)]),
        # shares set against each other take one severity, the share of people's (PolNeAR dev)
        (
            "45 percent of registered voters said they would vote for Kasich, compared to 39 percent for Clinton.",
            [("45 percent", Severity.WARNING), ("39 percent", Severity.WARNING)],
        ),
        (
            "Inflation rose to 3% in May, compared with 2% for wages.",
            [("3%", Severity.INFO), ("2%", Severity.INFO)],
        ),
        # a share right after a named poll, survey or report is its finding (PolNeAR dev labels); a casualty count
        # is not, and no poll near it leaves the share a warning
        (
            "In a new Example News poll released Sunday, most voters disapproved. Just 13% of registered voters "
            "approved.",
            [("13%", Severity.INFO)],
        ),
        (
            "The survey was taken in May. Moss is leading Ortiz, 48 percent to 45 percent among registered voters.",
            [("48 percent", Severity.INFO), ("45 percent", Severity.INFO)],
        ),
        ("Most voters disapproved. Just 13% of registered voters approved.", [("13%", Severity.WARNING)]),
        ("The poll closed in May, and 40 people were killed in the blast.", [("40", Severity.WARNING)]),
    ],
)
def test_severity_policy_on_published_copy(sentence: str, expected: list[tuple[str, Severity]]) -> None:
    assert _unattributed(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a toll the sentence dates to a past year or month is a past incident's, background (PolNeAR dev and
        # test-a labels: widely known tolls of earlier attacks, wars and crashes)
        ("Twelve people were killed at a market in Carlton in March.", [("Twelve", Severity.INFO)]),
        ("Rebels shot down an airliner above Ruritania in 2011, killing all 143 on board.", [("143", Severity.INFO)]),
        ("The two states were at peace until 1987, when a border war left 9,000 dead.", [("9,000", Severity.INFO)]),
        ("Six guards were killed in the Oct. 4, 2009, raid on the Ruritanian embassy.", [("Six", Severity.INFO)]),
        # the sentence before in its paragraph may set the time: "In 1979 … killing 12."
        ("In 1979 the revolt failed. Soldiers fired on the crowd, killing 12.", [("12", Severity.INFO)]),
        # the story's own toll, by day, stays a warning, and so does one the paragraph does not date at its opening
        ("On Friday, at least 12 people were killed in Carlton.", [("at least 12", Severity.WARNING)]),
        ("The revolt failed in 1979. Soldiers fired on the crowd, killing 12.", [("12", Severity.WARNING)]),
        # a "since" dates a span up to now, not the toll
        (
            "Shells hit Carlton, killing 14 people in the worst attack since a truce collapsed in May.",
            [("14", Severity.WARNING)],
        ),
        # ", killing 21" takes the date of the clause it follows, as "in 2011, killing all 143" does: another year's
        ("The road has a grim record: in 2011 a bus fell from the same bend, killing 21.", [("21", Severity.INFO)]),
    ],
)
def test_a_toll_dated_to_a_past_year_or_month_is_past(sentence: str, expected: list[tuple[str, Severity]]) -> None:
    assert _unattributed(sentence) == expected


def test_a_vague_source_giving_a_dated_past_toll_is_info() -> None:
    from checker import document
    from checker.pipeline import check_document

    draft = "Crisis deepens\n\nCritics said the panel ignored the 2009 raid on the embassy, which killed six guards.\n"
    dated = check_document(document.from_text(draft), report_config())
    fresh = check_document(document.from_text(draft.replace("the 2009 raid", "Friday's raid")), report_config())
    assert [(f.code, f.severity) for f in dated.findings] == [("FL202", Severity.INFO)]
    assert [(f.code, f.severity) for f in fresh.findings] == [("FL202", Severity.WARNING)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a crowd is counted by whoever stands before it, the reporter too: a public fact (PolNeAR dev and test-a
        # labels: 7 of the 8 warnings on a crowd or a turnout were wrong)
        ("About 60 marchers had gathered outside the depot by noon.", [("About 60", Severity.INFO)]),
        ("More than 1,000 people attended the vigil in Carlton.", [("More than 1,000", Severity.INFO)]),
        ("Roughly 40 teachers joined the walkout on Tuesday.", [("Roughly 40", Severity.INFO)]),
        # what happened to people still needs a source
        ("About 60 people were arrested outside the depot.", [("About 60", Severity.WARNING)]),
        ("More than 1,000 people were evacuated from Carlton.", [("More than 1,000", Severity.WARNING)]),
    ],
)
def test_a_crowd_count_is_a_public_fact(sentence: str, expected: list[tuple[str, Severity]]) -> None:
    assert _unattributed(sentence) == expected


def _unattributed_in(draft: str) -> list[tuple[str, Severity]]:
    from checker import document
    from checker.pipeline import check_document

    report = check_document(document.from_text(draft), report_config())
    text = report.document.text
    return [(text[f.span.start : f.span.end], f.severity) for f in report.findings if f.code == "FL201"]


_LATER = (
    "Moss spoke in Leeds on Friday.\n\nThe party's hopes are fading. But 58 percent of registered voters said they "
    "would reject the party.\n"
)


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        # a poll the article reports, named in its headline or first paragraph: its shares anywhere are its
        # findings (PolNeAR dev labels); a casualty count is not, nor a share in an article with no poll up top
        (f"Poll: voters turn on the party\n\nVoters are angry.\n\n{_LATER}", [("58 percent", Severity.INFO)]),
        (
            f"Voters turn on the party\n\nVoters are angry, according to a survey of 400 voters.\n\n{_LATER}",
            [("58 percent", Severity.INFO)],
        ),
        (f"Voters turn on the party\n\nVoters are angry.\n\n{_LATER}", [("58 percent", Severity.WARNING)]),
        (
            "Poll: voters turn on the party\n\nVoters are angry.\n\nMoss spoke in Leeds.\n\nThe rally was "
            "short. Later 40 people were killed in a blast.\n",
            [("40", Severity.WARNING)],
        ),
    ],
)
def test_a_poll_the_article_reports_sources_its_shares(draft: str, expected: list[tuple[str, Severity]]) -> None:
    assert _unattributed_in(draft) == expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        # a forecast with no forecaster goes on with the named source whose forecast its paragraph gave before it
        # (BBC dev labels); not with one named after it, nor one in another paragraph
        (
            "In a speech, Mayor Ana Ruiz forecast 4% growth for 2027. Port fees are forecast to drop to $3.2bn.",
            [("$3.2bn", Severity.INFO)],
        ),
        (
            "Port fees are forecast to drop to $3.2bn. Mayor Ana Ruiz forecast 4% growth for 2027.",
            [("$3.2bn", Severity.WARNING)],
        ),
        (
            "In a speech, Mayor Ana Ruiz forecast 4% growth for 2027.\n\nPort fees are forecast to drop to $3.2bn.",
            [("$3.2bn", Severity.WARNING)],
        ),
    ],
)
def test_a_forecast_goes_on_with_the_forecaster_of_its_paragraph(
    draft: str, expected: list[tuple[str, Severity]]
) -> None:
    found = _unattributed_in(f"Harbour budget grows\n\nThe council met on Monday.\n\n{draft}\n")
    assert found == expected
    if expected[0][1] is Severity.INFO:
        assert "Mayor Ana Ruiz" in _messages(f"Harbour budget grows\n\nThe council met.\n\n{draft}\n")[0]


_QUIET_OPENING = "Council weighs new budget\n\nThe council met on Monday to debate the budget for the coming year.\n\n"


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        # the inverted pyramid (PolNeAR dev labels): an opening that tells no incident makes a casualty count tied
        # to a particular incident (its place, "the attack", its perpetrator) that incident's known toll; one the
        # opening tells of is the story's news, and a toll no incident holds still needs a source
        (
            f"{_QUIET_OPENING}The mayor spoke of the riot. Two people were hurt in Carlton during it.\n",
            [("Two", Severity.INFO)],
        ),
        (
            f"{_QUIET_OPENING}She met the Carlton bomber Ivo Marsh. Three people lost their lives because of him.\n",
            [("Three", Severity.INFO)],
        ),
        (  # any perpetrator the data file lists (checker/data/attribution.toml `perpetrators`)
            f"{_QUIET_OPENING}She met the Carlton attackers. Three people lost their lives because of them.\n",
            [("Three", Severity.INFO)],
        ),
        (
            "Riot in Carlton\n\nA man was killed when a riot broke out in Carlton on Monday, the council said.\n\n"
            "The mayor spoke of the riot. Two people were hurt in Carlton during it.\n",
            [("Two", Severity.WARNING)],
        ),
        (
            f"{_QUIET_OPENING}The mayor spoke of the past. Over four decades, some 1,800 civilians died.\n",
            [("Over four", Severity.INFO), ("some 1,800", Severity.WARNING)],
        ),
    ],
)
def test_casualties_of_an_incident_the_opening_does_not_tell_are_background(
    draft: str, expected: list[tuple[str, Severity]]
) -> None:
    assert _unattributed_in(draft) == expected


_DEFICIT = "Port debt stood at 4.1 percent of output in 2025. It is projected to climb to 4.6 percent in 2027.\n"
_SHARES = "The vote is in May, and the campaign is long and hard for both sides.\n\n"


@pytest.mark.parametrize(
    ("draft", "expected", "where"),
    [
        # sourced in context (PolNeAR and BBC dev labels): a forecast or a share in an article whose opening names a
        # report, a study or a poll is its finding; a share stated as fact goes on with the named source of the
        # shares given just before it (its paragraph or the one before); nothing of the kind leaves a warning
        (
            f"Debt to grow\n\nThe debt will grow, the Harbour Audit Office said in a report on Tuesday.\n\n{_DEFICIT}",
            [("4.1 percent", Severity.INFO), ("4.6 percent", Severity.INFO)],
            "report",
        ),
        (  # data and records give what was: a forecast needs a forecaster
            f"Debt to grow\n\nThe debt grew in May, official data showed on Tuesday.\n\n{_DEFICIT}",
            [("4.1 percent", Severity.INFO), ("4.6 percent", Severity.WARNING)],
            "",
        ),
        (
            f"Debt to grow\n\nThe debt will grow, the finance minister warned on Tuesday.\n\n{_DEFICIT}",
            [("4.1 percent", Severity.INFO), ("4.6 percent", Severity.WARNING)],
            "",
        ),
        (
            f"Voters weigh the plan\n\n{_SHARES}Ana Ruiz, a pollster, said 45% of voters backed the plan.\n\n"
            "Just 52% of registered voters approved.\n",
            [("52%", Severity.INFO)],
            "Ana Ruiz",
        ),
        (
            f"Voters weigh the plan\n\n{_SHARES}Ana Ruiz, a pollster, said 45% of voters backed the plan.\n\n"
            "The mayor spoke in Leeds.\n\nJust 52% of registered voters approved.\n",
            [("52%", Severity.WARNING)],
            "",
        ),
    ],
)
def test_a_share_or_forecast_is_sourced_in_context(
    draft: str, expected: list[tuple[str, Severity]], where: str
) -> None:
    assert _unattributed_in(draft) == expected
    messages = " ".join(_messages(draft))
    assert (where in messages) if where else ("may be" not in messages)


def _messages(draft: str) -> list[str]:
    from checker import document
    from checker.pipeline import check_document

    report = check_document(document.from_text(draft), report_config())
    return [f.message for f in report.findings if f.code == "FL201"]


def _unspoken(draft: str) -> list[tuple[str, Severity]]:
    from checker import document
    from checker.pipeline import check_document

    report = check_document(document.from_text(f"Crisis deepens\n\n{draft}\n"), report_config())
    text = report.document.text
    return [(text[f.span.start : f.span.end].split()[0], f.severity) for f in report.findings if f.code == "FL203"]


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        # nothing around it says who: a warning (across a paragraph break, reported speech does not hand it on)
        ("The river rose overnight.\n\n“They came with machetes and took the ballot boxes away.”", "warning"),
        (
            "Police said the mall was full when the shooting began.\n\n"
            "“People were running everywhere, dropping their bags.” About 3,000 people were there.",
            "warning",
        ),
        # a dash after a clause that cites or speaks introduces it as a colon does (PolNeAR dev); a bare dash does not
        ("Beside it is a photo that quotes Psalm 23 – “The Lord is a shepherd, and nobody shall want.”", "info"),
        ("It was a long night in the square – “Nobody slept and nobody ate anything.”", "warning"),
        # a paragraph of narration by pronoun hands it to the person it names (PolNeAR dev); a group does not
        (
            "“We will build it,” Moss said. He then had a question for the audience.\n\n“Who is going to pay for it?”",
            "info",
        ),
        ("“I am calling from the campaign,” Moss said.\n\nShe pauses.\n\n“Well, thank you so much for that.”", "info"),
        (
            "Relatives waited behind a cordon for news.\n\n“There were four guards on the wing that night.”",
            "warning",
        ),
        # signed with a dash, as in a column of quotations
        ("Quotable.\n\n“The whole idea of it needs to stop right now.” -Michelle Marks, Philadelphia.", "info"),
        # a new sentence after it is not its sentence
        (
            "The river rose overnight.\n\n“We have lost everything in one night.” The river rose, residents said.",
            "warning",
        ),
        # across a break: a paragraph that is the quotation alone, after a named person's reported speech
        (
            "The total was raised. Then, in 2019, Moss said that 40,000 would be admitted.\n\n"
            "“That comes to 95,000 over two years. But that would be all the migrants taken in.”",
            "info",
        ),
        (
            "Medical teams treated 14 of the survivors, the regional health service said.\n\n"
            "“Maybe 30 of us were holding on to the boat when the big ship came.”",
            "warning",
        ),
        # its sentence says whose words they are without a listed speech verb (PolNeAR dev)
        ("Aid was cut.\n\n“This is a failure from top to bottom” on every front, in Hale’s view.", "info"),
        ("Aid was cut.\n\n“The port has been open to all ships for years,” the Danes state in the report.", "info"),
        ("Aid was cut.\n\n“Not us but we cannot argue with it!” Moss, head of the fund, Tweeted on Friday.", "info"),
        # the attribution swallowed by a quotation left open, and a pull quote's credit line
        ("Aid was cut.\n\n“There was not a lot of help for families then, said Ortiz, who runs a charity.", "info"),
        ("Aid was cut.\n\n“He should stay in the race until the very end.\nFormer union leader Ana Ortiz.”", "info"),
        # a paragraph of quotations only, after a sentence saying a named person spoke
        (
            "Moss spoke only in slogans during the interview.\n\n“We have to be a lot tougher than this.”\n"
            "“We are not fighting it hard enough.”",
            "info",
        ),
        # a paragraph that is the quotation alone, after a named body issued a statement (PolNeAR dev)
        (
            "At the chair's direction, the League issued a statement apologizing to Moss.\n\n"
            "“On behalf of everyone at the League, we want to offer a sincere apology to Moss.”",
            "info",
        ),
        # right after a sentence in its paragraph that says someone spoke (PolNeAR dev)
        (
            "Ruiz praised Hale’s leadership after the storm. “We need someone who is going to see through "
            "the noise and bring people together.”",
            "info",
        ),
    ],
)
def test_quotation_a_speaker_is_evidently_given_for_is_info(draft: str, expected: str) -> None:
    assert {severity.label for _, severity in _unspoken(draft)} == {expected}


def test_quotation_whose_speaker_the_extractor_reads_has_no_finding() -> None:
    # infos with no speaker before the extractor read these: the owner of the words before a colon, and a speech
    # verb ending the sentence the quotation opens
    assert _unspoken("It was a short reply.\n\nMoss’s response was: “Is Ivo Marsh out of Leeds or Derby?”") == []
    assert _unspoken("It was a short reply.\n\nThe response was: “Is Ivo Marsh out of Leeds or Derby?”") != []
    spoken = (
        "Spending is up.\n\n“These donor groups have been laying the ground for voters,” in sharp contrast to "
        "past elections, says Ivo Marsh, a political scientist."
    )
    assert _unspoken(spoken) == []


@pytest.mark.parametrize(
    "draft",
    [
        # headlines, slogans, titles and sayings the text cites are not speech; nor is a fragment in lower case
        # (PolNeAR dev labels)
        "Short reads.\n\n— “Museum to close its doors at the end of the month,” by the Post’s Ana Ortiz.",
        "The posters were blunt.\n\n“No special favours for banks!” (2011). “Stop the tax on bread” (2013).",
        "Fears run deep.\n\n“One day we will all wake up speaking French,” is one common saying here.",
        "A memoir was planned.\n\n“Not Everything That Shines is Gold” was to be a cautionary tale.",
        "Readers wrote in.\n\nI agree with the mayor (“Mayor slams council over the new budget,” Example.com, Monday).",
        "He praised the resort — “which is a really phenomenal area.”",
        "The show returns.\n\n“Orange is the New Black” star Ana Ortiz spoke about her role.",
    ],
)
def test_cited_titles_headlines_and_slogans_are_not_quotations(draft: str) -> None:
    assert _unspoken(draft) == []


@pytest.mark.parametrize(
    "draft",
    [
        # speech verbs of published copy (PolNeAR dev): the quotation has a speaker, so no FL203
        "The march began.\n\n“Hey, hey! Ho, ho! Mayor Hale has got to go!” some protesters chanted, as they marched.",
        "They met last week.\n\n“Your record is amazing,” Moss assured Ruiz, after the interview.",
    ],
)
def test_chanted_and_assured_give_a_speaker(draft: str) -> None:
    assert _unspoken(draft) == []


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        # a person in the sentence after, before, or in its own: published copy names the speaker there in ways
        # the patterns miss, so it is info (dev halves: of the quotations whose speaker the extractor reads from
        # the sentences around them, a person is near 995 of PolNeAR's 1,010 and 312 of the BBC's 319; near none of
        # the synthetic corpora's 7 unspoken ones)
        ("It rained.\n\n“We will rebuild the bridge and the road.”\n\n“But it will take time,” Hale said.", "info"),
        ("It rained.\n\n“We will rebuild the bridge and the road.” That was the promise of Mayor Tom Hale.", "info"),
        ("The mayor, Tom Hale, was defiant.\n\n“We will rebuild the bridge and the road.”", "info"),
        ("She was defiant.\n\n“We will rebuild the bridge and the road.” People cheered.", "info"),
        # the speaker of a quotation beside it, whose own figures make no briefing
        ("It rained.\n\n“We will rebuild the bridge and the road.”\n\n“We lost 40 homes,” a shopkeeper said.", "info"),
        # no one near it, or only a briefing of figures, a group, a body or a vague source: a warning
        (
            "Police Chief Ana Ruiz said three children were hurt.\n\n"
            "“People were running everywhere, dropping their bags.” The centre was full.",
            "warning",
        ),
        (
            "Relatives waited behind a cordon for news.\n\n“There were four guards on the wing that night.”\n\n"
            "“Someone opened the doors,” Minister Ana Ruiz said, adding that six staff were suspended.",
            "warning",
        ),
        ("Police declined to comment.\n\n“We could hear people screaming upstairs.” Crowds gathered.", "warning"),
    ],
)
def test_quotation_with_a_person_around_it_is_info(draft: str, expected: str) -> None:
    assert {severity.label for _, severity in _unspoken(draft)} == {expected}


def test_the_info_says_where_the_speaker_may_be() -> None:
    from checker import document
    from checker.pipeline import check_document

    draft = "Crisis deepens\n\nIt rained.\n\n“We will rebuild the bridge and the road.”\n\n“Soon,” Hale said.\n"
    report = check_document(document.from_text(draft), report_config())
    (message,) = [f.message for f in report.findings if f.code == "FL203"]
    assert message.endswith("(the speaker may be “Hale”, in the sentence after)")


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        # the same figure for the same event, given with a named source elsewhere: the reader finds who counted
        (
            "Raids spark anger\n\nIn Carlton, 80 people were detained over the weekend.\n\n"
            "Thirty of the 80 held were freed on Monday, a Harbour Police spokeswoman said.\n",
            ("80", Severity.INFO, "the same figure is a Harbour Police spokeswoman’s elsewhere in the article"),
        ),
        # another figure, or a vague source, leaves it a warning
        (
            "Raids spark anger\n\nIn Carlton, 80 people were detained over the weekend.\n\n"
            "Thirty of the 90 held were freed on Monday, a Harbour Police spokeswoman said.\n",
            ("80", Severity.WARNING, ""),
        ),
        (
            "Raids spark anger\n\nIn Carlton, 80 people were detained over the weekend.\n\n"
            "Thirty of the 80 held were freed on Monday, sources said.\n",
            ("80", Severity.WARNING, ""),
        ),
    ],
)
def test_a_figure_the_article_sources_elsewhere_is_info(draft: str, expected: tuple[str, Severity, str]) -> None:
    from checker import document
    from checker.pipeline import check_document

    report = check_document(document.from_text(draft), report_config())
    text = report.document.text
    [first, *_] = [f for f in report.findings if f.code == "FL201"]
    assert (text[first.span.start : first.span.end], first.severity) == expected[:2]
    assert expected[2] in first.message and ("(" in first.message) == bool(expected[2])


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        # quotations run together by an ellipsis after a colon's introduction are the introduced voices' (PolNeAR
        # test-a: a news conference's questions, "…: “…?” . . . “…?”")
        (
            "At the briefing, her first four questioners pressed hard: “Is the port plan dead now?” . . . "
            "“Have you given up on the port entirely?” . . . “Will you run again next year?”",
            {"info"},
        ),
        # the same questions standing apart stay warnings: nothing says whose they are
        ("The port plan stalled.\n\n“Have you given up on the port entirely?”", {"warning"}),
    ],
)
def test_quotations_run_together_by_an_ellipsis_share_an_introduction(draft: str, expected: set[str]) -> None:
    assert {severity.label for _, severity in _unspoken(draft)} == expected


def test_a_credit_in_brackets_closing_its_line_is_where_the_source_may_be() -> None:
    item = "TWO HURT IN DEPOT FIRE Crews fought the blaze and 12 people were treated. [Ana Ruiz, Harbour Post]"
    assert {severity for _, severity in _unattributed(item)} == {Severity.INFO}
    assert ("12", Severity.WARNING) in _unattributed(item.replace(" [Ana Ruiz, Harbour Post]", ""))
    quote = "The port plan stalled.\n\n“Have you given up on the port entirely?” [Harbour Post]"
    assert [severity.label for _, severity in _unspoken(quote)] == ["info"]
    assert [severity.label for _, severity in _unspoken(quote.replace(" [Harbour Post]", ""))] == ["warning"]
