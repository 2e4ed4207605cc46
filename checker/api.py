"""The library's entry points: check a text or a file, check paths as the CLI does, load the settings.

The CLI is a caller of these, like any other program (flake8's ``get_style_guide().check_files()``, httpx's
top-level functions). ``factlint`` (the top-level package) re-exports them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from checker import config as config_mod, document, pipeline
from checker.config import Config
from checker.extract.base import Extractor
from checker.models import Report


def load_config(
    start: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    *,
    file: str | os.PathLike[str] | None = None,
    **settings: object,
) -> Config:
    """The settings a run from ``start`` would use: defaults < config file < ``environ`` (default: os.environ)
    < ``settings`` (keyword arguments named as the config keys: ``extractor="offline"``, ``select=("FL1",)``,
    ``no_cache=True``), checked as a config file's are: an unknown key or a value of the wrong type is a
    ConfigError naming it."""
    return config_mod.load(
        None if start is None else Path(start),
        None if environ is None else dict(environ),
        file=None if file is None else Path(file),
        isolated=False,  # the config file is read, as load_config's docstring says (CLI --isolated: none)
        **config_mod.from_table(settings, "load_config", " (settings are named as config keys)"),
    )


def check(text_or_path: str | os.PathLike[str], config: Config | None = None) -> Report:
    """Check one draft: a ``str`` is the draft's text; a path (``pathlib.Path``) is a file to read.

    ``config`` None means the defaults (``Config()``): no config file and no environment are read, so the
    offline extractor runs unless the config names an endpoint. A file that cannot be read raises InputError.
    """
    cfg = config or Config()
    text = isinstance(text_or_path, str)
    doc = document.from_text(str(text_or_path)) if text else document.load(os.fspath(text_or_path))
    return pipeline.check_document(doc, cfg)


def check_paths(
    paths: Sequence[str | os.PathLike[str]],
    config: Config | None = None,
    *,
    baseline: str | os.PathLike[str] | None = None,
    extractor: Extractor | None = None,
) -> list[Report]:
    """Check files and directories as ``factlint check`` does: one report per draft found, in order.

    A draft that cannot be read gives a report with ``error`` set (and an ``FL001`` finding), one the LLM could
    not extract likewise (``FL002``); the others are checked. With ``baseline`` (a file written by ``factlint
    baseline``) accepted findings are left out; the config's own ``baseline`` is used only by the CLI. No PATH
    uses the config's ``paths``.
    """
    cfg = config or Config()
    if baseline is not None:
        cfg = cfg.replace(baseline=os.fspath(baseline))
    return list(
        pipeline.reports([os.fspath(p) for p in paths], cfg, use_baseline=baseline is not None, extractor=extractor)
    )
