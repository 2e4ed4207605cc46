"""Every test runs in the same environment wherever pytest runs: the variables a CI host sets, which change what
factlint writes, are unset (a test that needs one sets it)."""

from __future__ import annotations

import pytest

# GITHUB_WORKSPACE: the root github annotations and SARIF give paths from; NO_COLOR/FORCE_COLOR: the text report's
# colour
_HOST = ("GITHUB_WORKSPACE", "NO_COLOR", "FORCE_COLOR")


@pytest.fixture(autouse=True)
def _host_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in _HOST:
        monkeypatch.delenv(var, raising=False)
