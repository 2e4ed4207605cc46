"""The data files read at start-up (``checker/data/*.toml``) are read with rtoml, which imports and parses in ~1 ms
where tomllib takes ~5: both must read every file to the same tables, of the same types."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import rtoml

import checker

DATA = sorted((Path(checker.__file__).parent / "data").glob("*.toml"))


def typed(value: Any) -> Any:
    """The value with the type of every item beside it, so that 1 and 1.0 or a list and a tuple differ."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value).__name__, value)


def test_every_data_file_is_found() -> None:
    assert {path.name for path in DATA} >= {"attribution.toml", "taxonomy.toml"}


@pytest.mark.parametrize("path", DATA, ids=lambda path: path.name)
def test_rtoml_reads_a_data_file_as_tomllib_does(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert typed(rtoml.loads(text)) == typed(tomllib.loads(text))


def test_the_comparison_sees_a_type_apart() -> None:
    assert typed(rtoml.loads("a = [1, 2]")) != typed(tomllib.loads("a = [1.0, 2]"))
