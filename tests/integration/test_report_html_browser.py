"""The HTML review page in a real browser (headless Chromium): selection by URL and by click, and a screenshot.

Skipped when Chromium is not installed (Debian package ``chromium``; ``.ci/run`` installs it). With
``FACTLINT_UPDATE_GOLDENS=1`` the screenshot is also written to ``docs/html-report.png`` for the README.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from checker import config as config_mod
from checker.document import load
from checker.models import Report, Severity
from checker.pipeline import check_document
from checker.report import RenderOptions, html

ROOT = Path(__file__).parents[2]
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
SCREENSHOT = ROOT / "docs" / "html-report.png"
WIDTH, HEIGHT = 1400, 1000
CONTRADICTED_BG = (0xFF, 0xCF, 0xCC)  # --contradicted-bg in checker/report/assets/report.css

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def seed() -> Report:
    return check_document(load(str(ROOT / "examples" / "al-khalis.txt")), config_mod.Config(extractor="offline"))


@pytest.fixture(scope="module")
def page(seed: Report, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "al-khalis.html"
    path.write_text(html.render([seed], RenderOptions(root=ROOT)), encoding="utf-8")
    return path


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def finding_key(report: Report, code: str) -> str:
    return f"d0-f{next(n for n, f in enumerate(report.findings) if f.code == code)}"


def active(dom: str) -> set[str]:
    """Ids (or data-q lists) of every element the page marked active."""
    found = set()
    for tag in re.findall(r"<[a-z]+ [^>]*\bactive\b[^>]*>", dom):
        ident = re.search(r'\bid="([^"]+)"', tag) or re.search(r'\bdata-q="([^"]+)"', tag)
        assert ident, tag
        found.add(ident.group(1))
    return found


def test_url_hash_selects_a_finding_and_marks_its_quotes(seed: Report, page: Path, tmp_path: Path) -> None:
    key = finding_key(seed, "FL101")
    dom = chromium(tmp_path, "--dump-dom", f"{page.as_uri()}#{key}").stdout
    assert f'data-selected="{key}"' in dom
    finding = seed.findings[int(key.removeprefix("d0-f"))]
    claim_ids = {f"d0-{c.id}" for c in finding.claims}
    marked = active(dom)
    assert f"finding-{key}" in marked
    assert {f"fig-{c}" for c in claim_ids} <= marked
    assert claim_ids <= marked  # the quote pieces around the figures
    assert not {m for m in marked if m.startswith("finding-")} - {f"finding-{key}"}


def test_clicking_a_finding_then_a_figure(seed: Report, page: Path, tmp_path: Path) -> None:
    """A small script clicks like an editor would; the page's own handlers do the rest."""
    first, figure = finding_key(seed, "FL102"), "fig-d0-c1"
    script = (
        f'<script>document.getElementById("finding-{first}").click();'
        "var root = document.documentElement;"
        'root.setAttribute("data-after-card", root.getAttribute("data-selected"));'
        f'document.getElementById("{figure}").click();</script>'
    )
    clicked = tmp_path / "clicked.html"
    clicked.write_text(page.read_text(encoding="utf-8").replace("</body>", script + "</body>"), encoding="utf-8")
    dom = chromium(tmp_path, "--dump-dom", clicked.as_uri()).stdout
    assert f'data-after-card="{first}"' in dom
    # clicking "Fifty" selects the first finding that involves it, and only that one
    fifty = next(c for c in seed.claims if c.figure == "Fifty")
    expected = next(n for n, f in enumerate(seed.findings) if fifty in f.claims)
    assert f'data-selected="d0-f{expected}"' in dom
    assert [m for m in active(dom) if m.startswith("finding-")] == [f"finding-d0-f{expected}"]


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB(A) pixels of an 8-bit, non-interlaced PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        header = body if kind == b"IHDR" else header
        idat += body if kind == b"IDAT" else b""
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    bpp = 3 if colour == 2 else 4
    raw, stride, rows = zlib.decompress(idat), width * bpp, []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = previous[i], previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(bytes(line) if bpp == 3 else bytes(b for i, b in enumerate(line) if i % 4 != 3))
        previous = line
    return width, height, rows


def test_screenshot_shows_the_contradictions(seed: Report, page: Path, tmp_path: Path) -> None:
    key = f"d0-f{next(n for n, f in enumerate(seed.findings) if f.severity is Severity.ERROR)}"
    shot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}", f"{page.as_uri()}#{key}")
    width, height, rows = png_pixels(shot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    pink = bytes(CONTRADICTED_BG)
    highlighted = sum(1 for row in rows for i in range(0, len(row), 3) if row[i : i + 3] == pink)
    assert highlighted > 2000, "contradicted figures are highlighted on screen"
    if os.environ.get("FACTLINT_UPDATE_GOLDENS") == "1":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)
