"""What each setting's value must be: one table of kinds, checked the same way for files, environment and flags.

A wrong type is an error naming the key, never a silent reinterpretation: ``ignore = "FL201"`` is not five
one-letter prefixes, ``concurrency = "four"`` is not a crash mid-run, ``timeout = nan`` is not a timeout.
Error messages show a short form of the value, except where the value may be a secret (a key pasted into
``api_key_env``, credentials in ``base_url``): those are never echoed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from checker.errors import ConfigError
from checker.wording import clip


class Kind(NamedTuple):
    """A setting's type and range: ``problem(value)`` says what is wrong with a value, or returns ``""``."""

    expected: str
    problem: Callable[[Any], str]
    secret: bool = False  # never echo a wrong value
    choices: tuple[str, ...] = ()  # the values a text setting takes, when it is one of a few


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def number(minimum: float = 0.0, maximum: float = math.inf, *, above: bool = False, below: bool = False) -> Kind:
    """A finite int or float in a range (``above``/``below``: the bound itself excluded)."""
    low = f"> {minimum:g}" if above else f"≥ {minimum:g}"
    high = "" if maximum == math.inf else f" and {'<' if below else '≤'} {maximum:g}"

    def problem(value: Any) -> str:
        if not _is_number(value) or not math.isfinite(value):
            return "not a finite number"
        if value < minimum or (above and value == minimum) or value > maximum or (below and value == maximum):
            return "out of range"
        return ""

    return Kind(f"a number {low}{high}", problem)


def integer(minimum: int) -> Kind:
    def problem(value: Any) -> str:
        if not isinstance(value, int) or isinstance(value, bool):
            return "not an integer"
        return "out of range" if value < minimum else ""

    return Kind(f"an integer ≥ {minimum}", problem)


def text(*choices: str, secret: bool = False) -> Kind:
    def problem(value: Any) -> str:
        if not isinstance(value, str):
            return "not a string"
        return "not one of the choices" if choices and value not in choices else ""

    return Kind(f"one of {', '.join(choices)}" if choices else "a string", problem, secret, choices)


def flag() -> Kind:
    return Kind("true or false", lambda value: "" if isinstance(value, bool) else "not a boolean")


def strings() -> Kind:
    def problem(value: Any) -> str:
        ok = isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
        if ok:
            return ""
        import json

        return f"write [{json.dumps(value, ensure_ascii=False)}]" if isinstance(value, str) else "not a list of strings"

    return Kind("a list of strings", problem)


def table(values: Kind | None = None) -> Kind:
    def problem(value: Any) -> str:
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            return "not a table"
        return next((f"{k}: {p}" for k, v in value.items() if values and (p := values.problem(v))), "")

    inner = f" of {values.expected}" if values else ""
    return Kind(f"a table{inner}", problem)


_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


def _looks_like_key(value: str) -> bool:
    """An API key rather than a variable name: a key prefix, or a long mix of cases and digits with no ``_``."""
    mixed = any(c.islower() for c in value) and any(c.isupper() for c in value) and any(c.isdigit() for c in value)
    return value.startswith(("sk-", "sk_", "pk_", "rk_")) or (len(value) >= 24 and mixed and "_" not in value)


def env_name() -> Kind:
    """The *name* of an environment variable. A value that looks like a key itself is refused and not echoed."""

    def problem(value: Any) -> str:
        if not isinstance(value, str) or not _ENV_NAME.fullmatch(value) or _looks_like_key(value):
            return "expected the name of an environment variable such as OPENAI_API_KEY (not the key itself; not shown)"
        return ""

    return Kind("the name of an environment variable, such as OPENAI_API_KEY", problem, secret=True)


def redact_url(url: str) -> str:
    """``url`` with any user:password part, a path segment that looks like a key, query and fragment replaced by
    ``***`` (``?api-key=…``: a key may be in any of them); a value that looks like an API key itself, or that does
    not even split as a URL, is not shown."""
    if "://" not in url and _looks_like_key(url.strip()):  # a key pasted as the URL
        return "<not shown: it looks like an API key>"
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[x/v1": an unclosed IPv6 bracket
        return "<not shown>"
    if "@" in parts.netloc:
        parts = parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2])
    path = "/".join("***" if _looks_like_key(segment) else segment for segment in parts.path.split("/"))
    return parts._replace(
        path=path, query="***" if parts.query else "", fragment="***" if parts.fragment else ""
    ).geturl()


def endpoint_url() -> Kind:
    """An http(s) base URL with a host, a valid port and no credentials (the API key goes in its variable)."""

    def problem(value: Any) -> str:
        if not isinstance(value, str):
            return "not a string"
        if not value:
            return ""
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 - raises ValueError for a malformed port
        except ValueError:
            return f"malformed URL or port ({redact_url(value)})"
        if parts.scheme not in ("http", "https"):
            return f"{redact_url(value)} is not an http:// or https:// URL"
        if not parts.hostname:
            return f"{redact_url(value)} has no host"
        if "@" in parts.netloc:
            return f"credentials in the URL are refused ({redact_url(value)}); put the API key in its variable"
        if parts.query or parts.fragment:  # the SDK appends /chat/completions to the URL, after any query
            return (
                f"a query or fragment is refused ({redact_url(value)}): requests would go to the URL's bare path;"
                " for Azure use https://<resource>.openai.azure.com/openai/v1/, which needs no api-version"
            )
        if any(_looks_like_key(segment) for segment in parts.path.split("/")):
            # the URL is shown in notes, errors and every report's extractor line: a key in it would be too
            return f"an API key in the URL's path is refused ({redact_url(value)}); put it in its variable"
        return ""

    return Kind("an http:// or https:// URL", problem, secret=True)


def chosen(value: Any, kind: Kind) -> Any:
    """A choice in any case as its kind spells it ("OFFLINE", "Warning": "offline", "warning"), as the command
    line takes them; any other value as it is (``check`` then says what is wrong with it)."""
    if kind.choices and isinstance(value, str):
        return next((choice for choice in kind.choices if choice.casefold() == value.casefold()), value)
    return value


def check(name: str, value: Any, kind: Kind, origin: str = "") -> None:
    """Raise ConfigError naming the setting (and where it was set) when ``value`` is not of ``kind``."""
    problem = kind.problem(value)
    if not problem:
        return
    where = f"{origin}: " if origin else ""
    if kind.secret:
        raise ConfigError(f"{where}{name}: {problem}")
    hint = f"; {problem}" if problem.startswith("write ") else ""
    raise ConfigError(f"{where}{name}: expected {kind.expected}, got {clip(repr(value), 60)}{hint}")


class Setting(NamedTuple):
    """Everything about one setting except its name and default (the Config field's): flake8's ``Option``.

    ``file_key`` is the key in ``[tool.factlint]`` (None: not settable in a file); ``env`` the environment
    variables, first set wins; ``flag`` the command-line option (``negate``: the flag turns the setting off, as
    ``--no-cache``); ``group`` the heading of ``--help`` it is listed under.
    """

    kind: Kind
    help: str
    file_key: str | None = ""  # "": the field's own name
    env: tuple[str, ...] = ()
    flag: str = ""
    negate: bool = False
    group: str = ""
    metavar: str | None = None  # what --help shows for the flag's value


# The Settings of the fields declared so far, in order, until ``declared`` names them.
_DECLARED: list[Setting] = []


def setting(default: Any = None, kind: Kind | None = None, help: str = "", **more: Any) -> Any:
    """A Config field declared with its Setting: the field's default, and the kind, help, file key, env and flag
    recorded for ``declared``."""
    _DECLARED.append(Setting(kind or text(), help, **more))
    return default


def declared(fields: Sequence[str]) -> dict[str, Setting]:
    """The Settings recorded by ``setting`` since the last call, by the names of the fields that declared them."""
    found = list(_DECLARED)
    _DECLARED.clear()
    if len(found) != len(fields):
        raise TypeError(f"{len(fields)} fields, {len(found)} settings: declare every field with setting()")
    return dict(zip(fields, found, strict=True))
