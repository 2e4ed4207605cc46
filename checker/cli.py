"""Command line: argument parsing only; the work is done by checker.pipeline and checker.report.

``main(argv) -> int`` returns the exit code so tests call it directly.
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import gc
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from checker import __version__, signals
from checker.errors import (
    ConfigError,
    EndpointError,
    ExtractionError,
    FactlintError,
    InputError,
    OutputError,
    PromptError,
    ReaderGone,
)
from checker.wording import one_line, plural

if TYPE_CHECKING:
    import logging

    from checker import config as config_mod, pipeline
    from checker.models import Report, Severity
    from checker.report import Rendered

VERSION = f"factlint {__version__}"
R = TypeVar("R", bound="Report | Rendered")


class ExitCode(enum.IntEnum):
    OK = 0  # nothing at or above --fail-on
    FINDINGS = 1  # findings at or above --fail-on
    USAGE = 2  # bad arguments, config or input (missing, unreadable, binary, not UTF-8)
    EXTRACTION = 3  # the LLM endpoint failed or refused us
    INTERNAL = 4  # a bug in factlint: please report it
    UNREVIEWED = 5  # the extractor left figures unreviewed (FL301): the draft was not fully checked
    INTERRUPTED = 130  # Ctrl-C (SIGINT)
    BROKEN_PIPE = 141  # stdout's reader stopped reading (`| head`): 128 + SIGPIPE, as the shell reports git and grep
    TERMINATED = 143  # SIGTERM


def terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, which argparse reads for every formatter it makes (one per
    ``add_argument``, to check the metavar; and the usage line of every parse): ``COLUMNS`` when it is a positive
    number, else the width of the terminal on stdout, else 80. Without importing shutil, which imports zlib, bz2
    and lzma (~2 ms of a one-line check). ``tests/unit/test_startup.py`` compares the two."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, with its default width read by ``terminal_columns``."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        width = terminal_columns() - 2 if width is None else width  # (as argparse's: the terminal's, less 2)
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(ExitCode.USAGE, one_line(f"factlint: error: {message} (see 'factlint {self._sub}--help')") + "\n")

    def _print_message(self, message: str, file: Any = None) -> None:
        """``--help`` is written to stdout as a report is: a full or closed stdout is an OutputError (one line, exit 2)
        and a reader gone ``ReaderGone`` (141). argparse drops the error, and the help's exit was 0."""
        if message and (file is None or file is sys.stdout):
            from checker.output import write_stdout

            write_stdout(message, what="the help")
            return
        super()._print_message(message, file)

    def parse_known_args(  # type: ignore[override]  # one signature for its overloads
        self, args: Any = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """A subcommand without subcommands of its own takes paths among its options, as ruff and flake8 do
        (``factlint check a.md --format json b.md``); plain argparse stops taking them after the first option.
        Whatever follows ``--`` is paths, even ``-q`` or ``--format`` (as in ruff and eslint)."""
        if self._parsing or any(isinstance(a, argparse._SubParsersAction) for a in self._actions):
            return super().parse_known_args(args, namespace)
        args = list(sys.argv[1:] if args is None else args)
        if "--" in args:  # split here: intermixed parsing drops what follows "--" (Python 3.11)
            dest = next((a.dest for a in self._actions if not a.option_strings and a.nargs in ("*", "+")), None)
            if dest is None:  # no list of paths ('rules -- FL101'): argparse's own "--"
                return super().parse_known_args(args, namespace)
            cut = args.index("--")
            made, extras = self.parse_known_args(args[:cut], namespace)
            setattr(made, dest, [*(getattr(made, dest) or []), *args[cut + 1 :]])
            return made, extras
        self._parsing = True  # parse_known_intermixed_args calls parse_known_args (Python 3.11, 3.12)
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._parsing = False

    _sub = ""
    _parsing = False


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line; with ``command``, only that subcommand gets its arguments (the others keep the name and
    help that ``factlint --help`` lists): each ``add_argument`` costs ~15 µs, and a run parses one subcommand."""
    from checker import options

    parser = _Parser(prog="factlint", description="Find contradictory figures and unsourced numbers in news drafts.")
    parser.add_argument("--version", "-V", action="version", version=VERSION)
    subs = parser.add_subparsers(dest="command", parser_class=_Parser, required=True)

    check = subs.add_parser("check", help="check drafts", description="Check drafts for contradictions and sources.")
    check._sub = "check "
    if command in (None, "check"):  # only the one run builds its arguments (~1 ms for all)
        check.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="files or directories to check ('-' reads stdin; default: 'paths' in config)",
        )
        check.add_argument(
            "--format", "-f", default="text", type=str.lower, help="text, json, markdown, sarif, github, rdjson, html"
        )
        check.add_argument(
            "--output",
            "-o",
            action="append",
            default=[],
            metavar="FORMAT=PATH",
            help="also write FORMAT to PATH (repeatable); written atomically",
        )
        options.add(check, ("fail_on", "min_severity", "baseline"))
        check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
        check.add_argument(
            "--color",
            choices=("auto", "always", "never"),
            type=str.lower,
            default="auto",
            help="auto (default): on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it",
        )
        check.add_argument(
            "--no-color", dest="color", action="store_const", const="never", help="same as --color never"
        )
        check.add_argument(
            "--statistics", action="store_true", help="print how many findings each rule has instead of the report"
        )
        _stdin_option(check)
        check.add_argument("--show-prompt", action="store_true", help="print the messages the LLM would get, and stop")
        _run_options(check)
        _jobs_option(check)

    baseline = subs.add_parser(
        "baseline",
        help="accept the current findings",
        description="Write the drafts' current findings to a baseline file; 'check --baseline FILE' then "
        "reports only findings that are not in it.",
    )
    baseline._sub = "baseline "
    if command in (None, "baseline"):  # only the one run builds its arguments (~1 ms for all)
        baseline.add_argument("paths", nargs="*", metavar="PATH", help="files or directories ('-' reads stdin)")
        baseline.add_argument(
            "--output",
            "-o",
            metavar="FILE",
            help="default: the config's baseline, else .factlint-baseline.json",
        )
        _stdin_option(baseline)  # so that check - --stdin-filename drafts/a.md finds the findings it accepted
        _run_options(baseline)
        _jobs_option(baseline)

    batch = subs.add_parser(
        "batch",
        help="archive runs on the Batch API",
        description="Extract many drafts through the provider's Batch API: submit, poll, collect into the cache; "
        "'factlint check' then reports from the cache.",
    )
    batch._sub = "batch "
    if command in (None, "batch"):  # only the one run builds its arguments (~1 ms for all)
        steps = batch.add_subparsers(dest="step", parser_class=_Parser, required=True)
        for step, text in (
            ("submit", "send every chunk not cached (nor already submitted) as batch jobs"),
            ("status", "show the state of the submitted jobs"),
            ("collect", "download finished jobs' answers into the cache"),
        ):
            sub = steps.add_parser(step, help=text, description=text)
            sub._sub = f"batch {step} "
            if step == "submit":
                sub.add_argument(
                    "paths", nargs="*", metavar="PATH", help="files or directories (default: config paths)"
                )
            sub.add_argument("--state", default=".factlint-batch.json", metavar="FILE", help="jobs submitted from here")
            _run_options(sub)

    rules = subs.add_parser("rules", help="list the rules and their codes")
    rules._sub = "rules "
    if command in (None, "rules"):  # only the one run builds its arguments (~1 ms for all)
        rules.add_argument(
            "code", nargs="?", help="a code (FL103) or rule name shows one rule in full; a prefix (FL1) lists a family"
        )
        rules.add_argument(
            "--config", metavar="FILE|DIR", help="the levels this config file gives, or the one found from DIR"
        )
        rules.add_argument("--isolated", action="store_true", help="read no config file: the defaults")
    return parser


def _run_options(parser: argparse.ArgumentParser) -> None:
    """Options that decide what is found: shared by check and baseline (each setting's flag: checker.config)."""
    from checker import options

    options.add(parser, ("extractor", "select", "ignore", "extend_select", "extend_ignore"))
    parser.add_argument(
        "--config", metavar="FILE|DIR", help="read this config file, or look for one from DIR instead of the cwd"
    )
    parser.add_argument("--isolated", action="store_true", help="read no config file (defaults, environment, flags)")
    options.add(parser, ("exclude", "extend_exclude", "per_file_ignores", "force_exclude"))
    parser.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="log what the LLM extractor does (each call, retries, re-asks) to stderr",
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="only the findings: no summary line, no notes or progress on stderr"
    )
    llm = ("model", "base_url", "api_key_env", "mode", "timeout", "deadline", "concurrency", "cache_dir", "cache")
    options.add(parser, llm)


def _stdin_paths(args: argparse.Namespace) -> None:
    """``--stdin-filename`` with no PATH reads stdin, as in ruff; beside paths without ``-`` it names nothing, and
    a note says so (ruff warns too) rather than leaving the flag silently unused."""
    if not getattr(args, "stdin_filename", None) or "-" in args.paths:
        return
    if args.paths:
        _note(args, "--stdin-filename is not used: no PATH is '-' (add '-' to read stdin)")
    else:
        args.paths = ["-"]


def _stdin_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stdin-filename", metavar="PATH", help="the name of the draft read from stdin: its format and the path shown"
    )


def _jobs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=0,
        metavar="N",
        help="offline: drafts checked at once (default: the cores this process may use)",
    )


def _verbose(enabled: bool) -> logging.Handler | None:
    """Route factlint's own debug log to stderr for this run. The API key is scrubbed where it is written."""
    if not enabled:
        return None
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("factlint: %(name)s: %(message)s"))
    logger = logging.getLogger("factlint")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    return handler


def _config(args: argparse.Namespace) -> config_mod.Config:
    from checker import config as config_mod, options

    start = file = None
    isolated = getattr(args, "isolated", False)
    if args.config and isolated:  # as in ruff: one says which file, the other says none
        raise ConfigError("--config and --isolated: use one (--isolated reads no config file)")
    if args.config:
        given = Path(args.config)
        if not os.path.exists(given):  # False, not an OSError, for a name too long
            raise ConfigError(f"--config {args.config}: no such file or directory")
        start, file = (given, None) if os.path.isdir(given) else (None, given)
    return config_mod.load(start, file=file, isolated=isolated, **options.values(args))


_SUFFIX_FORMATS = {".json": "json", ".sarif": "sarif", ".html": "html", ".htm": "html", ".md": "markdown",
                   ".txt": "text", ".rdjson": "rdjson"}  # fmt: skip


def _outputs(args: argparse.Namespace) -> list[tuple[str, str]]:
    from checker import report

    targets = [(args.format, "-")]
    for item in args.output:
        fmt, sep, path = item.partition("=")
        if not sep or not fmt or not path:
            # ruff's and eslint's -o take a file alone: say what this one would be
            if item.lower() in report.FORMATS:  # -o sarif: the format alone
                suffix = next((s for s, f in _SUFFIX_FORMATS.items() if f == item.lower()), ".txt")
                example = f"{item.lower()}=report{suffix}"
            elif not sep and item:  # -o report.sarif: the file alone
                example = f"{_SUFFIX_FORMATS.get(os.path.splitext(item)[1].lower(), 'json')}={item}"
            else:
                example = "json=report.json"
            raise ConfigError(f"--output {item!r}: expected FORMAT=PATH, such as {example}")
        targets.append((fmt.lower(), path))
    for fmt, _ in targets:
        if fmt not in report.FORMATS:
            raise ConfigError(f"unknown format {fmt!r} (expected one of {', '.join(sorted(report.FORMATS))})")
    seen: dict[str, str] = {}
    for _, path in targets:  # the same file twice: one report would silently replace the other
        key = path if path == "-" else os.path.realpath(path)
        if key in seen:
            raise ConfigError(f"--output {path}: {seen[key]} is written already; give each output its own file")
        seen[key] = "stdout" if path == "-" else path
    return targets


def _color(choice: str) -> bool:
    """--color, then NO_COLOR (no-color.org), then FORCE_COLOR (force-color.org), then whether stdout is a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or (sys.stdout is not None and sys.stdout.isatty())


def _say(line: str) -> None:
    """One line on stderr, its controls shown (``wording.one_line``): a draft's name may hold any. A closed or
    full stderr is given up on, the report and the exit code unchanged: with fd 2 closed Python sets no
    ``sys.stderr``, and ``print(file=None)`` writes to stdout, into the report."""
    if sys.stderr is None:
        return
    try:
        print(one_line(line), file=sys.stderr, flush=True)
    except (OSError, ValueError):  # a full disk, a closed pipe: nothing more is said there (the exit flush too)
        _silence(sys.stderr)


def _silence(stream: Any) -> None:
    """Point ``stream``'s file descriptor at /dev/null, so what it holds and the interpreter's final flush go
    nowhere instead of failing again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def _note(args: argparse.Namespace, message: str) -> None:
    """A note on stderr (not an error): left out with --quiet."""
    if message and not args.quiet:
        _say(f"factlint: {message}")


def exit_code(reports: Iterable[Report], fail_level: Severity | None) -> ExitCode:
    """``fail_level`` None (``--fail-on never``) is always OK; unreviewed figures fail whatever the level."""
    outcome = Outcome()
    for report in reports:
        outcome.add(report)
    return outcome.exit_code(fail_level)


class Outcome:
    """What decides the exit code and the closing note, counted as reports go by (none is kept)."""

    def __init__(self) -> None:
        from checker.rules.coverage import NOT_REVIEWED

        self._unreviewed_code = NOT_REVIEWED.code
        self.files = self.findings = 0
        self.unreadable = self.unreviewed = self.not_extracted = False
        self.worst: Severity | None = None

    def add(self, report: Report | Rendered) -> None:
        """One report, or what a worker rendered of it (its findings' codes and severities come with it)."""
        from checker.file_errors import is_not_extracted
        from checker.models import Report

        found = [(f.code, f.severity) for f in report.findings] if isinstance(report, Report) else report.findings
        self.files += 1
        self.findings += len(found)
        failed = any(is_not_extracted(code) for code, _ in found)  # FL002: read, but the LLM could not extract it
        self.not_extracted = self.not_extracted or failed
        self.unreadable = self.unreadable or (bool(report.error) and not failed)
        for code, severity in found:
            self.unreviewed = self.unreviewed or code == self._unreviewed_code
            self.worst = severity if self.worst is None else max(self.worst, severity)

    def watch(self, reports: Iterable[R]) -> Iterator[R]:
        """``reports`` as they are, each counted on the way."""
        for report in reports:
            self.add(report)
            yield report

    def exit_code(self, fail_level: Severity | None) -> ExitCode:
        if fail_level is None:
            return ExitCode.OK
        if self.unreviewed:
            return ExitCode.UNREVIEWED
        worst = self.worst
        return ExitCode.FINDINGS if worst is not None and worst >= fail_level else ExitCode.OK


def _unreadable(report: Report) -> None:
    """One line on stderr for a draft that cannot be read, or whose figures the LLM could not extract, as soon as
    it is found (the reports say it too)."""
    _say(f"factlint: error: {report.document.path}: {report.error}")  # the reason says which: "not UTF-8 text …",
    # "LLM extraction failed for lines …"


def _listener(args: argparse.Namespace) -> pipeline.Listener:
    from checker import pipeline
    from checker.progress import Progress

    progress = Progress.for_stream(sys.stderr, verbose=args.verbose, quiet=args.quiet)
    return pipeline.Listener(lambda message: _note(args, message), _unreadable, progress)


def _show_prompt(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    """Print the messages the LLM would get for each draft; exit 2 if one could not be read."""
    from checker import pipeline
    from checker.extract.prompt import render_prompt
    from checker.models import Report
    from checker.output import write_stdout

    unreadable = False
    for item in pipeline.load_paths(pipeline.discover(args.paths, cfg), cfg, args.stdin_filename or ""):
        if isinstance(item, Report):
            _unreadable(item)
            unreadable = True
        else:
            write_stdout(render_prompt(item, cfg), what="the prompt")
    return ExitCode.USAGE if unreadable else ExitCode.OK


def _hidden_fail_level(args: argparse.Namespace, cfg: config_mod.Config) -> None:
    """Findings below --min-severity are not reported, so they never fail the run (as in Vale, and eslint's
    --quiet): a --fail-on below it fails on nothing more than --min-severity would, which the run says."""
    from checker.models import Severity

    lowest = Severity.parse(cfg.min_severity)
    if cfg.fail_level is not None and cfg.fail_level < lowest:
        _note(args, f"fail_on {cfg.fail_on} is below min_severity {cfg.min_severity}: findings below "
                    f"{cfg.min_severity} are not reported, so they do not fail the run")  # fmt: skip


def _check(args: argparse.Namespace) -> int:
    from checker import pipeline, report

    cfg = _config(args)
    targets = _outputs(args)
    _resume_gc()  # start-up is over: the drafts come next
    _hidden_fail_level(args, cfg)
    if args.show_prompt:
        return _show_prompt(args, cfg)
    from checker.rules.selected import severities

    levels = tuple(sorted(severities(cfg).items()))  # SARIF lists each rule at the level the config gives it
    stdout = report.RenderOptions(color=_color(args.color), quiet=args.quiet, severity=levels)
    plan = report.Plan.of(targets, stdout, statistics=args.statistics)
    reports = pipeline.rendered(  # with --jobs, each report is rendered for every output by its worker process
        args.paths,
        cfg,
        plan.render,
        stdin_name=args.stdin_filename or "",
        outputs=[path for _, path in targets],
        jobs=args.jobs,
        listener=_listener(args),
    )
    outcome = Outcome()
    plan.write(outcome.watch(reports))
    if outcome.unreadable:  # every report is written first: one bad draft never hides the others
        return ExitCode.USAGE
    if outcome.not_extracted:  # the same for a draft the LLM could not extract (FL002)
        return ExitCode.EXTRACTION
    if args.exit_zero:
        return ExitCode.OK
    return outcome.exit_code(cfg.fail_level)


def _baseline(args: argparse.Namespace) -> int:
    from checker import baseline as baseline_mod, pipeline, report
    from checker.output import write_atomic

    kind, equals, _ = (args.output or "").partition("=")
    if equals and kind.lower() in report.FORMATS:  # check's --output FORMAT=PATH: here a file named "json=b.json"
        raise ConfigError(
            f"--output {args.output}: baseline's --output is a file (the baseline is JSON), not FORMAT=PATH"
        )
    cfg = _config(args)
    # the file `check` will read: writing another would leave check failing on what was just accepted
    args.output = args.output or cfg.baseline or ".factlint-baseline.json"
    reports = pipeline.reports(
        args.paths,
        cfg,
        stdin_name=args.stdin_filename or "",
        outputs=[args.output],
        use_baseline=False,
        jobs=args.jobs,
        listener=_listener(args),
    )
    outcome = Outcome()
    text = baseline_mod.dumps(outcome.watch(reports), Path(args.output).parent, Path(args.output))
    if outcome.unreadable:  # a baseline without an unreadable draft's findings would be wrong later
        _say(f"factlint: error: {args.output} not written: some drafts could not be read")
        return ExitCode.USAGE
    if outcome.not_extracted:  # so would one without the findings of a draft the LLM could not extract
        _say(f"factlint: extraction failed: {args.output} not written: some drafts could not be extracted")
        return ExitCode.EXTRACTION
    write_atomic(args.output, text)  # as named: "drafts/" is a folder, not a file "drafts"
    files = plural(outcome.files, "file")
    _note(args, f"accepted {plural(outcome.findings, 'finding')} in {files}; wrote {args.output}")
    return ExitCode.OK


def _batch(args: argparse.Namespace) -> int:
    from checker import pipeline
    from checker.discover import expand_paths
    from checker.extract.batch import Batches

    if args.extractor not in (None, "llm"):
        raise ConfigError(f"--extractor {args.extractor}: factlint batch sends drafts to the LLM's Batch API only")
    args.extractor = "llm"  # running batch is choosing the LLM: OPENAI_BASE_URL counts, as with check --extractor llm
    cfg = _config(args)
    batches = Batches(cfg, Path(args.state))
    try:
        if args.step == "submit":
            paths = pipeline.discover(args.paths, cfg)
            if "-" in paths:
                raise ConfigError("batch submit reads drafts from files ('collect' reads them again), not stdin")
            lines = batches.submit(expand_paths(paths, cfg))
        else:
            lines = batches.status() if args.step == "status" else batches.collect()
    finally:
        batches.close()
    from checker.output import write_stdout

    write_stdout("".join(f"factlint: {line}\n" for line in lines), what="what batch did")  # was a print: exit 4
    for error in (*batches.unreadable, *batches.failed):  # a draft's errors, as check says them, at the end
        _say(f"factlint: error: {error}")
    if batches.unreadable:
        return ExitCode.USAGE
    return ExitCode.EXTRACTION if batches.failed else ExitCode.OK  # FL002's exit code, the other drafts cached


def _rules(args: argparse.Namespace) -> int:
    from checker.output import write_stdout
    from checker.rules import RULES
    from checker.rules.selected import codes_for, severities

    cfg = _config(args)
    levels = severities(cfg)  # the level a run from here reports each rule at: [severity] over the default
    # what select / ignore / extend-* leave on (per-file-ignores are listed apart: they depend on the draft)
    on = codes_for(cfg.replace(per_file_ignores={}), "")
    where = cfg.config_file or "the config"
    rules = sorted(RULES.values(), key=lambda r: r.code)
    if args.code:  # a code, a code prefix (FL1) or a rule name, as --select takes them
        wanted = args.code.strip()
        from checker import file_errors

        if wanted.upper() == file_errors.CODE or wanted.lower() == file_errors.NAME:  # reported, though no rule
            head = f"{file_errors.CODE} {file_errors.NAME} (error)\n\n{file_errors.SUMMARY}\n\n{file_errors.HELP}"
            write_stdout(f"{head}\n\nNot a rule: it cannot be selected, ignored or baselined.\n", what="the rule")
            return ExitCode.OK
        if wanted.upper() == file_errors.EXTRACTION_CODE or wanted.lower() == file_errors.EXTRACTION_NAME:
            head = (
                f"{file_errors.EXTRACTION_CODE} {file_errors.EXTRACTION_NAME} (error)\n\n"
                f"{file_errors.EXTRACTION_SUMMARY}\n\n{file_errors.EXTRACTION_HELP}"
            )
            write_stdout(f"{head}\n\nNot a rule: it cannot be selected, ignored or baselined.\n", what="the rule")
            return ExitCode.OK
        rules = [r for r in rules if r.code.startswith(wanted.upper()) or r.name == wanted.lower()]
        if not rules:
            raise ConfigError(f"no rule {args.code!r}; 'factlint rules' lists them")
    set_by = "set by the config's [severity]"
    if len(rules) == 1 and args.code:
        rule = rules[0]
        level = rule.severity.label
        if rule.code in levels:
            level = f"{levels[rule.code]}, {set_by}; default {level}"
        if rule.code not in on:
            level = f"off, not selected by {where}; when selected: {level}"
        lines = [f"{rule.code} {rule.name} ({level})\n\n{rule.summary}\n\n{rule.help}\n"]
        lines.append(f"family: {rule.family.title} ({rule.family.prefix}) · from the {' or '.join(rule.extractors)}"
                     f" extractor · {rule.docs}")  # fmt: skip
        lines += [f"  {'fires:   ' if fires else 'silent:  '}{text}" for text, fires in rule.examples]
    else:
        shown = {r.code: levels[r.code] + "*" if r.code in levels else r.severity.label for r in rules}
        shown.update({r.code: "off" for r in rules if r.code not in on})
        lines = [f"{r.code}  {shown[r.code]:<8} {r.name:<32} {r.summary}" for r in rules]
        lines += [
            f"* {r.code} {r.name}: {levels[r.code]}, {set_by} (its default: {r.severity.label})"
            for r in rules
            if r.code in levels and r.code in on
        ]
        off = [f"{r.code} {r.name}" for r in rules if r.code not in on]
        if off:  # as ruff rule --all shows each rule's state
            lines.append(f"off: {', '.join(off)}: not selected by {where} (select, ignore, extend-select, "
                         "extend-ignore)")  # fmt: skip
        globs: dict[tuple[str, ...], list[str]] = {}  # a config's glob naming a path comes as seen from here too
        for glob, codes in cfg.per_file_ignores.items():
            globs.setdefault(tuple(codes), []).append(repr(glob))
        lines += [
            f"per-file-ignores: {', '.join(c)} off for drafts matching {' or '.join(g)}" for c, g in globs.items()
        ]
    write_stdout("".join(line + "\n" for line in lines), what="the rules")
    return ExitCode.OK


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except ModuleNotFoundError as exc:  # raised outside _main's own handler (while building the parser)
        return _missing(exc)


def _missing(exc: ModuleNotFoundError) -> int:
    """A dependency that is not installed: one line saying how to install, not a traceback or an internal error."""
    name = exc.name or ""
    if os.environ.get("FACTLINT_DEBUG") or not name or name.split(".")[0] in ("checker", "factlint"):
        raise exc
    _say(
        f"factlint: the package {name.split('.')[0]!r} it needs is not installed in this Python "
        f"({sys.executable}); install factlint with its dependencies: pip install ."
    )
    return ExitCode.USAGE


def _version() -> int:
    """Print the version: a full or closed stdout is exit 2 in one line and a reader gone is 141, as for a report
    (it was a traceback: ``factlint -V > /dev/full``)."""
    try:
        print(VERSION, flush=True)
    except BrokenPipeError:
        _silence(sys.stdout)
        return ExitCode.BROKEN_PIPE
    except (OSError, ValueError) as exc:
        _silence(sys.stdout)
        _say(f"factlint: error: cannot write the version to stdout: {getattr(exc, 'strerror', None) or exc}")
        return ExitCode.USAGE
    return ExitCode.OK


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` runs, when its first word names one (the top level has no option that takes a value);
    otherwise None."""
    return argv[0] if argv and argv[0] in ("check", "baseline", "batch", "rules") else None


def _chosen(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The (sub)parser that ``args`` were parsed by: ``check``, ``batch submit`` …; the top level when none."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            chosen = action.choices.get(getattr(args, action.dest, None) or "")
            if chosen is not None:
                return _chosen(chosen, args)
    return parser


def _main(argv: Sequence[str] | None) -> int:
    if list(sys.argv[1:] if argv is None else argv) in (["--version"], ["-V"]):  # before importing the checker
        return _version()
    try:
        parser = _parser(_command(sys.argv[1:] if argv is None else argv))
        args, extras = parser.parse_known_args(argv)
        if extras:  # argparse says so from the top level: point at the subcommand's --help, as its own errors do
            _chosen(parser, args).error(f"unrecognized arguments: {' '.join(extras)}")
    except SystemExit as exc:  # argparse exits for --help, --version and usage errors
        return int(exc.code or 0)
    except ReaderGone:  # `factlint --help | head`
        return ExitCode.BROKEN_PIPE
    except OutputError as exc:  # `factlint --help > /dev/full`
        _say(f"factlint: error: {exc}")
        return ExitCode.USAGE
    handler = _verbose(getattr(args, "verbose", False))
    sigterm = signals.raise_on_sigterm()
    try:
        _in_a_folder()
        _stdin_paths(args)
        if args.command != "check":
            _resume_gc()
        if args.command == "rules":
            return _rules(args)
        if args.command == "baseline":
            return _baseline(args)
        if args.command == "batch":
            return _batch(args)
        return _check(args)
    except ReaderGone:  # `factlint check … | head`: the reader's choice, quiet as git and grep are
        return ExitCode.BROKEN_PIPE
    except (InputError, ConfigError, PromptError, OutputError) as exc:
        _say(f"factlint: error: {exc}")
        return ExitCode.USAGE
    except (EndpointError, ExtractionError) as exc:
        _say(f"factlint: extraction failed: {exc}")
        return ExitCode.EXTRACTION
    except FactlintError as exc:
        _say(f"factlint: error: {exc}")
        return ExitCode.USAGE
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (signals.Terminated): temporary files are gone
        terminated = isinstance(exc, signals.Terminated)
        _say(f"factlint: {'terminated' if terminated else 'interrupted'}")
        return ExitCode.TERMINATED if terminated else ExitCode.INTERRUPTED
    except ModuleNotFoundError as exc:
        return _missing(exc)
    except Exception as exc:  # never a traceback for users; FACTLINT_DEBUG=1 shows one
        if os.environ.get("FACTLINT_DEBUG"):
            raise
        _say(f"factlint: internal error: {type(exc).__name__}: {exc} (set FACTLINT_DEBUG=1 for details)")
        return ExitCode.INTERNAL
    finally:
        signals.restore(sigterm)
        if handler is not None:
            import logging

            logging.getLogger("factlint").removeHandler(handler)


def _in_a_folder() -> None:
    """Paths are shown and configs found from the working directory: one removed under the shell (a checkout
    deleted and made again) is a usage error in one line, as git's, not an internal error."""
    try:
        os.getcwd()
    except FileNotFoundError:
        raise InputError("the working directory no longer exists (it was removed): cd into a folder") from None


_gc_paused = False


def run() -> None:
    """The console script and ``python -m checker``. Start-up (importing the checker, compiling its patterns,
    reading the config) leaves some 13,000 objects more for the garbage collector to track, all of them living as
    long as the process, and hardly any garbage: the collector would walk them in ~30 collections while they are
    made and in a full one at exit (~10% of a one-line check). So it is paused until the drafts are checked, and
    what start-up made is then frozen (``gc.freeze``): never walked again, at exit neither. ``main`` alone, as
    tests and other programs call it, leaves the collector as it is."""
    global _gc_paused
    if gc.isenabled():
        gc.disable()
        _gc_paused = True
    sys.exit(main())


def _resume_gc() -> None:
    global _gc_paused
    if _gc_paused:
        gc.freeze()
        gc.enable()
        _gc_paused = False
