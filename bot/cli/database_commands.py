"""``briefbot db check`` and ``briefbot db migrate``: which database, and moving to PostgreSQL.

``check`` reads without changing anything. ``migrate --from briefbot.db --to postgresql://…``
copies a SQLite file into a PostgreSQL database (``bot.store.transfer``) with a progress bar on
the terminal, and may be re-run until it reports every table equal.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TextIO

from bot.cli.options import int_between
from bot.config import Settings
from bot.errors import InputError
from bot.store.inspection import DatabaseReport, inspect_database
from bot.store.pg_connection import is_postgres_url, shown_url
from bot.store.transfer import DEFAULT_BATCH

BAR_WIDTH = 30


def register(subparsers: argparse._SubParsersAction) -> None:
    database = subparsers.add_parser("db", help="the database: check it, move to PostgreSQL")
    actions = database.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check", help="which database is in use, its schema version and row counts"
    )
    check.add_argument("--database", help="another database (default: BRIEFBOT_DATABASE)")
    check.set_defaults(handler=_check)
    migrate = actions.add_parser(
        "migrate",
        help="copy a SQLite database into PostgreSQL (safe to re-run)",
        description="Copy every table of a SQLite file into a PostgreSQL database, in batches.",
    )
    migrate.add_argument("--from", dest="source", required=True, metavar="FILE")
    migrate.add_argument("--to", dest="target", required=True, metavar="postgresql://…")
    migrate.add_argument(
        "--batch",
        type=int_between(1, 100_000),
        default=DEFAULT_BATCH,
        help=f"rows per transaction (default {DEFAULT_BATCH:,})",
    )
    migrate.add_argument(
        "--replace",
        action="store_true",
        help="delete whatever the target holds first (it is refused when it holds other data)",
    )
    migrate.set_defaults(handler=_migrate)


def _check(args: argparse.Namespace, settings: Settings) -> int:
    report = asyncio.run(inspect_database(args.database or settings.database))
    print(describe(report))
    return 0


def describe(report: DatabaseReport) -> str:
    """The report as ``db check`` prints it."""
    state = (
        "up to date"
        if report.version == report.known
        else (
            f"{report.known - report.version} migration(s) to apply at the next start"
            if report.version < report.known
            else "newer than this Briefbot"
        )
    )
    lines = [
        f"Database: {report.name} ({'PostgreSQL' if report.driver == 'postgresql' else 'SQLite'})",
        f"Schema version: {report.version} of {report.known} ({state})",
        "Rows:",
    ]
    width = max(len(name) for name in report.counts)
    for name, count in report.counts.items():
        lines.append(f"  {name:<{width}}  {'—' if count is None else f'{count:>12,}'}")
    return "\n".join(lines)


def _migrate(args: argparse.Namespace, settings: Settings) -> int:
    if not is_postgres_url(args.target):
        raise InputError(f"--to must be a postgresql:// URL, not {args.target!r}.")
    if is_postgres_url(args.source) or not Path(args.source).is_file():
        raise InputError(f"--from must be an existing SQLite file; {args.source!r} is not one.")
    counts = asyncio.run(_copy(args, ProgressBar(sys.stderr)))
    print(f"Copied {args.source} to {shown_url(args.target)}; every table matches:")
    width = max(len(name) for name in counts)
    for name, (rows, _) in counts.items():
        print(f"  {name:<{width}}  {rows:>12,}")
    return 0


async def _copy(args: argparse.Namespace, progress: ProgressBar) -> dict[str, tuple[int, int]]:
    from bot.store.postgres import PostgresStore
    from bot.store.sqlite import SqliteStore
    from bot.store.transfer import transfer

    source = await SqliteStore.open(args.source)
    try:
        target = await PostgresStore.open(args.target)
        try:
            report = await transfer(
                source, target, batch=args.batch, replace=args.replace, progress=progress
            )
        finally:
            await target.close()
    finally:
        await source.close()
    return report.counts


class ProgressBar:
    """One line per table, redrawn in place on a terminal (a line when done elsewhere)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()

    def __call__(self, table: str, done: int, total: int) -> None:
        if not self.live and done < total:
            return
        filled = BAR_WIDTH if total == 0 else BAR_WIDTH * done // total
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        line = f"{table:<22} [{bar}] {done:,}/{total:,}"
        end = "\n" if done >= total else ""
        self.stream.write(("\r" if self.live else "") + line + end)
        self.stream.flush()
