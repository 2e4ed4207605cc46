"""``python -m evals``: run modes, print the table, write JSON, check or update the ratchet, publish.

Exit codes: 0 done (and no ratchet figure dropped), 1 a figure fell below the baseline, 2 bad arguments or a
corpus file that fails the loader check.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from checker.config import Config
from checker.errors import FactlintError
from evals import corpus, publish, ratchet
from evals.run import MODES, RunResult, run

EVALS_DIR = Path(__file__).resolve().parent


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m evals", description="Score factlint on the labelled corpus.")
    parser.add_argument(
        "--mode",
        action="append",
        choices=MODES,
        help="oracle, offline (default), llm, replay or judge; repeat to run several",
    )
    parser.add_argument("--json", metavar="PATH", help="write the results here (default evals/out/MODE.json)")
    parser.add_argument("--check-ratchet", metavar="BASELINE", help="exit 1 if any figure is below BASELINE's")
    parser.add_argument("--update-ratchet", action="store_true", help="record this run's numbers in the baseline")
    parser.add_argument("--baseline", default=str(EVALS_DIR / "baseline.json"), help="baseline for --update-ratchet")
    parser.add_argument("--publish", action="store_true", help="rewrite evals/results.md and the README table")
    parser.add_argument("--article", action="append", default=[], metavar="ID", help="only these articles")
    parser.add_argument("--data", default=str(corpus.DATA_DIR), metavar="DIR", help="the corpus (default evals/data)")
    parser.add_argument(
        "--recordings", metavar="DIR", help="blind recordings for replay (default: recordings/ beside the corpus)"
    )
    parser.add_argument("--judge", metavar="DIR", help="direct-judge recordings (default: judge/ beside the corpus)")
    parser.add_argument("--quiet", "-q", action="store_true", help="print the table only, not the misses")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    modes = args.mode or ["offline"]
    try:
        articles = corpus.load_corpus(Path(args.data), ids=tuple(args.article))
    except corpus.CorpusError as exc:
        print(f"evals: {exc}", file=sys.stderr)
        return 2
    taxonomy = Config().taxonomy
    bad = [(a.id, p) for a in articles for p in corpus.problems(a, taxonomy, Path(args.data) / f"{a.id}.json")]
    if bad:
        for article_id, problem in bad:
            print(f"evals: {article_id}: {problem}", file=sys.stderr)
        return 2

    results: list[RunResult] = []
    status = 0
    for mode in modes:
        try:
            data = Path(args.data)
            recordings = Path(args.recordings) if args.recordings else data.parent / "recordings"
            judge = Path(args.judge) if args.judge else data.parent / "judge"
            result = run(mode, articles, recordings, judge)
        except FactlintError as exc:
            print(f"evals: {exc}", file=sys.stderr)
            return 2
        results.append(result)
        print(publish.text_table(result, details=not args.quiet))
        out = Path(args.json) if args.json and len(modes) == 1 else EVALS_DIR / "out" / f"{mode}.json"
        if args.json and len(modes) > 1:
            out = Path(args.json).with_name(f"{Path(args.json).stem}-{mode}.json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result.to_dict(), indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out}")
        figures = result.figures()
        if args.check_ratchet:
            if args.article or Path(args.data).resolve() != corpus.DATA_DIR:
                print("evals: --check-ratchet needs the whole corpus (drop --article and --data)", file=sys.stderr)
                return 2
            baseline = ratchet.load(Path(args.check_ratchet))
            drops = ratchet.check(baseline, mode, figures)
            for line in drops:
                print(f"evals: RATCHET FAILED: {line}", file=sys.stderr)
            for line in ratchet.improvements(baseline, mode, figures):
                print(f"evals: {line} (raise the baseline with --update-ratchet)")
            if drops:
                status = 1
            else:
                print(f"evals: {mode}: no figure below {args.check_ratchet}")
        if args.update_ratchet:
            if args.article or Path(args.data).resolve() != corpus.DATA_DIR:
                print("evals: --update-ratchet needs the whole corpus (drop --article and --data)", file=sys.stderr)
                return 2
            ratchet.update(Path(args.baseline), mode, figures, result.date)
            print(f"updated {args.baseline} for mode {mode}")
    if args.publish:
        (EVALS_DIR / "results.md").write_text(publish.results_markdown(results), encoding="utf-8")
        publish.update_readme(EVALS_DIR / "README.md", results)
        print("wrote evals/results.md and the table in evals/README.md")
    return status
