"""A finding over many figures lists ten of them in the reports people read, and counts the rest."""

from __future__ import annotations

import json

from checker import report
from checker.models import Finding, Report, Severity
from tests.claimkit import C, build

MANY = 30


def many_figures() -> list[Report]:
    doc, extraction = build(*(C(f"Police said {n} people were killed", str(n)) for n in range(100, 100 + MANY)))
    finding = Finding(
        "FL101", "conflicting-figures", Severity.ERROR, "people killed: 30 figures", extraction.claims[0].figure_span,
        extraction.claims, "people killed", "thirty figures for one quantity",
    )  # fmt: skip
    return [Report(doc, extraction, (finding,))]


def render(name: str) -> str:
    return report.render(name, many_figures(), report.RenderOptions())


def test_text_and_markdown_list_ten_figures_and_count_the_rest() -> None:
    for name in ("text", "markdown"):
        out = render(name)
        assert "… and 20 more figures" in out, name
        assert "“Police said 109 people" in out and "“Police said 110 people" not in out, name


def test_sarif_and_rdjson_carry_ten_related_locations() -> None:
    sarif = json.loads(render("sarif"))
    assert len(sarif["runs"][0]["results"][0]["relatedLocations"]) == 10
    rdjson = json.loads(render("rdjson"))
    assert len(rdjson["diagnostics"][0]["related_locations"]) == 10


def test_json_still_lists_every_claim() -> None:
    out = json.loads(render("json"))["files"][0]
    assert len(out["findings"][0]["claims"]) == MANY
