"""The run: discover -> load -> extract -> rules -> baseline, for one document or for paths file by file.

``reports`` is what ``factlint check`` and ``factlint baseline`` do, a report at a time as ``checker.report.write``
writes it (``check`` through ``rendered``: with ``--jobs``, each report rendered by the worker process that
checked it); the CLI only says what it hears (notes, unreadable drafts, progress).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, Generic, NamedTuple, TypeVar

from checker import document, invisible, rules
from checker.collector import collector_paused
from checker.config import Config
from checker.discover import expand_paths
from checker.errors import ConfigError, DraftError, DraftExtractionError
from checker.extract.base import Extractor, get_extractor, notice
from checker.file_errors import not_extracted, unreadable
from checker.models import Document, Report
from checker.progress import Progress

if TYPE_CHECKING:
    from checker import baseline

R = TypeVar("R")


def check_document(doc: Document, config: Config, extractor: Extractor | None = None) -> Report:
    extractor = extractor or get_extractor(config)
    extraction = invisible.exact_extraction(extractor.extract(doc), doc.moved)
    with collector_paused():
        found = rules.run(doc, extraction, config)
    return Report(doc, extraction, found)


def check_draft(doc: Document, config: Config, extractor: Extractor) -> Report:
    """``check_document`` for one draft of many: one whose figures the LLM could not extract gives its error
    report (``checker.file_errors.not_extracted``) so the others are checked; errors of the run still raise."""
    try:
        return check_document(doc, config, extractor)
    except DraftExtractionError as exc:
        return not_extracted(doc, exc)


def load_paths(
    paths: Sequence[str], config: Config, stdin_name: str = "", progress: Progress | None = None
) -> Iterator[Document | Report]:
    """Each draft under ``paths`` loaded in turn, or, for one that cannot be read, its error report."""
    found = expand_paths(paths, config, stdin_name)
    for index, path in enumerate(found, 1):
        if progress is not None:
            progress.draft(index, len(found), (stdin_name or "stdin") if path == "-" else path)
        try:
            yield document.load(path, stdin_name)
        except DraftError as exc:
            yield unreadable((stdin_name or path) if path == "-" else path, exc)


def check_paths(
    paths: Sequence[str],
    config: Config,
    extractor: Extractor | None = None,
    stdin_name: str = "",
    progress: Progress | None = None,
) -> Iterator[Report]:
    """One report per draft, file by file: each is loaded, checked and handed on before the next is read.

    A draft that cannot be read, or whose figures the LLM could not extract, gives an error report
    (``checker.file_errors``) and the others are checked. Errors of the run itself (configuration, the LLM
    endpoint) still raise. ``progress`` hears which draft is
    being checked (the LLM extractor reports its chunks and calls to it too).
    """
    for item in load_paths(paths, config, stdin_name, progress):
        if isinstance(item, Report):
            yield item
            continue
        extractor = extractor or get_extractor(config)
        try:
            report = check_draft(item, config, extractor)
        finally:
            if progress is not None:
                progress.finished()
        yield report


def _ignore(_: object) -> None:
    return None


class Listener(NamedTuple):
    """What a caller hears during a run: notes (one line each), each unreadable draft as found, progress."""

    note: Callable[[str], None] = _ignore
    unreadable: Callable[[Report], None] = _ignore
    progress: Progress | None = None


def discover(paths: Sequence[str], config: Config) -> list[str]:
    """The paths a run checks: those given, else the config's ``paths``; neither is a ConfigError."""
    chosen = list(paths) or list(config.paths)
    if not chosen:
        # not '.' as ruff and flake8 take it: a newsroom's repository holds Markdown that is no draft (docs,
        # notes, templates), and with an LLM configured every file found would be sent to it
        raise ConfigError(
            "no PATH given and no 'paths' in the configuration: name the drafts (drafts/, or . for "
            'every draft under this folder), or set paths = ["drafts"] in [tool.factlint]'
        )
    return chosen


def reports(
    paths: Sequence[str],
    config: Config,
    *,
    stdin_name: str = "",
    outputs: Sequence[str] = (),
    use_baseline: bool = True,
    jobs: int = 0,
    extractor: Extractor | None = None,
    listener: Listener | None = None,
) -> Iterator[Report]:
    """Each report of a run as its draft is checked, the config's baseline applied (``use_baseline``), in the
    order drafts were found; nothing keeps a report once it is handed on.

    ``outputs`` are the files the caller will write: none may be a draft being checked. The baseline file is
    read first, so a bad one stops the run before any draft is sent anywhere; both are checked here, before the
    first report is asked for. ``jobs``: drafts checked at once (``checker.runner``; 0: every core).
    """
    return _run(paths, config, None, stdin_name, outputs, use_baseline, jobs, extractor, listener)


def rendered(
    paths: Sequence[str],
    config: Config,
    render: Callable[[Report, int], R],
    *,
    stdin_name: str = "",
    outputs: Sequence[str] = (),
    use_baseline: bool = True,
    jobs: int = 0,
    extractor: Extractor | None = None,
    listener: Listener | None = None,
) -> Iterator[Report | R]:
    """``reports``, except that a draft checked in a worker process (``--jobs``) comes as what
    ``render(report, index)`` made of its report there, the baseline applied first (``checker.report.Plan``: each
    output's text), so the run's parent neither unpickles nor renders it. Checked in this process (one process,
    or the LLM's threads), a report comes as it is: rendering it elsewhere would gain nothing."""
    return _run(paths, config, render, stdin_name, outputs, use_baseline, jobs, extractor, listener)


def _run(
    paths: Sequence[str],
    config: Config,
    render: Callable[[Report, int], R] | None,
    stdin_name: str,
    outputs: Sequence[str],
    use_baseline: bool,
    jobs: int,
    extractor: Extractor | None,
    listener: Listener | None,
) -> Iterator[Report | R]:
    from checker import runner
    from checker.output import refuse_inputs

    hear = listener or Listener()
    matcher = None
    if use_baseline and config.baseline:  # the baseline module (and its hashing) only for a run that uses one
        from checker import baseline as baseline_mod

        matcher = baseline_mod.Matcher(baseline_mod.load(Path(config.baseline)), Path(config.baseline).parent)
    chosen = discover(paths, config)
    for line in _unread_configs(chosen, config, stdin_name):
        hear.note(line)
    if any(out != "-" and os.path.exists(out) for out in outputs):  # only then can one be a draft
        refuse_inputs(outputs, expand_paths(chosen, config, stdin_name))
        if matcher is not None:  # a report over the baseline would leave the next run with no baseline
            refuse_inputs(outputs, [config.baseline], "is the baseline being applied")
        if config.config_file:  # a report over the config (-o json=pyproject.toml) would lose the project's settings
            refuse_inputs(outputs, [config.config_file], "is the configuration in use")
    extractor = extractor or get_extractor(config)
    hear.note(notice(config, extractor))
    if hear.progress is not None and hasattr(extractor, "progress"):  # the LLM extractor reports its calls
        extractor.progress = hear.progress
    remote = None
    if render is not None and (matcher is None or _apart(chosen, config, stdin_name, matcher)):
        remote = _Finish(matcher, render)
    checked = runner.reports(
        chosen, config, extractor, jobs=jobs, stdin_name=stdin_name, progress=hear.progress, remote=remote
    )
    return _handed_on(checked, _Finish(matcher, _as_is), hear, config.baseline)


def _unread_configs(chosen: Sequence[str], config: Config, stdin_name: str) -> list[str]:
    """A note for each config file beside the drafts that the run does not read (a desk's own .factlint.toml):
    one config serves a run, found from where factlint runs, and a user who expects ruff's nearest-config
    habit would otherwise not know theirs was passed over."""
    from checker.discover import unread_configs

    def shown(path: str | Path) -> str:
        try:
            return os.path.relpath(path)
        except ValueError:  # another drive (Windows): as it is
            return str(path)

    files = unread_configs(chosen, config, stdin_name)
    used = f"{shown(config.config_file)}, found" if config.config_file else "none found"
    lines = [
        f"{shown(file)} is not read: one config serves a run ({used} from the working directory);"
        f" run factlint in {shown(file.parent)}, or pass --config {shown(file)}"
        for file in files[:3]
    ]
    if len(files) > 3:
        lines.append(f"{len(files) - 3} more config files below the drafts' folders are not read either")
    return lines


def _as_is(report: Report, index: int) -> Report:
    return report


class _Done(NamedTuple, Generic[R]):
    """A report finished where it was checked: the baseline applied, then rendered (``value``)."""

    value: R
    hidden: int  # findings the baseline took out of it
    unreadable: Report | None  # the report of a draft that could not be read (small), for the listener


class _Finish(Generic[R]):
    """The baseline, then ``render``: in a worker process (``runner.reports``'s ``remote``) or here.

    A plain class (mypy does not take a generic named tuple's ``__call__`` for the ``Callable`` ``runner.reports``
    expects; ``dataclasses`` imports ``inspect``).
    """

    __slots__ = ("matcher", "render")

    def __init__(self, matcher: baseline.Matcher | None, render: Callable[[Report, int], R]) -> None:
        self.matcher: Final = matcher
        self.render: Final = render

    def __call__(self, report: Report, index: int) -> _Done[R]:
        hidden = 0
        if self.matcher is not None:
            before = self.matcher.hidden
            report = self.matcher.filter(report)
            hidden = self.matcher.hidden - before
        return _Done(self.render(report, index), hidden, report if report.error else None)


def _apart(chosen: Sequence[str], config: Config, stdin_name: str, matcher: baseline.Matcher) -> bool:
    """Whether no two drafts share a path in the baseline, so that each worker process, with its own copy of
    the baseline, takes out of its drafts what one process would (each entry absorbs one finding, in order)."""
    from checker.baseline import key_path

    found = expand_paths(chosen, config, stdin_name)
    keys = {key_path((stdin_name or path) if path == "-" else path, matcher.root) for path in found}
    return len(keys) == len(found)


def _handed_on(
    checked: Iterator[Report | _Done[R]], here: _Finish[Report], hear: Listener, baseline_file: str
) -> Iterator[Report | R]:
    found = hidden = 0
    for item in checked:
        done = item if isinstance(item, _Done) else here(item, found)
        found += 1
        hidden += done.hidden
        if done.unreadable is not None:
            hear.unreadable(done.unreadable)
        yield done.value
        del item, done  # not kept by this frame while the next draft is checked
    if not found:  # ruff says the same when --force-exclude leaves nothing: not an error (pre-commit)
        hear.note("no drafts to check: every file named matches 'exclude' (--force-exclude)")
    if hidden:
        from checker.wording import plural

        hear.note(f"{plural(hidden, 'accepted finding')} in {baseline_file} not shown")
