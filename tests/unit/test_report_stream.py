"""Reporters are streaming writers: they get one file's report at a time and keep none of them."""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import pickle
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from checker import config as config_mod, report
from checker.document import from_text
from checker.models import Report
from checker.output import Staging, spool_text
from checker.pipeline import check_document
from checker.report import FORMATS, RenderOptions, text
from checker.report.common import JSONArray, copy_spool

ROOT = Path(__file__).parents[2]
CONFIG = config_mod.Config(extractor="offline")
SEED = (ROOT / "examples" / "al-khalis.txt").read_text(encoding="utf-8")
DRAFTS = [SEED, "Police said 40 people were arrested.\n\nReportedly 12 were released.\n", "No figures here.\n"]


class Tracked(Report):
    """A Report that can be watched with a weak reference."""

    __slots__ = ("__weakref__",)


CHECKED = [check_document(from_text(draft, f"d{n}.txt"), CONFIG) for n, draft in enumerate(DRAFTS)]


def fresh(n: int) -> Report:
    """A new Report object (its parts shared with one checked once), as if the n-th draft had just been checked."""
    checked = CHECKED[n % len(CHECKED)]
    return Tracked(checked.document, checked.extraction, checked.findings, checked.error)


def one_at_a_time(count: int, alive: list[int]) -> Iterator[Report]:
    """``count`` fresh reports, each made only when the one before has been handled; ``alive`` hears how many
    of those reports still exist as each is made."""
    made: list[weakref.ref[Report]] = []
    for n in range(count):
        report = fresh(n)
        made.append(weakref.ref(report))
        alive.append(sum(1 for ref in made if ref() is not None))
        yield report
        del report


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_writer_keeps_no_report_it_has_handled(fmt: str) -> None:
    alive: list[int] = []
    out = io.StringIO()
    writer = report.writer(fmt, out, RenderOptions())
    writer.start()
    for handled in one_at_a_time(9, alive):
        writer.handle(handled)
    writer.stop()
    assert out.getvalue().endswith("\n")
    # the report being made and the one just handled (still the loop's variable): never more
    assert max(alive) <= 2, f"{fmt}: reports alive as each was made: {alive}"


def test_write_streams_every_target_at_once_keeping_no_report(tmp_path: Path) -> None:
    alive: list[int] = []
    targets = [(fmt, str(tmp_path / f"out.{fmt}")) for fmt in sorted(FORMATS)]
    report.write(targets, one_at_a_time(9, alive), RenderOptions())
    assert max(alive) <= 2, f"reports alive as each was made: {alive}"
    reports = [fresh(n) for n in range(9)]
    for fmt, path in targets:
        assert Path(path).read_text(encoding="utf-8") == report.render(fmt, reports, RenderOptions()), fmt


@pytest.mark.parametrize("stop", [RuntimeError("the endpoint failed"), KeyboardInterrupt()])
def test_a_run_stopped_half_way_writes_no_output(
    stop: BaseException, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "old.json").write_text("previous report", encoding="utf-8")

    def failing() -> Iterator[Report]:
        yield fresh(0)
        raise stop

    (tmp_path / "kept").mkdir()
    targets = [
        ("text", "-"),
        ("json", str(tmp_path / "old.json")),
        ("html", str(tmp_path / "new" / "r.html")),
        ("sarif", str(tmp_path / "kept" / "new" / "deeper" / "r.sarif")),
    ]
    with pytest.raises(type(stop)):
        report.write(targets, failing(), RenderOptions())
    assert capsys.readouterr().out == ""
    assert (tmp_path / "old.json").read_text(encoding="utf-8") == "previous report"
    # nothing is left behind: no file, and no folder made for an output (one that was there stays)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["kept", "old.json"]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=100, deadline=None)
@given(
    before=st.dictionaries(st.text(max_size=5), JSON_VALUES, max_size=3),
    items=st.lists(JSON_VALUES, max_size=4),
    nested=st.booleans(),
)
def test_a_streamed_json_array_is_laid_out_as_json_dumps_lays_it_out(
    before: dict[str, Any], items: list[Any], nested: bool
) -> None:
    def document(array: Any) -> dict[str, Any]:
        inner = {**before, "array": array, "after": 1}
        return {"outer": [inner], "tail": True} if nested else inner

    out = io.StringIO()
    array = JSONArray(document(JSONArray.HOLE), out)
    head = array.head()
    for n, item in enumerate(items):
        if n % 2:
            array.add(item)
        else:  # the JSON report's way: the pieces of json's own encoder
            array.add_pieces(json.JSONEncoder(indent=2, ensure_ascii=False).iterencode(item))
    assert head + out.getvalue() + array.tail() == json.dumps(document(items), indent=2, ensure_ascii=False)


ROW_TEXT = st.text(alphabet=st.characters(blacklist_characters="\t", blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(ROW_TEXT, st.sampled_from(["", "bold", "dim", "bold red"])), max_size=5))
def test_a_row_without_a_tab_joined_plainly_is_what_rich_prints(row: list[tuple[str, str]]) -> None:
    """Why the text writer may decide row by row (colour off) whether rich prints it: without a tab the two agree,
    so one file's tab never changes another file's lines."""
    plain = RenderOptions(color=False)
    out = io.StringIO()
    text.Writer(out, plain)._write(row)
    assert out.getvalue() == text._rich([row], plain)


PLAN_OPTIONS = [
    RenderOptions(),
    RenderOptions(quiet=True),
    RenderOptions(color=True, width=80),  # the text format through rich, row by row
]


@pytest.mark.parametrize("options", PLAN_OPTIONS, ids=["plain", "quiet", "colour"])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_writer_given_parts_made_elsewhere_writes_what_it_writes_for_the_reports(
    fmt: str, options: RenderOptions
) -> None:
    """What a worker process sends instead of a report (``part``, pickled both ways) is written as the report."""
    reports = [fresh(n) for n in range(7)]
    module = importlib.import_module(FORMATS[fmt])
    out = io.StringIO()
    writer = report.writer(fmt, out, options)
    writer.start()
    for n, made in enumerate(reports):
        writer.take(pickle.loads(pickle.dumps(module.part(made, options, n))))
    writer.stop()
    assert out.getvalue() == report.render(fmt, reports, options)


def test_a_plan_rendered_report_by_report_writes_every_target_as_the_reports_do(tmp_path: Path) -> None:
    reports = [fresh(n) for n in range(5)]
    targets = [("json", "-"), *((fmt, str(tmp_path / f"parts.{fmt}")) for fmt in sorted(FORMATS))]
    for statistics in (False, True):
        plan = report.Plan.of(targets, RenderOptions(quiet=True), statistics=statistics)
        rendered = [pickle.loads(pickle.dumps(plan.render(made, n))) for n, made in enumerate(reports)]
        assert all(isinstance(r, report.Rendered) for r in rendered)
        assert [r.findings for r in rendered] == [tuple((f.code, f.severity) for f in r.findings) for r in reports]
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            plan.write(rendered)
        parts = {path: Path(path).read_text(encoding="utf-8") for _, path in targets[1:]}
        with contextlib.redirect_stdout(io.StringIO()) as whole:
            report.write(targets, reports, RenderOptions(quiet=True), statistics=statistics)
        assert out.getvalue() == whole.getvalue() != ""
        assert parts == {path: Path(path).read_text(encoding="utf-8") for _, path in targets[1:]}
        for fmt, path in targets[1:]:
            assert parts[path] == report.render(fmt, reports, RenderOptions(quiet=True)), fmt


def test_a_plan_sends_a_huge_draft_back_as_its_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its writers stream it in the parent: as one part, a huge draft's JSON entry would be held whole."""
    plan = report.Plan.of([("json", "-")], RenderOptions())
    monkeypatch.setattr(report, "WHOLE_CHARS", len(SEED) - 1)
    huge = fresh(0)
    assert plan.render(huge, 0) is huge
    assert isinstance(plan.render(fresh(1), 1), report.Rendered)


def test_a_spool_is_copied_to_a_staged_file_and_stdout_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Byte for byte where both sides are UTF-8 (``output._as_bytes``), as text elsewhere: the same text."""
    text = "“Fifty” prisoners, 35 killed — ünïcode\n" * 60_000  # rolled over to a temporary file (> 1 MiB)
    spooled = spool_text()
    spooled.write(text[:100])
    spooled.write(text[100:])
    with Staging(["-", str(tmp_path / "out.txt")]) as staging:
        for stream in staging.streams:
            stream.write("head\n")
            copy_spool(spooled, stream)
        staging.commit()
    assert capsys.readouterr().out == "head\n" + text
    assert (tmp_path / "out.txt").read_bytes() == ("head\n" + text).encode("utf-8")
    plain = io.StringIO()
    copy_spool(spooled, plain)
    assert plain.getvalue() == text
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="utf-16"))  # not UTF-8: as text
    with Staging(["-"]) as staging:
        copy_spool(spooled, staging.streams[0])
        staging.commit()
    sys.stdout.seek(0)
    assert sys.stdout.read() == text


def test_a_spool_moves_to_a_temporary_file_once_it_outgrows_its_memory() -> None:
    """As ``tempfile.SpooledTemporaryFile``: past ``max_size`` the bytes move to a file, the position kept."""
    from checker.output import _Spool

    spool = _Spool(10)
    spool.write(b"0123456789")
    assert isinstance(spool._file, io.BytesIO)  # at the limit, not past it
    spool.seek(4)
    spool.write(b"abcdefghij")  # 14 bytes: past it
    assert not isinstance(spool._file, io.BytesIO)
    assert spool.tell() == 14
    spool.write(b"!")
    spool.seek(0)
    assert spool.read() == b"0123abcdefghij!"
    spool.close()
    assert spool.closed and spool._file.closed
