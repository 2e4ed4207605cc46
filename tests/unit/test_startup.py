"""What start-up imports and compiles: the heavy libraries only when the run needs them, and no regular expression
a run never uses (timings are in bench/, not here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = (
    "rich",
    "markdown_it",
    "openai",
    "instructor",
    "tenacity",
    "multiprocessing",
    "checker.config",
    "checker.extract",
    "importlib.resources",  # ~10 ms with tempfile and zipfile, for two data files read next to the package
    "zipfile",
    "json",  # the JSON and SARIF reports only
    "html",  # HTML and Markdown drafts only
    "tomllib",  # a config file only (~4 ms with datetime): the data files are read with rtoml
    "dataclasses",  # ~5 ms with inspect, and each class's methods compiled (see the test below)
    "inspect",
    "tempfile",  # ~5 ms with shutil and random: stdout's spool imports it when it outgrows memory (output._Spool)
    "shutil",  # zlib, bz2 and lzma: argparse's width is read by cli.terminal_columns
)


def imported(argv: list[str], cwd: Path | None = None) -> list[str]:
    probe = (
        "import sys; before = set(sys.modules); from checker.cli import main; main(sys.argv[1:]);"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules and m not in before), file=sys.stderr)"
    )
    command = [sys.executable, "-c", probe, *argv]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=cwd)
    return eval(done.stderr.strip().splitlines()[-1])


def test_version_imports_nothing_of_the_checker() -> None:
    assert imported(["--version"]) == []


def test_a_plain_offline_check_imports_neither_rich_nor_markdown_it_nor_the_llm_stack(tmp_path: Path) -> None:
    draft = tmp_path / "one.txt"
    draft.write_text("Fifty prisoners were killed, the police said.\n", encoding="utf-8")
    argv = ["check", str(draft), "--extractor", "offline"]
    assert imported(argv, cwd=tmp_path) == ["checker.config", "checker.extract"]


def test_tomllib_is_imported_for_a_config_file_only(tmp_path: Path) -> None:
    """The data files are read with rtoml; tomllib (~4 ms with datetime) reads a user's config file."""
    draft = tmp_path / "one.txt"
    draft.write_text("Fifty prisoners were killed, the police said.\n", encoding="utf-8")
    argv = ["check", str(draft), "--extractor", "offline"]
    assert "tomllib" not in imported(argv, cwd=tmp_path)
    (tmp_path / ".factlint.toml").write_text("min-severity = 'info'\n", encoding="utf-8")
    assert "tomllib" in imported(argv, cwd=tmp_path)


def test_markdown_it_is_imported_for_a_markdown_draft(tmp_path: Path) -> None:
    draft = tmp_path / "one.md"
    draft.write_text("Fifty prisoners were killed, the police said.\n", encoding="utf-8")
    assert "markdown_it" in imported(["check", str(draft), "--extractor", "offline"])


# Records every pattern compiled (and where: the first frame outside ``re`` and ``lazy_re``) and every call of a
# compiled pattern's methods (a profiler's "c_call" events), runs PRELUDE and the command, and prints the patterns
# compiled in the checker package's files that nothing called.
_UNUSED_PATTERNS_PROBE = """
import os, re, re._compiler, sys, threading
compiled = {}
real = re._compiler.compile
def record(pattern, flags=0):
    hook = sys.getprofile()
    sys.setprofile(None)
    try:
        obj = real(pattern, flags)
    finally:
        sys.setprofile(hook)
    frame = sys._getframe(1)
    while frame and frame.f_code.co_filename.endswith(("re/__init__.py", "lazy_re.py")):
        frame = frame.f_back
    compiled.setdefault(id(obj), (obj, frame.f_code.co_filename if frame else "", frame.f_lineno if frame else 0))
    return obj
re._compiler.compile = record
used = set()
def profile(frame, event, arg):
    if event == "c_call" and isinstance(getattr(arg, "__self__", None), re.Pattern):
        used.add(id(arg.__self__))
from checker.cli import main
package = os.path.dirname(sys.modules["checker"].__file__) + os.sep
threading.setprofile(profile)
sys.setprofile(profile)
PRELUDE
main(sys.argv[1:])
sys.setprofile(None)
unused = sorted(
    f"{path.removeprefix(package)}:{line} {obj.pattern[:60]!r}"
    for key, (obj, path, line) in compiled.items()
    if key not in used and path.startswith(package)
)
print(unused, file=sys.stderr)
"""


def compiled_unused(argv: list[str], prelude: str = "") -> list[str]:
    probe = _UNUSED_PATTERNS_PROBE.replace("PRELUDE", prelude)
    done = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return eval(done.stderr.strip().splitlines()[-1])


def test_a_plain_offline_check_compiles_no_pattern_it_does_not_use(tmp_path: Path) -> None:
    """Compiling is most of a one-line check after the interpreter starts: a pattern only some drafts need is
    defined with ``lazy_re.compile`` (compiled on first use), so a plain one-line check compiles none it leaves
    unused."""
    draft = tmp_path / "one.txt"
    draft.write_text("Fifty prisoners were killed, the police said.\n", encoding="utf-8")
    assert compiled_unused(["check", str(draft), "--extractor", "offline"]) == []


def test_the_probe_finds_a_pattern_compiled_and_never_used(tmp_path: Path) -> None:
    draft = tmp_path / "one.txt"
    draft.write_text("Fifty prisoners were killed, the police said.\n", encoding="utf-8")
    module = "import re\nUNUSED = re.compile('never called')\nUSED = re.compile('called')\nUSED.search('x')\n"
    prelude = f"exec(compile({module!r}, package + 'probe_module.py', 'exec'), {{}})"
    unused = compiled_unused(["check", str(draft), "--extractor", "offline"], prelude)
    assert unused == ["probe_module.py:2 'never called'"]


def test_the_parser_built_for_one_subcommand_reads_it_as_the_whole_parser_does() -> None:
    """A run builds only its own subcommand's arguments (``cli._command``); what it parses and the help it prints
    are those of the parser with every subcommand."""
    from checker.cli import _command, _parser

    whole = _parser()
    for argv in (
        ["check", "a.txt", "--format", "json", "--jobs", "2", "--select", "FL1", "-q"],
        ["baseline", "-o", "b.json", "drafts/"],
        ["batch", "submit", "drafts/", "--state", "s.json"],
        ["batch", "collect"],
        ["rules", "FL103"],
    ):
        command = _command(argv)
        assert command == argv[0]
        assert vars(_parser(command).parse_args(argv)) == vars(whole.parse_args(argv))
        subs = _parser(command)._subparsers._group_actions[0].choices  # type: ignore[union-attr]
        assert subs[command].format_help() == whole._subparsers._group_actions[0].choices[command].format_help()  # type: ignore[union-attr]
    assert _parser("check").format_help() == whole.format_help()
    assert [_command(argv) for argv in ([], ["--help"], ["-V", "check"], ["chek", "a.txt"])] == [None] * 4


def test_a_plain_offline_check_imports_neither_dataclasses_nor_inspect(tmp_path: Path) -> None:
    """``import dataclasses`` imports ``inspect`` (with ``ast``, ``dis`` and ``tokenize``: ~5 ms of a one-line
    check), and Python 3.11 compiles every method a dataclass makes with an ``exec`` of its own (0.3–1.4 ms a
    class); a ``typing.NamedTuple`` is made in ~0.1 ms. So the records a one-line check makes are named tuples, or
    plain classes where a tuple does not fit (``Report``, ``RenderOptions``, ``pipeline._Finish``, ``Taxonomy``,
    ``QuantityTable``: each says why). Modules that only the LLM path or other formats import may use dataclasses."""
    draft = tmp_path / "one.txt"
    draft.write_text("Fifty prisoners were killed, the police said.\n", encoding="utf-8")
    found = imported(["check", str(draft), "--extractor", "offline"], cwd=tmp_path)
    assert [m for m in found if m in ("dataclasses", "inspect")] == []


# Prints whether the collector runs and whether start-up's objects are frozen, while the config is read (start-up)
# and when the drafts are checked (``pipeline.rendered``); then runs ENTRY with the command line.
_GC_PROBE = """
import gc, sys
import checker.cli as cli
from checker import pipeline
seen = []
config, rendered = cli._config, pipeline.rendered
def probe(real, when):
    def call(*args, **kwargs):
        seen.append((when, gc.isenabled(), gc.get_freeze_count() > 0))
        return real(*args, **kwargs)
    return call
cli._config, pipeline.rendered = probe(config, "config"), probe(rendered, "drafts")
sys.argv[1:] = ARGV
try:
    ENTRY
finally:
    print(seen, gc.isenabled(), file=sys.stderr)
"""


def gc_seen(entry: str, argv: list[str]) -> str:
    probe = _GC_PROBE.replace("ARGV", repr(argv)).replace("ENTRY", entry)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    return done.stderr.strip().splitlines()[-1]


def test_the_command_pauses_the_collector_for_start_up_and_freezes_what_start_up_made(tmp_path: Path) -> None:
    draft = tmp_path / "one.txt"
    draft.write_text("Fifty prisoners were killed, the police said.\n", encoding="utf-8")
    argv = ["check", str(draft), "--extractor", "offline"]
    assert gc_seen("cli.run()", argv) == "[('config', False, False), ('drafts', True, True)] True"
    # main() alone, as tests and programs call it, leaves the collector as it is
    assert gc_seen("cli.main()", argv) == "[('config', True, False), ('drafts', True, False)] True"


@pytest.mark.parametrize("columns", [None, "", "abc", "0", "-3", "7", "120"])
def test_terminal_columns_are_shutils(columns: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """argparse's help is wrapped at ``shutil.get_terminal_size().columns``; cli's formatters read the same width."""
    import shutil

    from checker.cli import terminal_columns

    for lines in (None, "x", "40"):
        for name, value in (("COLUMNS", columns), ("LINES", lines)):
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        assert terminal_columns() == shutil.get_terminal_size().columns
