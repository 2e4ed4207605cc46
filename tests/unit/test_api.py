"""The public API: ``import factlint`` (issue 11)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import factlint
from checker import __version__

ROOT = Path(__file__).parents[2]
DRAFT = "Fifty prisoners were killed. Later, 35 prisoners were killed.\n"


def test_all_is_sorted_and_every_name_exists() -> None:
    assert factlint.__all__ == sorted(factlint.__all__)
    assert all(hasattr(factlint, name) for name in factlint.__all__)


def test_check_text_returns_a_report_with_findings() -> None:
    report = factlint.check(DRAFT)
    assert isinstance(report, factlint.Report)
    assert "FL101" in [f.code for f in report.findings]
    assert factlint.check("The river rose.\n").findings == ()


def test_check_a_path(tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text(DRAFT, encoding="utf-8")
    report = factlint.check(tmp_path / "d.md")
    assert report.document.path.endswith("d.md") and "FL101" in [f.code for f in report.findings]
    with pytest.raises(factlint.InputError):
        factlint.check(tmp_path / "missing.md")


def test_check_paths_with_a_config_and_a_baseline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "drafts" / "b.txt").write_bytes(b"caf\xe9 prisoners")
    config = factlint.load_config(tmp_path, {}, select=("FL1",))
    reports = factlint.check_paths(["drafts"], config)
    assert [bool(r.error) for r in reports] == [False, True]
    assert {f.code for f in reports[0].findings} == {"FL101"}
    from checker import baseline

    (tmp_path / "base.json").write_text(baseline.dumps(reports[:1], tmp_path), encoding="utf-8")
    again = factlint.check_paths(["drafts/a.txt"], config, baseline=tmp_path / "base.json")
    assert again[0].findings == ()


def test_load_config_reads_only_the_environment_it_is_given(tmp_path: Path) -> None:
    assert factlint.load_config(tmp_path, {"FACTLINT_EXTRACTOR": "offline"}).extractor == "offline"
    with pytest.raises(factlint.ConfigError, match="FL9"):
        factlint.load_config(tmp_path, {}, select=("FL9",))


def test_load_config_takes_settings_named_and_checked_as_config_keys(tmp_path: Path) -> None:
    """As the README's config keys (``no_cache``, ``fail-on``, ``taxonomy``), each checked as a file's value is:
    a misspelt one or a string for a list was ``_Fields.__new__() got an unexpected keyword argument`` or a
    selector per letter (``select="FL1"``: "unknown rule selector 'L'")."""
    loaded = factlint.load_config(tmp_path, {}, no_cache=True, **{"fail-on": "warning"}, taxonomy={"parents": {}})
    assert (loaded.cache, loaded.fail_on, loaded.taxonomy_tables) == (False, "warning", {"parents": {}})
    for settings, message in [
        ({"bogus": 1}, "load_config: unknown key 'bogus' (settings are named as config keys)"),
        ({"config_file": "x"}, "load_config: unknown key 'config_file'"),  # a field no caller sets
        ({"select": "FL1"}, "load_config: select: expected a list of strings, got 'FL1'; write [\"FL1\"]"),
        (
            {"api_key": "sk-fake-0123456789abcdef"},
            "load_config: API keys are not read from settings; set OPENAI_API_KEY",
        ),
    ]:
        with pytest.raises(factlint.ConfigError) as raised:
            factlint.load_config(tmp_path, {}, **settings)
        assert str(raised.value).startswith(message) and "sk-fake" not in str(raised.value)


def test_python_m_factlint_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "--version"], capture_output=True, text=True, cwd="/", check=False
    )
    assert done.returncode == 0 and done.stdout.strip() == f"factlint {__version__}"


def test_the_readme_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Use from Python") :]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert code
    monkeypatch.chdir(ROOT)
    exec(compile(code.group(1), "README.md", "exec"), {})


def test_a_report_that_cannot_be_written_is_an_output_error(tmp_path: Path) -> None:
    from checker.output import write_atomic

    (tmp_path / "a-file").write_text("", encoding="utf-8")
    with pytest.raises(factlint.OutputError, match="cannot write"):
        write_atomic(tmp_path / "a-file" / "out.json", "{}")  # a file where its folder should be
    assert issubclass(factlint.OutputError, factlint.FactlintError)
    assert not issubclass(factlint.OutputError, factlint.InputError)


def test_the_pipeline_owns_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Discovery, the config's paths and baseline, unreadable drafts and notes: all without the CLI."""
    from checker import baseline, pipeline, report

    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "drafts" / "b.txt").write_bytes(b"caf\xe9")
    first = list(pipeline.reports([], factlint.Config(paths=("drafts",))))
    (tmp_path / "base.json").write_text(baseline.dumps(first[:1], tmp_path), encoding="utf-8")
    notes: list[str] = []
    unreadable: list[str] = []
    hear = pipeline.Listener(notes.append, lambda r: unreadable.append(r.document.path))
    cfg = factlint.Config(paths=("drafts",), baseline="base.json")
    reports = list(pipeline.reports([], cfg, listener=hear))
    assert reports[0].findings == () and unreadable == ["drafts/b.txt"]
    assert any("accepted finding" in n and "not shown" in n for n in notes)
    with pytest.raises(factlint.ConfigError, match="no PATH"):
        list(pipeline.reports([], factlint.Config()))
    [(path, text)] = report.render_all([("json", "-")], reports, report.RenderOptions())
    assert path == "-" and '"drafts/b.txt"' in text
