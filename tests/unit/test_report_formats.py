"""Reporters: escaping, positions and structure of markdown, sarif, github, rdjson and html output."""

from __future__ import annotations

import copy
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from checker import config as config_mod
from checker.codec import fingerprint
from checker.document import from_text, load
from checker.models import (
    Claim,
    Extraction,
    Finding,
    Interval,
    Quantity,
    Report,
    Severity,
    Source,
    SourceKind,
    Span,
)
from checker.pipeline import check_document
from checker.report import FORMATS, RenderOptions, github, html, markdown, rdjson, render, sarif
from checker.report.html import _RANK
from checker.rules import RULES

ROOT = Path(__file__).parents[2]
SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-2.1.0.json"
OPTIONS = RenderOptions(root=ROOT)
CONFIG = config_mod.Config(extractor="offline")


@pytest.fixture(scope="module")
def seed() -> list[Report]:
    return [check_document(load(str(ROOT / "examples" / "al-khalis.txt")), CONFIG)]


def hostile_report(path: str = "drafts/a,b:c.txt") -> Report:
    """A draft whose text tries to break every format: markup, table pipes, mentions, percent signs."""
    source = (
        'Police said 50% | of <script>alert("x")</script> @bob #12 prisoners escaped.\n'
        '\n"><img src=x onerror=alert(1)> Officials said 70 prisoners escaped.\n'
    )
    doc = from_text(source, path)
    first = doc.text.index("50")
    second = doc.text.index("70")
    claims = (
        Claim("c1", doc.text[: doc.text.index("\n")], Span(0, doc.text.index("\n")), "50", Span(first, first + 2),
              Interval.exact(50), counted="prisoners escaped", source=Source(SourceKind.ORGANISATION, "Police")),
        Claim("c2", "Officials said 70 prisoners escaped.", Span(doc.text.index("Officials"), len(source) - 1), "70",
              Span(second, second + 2), Interval.exact(70), counted="prisoners escaped"),
    )  # fmt: skip
    findings = (
        Finding("FL101", "conflicting-figures", Severity.ERROR, 'prisoners: “50%” | “<b>70</b>” @bob, 100%',
                Span(first, second + 2), claims, "prisoners escaped", "Line one\r\nline two: a, b"),
        Finding("FL201", "unattributed-figure", Severity.INFO, "“70”: no source", Span(second, second + 2), claims[1:]),
    )  # fmt: skip
    return Report(doc, Extraction("offline", claims), findings)


# --- github -----------------------------------------------------------------------------------------------


def test_github_escapes_data_and_properties() -> None:
    assert github.escape_data("100%\r\nnext: a, b") == "100%25%0D%0Anext: a, b"
    assert github.escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_github_annotations() -> None:
    lines = github.render([hostile_report()], OPTIONS).splitlines()
    error, notice, total = lines
    # the FL101 span runs from line 1 to line 3: no columns, as GitHub requires
    assert error.startswith("::error file=drafts/a%2Cb%3Ac.txt,line=1,endLine=3,title=FL101 conflicting-figures::")
    assert "\n" not in error and "\r" not in error
    assert error.endswith("100%25%0ALine one%0D%0Aline two: a, b")
    assert notice.startswith("::notice file=drafts/a%2Cb%3Ac.txt,line=3,col=")
    col = int(re.search(r",col=(\d+)", notice).group(1))  # type: ignore[union-attr]
    end = int(re.search(r",endColumn=(\d+)", notice).group(1))  # type: ignore[union-attr]
    assert hostile_report().document.line_text(3)[col - 1 : end] == "70"  # endColumn is the last character
    assert total == "factlint: 1 error, 1 info"


def test_github_quiet_writes_the_annotations_only() -> None:
    """``-q``: "only the findings: no summary line", as the text report does."""
    lines = github.render([hostile_report()], RenderOptions(root=ROOT, quiet=True)).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::notice"]


def in_a_subfolder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, workspace: bool) -> RenderOptions:
    """A run from ``repo/sub`` on ``../drafts/a.md`` (``repo`` is ``GITHUB_WORKSPACE``, if ``workspace``)."""
    (tmp_path / "repo" / "sub").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "repo" / "sub")
    if workspace:
        monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "repo"))
    else:
        monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    return RenderOptions(root=tmp_path / "repo" / "sub", quiet=True)


@pytest.mark.parametrize("workspace", [True, False])
def test_github_paths_are_relative_to_the_workspace_when_there_is_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, workspace: bool
) -> None:
    """GitHub maps an annotation's file from the repository's root: ``../drafts/a.md`` from a subfolder maps to
    nothing. Inside ``GITHUB_WORKSPACE`` the path is relative to it; outside it, or with none, as given."""
    options = in_a_subfolder(monkeypatch, tmp_path, workspace)
    outside = tmp_path / "elsewhere" / "b.md"
    lines = github.render([hostile_report("../drafts/a.md"), hostile_report(str(outside))], options).splitlines()
    files = [re.search(r"file=([^,]*),", line).group(1) for line in lines]  # type: ignore[union-attr]
    inside = "drafts/a.md" if workspace else "../drafts/a.md"
    assert files == [inside, inside, outside.as_posix(), outside.as_posix()]


@pytest.mark.parametrize("workspace", [True, False])
def test_sarif_uris_are_relative_to_the_workspace_when_there_is_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, workspace: bool
) -> None:
    """Code scanning maps ``%SRCROOT%``-relative URIs from the repository's root, as annotations; an absolute
    ``file://`` URI has no ``uriBaseId`` (a base wants a relative URI: the SARIF validator's SARIF1004)."""
    options = in_a_subfolder(monkeypatch, tmp_path, workspace)
    outside = tmp_path / "elsewhere" / "b.md"
    data = sarif.build([hostile_report("../drafts/a.md"), hostile_report(str(outside))], options)
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in data["runs"][0]["results"]]
    inside = {"uri": "drafts/a.md" if workspace else "../drafts/a.md", "uriBaseId": "%SRCROOT%"}
    assert locations == [inside, inside, {"uri": outside.as_uri()}, {"uri": outside.as_uri()}]


def resolved(data: dict[str, Any]) -> list[Path]:
    """Each result's file as a SARIF viewer finds it: a relative URI through ``originalUriBaseIds``."""
    from urllib.parse import urljoin
    from urllib.request import url2pathname

    run = data["runs"][0]
    bases = {key: value["uri"] for key, value in run.get("originalUriBaseIds", {}).items()}
    files = []
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        uri = urljoin(bases[location["uriBaseId"]], location["uri"]) if "uriBaseId" in location else location["uri"]
        assert uri.startswith("file:///"), uri
        files.append(Path(url2pathname(uri.removeprefix("file://"))))
    return files


@pytest.mark.parametrize("workspace", [True, False])
def test_sarif_uri_base_ids_resolve_every_uri_to_its_draft(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, workspace: bool
) -> None:
    """``%SRCROOT%`` is given in ``originalUriBaseIds`` (SARIF 2.1.0 §3.14.14) as an absolute ``file://`` URI
    ending in ``/``, so a viewer finds each draft: inside the workspace, beside it (``../../elsewhere``, which is
    no path of the repository), and a folder name with a space, ``?`` and ``#``."""
    options = in_a_subfolder(monkeypatch, tmp_path, workspace)
    sub = tmp_path / "repo" / "sub"
    named = ["../drafts/a.md", "../../elsewhere/b.md", str(tmp_path / "odd ?#%" / "c.md"), "d.md"]
    data = sarif.build([hostile_report(path) for path in named], options)
    base = data["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]
    assert base == {"uri": (tmp_path / "repo" if workspace else sub).as_uri() + "/"}
    assert resolved(data) == [Path(os.path.abspath(sub / path)) for path in named for _ in (1, 2)]
    validator = sarif_validator()
    assert [e.message for e in validator.iter_errors(data)] == []


def test_sarif_uri_base_is_the_folder_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The base is a folder's path, nothing of the environment: no key, no credentials of a base URL."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-key-1234567890")
    monkeypatch.setenv("FACTLINT_BASE_URL", "https://user:hunter2@llm.example/v1")
    options = in_a_subfolder(monkeypatch, tmp_path, workspace=False)
    text = sarif.render([hostile_report()], options)
    assert "sk-secret" not in text and "hunter2" not in text
    assert json.loads(text)["runs"][0]["originalUriBaseIds"] == {"%SRCROOT%": {"uri": options.root.as_uri() + "/"}}


# --- markdown ---------------------------------------------------------------------------------------------


def test_markdown_cells_cannot_inject_markup_mentions_or_columns() -> None:
    text = markdown.render([hostile_report()], OPTIONS)
    assert "<script" not in text and "<b>" not in text and "<img" not in text
    assert "@bob" not in text and "&#64;bob" in text
    for row in (line for line in text.splitlines() if line.startswith("| :")):
        assert len(re.findall(r"(?<!\\)\|", row)) == 5, row  # four cells, whatever the message holds


@pytest.mark.parametrize("path", ["a`b.md", "``x``.md", "drafts/a.md"])
def test_markdown_heading_keeps_a_file_name_with_backticks_in_one_code_span(path: str) -> None:
    from markdown_it import MarkdownIt

    text = markdown.render([check_document(from_text("No figures.", path), CONFIG)], OPTIONS)
    heading = next(line for line in text.splitlines() if line.startswith("####"))
    assert MarkdownIt().renderInline(heading.removeprefix("#### ")) == f"<code>{path}</code>"


def test_markdown_summary_and_folding(seed: list[Report]) -> None:
    text = markdown.render(seed, OPTIONS)
    assert text.startswith("### factlint: 7 errors, 7 warnings, 5 info in 1 file\n")
    assert "#### `examples/al-khalis.txt`" in text
    assert "<details><summary>5 info</summary>" in text
    assert text.count("<details>") == text.count("</details>")


def test_markdown_stays_under_githubs_comment_limit() -> None:
    report = hostile_report()
    many = Report(report.document, report.extraction, report.findings * 2000)
    text = markdown.render([many], OPTIONS)
    assert len(text) <= markdown.LIMIT
    assert "more findings not shown here" in text


def test_markdown_for_a_clean_draft() -> None:
    doc = from_text("Nothing to count here.\n", "clean.md", "markdown")
    text = markdown.render([Report(doc, Extraction("offline", ()), ())], OPTIONS)
    assert text.startswith("### factlint: no findings in 1 file\n") and "No findings." in text


# --- rdjson -----------------------------------------------------------------------------------------------


def test_rdjson_columns_are_utf8_bytes_and_ends_exclusive(seed: list[Report]) -> None:
    data = json.loads(rdjson.render(seed, OPTIONS))
    assert data["source"] == {"name": "factlint"}
    doc = seed[0].document
    for diag, finding in zip(data["diagnostics"], seed[0].findings, strict=True):
        assert diag["severity"] == finding.severity.name and diag["code"] == {"value": finding.code}
        start, end = diag["location"]["range"]["start"], diag["location"]["range"]["end"]
        line = doc.line_text(start["line"]).encode()
        assert line[start["column"] - 1 :].decode().startswith(doc.source[finding.span.start : finding.span.end][:20])
        if end["line"] == start["line"]:
            assert (
                line[start["column"] - 1 : end["column"] - 1].decode()
                == doc.source[finding.span.start : finding.span.end]
            )
    # line 1 opens with a curly quote (3 bytes): "Fifty" starts at character 2 but byte 4
    n = next(n for n, f in enumerate(seed[0].findings) if doc.source.startswith("Fifty", f.span.start))
    fifty = data["diagnostics"][n]
    assert fifty["location"]["range"]["start"]["column"] == 4


# --- sarif ------------------------------------------------------------------------------------------------


def sarif_validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip(f"the official SARIF schema is not at {SCHEMA} (CI has ../shared beside the repo)")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    return validator_class(schema)


def test_sarif_validates_against_the_oasis_schema(seed: list[Report]) -> None:
    validator = sarif_validator()
    for reports in (seed, [hostile_report()]):
        data = json.loads(sarif.render(reports, OPTIONS))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == []


def test_the_schema_check_can_fail(seed: list[Report]) -> None:
    validator = sarif_validator()
    data = json.loads(sarif.render(seed, OPTIONS))
    broken = copy.deepcopy(data)
    broken["runs"][0]["results"][0]["level"] = "info"  # SARIF says "note"
    assert list(validator.iter_errors(broken))
    broken = copy.deepcopy(data)
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert list(validator.iter_errors(broken))


def test_sarif_rules_regions_uris_and_fingerprints(seed: list[Report]) -> None:
    data = json.loads(sarif.render(seed, OPTIONS))
    assert data["version"] == "2.1.0"
    run = data["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [*RULES, "FL001", "FL002"]  # a draft that could not be read, or extracted
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
    doc = seed[0].document
    for result, finding in zip(run["results"], seed[0].findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.code
        assert result["partialFingerprints"] == {"factlint/v1": fingerprint(finding)}
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "examples/al-khalis.txt", "uriBaseId": "%SRCROOT%"}
        region = location["region"]
        assert (region["startLine"], region["startColumn"]) == doc.position(finding.span.start)
        assert region["snippet"]["text"] == doc.source[finding.span.start : finding.span.end]
        if region["endLine"] == region["startLine"]:
            assert region["endColumn"] - region["startColumn"] == finding.span.end - finding.span.start
        assert len(result.get("relatedLocations", [])) == len(finding.claims)


def test_sarif_uris_are_relative_inside_the_root_and_file_uris_outside(tmp_path: Path) -> None:
    inside = hostile_report(str(ROOT / "drafts" / "a b.txt"))
    outside = hostile_report(str(tmp_path / "x.txt"))
    data = sarif.build([inside, outside], OPTIONS)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in data["runs"][0]["results"]]
    assert uris[0] == "drafts/a%20b.txt"
    assert uris[2] == (tmp_path / "x.txt").as_uri()


# --- html -------------------------------------------------------------------------------------------------


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <script> and <style> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.raw: list[str] = []
        self._in_raw = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_raw = tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._in_raw = False

    def handle_data(self, data: str) -> None:
        if self._in_raw:
            self.raw.append(data)


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


def test_html_is_self_contained(seed: list[Report]) -> None:
    page = html.render(seed, OPTIONS)
    parsed = parse(page)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"link", "img", "iframe", "object", "embed", "base"}
    for tag, attrs in parsed.tags:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
    assert not re.search(r"url\(|@import|https?:|//[a-z]", "".join(parsed.raw), re.I)
    assert "http" not in page  # the seed has no URL, so none may appear at all


def test_html_escapes_the_article() -> None:
    page = html.render([hostile_report()], OPTIONS)
    parsed = parse(page)
    assert [tag for tag, _ in parsed.tags].count("script") == 1  # ours
    assert not any(tag == "img" for tag, _ in parsed.tags)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert all("onerror" not in attrs for _, attrs in parsed.tags)


def test_html_every_reference_resolves(seed: list[Report]) -> None:
    parsed = parse(html.render(seed, OPTIONS))
    ids = [attrs["id"] for _, attrs in parsed.tags if "id" in attrs]
    assert len(ids) == len(set(ids)), "ids are unique"
    quote_ids = {q for _, attrs in parsed.tags for q in attrs.get("data-q", "").split()}
    cards = [attrs for tag, attrs in parsed.tags if tag == "li" and "finding" in attrs.get("class", "")]
    marks = [attrs for tag, attrs in parsed.tags if tag == "mark"]
    assert len(cards) == len(seed[0].findings)
    assert len(marks) == len(seed[0].claims)
    for card in cards:
        targets = card["data-targets"].split()
        assert targets
        for target in targets:
            assert target in quote_ids and f"fig-{target}" in ids, target
    for mark in marks:
        for fid in mark["data-findings"].split():
            assert f"finding-{fid}" in ids
        assert "Source:" in mark["data-tip"] and "Interval:" in mark["data-tip"]


def test_html_tip_says_what_a_figure_measures_in_the_models_words_on_the_llm_path() -> None:
    """An LLM claim's group and event are the offline reading, for the severity policy; the tip gives the model's
    description of its quantity. An offline claim keeps its counted noun."""
    offline = hostile_report()
    claims = tuple(
        c._replace(quantity="q1", counted="", population=("person",), event="killed") for c in offline.claims
    )
    quantities = (Quantity("q1", "prisoners who escaped from Al Khalis prison", "", True),)
    llm = Report(offline.document, Extraction("llm", claims, quantities=quantities), ())

    def tips(report: Report) -> list[str]:
        return [attrs["data-tip"] for tag, attrs in parse(html.render([report], OPTIONS)).tags if tag == "mark"]

    assert all("· prisoners who escaped from Al Khalis prison" in tip for tip in tips(llm))
    assert all("· prisoners escaped" in tip and "Al Khalis" not in tip for tip in tips(offline))


def test_html_colours_figures_by_status(seed: list[Report]) -> None:
    parsed = parse(html.render(seed, OPTIONS))
    status = {a["id"].removeprefix("fig-d0-"): a["class"].split()[1] for t, a in parsed.tags if t == "mark"}
    by_figure = {c.figure: status[c.id] for c in seed[0].claims}
    assert by_figure["Fifty"] == by_figure["thirty six"] == by_figure["42"] == "st-contradicted"
    assert by_figure["three"] == by_figure["88"] == "st-vague"
    assert by_figure["300"] == "st-unattributed"
    clean = Report(seed[0].document, seed[0].extraction, ())
    assert {a["class"] for t, a in parse(html.render([clean], OPTIONS)).tags if t == "mark"} == {"fig st-fine"}


def test_every_registered_format_renders_the_hostile_draft() -> None:
    for fmt in FORMATS:
        assert render(fmt, [hostile_report()], OPTIONS)


def test_html_a_finding_over_a_paragraph_break_keeps_ids_unique() -> None:
    doc = from_text("First 12 part.\n\nSecond 34 part.\n", "a.txt")
    span = Span(doc.text.index("12"), doc.text.index("34") + 2)
    finding = Finding("FL301", "figure-not-reviewed", Severity.WARNING, "not reviewed", span)
    parsed = parse(html.render([Report(doc, Extraction("llm", ()), (finding,))], OPTIONS))
    ids = [attrs["id"] for _, attrs in parsed.tags if "id" in attrs]
    assert len(ids) == len(set(ids))
    marks = [attrs for tag, attrs in parsed.tags if tag == "mark"]
    assert len(marks) == 2 and all(m["class"] == "fig st-unreviewed" for m in marks)
    assert "fig-d0-f0" in ids and "finding-d0-f0" in ids


def test_counts_are_worded_the_same_in_every_format(seed: list[Report]) -> None:
    from checker.report import text
    from checker.wording import plural

    assert (plural(1, "claim"), plural(5, "claim"), plural(1, "info"), plural(5, "info")) == (
        "1 claim",
        "5 claims",
        "1 info",
        "5 info",
    )
    for module in (text, markdown, github, html):
        rendered = module.render(seed, OPTIONS)
        assert "5 info" in rendered and not re.search(r"\d infos", rendered, re.I), module.__name__
    one = Report(seed[0].document, seed[0].extraction._replace(claims=seed[0].claims[:1]), ())
    assert "1 claim ·" in text.render([one], OPTIONS)


def test_html_of_a_draft_with_thousands_of_figures_is_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long draft on one line (3,000 figures in one paragraph, as a huge line is): each figure was compared with
    every other (the overlaps kept, the piece's mark and quotes), some 14 million span comparisons and 11 s; the
    page is the same, from a sweep."""
    draft = "Sources said 12 people were arrested. " * 3000
    report = check_document(from_text(draft, "long.txt"), CONFIG)
    assert len(report.claims) == 3000
    calls = 0
    overlaps = Span.overlaps

    def counted(self: Span, other: Span) -> bool:
        nonlocal calls
        calls += 1
        return overlaps(self, other)

    monkeypatch.setattr(Span, "overlaps", counted)
    page = html.render([report], OPTIONS)
    assert calls < 20 * len(report.claims)
    assert page.count('<mark class="fig') == 3000 and len(set(re.findall(r'data-q="(d0-c\d+)"', page))) == 3000


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=12), st.lists(st.integers(1, 9), max_size=6))
def test_html_sweeps_find_what_comparing_every_pair_finds(raw: list[tuple[int, int]], gaps: list[int]) -> None:
    from checker.report.html import _by_paragraph, _Mark, _without_overlaps

    spans = [Span(start, start + length) for start, length in raw]
    paras, at = [], 0
    for gap in gaps:
        paras.append(Span(at, at + gap * 3))
        at += gap * 3 + 2
    assert _by_paragraph(paras, spans) == [[n for n, s in enumerate(spans) if s.overlaps(p)] for p in paras]
    marks = [_Mark(f"m{n}", span, ("fine", "vague", "contradicted")[n % 3], "", ()) for n, span in enumerate(spans)]
    kept: list[_Mark] = []
    for mark in sorted(marks, key=lambda m: (_RANK[m.status], m.span.start)):
        if mark.span.end > mark.span.start and not any(mark.span.overlaps(k.span) for k in kept):
            kept.append(mark)
    assert _without_overlaps(marks) == sorted(kept, key=lambda m: m.span.start)


def test_html_legend_says_no_issue_found_not_fine(seed: list[Report]) -> None:
    page = html.render(seed, OPTIONS)
    assert ">no issue found</span>" in page and ">fine<" not in page


def test_markdown_lists_a_findings_figures_in_the_text_reports_order(seed: list[Report]) -> None:
    """Both list a finding's figures in draft order, whatever order the rule gave them in."""
    from checker.report import text

    [report] = seed
    reversed_claims = tuple(f._replace(claims=f.claims[::-1]) for f in report.findings)
    shuffled = [Report(report.document, report.extraction, reversed_claims)]

    def in_order(blocks: list[str], row: str) -> list[list[tuple[int, int]]]:
        found = [[(int(a), int(b)) for a, b in re.findall(row, block, re.M)] for block in blocks]
        assert any(len(positions) > 1 for positions in found)
        return found

    plain = re.split(r"\n  (?=ERROR|WARNING|INFO)", text.render(shuffled, OPTIONS))
    md = markdown.render(shuffled, OPTIONS).split("**`")
    for positions in in_order(plain, r"^      (\d+):(\d+) ") + in_order(md, r"^- (\d+):(\d+) "):
        assert positions == sorted(positions)


def test_regions_cover_whole_html_entities_in_every_format() -> None:
    """A quotation in &ldquo;…&rdquo; is reported from the first & to the last ; of the file as written."""
    source = "<p>&ldquo;Fifty prisoners and twelve policemen were killed in the escape,&rdquo; the report began.</p>\n"
    doc = from_text(source, "e.html", "html")
    report = check_document(doc, CONFIG)
    [quote] = [f for f in report.findings if f.code == "FL203"]
    start, end = source.index("&ldquo;"), source.index("&rdquo;") + len("&rdquo;")
    sarif_region = json.loads(sarif.render([report], OPTIONS))["runs"][0]["results"][0]["locations"][0]
    region = sarif_region["physicalLocation"]["region"]
    assert region["snippet"]["text"] == source[start:end]
    assert (region["startColumn"], region["endColumn"]) == (start + 1, end + 1)
    location = json.loads(render("json", [report], OPTIONS))["files"][0]["findings"][0]["location"]
    assert (location["start"], location["end"]) == (start, end)
    assert f"col={start + 1},endLine=1,endColumn={end}," in github.render([report], OPTIONS)
    rd = json.loads(rdjson.render([report], OPTIONS))["diagnostics"][0]["location"]["range"]
    assert (rd["start"]["column"], rd["end"]["column"]) == (start + 1, end + 1)
    assert f"FL203 1:{start + 1} " in render("text", [report], OPTIONS)
    assert quote.span.start > start  # the text's span starts at the decoded “, inside the entity


def test_the_text_report_knows_no_evals_only_extractor() -> None:
    """The oracle (evals) says what it is itself, in its extraction's model; the reporter names only its own."""
    from pathlib import Path as _Path

    from checker import document
    from checker.models import Extraction, Report
    from checker.report import RenderOptions, render

    assert "oracle" not in (_Path(__file__).parents[2] / "checker" / "report" / "text.py").read_text(encoding="utf-8")
    doc = document.from_text("It rained.\n", "d.txt")
    out = render("text", [Report(doc, Extraction("oracle", (), (), model="hand-written claims"), ())], RenderOptions())
    assert "extractor: oracle (hand-written claims)" in out


# --- json -------------------------------------------------------------------------------------------------

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(max_size=5) | st.integers() | st.booleans() | st.none() | st.floats(), children, max_size=4
        )
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_JSON_VALUES)
def test_json_writer_writes_what_json_dumps_writes(value: object) -> None:
    from checker.report import indented_json as json_report

    expected = json.dumps(value, indent=2, ensure_ascii=False)
    for walk in (1, 2, 4):
        assert "".join(json_report.pieces(value, walk)) == expected  # the outer levels walked
    assert json_report._encode(value, 0) == expected  # every level as one string


def test_markdown_quiet_leaves_out_the_title_and_clean_files() -> None:
    """``-q`` is "only the findings" (``RenderOptions.quiet``): no title with the counts, no "No findings." section."""
    clean = check_document(from_text("Nothing to count here.", "clean.md"), CONFIG)
    found = hostile_report()
    loud = markdown.render([clean, found], OPTIONS)
    quiet = markdown.render([clean, found], RenderOptions(root=ROOT, quiet=True))
    assert loud.startswith("### factlint:") and "No findings." in loud and "clean.md" in loud
    assert "### factlint" not in quiet and "No findings." not in quiet and "clean.md" not in quiet
    assert quiet.startswith("#### `drafts/a,b:c.txt`") and quiet.strip() in loud
    assert markdown.render([clean], RenderOptions(root=ROOT, quiet=True)) == ""
