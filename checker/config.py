"""Settings: defaults < ``[tool.factlint]`` in pyproject.toml (or ``.factlint.toml``) < environment < flags.

The API key is never read from a config file: only from the environment variable the config names.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from checker import settings as kinds
from checker.errors import ConfigError
from checker.models import Severity
from checker.normalize import Tolerance
from checker.selection import Layer
from checker.settings import declared, setting
from checker.taxonomy import Taxonomy

EXTRACTORS = ("auto", "llm", "offline")
MODES = ("tools", "json_schema", "md_json")  # the names of instructor.Mode members, in lower case
FAIL_ON = ("error", "warning", "info", "never")
LLM = "LLM extractor"  # the --help group of the endpoint's settings
# Files in a newsroom repository that are not drafts: skipped in directories, and with force_exclude when named.
NOT_DRAFTS = (
    "README*",
    "CHANGELOG*",
    "CHANGES*",
    "HISTORY*",
    "CONTRIBUTING*",
    "CODE_OF_CONDUCT*",
    "SECURITY*",
    "LICENSE*",
    "LICENCE*",
    "AUTHORS*",
    "requirements*.txt",
    "constraints*.txt",
    # folders of installed packages, full of Markdown and text that no newsroom wrote (ruff's default skips them)
    "node_modules/",
    "venv/",
    "site-packages/",
)


class _Fields(NamedTuple):
    """Every setting, declared once: its type, default, kind, help, file key, environment variables and flag.

    argparse (``checker.cli``), file-key checking, the environment mapping and the README's settings table
    are all produced from these declarations (``SETTINGS``). A table's default is one empty dict that every
    Config shares: nothing writes into a Config's values.
    """

    extractor: str = setting(
        "auto",
        kinds.text(*EXTRACTORS),
        "auto: the LLM only when base_url is set for factlint; otherwise offline",
        env=("FACTLINT_EXTRACTOR",),
        flag="--extractor",
    )
    # LLM endpoint (any OpenAI-compatible server)
    model: str = setting(
        "gpt-4o-mini", kinds.text(), "model name", env=("FACTLINT_MODEL", "OPENAI_MODEL"), flag="--model", group=LLM
    )
    base_url: str = setting(
        "",
        kinds.endpoint_url(),
        "OpenAI-compatible endpoint; under auto it means the LLM (OPENAI_BASE_URL only once the LLM is chosen)",
        env=("FACTLINT_BASE_URL", "OPENAI_BASE_URL"),
        flag="--base-url",
        metavar="URL",
        group=LLM,
    )
    api_key_env: str = setting(
        "OPENAI_API_KEY",
        kinds.env_name(),
        "environment variable holding the API key",
        flag="--api-key-env",
        metavar="NAME",
        group=LLM,
    )
    # The key itself, read by ``load`` from the variable api_key_env names (never from a file); never shown.
    api_key: str = setting("", kinds.text(secret=True), file_key=None)
    mode: str = setting("json_schema", kinds.text(*MODES), "how the model returns JSON", flag="--mode", group=LLM)
    temperature: float = setting(0.0, kinds.number(0.0, 2.0), "sampling temperature", group=LLM)
    timeout: float = setting(
        60.0,
        kinds.number(0.0, above=True),
        "seconds per request, in all (a server that drips bytes is given up on)",
        flag="--timeout",
        metavar="SECONDS",
        group=LLM,
    )
    deadline: float = setting(
        900.0,
        kinds.number(0.0, above=True),
        "seconds for all LLM requests and retries of the run",
        flag="--deadline",
        metavar="SECONDS",
        group=LLM,
    )
    concurrency: int = setting(
        4, kinds.integer(1), "chunks extracted at once", flag="--concurrency", metavar="N", group=LLM
    )
    max_retries: int = setting(4, kinds.integer(0), "retries of a failed request", group=LLM)
    backoff_initial: float = setting(1.0, kinds.number(0.0), "seconds before the first retry", group=LLM)
    backoff_max: float = setting(30.0, kinds.number(0.0), "longest wait between retries", group=LLM)
    reasks: int = setting(2, kinds.integer(0), "times the model is asked again about an ungrounded answer", group=LLM)
    chunk_chars: int = setting(40000, kinds.integer(1), "characters of a draft sent in one request", group=LLM)
    cache_dir: str = setting(
        "",
        kinds.text(),
        "where extraction results are cached (default: the user cache folder)",
        env=("FACTLINT_CACHE_DIR",),
        flag="--cache-dir",
        metavar="DIR",
        group=LLM,
    )
    cache: bool = setting(
        True,
        kinds.flag(),
        "neither read nor write the cache",
        file_key="no_cache",
        flag="--no-cache",
        negate=True,
        group=LLM,
    )
    # rules and reporting
    fail_on: str = setting(
        "error", kinds.text(*FAIL_ON), "lowest severity that makes the exit code 1", flag="--fail-on"
    )
    min_severity: str = setting(
        "info",
        kinds.text("error", "warning", "info"),
        "lowest severity reported: findings below it are left out (FL301 never is)",
        flag="--min-severity",
    )
    select: tuple[str, ...] = setting(
        (),
        kinds.strings(),
        "rule codes, prefixes or names to report, instead of the config's (default: all)",
        flag="--select",
        metavar="CODES",
    )
    ignore: tuple[str, ...] = setting(
        (), kinds.strings(), "rule codes, prefixes or names to leave out", flag="--ignore", metavar="CODES"
    )
    extend_select: tuple[str, ...] = setting(
        (), kinds.strings(), "rules to report as well as those selected", flag="--extend-select", metavar="CODES"
    )
    extend_ignore: tuple[str, ...] = setting(
        (), kinds.strings(), "rules to leave out as well as those ignored", flag="--extend-ignore", metavar="CODES"
    )
    per_file_ignores: dict[str, list[str]] = setting(
        {},
        kind=kinds.table(kinds.strings()),
        help="glob -> rules left out for the drafts it matches",
        flag="--per-file-ignores",
        metavar="GLOB:CODES",
    )
    severity: dict[str, str] = setting(
        {},
        kind=kinds.table(kinds.text("error", "warning", "info")),
        help="rule code or name -> error, warning or info",
    )
    # The command line's rule selection, a layer over the one above (as ruff layers them: checker.selection).
    cli_rules: Layer = setting(
        Layer(),
        kind=kinds.Kind("a rule selection", lambda v: "" if isinstance(v, Layer) else "not a Layer"),
        file_key=None,
    )
    approx_tolerance: float = setting(
        0.1, kinds.number(0.0, 1.0, below=True), "how far “about 1,000” reaches (0.1: ±10%)"
    )
    paths: tuple[str, ...] = setting((), kinds.strings(), "what `factlint check` checks when given no PATH")
    baseline: str = setting(
        "", kinds.text(), "report only findings not accepted in this file", flag="--baseline", metavar="FILE"
    )
    include: tuple[str, ...] = setting(
        ("*.md", "*.markdown", "*.txt", "*.html", "*.htm"), kinds.strings(), "globs of drafts in directories"
    )
    exclude: tuple[str, ...] = setting(
        NOT_DRAFTS, kinds.strings(), "globs skipped (default: README*, LICENSE*, …)", flag="--exclude", metavar="GLOBS"
    )
    extend_exclude: tuple[str, ...] = setting(
        (), kinds.strings(), "globs skipped as well as exclude", flag="--extend-exclude", metavar="GLOBS"
    )
    force_exclude: bool = setting(
        False,
        kinds.flag(),
        "apply exclude to files named on the command line too (what the pre-commit hook passes)",
        flag="--force-exclude",
    )
    taxonomy_tables: dict[str, Any] = setting(
        {}, kind=kinds.table(kinds.table()), help="additions to the taxonomy", file_key="taxonomy"
    )
    # OpenAI SDK variables that were set but not used (the LLM was not chosen): the run says so once.
    ignored_env: tuple[str, ...] = setting((), kinds.strings(), file_key=None)
    # The config file read (empty: none), which errors about its rule codes name as its other errors do.
    config_file: str = setting("", kinds.text(), file_key=None)
    # The working directory, when the config was searched for from it (empty: --config, --isolated, or a start
    # folder given): a desk's own config below it, beside drafts being checked, is not read, and the run says so.
    config_search: str = setting("", kinds.text(), file_key=None)


class Config(_Fields):
    """The settings of a run (``_Fields`` declares them): a named tuple, checked when it is made.

    Not a dataclass: ``dataclasses`` imports ``inspect`` (~5 ms of a one-line check) and compiles the methods it
    makes (~1.4 ms for this class).
    """

    __slots__ = ()

    if not TYPE_CHECKING:  # mypy reads the fields' own signature for Config(...)

        def __new__(cls, *args, **kwargs):  # a Config built directly is checked as a loaded one is
            made = super().__new__(cls, *args, **kwargs)
            # each Config its own tables: the fields' defaults are one {} shared by every Config, and a caller's
            # dict given to load_config could be changed after it was checked
            own = tuple.__new__(cls, (dict(value) if isinstance(value, dict) else value for value in made))
            return validate(own)

        @classmethod
        def _make(cls, iterable):  # namedtuple's builds with tuple.__new__, past the check; _replace calls it
            return cls(*iterable)

    def __hash__(self) -> int:  # tables (severity, taxonomy) hash by their contents
        return hash(tuple(frozen(value) for value in self))

    def __repr__(self) -> str:  # the key itself is never shown
        shown = ", ".join(
            f"{name}={value!r}" for name, value in zip(self._fields, self, strict=True) if name != "api_key"
        )
        return f"{type(self).__name__}({shown})"

    @property
    def llm_configured(self) -> bool:
        """An endpoint could be called: there is a key or a base URL (whether or not the LLM was chosen)."""
        return bool(self.api_key or self.base_url)

    @property
    def excluded(self) -> tuple[str, ...]:
        return self.exclude + self.extend_exclude

    @property
    def tolerance(self) -> Tolerance:
        return Tolerance(approx=self.approx_tolerance)

    @property
    def taxonomy(self) -> Taxonomy:
        return _taxonomy(self)

    @property
    def fail_level(self) -> Severity | None:
        return None if self.fail_on == "never" else Severity.parse(self.fail_on)

    def replace(self, **changes: Any) -> Config:
        return Config(**(self._asdict() | {k: v for k, v in changes.items() if v is not None}))


# Derived from the declarations above, never written again: kinds, file keys, environment variables.
SETTINGS: dict[str, kinds.Setting] = declared(Config._fields)
KINDS: dict[str, kinds.Kind] = {name: s.kind for name, s in SETTINGS.items()}
# The name a setting has in messages and files (its key in [tool.factlint]), where it is not the field's own.
_FILE_NAMES = {name: s.file_key for name, s in SETTINGS.items() if s.file_key}
_FILE_KEYS = {s.file_key or name: name for name, s in SETTINGS.items() if s.file_key is not None}
# The environment variables of each setting, the first set one winning: FACTLINT_* always beats OPENAI_*.
_ENV = {name: s.env for name, s in SETTINGS.items() if s.env}


def frozen(value: Any) -> Any:
    """A hashable copy of a setting's value: tables become sorted pairs, lists tuples."""
    if isinstance(value, dict):
        return tuple(sorted((k, frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(frozen(v) for v in value)
    return value


_TAXONOMY_CACHE: dict[Any, Taxonomy] = {}


def _taxonomy(config: Config) -> Taxonomy:
    key = frozen(config.taxonomy_tables)
    if key not in _TAXONOMY_CACHE:
        base = Taxonomy.default()
        tables = config.taxonomy_tables
        _TAXONOMY_CACHE[key] = Taxonomy.from_tables(tables, base) if tables else base
    return _TAXONOMY_CACHE[key]


# The OpenAI SDK's own variables may be set for other tools: they say where to send drafts once the LLM is
# chosen (extractor = "llm"), never that drafts should be sent.
OPENAI_ONLY = ("OPENAI_BASE_URL",)


_RULE_FLAGS = ("select", "ignore", "extend_select", "extend_ignore")
# Flags that add to the config's value rather than replace it, as ruff's --extend-exclude does.
_EXTENDING_FLAGS = ("extend_exclude",)


def settings_table() -> str:
    """The README's table of settings, from their declarations (tests/unit/test_docs.py keeps it in sync)."""
    import json

    rows = ["| key | default | environment | flag | what |", "|---|---|---|---|---|"]
    defaults = Config()
    for name in Config._fields:
        s = SETTINGS[name]
        if s.file_key is None:
            continue
        default = getattr(defaults, name)
        if s.negate:
            default = not default
        shown = "" if default in ("", (), {}) else json.dumps(list(default) if isinstance(default, tuple) else default)
        if isinstance(default, tuple) and len(default) > 5:
            shown = json.dumps(list(default[:3]))[:-1] + ", …]"
        env = ", ".join(f"`{v}`" for v in s.env)
        what = s.help if not s.negate else f"true: {s.help}"
        flag = f"`{s.flag}`" if s.flag else ""
        rows.append(f"| `{s.file_key or name}` | {f'`{shown}`' if shown else ''} | {env} | {flag} | {what} |")
    return "\n".join(rows) + "\n"


def find_config_file(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest ``.factlint.toml`` or pyproject.toml with ``[tool.factlint]``, walking up from ``start``."""
    for folder in (start, *start.parents):
        dotfile = folder / ".factlint.toml"
        if dotfile.is_file():  # read as --config reads it: top-level keys, or a [tool.factlint] table
            return dotfile, _table_of(dotfile)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _tool_table(_read_toml(pyproject), pyproject)
            if table is not None:
                return pyproject, table
    return None


def config_file_in(folder: Path) -> Path | None:
    """The config file ``find_config_file`` would take in ``folder`` itself, if any (one it cannot read: none,
    since it is only named in a note)."""
    if (folder / ".factlint.toml").is_file():
        return folder / ".factlint.toml"
    pyproject = folder / "pyproject.toml"
    try:
        return pyproject if pyproject.is_file() and _tool_table(_read_toml(pyproject), pyproject) is not None else None
    except ConfigError:
        return None


def _tool_table(data: dict[str, Any], file: Path) -> dict[str, Any] | None:
    """``[tool.factlint]`` of a file's TOML, None when there is none (or ``tool`` is no table: another tool's
    problem); one that is not a table is an error (``[tool]`` ``factlint = 3`` was an internal error)."""
    tool = data.get("tool", {})
    table = tool.get("factlint") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{file}: tool.factlint: expected a table ([tool.factlint]), got {table!r}")
    return table


def _table_of(file: Path) -> dict[str, Any]:
    """The factlint settings in a file named with ``--config``: a .factlint.toml, or [tool.factlint] of any other."""
    if not file.is_file():  # a device or a FIFO is none either: it never ends, or blocks
        raise ConfigError(f"--config {file}: {'not a regular file' if file.exists() else 'no such file'}")
    data = _read_toml(file)
    if file.name == "pyproject.toml" or "tool" in data:
        table = _tool_table(data, file)
        beside = sorted(key for key in data if key != "tool") if file.name != "pyproject.toml" else []
        if table is not None and beside:  # one of the two would be dropped unseen
            raise ConfigError(f"{file}: top-level keys ({', '.join(beside)}) beside a [tool.factlint] table: use one")
        if table is None:
            raise ConfigError(f"{file}: no [tool.factlint] table")
        return dict(table)
    return data


def _relative_to(folder: Path, values: dict[str, Any]) -> dict[str, Any]:
    """``paths`` and ``baseline`` from a config file in ``folder``, as paths from the working directory; globs of
    ``exclude``, ``extend_exclude`` and ``per_file_ignores`` that name a path are matched from there too."""

    def place(raw: Any) -> Any:
        if not isinstance(raw, str) or raw == "-" or Path(raw).is_absolute():
            return raw
        return Path(os.path.relpath(folder / raw)).as_posix()

    def moved(glob: str) -> list[str]:  # a glob naming a path (drafts/archive/*) also as seen from here
        if "/" not in glob or glob.startswith(("*", "/")):
            return []
        here = Path(os.path.relpath(folder / glob)).as_posix() + ("/" if glob.endswith("/") else "")
        return [here] if here != glob else []

    if "paths" in values:
        values["paths"] = tuple(place(p) for p in values["paths"])
    if values.get("baseline"):
        values["baseline"] = place(values["baseline"])
    for key in ("exclude", "extend_exclude"):
        if key in values:
            values[key] = tuple(dict.fromkeys(g for glob in values[key] for g in (glob, *moved(glob))))
    if "per_file_ignores" in values:
        values["per_file_ignores"] = {
            g: codes for glob, codes in values["per_file_ignores"].items() for g in (glob, *moved(glob))
        }
    return values


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only for a config file (~4 ms to import, with datetime); tomllib's messages for its errors

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None


def from_table(table: dict[str, Any], origin: str = "config", where: str = " in [tool.factlint]") -> dict[str, Any]:
    """Check a ``[tool.factlint]`` table (``where`` it is, for messages) and turn it into Config field values.
    Unknown keys are errors."""
    values: dict[str, Any] = {}
    spelt: dict[str, str] = {}  # each setting's key as written: fail_on and fail-on are one
    for key, value in table.items():
        name = key.replace("-", "_")
        if name in spelt:
            raise ConfigError(f"{origin}: {spelt[name]!r} and {key!r} are one setting; keep one")
        spelt[name] = key
        if name in ("api_key", "key", "openai_api_key"):
            what = "config files" if where == " in [tool.factlint]" else "settings"
            raise ConfigError(
                f"{origin}: API keys are not read from {what}; set {Config._field_defaults['api_key_env']}"
            )
        if name not in _FILE_KEYS:
            raise ConfigError(f"{origin}: unknown key {key!r}{where}")
        field_name = _FILE_KEYS[name]
        value = kinds.chosen(value, KINDS[field_name])
        kinds.check(key, value, KINDS[field_name], origin)
        if SETTINGS[field_name].negate:  # no_cache = true: cache off
            value = not value
        values[field_name] = tuple(value) if isinstance(value, list) else value
    return values


def load(
    start: Path | None = None,
    environ: dict[str, str] | None = None,
    *,
    file: Path | None = None,
    isolated: bool = False,
    **flags: Any,
) -> Config:
    """Build the effective Config for a run started in ``start`` (default: the current directory).

    ``file`` (``--config FILE``) is read instead of searching; ``isolated`` (``--isolated``) reads no config file.
    ``paths`` and ``baseline`` in a config file are relative to the folder of that file, so a run from a
    subfolder finds the same drafts and baseline.
    """
    values: dict[str, Any] = {}
    found = None
    if file is not None:
        found = file, _table_of(file)
    elif not isolated:
        found = find_config_file((start or Path.cwd()).resolve())
        if start is None:  # found from where factlint runs, not from a folder the user named (--config DIR)
            values["config_search"] = str(Path.cwd().resolve())
    if found:
        path, table = found
        values.update(_relative_to(path.parent, from_table(table, str(path))))
        values["config_file"] = str(path)
    env = os.environ if environ is None else environ
    asked = flags.get("extractor") or env.get("FACTLINT_EXTRACTOR") or values.get("extractor")
    explicit_llm = kinds.chosen(asked, KINDS["extractor"]) == "llm"
    ignored: list[str] = []
    for name, variables in _ENV.items():
        for var in variables:  # in order: FACTLINT_* first, so it always beats OPENAI_*
            if not env.get(var):
                continue
            if var in OPENAI_ONLY and (not explicit_llm or values.get("base_url")):
                ignored.append(var)
                continue
            value = kinds.chosen(env[var], KINDS[name])
            kinds.check(_FILE_NAMES.get(name, name), value, KINDS[name], var)  # the error names the variable
            values[name] = value
            break
    layer = {name: flags.pop(name) for name in _RULE_FLAGS if flags.get(name) is not None}
    if layer:  # --select replaces the config's selection; --ignore and --extend-* adjust it (as in ruff)
        values["cli_rules"] = Layer(**layer)
    for name in _EXTENDING_FLAGS:
        if flags.get(name) is not None:
            flags[name] = (*values.get(name, ()), *flags[name])
    values.update({k: v for k, v in flags.items() if v is not None})
    default_key_env: str = Config._field_defaults["api_key_env"]
    values["api_key"] = env.get(values.get("api_key_env", default_key_env), "")
    values["ignored_env"] = tuple(ignored)
    try:
        return Config(**values)
    except TypeError as exc:
        raise ConfigError(f"bad configuration: {exc}") from None


def _path_segments(url: str) -> list[str]:
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).path.split("/")
    except ValueError:  # a malformed URL: the base_url check says so
        return []


def validate(config: Config) -> Config:
    """Check every setting's type and range (naming the key), then build the taxonomy it extends."""
    for name, kind in KINDS.items():
        kinds.check(_FILE_NAMES.get(name, name), getattr(config, name), kind)
    # the key itself as a segment, whatever its shape and wherever the URL came from: the URL is shown in notes
    # and every report (a key-shaped segment is the base_url kind's to refuse)
    if len(config.api_key) >= 8 and config.api_key in _path_segments(config.base_url):
        raise ConfigError("base_url: its path holds the API key, which would be shown with it (not shown); remove it")
    try:
        config.taxonomy  # noqa: B018 - builds and checks user taxonomy additions now, not mid-run
    except ConfigError as exc:  # the additions come from the config file only: name it, as its other errors do
        raise ConfigError(f"{config.config_file}: {exc}" if config.config_file else str(exc)) from None
    from checker.rules.selected import check_selectors  # the rules import this module: here, not at the top

    check_selectors(config)
    return config
