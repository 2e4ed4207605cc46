"""Finding drafts: files as named, directories by include/exclude globs, hidden folders skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import Config
from checker.discover import expand_paths
from checker.errors import InputError


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in (
        "news/a.md",
        "news/b.txt",
        "news/page.html",
        "news/notes.docx",
        "news/old/c.md",
        "news/.git/d.md",
        "news/sub/e.markdown",
        "news/sub/f.htm",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_directories_expand_by_include_skipping_hidden_folders(tree: Path) -> None:
    assert expand_paths(["news"], Config()) == [
        "news/a.md",
        "news/b.txt",
        "news/old/c.md",
        "news/page.html",
        "news/sub/e.markdown",
        "news/sub/f.htm",
    ]


def test_exclude_matches_names_relative_paths_and_folders(tree: Path) -> None:
    assert expand_paths(["news"], Config(exclude=("old",))) == [
        "news/a.md",
        "news/b.txt",
        "news/page.html",
        "news/sub/e.markdown",
        "news/sub/f.htm",
    ]
    assert expand_paths(["news"], Config(exclude=("sub/*", "*.txt"))) == [
        "news/a.md",
        "news/old/c.md",
        "news/page.html",
    ]
    # a pattern may also name the path as shown, from where factlint runs
    assert expand_paths(["news"], Config(exclude=("news/sub", "news/old/*"))) == [
        "news/a.md",
        "news/b.txt",
        "news/page.html",
    ]


def test_include_can_be_narrowed(tree: Path) -> None:
    assert expand_paths(["news"], Config(include=("*.md",))) == ["news/a.md", "news/old/c.md"]


def test_named_files_are_kept_as_given_in_order_once(tree: Path) -> None:
    cfg = Config(exclude=("*.txt",))
    assert expand_paths(["news/b.txt", "news/notes.docx", "-", "news/b.txt"], cfg) == [
        "news/b.txt",
        "news/notes.docx",
        "-",
    ]
    assert expand_paths(["news/a.md", "news"], Config(include=("*.md",))) == ["news/a.md", "news/old/c.md"]


def test_a_draft_named_two_ways_is_checked_once_as_first_named(tree: Path) -> None:
    assert expand_paths(["./news/a.md", "news/a.md", "news/../news/a.md", str(tree / "news/a.md")], Config()) == [
        "./news/a.md"
    ]
    assert expand_paths(["./news/", "news/a.md", "news//b.txt"], Config(include=("*.md", "*.txt"))) == [
        "news/a.md",
        "news/b.txt",
        "news/old/c.md",
    ]


def test_a_directory_without_drafts_is_an_input_error(tree: Path) -> None:
    with pytest.raises(InputError, match=r"news/old: no drafts found \(include: \*\.txt\)"):
        expand_paths(["news/old"], Config(include=("*.txt",)))
    # beside drafts it is kept, to be reported as unreadable (FL001) while they are checked
    assert expand_paths(["news/b.txt", "news/old"], Config(include=("*.txt",))) == ["news/b.txt", "news/old"]


def test_files_that_are_not_drafts_are_skipped_in_directories(tree: Path) -> None:
    for name in ("news/README.md", "news/CHANGELOG.md", "news/requirements-dev.txt", "news/LICENSE.txt"):
        (tree / name).write_text("40 tests added\n", encoding="utf-8")
    found = expand_paths(["news"], Config())
    assert not any(Path(p).name.startswith(("README", "CHANGELOG", "requirements", "LICENSE")) for p in found)
    assert "news/a.md" in found
    assert "news/README.md" in expand_paths(["news"], Config(exclude=()))  # exclude replaces the defaults
    extended = expand_paths(["news"], Config(extend_exclude=("old",)))
    assert "news/old/c.md" not in extended and "news/README.md" not in extended


def test_folders_of_installed_packages_are_skipped_in_directories(tree: Path) -> None:
    """A site generator's node_modules, a virtualenv: notes and changelogs no newsroom wrote (ruff skips them)."""
    for name in ("news/node_modules/pkg/notes.md", "news/venv/lib/site-packages/m/NEWS.txt", "site-packages/x.md"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("Version 4 fixes 12 bugs.\n", encoding="utf-8")
    found = expand_paths(["news", "."], Config())
    assert not any(part in Path(p).parts for p in found for part in ("node_modules", "venv", "site-packages"))
    assert "news/a.md" in found
    assert "news/node_modules/pkg/notes.md" in expand_paths(["news"], Config(exclude=()))
    named = "news/node_modules/pkg/notes.md"
    assert expand_paths([named], Config()) == [named] and expand_paths([named], Config(force_exclude=True)) == []


def test_a_glob_ending_in_a_slash_names_a_folder(tree: Path) -> None:
    """``old/`` as .gitignore writes a folder: it skipped nothing (fnmatch never matches the slash at its end)."""
    kept = ["news/a.md", "news/b.txt", "news/page.html", "news/sub/e.markdown", "news/sub/f.htm"]
    assert expand_paths(["news"], Config(extend_exclude=("old/",))) == kept
    assert expand_paths(["news"], Config(extend_exclude=("news/old/",))) == kept
    assert expand_paths(["news/old/c.md"], Config(extend_exclude=("old/",), force_exclude=True)) == []
    assert expand_paths(["news/a.md"], Config(extend_exclude=("a.md/",), force_exclude=True)) == ["news/a.md"]


def test_force_exclude_applies_exclude_to_named_files(tree: Path) -> None:
    (tree / "README.md").write_text("40 tests added\n", encoding="utf-8")
    named = ["README.md", "news/a.md", "news/old/c.md", "news/sub/f.htm"]
    cfg = Config(extend_exclude=("old", "news/sub/*"))
    assert expand_paths(named, cfg) == named  # named files are checked as named (ruff's default)
    assert expand_paths(named, Config(extend_exclude=cfg.extend_exclude, force_exclude=True)) == ["news/a.md"]
    assert expand_paths(["./news/old/c.md"], Config(exclude=("news/old/*",), force_exclude=True)) == []


def test_globs_ignore_case_as_the_format_of_a_suffix_does(tree: Path) -> None:
    """``A.MD`` is read as Markdown when named, so a directory's search finds it; ``readme.md`` is not a draft."""
    for name in ("news/A.MD", "news/Notes.Txt", "news/readme.md", "news/Old/g.md"):
        (tree / name).parent.mkdir(exist_ok=True)
        (tree / name).write_text("x\n", encoding="utf-8")
    found = expand_paths(["news"], Config())
    assert {"news/A.MD", "news/Notes.Txt", "news/Old/g.md"} <= set(found) and "news/readme.md" not in found
    assert "news/Old/g.md" not in expand_paths(["news"], Config(extend_exclude=("old",)))
    assert "news/A.MD" not in expand_paths(["news"], Config(include=("*.txt",)))
    forced = expand_paths(["news/readme.md", "news/A.MD"], Config(force_exclude=True, extend_exclude=("a.md",)))
    assert forced == []
