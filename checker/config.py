"""Settings: defaults < ``[tool.factlint]`` in pyproject.toml (or ``.factlint.toml``) < environment < flags.

The API key is never read from a config file: only from the environment variable the config names.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker import settings as kinds
from checker.errors import ConfigError
from checker.models import Severity
from checker.normalize import Tolerance
from checker.selection import Layer
from checker.taxonomy import Taxonomy

EXTRACTORS = ("auto", "llm", "offline")
MODES = ("tools", "json_schema", "md_json")
FAIL_ON = ("error", "warning", "info", "never")
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
)


@dataclass(frozen=True)
class Config:
    extractor: str = "auto"
    # LLM endpoint (any OpenAI-compatible server)
    model: str = "gpt-4o-mini"
    base_url: str = ""
    api_key_env: str = "OPENAI_API_KEY"
    # The key itself, read by ``load`` from the variable api_key_env names (never from a file); never shown.
    api_key: str = field(default="", repr=False)
    mode: str = "json_schema"
    temperature: float = 0.0
    timeout: float = 60.0  # seconds per request, in all (a server that drips bytes is given up on)
    deadline: float = 900.0  # seconds for the whole run's LLM requests and retries
    concurrency: int = 4
    max_retries: int = 4
    backoff_initial: float = 1.0
    backoff_max: float = 30.0
    reasks: int = 2
    chunk_chars: int = 40000
    cache_dir: str = ""
    cache: bool = True
    # rules and reporting
    fail_on: str = "error"
    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob -> selectors
    severity: dict[str, str] = field(default_factory=dict)  # rule code or name -> error / warning / info
    # The command line's rule selection, a layer over the one above (as ruff layers them: checker.selection).
    cli_rules: Layer = field(default_factory=Layer)
    approx_tolerance: float = 0.1
    paths: tuple[str, ...] = ()
    baseline: str = ""
    include: tuple[str, ...] = ("*.md", "*.markdown", "*.txt", "*.html", "*.htm")
    exclude: tuple[str, ...] = NOT_DRAFTS
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False  # apply exclude to files named on the command line too (ruff's --force-exclude)
    taxonomy_tables: dict[str, Any] = field(default_factory=dict)
    # OpenAI SDK variables that were set but not used (the LLM was not chosen): the run says so once.
    ignored_env: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        validate(self)  # a Config built directly is checked as a loaded one is

    def __hash__(self) -> int:  # tables (severity, taxonomy) hash by their contents
        return hash(tuple(frozen(getattr(self, f.name)) for f in dataclasses.fields(self)))

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
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


# What each setting's value must be (checked for files, environment and flags alike; see checker.settings).
KINDS: dict[str, kinds.Kind] = {
    "extractor": kinds.text(*EXTRACTORS),
    "model": kinds.text(),
    "base_url": kinds.endpoint_url(),
    "api_key_env": kinds.env_name(),
    "api_key": kinds.Kind("a string", lambda v: "" if isinstance(v, str) else "not a string", secret=True),
    "mode": kinds.text(*MODES),
    "temperature": kinds.number(0.0, 2.0),
    "timeout": kinds.number(0.0, above=True),
    "deadline": kinds.number(0.0, above=True),
    "concurrency": kinds.integer(1),
    "max_retries": kinds.integer(0),
    "backoff_initial": kinds.number(0.0),
    "backoff_max": kinds.number(0.0),
    "reasks": kinds.integer(0),
    "chunk_chars": kinds.integer(1),
    "cache_dir": kinds.text(),
    "cache": kinds.flag(),
    "fail_on": kinds.text(*FAIL_ON),
    "select": kinds.strings(),
    "ignore": kinds.strings(),
    "extend_select": kinds.strings(),
    "extend_ignore": kinds.strings(),
    "per_file_ignores": kinds.table(kinds.strings()),
    "severity": kinds.table(kinds.text("error", "warning", "info")),
    "ignored_env": kinds.strings(),
    "cli_rules": kinds.Kind("a rule selection", lambda v: "" if isinstance(v, Layer) else "not a Layer"),
    "approx_tolerance": kinds.number(0.0, 1.0, below=True),
    "paths": kinds.strings(),
    "baseline": kinds.text(),
    "include": kinds.strings(),
    "exclude": kinds.strings(),
    "extend_exclude": kinds.strings(),
    "force_exclude": kinds.flag(),
    "taxonomy_tables": kinds.table(kinds.table()),
}
# The name a user writes in a config file, where it is not the field's own.
_FILE_NAMES = {"taxonomy_tables": "taxonomy", "cache": "no_cache"}


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


# Set only by load (or a program building a Config), never in a file.
_NOT_IN_FILES = {"taxonomy_tables", "cache", "cli_rules", "api_key", "ignored_env"}
_FILE_KEYS = {f.name for f in dataclasses.fields(Config)} - _NOT_IN_FILES | {
    "taxonomy",
    "no_cache",
}
# The environment variables of each setting, the first set one winning: FACTLINT_* always beats OPENAI_*.
_ENV = {
    "extractor": ("FACTLINT_EXTRACTOR",),
    "model": ("FACTLINT_MODEL", "OPENAI_MODEL"),
    "base_url": ("FACTLINT_BASE_URL", "OPENAI_BASE_URL"),
    "cache_dir": ("FACTLINT_CACHE_DIR",),
}
# The OpenAI SDK's own variables may be set for other tools: they say where to send drafts once the LLM is
# chosen (extractor = "llm"), never that drafts should be sent.
OPENAI_ONLY = ("OPENAI_BASE_URL",)


_RULE_FLAGS = ("select", "ignore", "extend_select", "extend_ignore")


def find_config_file(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest ``.factlint.toml`` or pyproject.toml with ``[tool.factlint]``, walking up from ``start``."""
    for folder in (start, *start.parents):
        dotfile = folder / ".factlint.toml"
        if dotfile.is_file():
            return dotfile, _read_toml(dotfile)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("factlint")
            if table is not None:
                return pyproject, table
    return None


def _table_of(file: Path) -> dict[str, Any]:
    """The factlint settings in a file named with ``--config``: a .factlint.toml, or [tool.factlint] of any other."""
    if not file.is_file():
        raise ConfigError(f"--config {file}: no such file")
    data = _read_toml(file)
    if file.name == "pyproject.toml" or "tool" in data:
        table = data.get("tool", {}).get("factlint")
        if table is None:
            raise ConfigError(f"--config {file}: no [tool.factlint] table")
        return dict(table)
    return data


def _relative_to(folder: Path, values: dict[str, Any]) -> dict[str, Any]:
    """``paths`` and ``baseline`` from a config file in ``folder``, as paths from the working directory."""

    def place(raw: Any) -> Any:
        if not isinstance(raw, str) or raw == "-" or Path(raw).is_absolute():
            return raw
        return Path(os.path.relpath(folder / raw)).as_posix()

    if "paths" in values:
        values["paths"] = tuple(place(p) for p in values["paths"])
    if values.get("baseline"):
        values["baseline"] = place(values["baseline"])
    return values


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None


def from_table(table: dict[str, Any], origin: str = "config") -> dict[str, Any]:
    """Check a ``[tool.factlint]`` table and turn it into Config field values. Unknown keys are errors."""
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name in ("api_key", "key", "openai_api_key"):
            raise ConfigError(f"{origin}: API keys are not read from config files; set {Config.api_key_env}")
        if name not in _FILE_KEYS:
            raise ConfigError(f"{origin}: unknown key {key!r} in [tool.factlint]")
        field_name = next((f for f, shown in _FILE_NAMES.items() if shown == name), name)
        kind = kinds.flag() if name == "no_cache" else KINDS[field_name]
        kinds.check(key, value, kind, origin)
        if name == "no_cache":
            value = not value
        values[field_name] = tuple(value) if isinstance(value, list) else value
    return values


def load(
    start: Path | None = None, environ: dict[str, str] | None = None, *, file: Path | None = None, **flags: Any
) -> Config:
    """Build the effective Config for a run started in ``start`` (default: the current directory).

    ``file`` (``--config FILE``) is read instead of searching. ``paths`` and ``baseline`` in a config file are
    relative to the folder of that file, so a run from a subfolder finds the same drafts and baseline.
    """
    values: dict[str, Any] = {}
    found = (file, _table_of(file)) if file is not None else find_config_file((start or Path.cwd()).resolve())
    if found:
        path, table = found
        values.update(_relative_to(path.parent, from_table(table, str(path))))
    env = os.environ if environ is None else environ
    explicit_llm = (flags.get("extractor") or env.get("FACTLINT_EXTRACTOR") or values.get("extractor")) == "llm"
    ignored: list[str] = []
    for name, variables in _ENV.items():
        for var in variables:  # in order: FACTLINT_* first, so it always beats OPENAI_*
            if not env.get(var):
                continue
            if var in OPENAI_ONLY and (not explicit_llm or values.get("base_url")):
                ignored.append(var)
                continue
            values[name] = env[var]
            break
    layer = {name: flags.pop(name) for name in _RULE_FLAGS if flags.get(name) is not None}
    if layer:  # --select replaces the config's selection; --ignore and --extend-* adjust it (as in ruff)
        values["cli_rules"] = Layer(**layer)
    values.update({k: v for k, v in flags.items() if v is not None})
    key = env.get(values.get("api_key_env", Config.api_key_env), "")
    values["api_key"] = key
    values["ignored_env"] = tuple(ignored)
    try:
        return Config(**values)
    except TypeError as exc:
        raise ConfigError(f"bad configuration: {exc}") from None


def validate(config: Config) -> Config:
    """Check every setting's type and range (naming the key), then build the taxonomy it extends."""
    for name, kind in KINDS.items():
        kinds.check(_FILE_NAMES.get(name, name), getattr(config, name), kind)
    config.taxonomy  # noqa: B018 - builds and checks user taxonomy additions now, not mid-run
    from checker.rules.selected import check_selectors  # the rules import this module: here, not at the top

    check_selectors(config)
    return config
