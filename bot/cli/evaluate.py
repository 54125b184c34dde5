"""``briefbot eval summaries|quotes|extract DATA``: quality numbers over the shared data sets.

Each benchmark lives in ``bot.evaluation.<name>`` with ``run(data, out, limit) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from bot.cli.options import int_between
from bot.config import Settings

DEFAULT_DATA = {
    "summaries": "../shared/data/summaries/cnndm_dev.jsonl",
    "quotes": "../shared/data/quotes/polnear_dev.jsonl",
    "extract": "../shared/data/extract",
}
MAX_RECORDS = 1_000_000
"""Most records ``--limit`` may ask for: far more than any shared data set holds."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("eval", help="measure quality on an evaluation data set")
    parser.add_argument("benchmark", choices=sorted(DEFAULT_DATA))
    parser.add_argument("data", nargs="?", help="data file or folder (default: ../shared/data/…)")
    parser.add_argument("--out", type=Path, help="write predictions (JSONL) here")
    parser.add_argument(
        "--limit", type=int_between(1, MAX_RECORDS), help="only the first N records"
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    module = importlib.import_module(f"bot.evaluation.{args.benchmark}")
    data = Path(args.data or DEFAULT_DATA[args.benchmark])
    return int(module.run(data, args.out, args.limit))
