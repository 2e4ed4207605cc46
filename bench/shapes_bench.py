"""CPU seconds of the offline check on drafts of odd shapes, at N = 500, 1,000, 2,000 and 4,000 units, to find any
shape whose time grows faster than linear (ratio per doubling above 2.3).

    PYTHONPATH=. python bench/shapes_bench.py [--sizes 500,1000,2000,4000] [--shapes paragraph,numbers,...]

Each (shape, N) runs in its own process (a 4 GB address-space cap, a 5-minute limit) and reports the CPU seconds
of ``check_document`` (load → extract → rules; no report), so other processes on a shared machine count less than
in the wall clock. A unit is one sentence, figure, quotation, row or line, as the shape says. The drafts are made
up here (invented places and people); none is corpus text.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
from collections.abc import Callable

PLACES = ("Tarrow", "Harbour Mills", "Vell", "Oldcastle", "Brenford", "Marrow Cross", "Eastwick", "Lynde")
NAMES = ("Ana Ruiz", "Tom Hale", "Mira Osei", "Jon Pell", "Rita Vance", "Omar Lisk", "Ines Kade", "Paul Brem")
MONTHS = ("January", "March", "May", "July", "September", "November")


def _place(i: int) -> str:
    return f"{PLACES[i % len(PLACES)]} {i // len(PLACES) + 1}"


def _name(i: int) -> str:
    first, last = NAMES[i % len(NAMES)].split()
    return f"{first} {last}{'' if i < len(NAMES) else f'-{i // len(NAMES)}'}"


def paragraph(n: int) -> tuple[str, str]:
    """One paragraph of n ordinary sentences, no line break anywhere."""
    kinds = (
        "Police said {a} people were hurt in {p} on Monday.",
        "The council will spend ${a} million on roads in {p}.",
        "Some {b} homes in {p} lost power, the utility said.",
        "Unemployment in {p} rose to {c} percent last year.",
    )
    return " ".join(kinds[i % 4].format(a=i % 90 + 3, b=100 + i, c=i % 9 + 2, p=_place(i)) for i in range(n)), "text"


def numbers(n: int) -> tuple[str, str]:
    """One sentence listing n figures, comma-separated."""
    return "The monthly counts were " + ", ".join(str(100 + i * 7) for i in range(n - 1)) + f" and {n * 3}.\n", "text"


def flat_table(n: int) -> tuple[str, str]:
    """A table flattened into one sentence: n space-separated numbers (years and counts mixed)."""
    cells = " ".join(str(2000 + i % 24) if i % 5 == 0 else str(300 + i * 13) for i in range(n))
    return f"Results by district {cells}\n", "text"


def quotes(n: int) -> tuple[str, str]:
    """n quotations in one paragraph, speakers before and after."""
    kinds = ("“We lost {a} homes in one night,” said {s}.", "{s} said: “About {a} families have left.”")
    return " ".join(kinds[i % 2].format(a=i % 80 + 5, s=_name(i)) for i in range(n)) + "\n", "text"


def dates(n: int) -> tuple[str, str]:
    """One paragraph of n dated figures."""
    return " ".join(
        f"On {i % 28 + 1} {MONTHS[i % 6]} {1990 + i % 30}, {i % 70 + 4} people were hurt in {_place(i)}."
        for i in range(n)
    ) + "\n", "text"


def turnout(n: int) -> tuple[str, str]:
    """One paragraph of n undated turnout and vote figures."""
    kinds = ("Turnout in {p} was {c} percent.", "The motion in {p} won {a} votes.", "{a} people voted in {p}.")
    return " ".join(kinds[i % 3].format(a=1000 + i, c=i % 50 + 30, p=_place(i)) for i in range(n)) + "\n", "text"


def casualties(n: int) -> tuple[str, str]:
    """One paragraph of n undated casualty counts."""
    kinds = ("Rebels killed {a} people in {p}.", "{a} were injured in {p}, officials said.", "The blast killed {a}.")
    return " ".join(kinds[i % 3].format(a=i % 90 + 3, p=_place(i)) for i in range(n)) + "\n", "text"


def speakers(n: int) -> tuple[str, str]:
    """n sentences by n different named speakers, one paragraph each."""
    return "\n\n".join(
        f"{_name(i)}, a spokesman for the {_place(i)} council, said {i % 60 + 2} staff would go." for i in range(n)
    ) + "\n", "text"


def markdown_table(n: int) -> tuple[str, str]:
    """A Markdown table of n rows."""
    rows = [f"| {_place(i)} | {1000 + i * 3} | {i % 90 + 5}% |" for i in range(n)]
    return "# Results\n\n| district | votes | turnout |\n|---|---:|---:|\n" + "\n".join(rows) + "\n", "markdown"


def html_table(n: int) -> tuple[str, str]:
    """An HTML table of n rows."""
    rows = "".join(f"<tr><td>{_place(i)}</td><td>{1000 + i * 3}</td><td>{i % 90 + 5}%</td></tr>\n" for i in range(n))
    return f"<html><body><h1>Results</h1>\n<table>\n{rows}</table></body></html>\n", "html"


def bullets(n: int) -> tuple[str, str]:
    """n bullet lines with figures (a list with no blank line), each line's place without a number (one ending
    in a number reads with the next line's "- 36" as a range: see RESULTS.md)."""
    lines = (f"- {i % 40 + 2} homes destroyed in {PLACES[i % len(PLACES)]}\n" for i in range(n))
    return "Damage so far:\n" + "".join(lines), "text"


def numbered_bullets(n: int) -> tuple[str, str]:
    """n bullet lines whose places end in a number ("in Vell 12"), the next line opening "- 36"."""
    return "Damage so far:\n" + "".join(f"- {i % 40 + 2} homes destroyed in {_place(i)}\n" for i in range(n)), "text"


def percentages(n: int) -> tuple[str, str]:
    """One sentence of n percentages, every third with a base ("12% of its 300 staff")."""
    cells = (f"{i % 90 + 5}%" if i % 3 else f"{i % 60 + 2}% of its {100 + i} staff" for i in range(n))
    return "Support by district " + " ".join(cells) + ".\n", "text"


def bounded(n: int) -> tuple[str, str]:
    """One paragraph of n bounded figures of one quantity ("about 40", "more than 12")."""
    kinds = ("About {a} homes were destroyed.", "More than {a} homes were destroyed.", "{a} homes were destroyed.")
    return " ".join(kinds[i % 3].format(a=i % 90 + 3) for i in range(n)) + "\n", "text"


_ALL = (
    paragraph,
    numbers,
    flat_table,
    quotes,
    dates,
    turnout,
    casualties,
    speakers,
    markdown_table,
    html_table,
    bullets,
    numbered_bullets,
    bounded,
    percentages,
)
SHAPES: dict[str, Callable[[int], tuple[str, str]]] = {f.__name__: f for f in _ALL}

CHILD = r"""
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
from bench.shapes_bench import SHAPES
from checker import config as config_mod, document
from checker.pipeline import check_document
text, fmt = SHAPES[sys.argv[1]](int(sys.argv[2]))
cfg = config_mod.Config(extractor="offline")
cpu = time.process_time()
result = check_document(document.from_text(text, "bench", fmt), cfg)
print(json.dumps({"cpu": time.process_time() - cpu, "bytes": len(text.encode()), "claims": len(result.claims),
                  "findings": len(result.findings)}))
"""


def run(shape: str, n: int) -> dict[str, float] | None:
    """One (shape, N) in its own process; None when it failed or took over 5 minutes."""
    try:
        # -P: not the working directory first on sys.path, so PYTHONPATH=<tree> measures that tree's checker
        done = subprocess.run([sys.executable, "-P", "-c", CHILD, shape, str(n)], capture_output=True, text=True,
                              timeout=300, check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        return None
    if done.returncode:
        print(f"{shape} {n}: failed ({done.stderr.strip().splitlines()[-1:]})", file=sys.stderr)
        return None
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="500,1000,2000,4000", help="units, comma-separated")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated, of: " + ", ".join(SHAPES))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print(
        "| shape | " + " | ".join(f"N={n:,} CPU s" for n in sizes) + " | worst ratio per doubling | claims at top N |"
    )
    print("|---|" + "---:|" * (len(sizes) + 2))
    for shape in args.shapes.split(","):
        rows = [run(shape, n) for n in sizes]
        cells = [f"{r['cpu']:.2f}" if r else "—" for r in rows]
        ratios = [
            (b["cpu"] / a["cpu"]) ** (1 / math.log2(m / n))
            for (a, n), (b, m) in zip(
                zip(rows, sizes, strict=True), zip(rows[1:], sizes[1:], strict=True), strict=False
            )
            if a and b and a["cpu"] > 0.05
        ]
        worst = f"{max(ratios):.2f}" if ratios else "—"
        last = rows[-1]
        print(
            f"| {shape} | " + " | ".join(cells) + f" | {worst} | {int(last['claims']) if last else '—'} |", flush=True
        )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
