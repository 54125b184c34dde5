"""``briefbot whosaid``, ``quotes``, ``speakers`` and ``cache``: what was analysed before.

Everything here reads the local scope (what ``briefbot analyze`` stored) unless ``--scope``
names a Discord server (``guild:ID``) or a user's DMs (``dm:ID``), for the bot's operator.
"""

from __future__ import annotations

import argparse
import asyncio
import textwrap
from datetime import UTC, datetime, timedelta

from bot.cli.options import MAX_LISTED, int_between
from bot.cli.session import cli_service, parse_scope
from bot.config import MAX_DAYS, Settings
from bot.errors import NotFoundError
from bot.service import QuoteMatch, echo

DEFAULT_PRUNE_DAYS = 30
MAX_ANSWERS = 100
WIDTH = 88


def register(subparsers: argparse._SubParsersAction) -> None:
    whosaid = subparsers.add_parser(
        "whosaid", help="who said a line you half remember", description="Who said …?"
    )
    whosaid.add_argument("line", nargs="+", help="the words you remember (at least three)")
    whosaid.add_argument(
        "--limit", type=int_between(1, MAX_ANSWERS), default=3, help="most answers to show"
    )
    _scope_option(whosaid)
    whosaid.set_defaults(handler=_whosaid)

    quotes = subparsers.add_parser("quotes", help="everything a speaker was quoted saying")
    quotes.add_argument("--speaker", required=True, help="a name or any alias (e.g. a surname)")
    quotes.add_argument(
        "--limit", type=int_between(1, MAX_LISTED), default=20, help="most quotes to show"
    )
    _scope_option(quotes)
    quotes.set_defaults(handler=_quotes)

    speakers = subparsers.add_parser("speakers", help="the most quoted speakers lately")
    speakers.add_argument(
        "--days", type=int_between(0, MAX_DAYS), default=7, help="look back this many days"
    )
    speakers.add_argument(
        "--limit", type=int_between(1, MAX_LISTED), default=10, help="most speakers to show"
    )
    _scope_option(speakers)
    speakers.set_defaults(handler=_speakers)

    cache = subparsers.add_parser("cache", help="the analysis cache: stats, prune")
    actions = cache.add_subparsers(dest="cache_action", metavar="ACTION", required=True)
    actions.add_parser("stats", help="what the database holds").set_defaults(handler=_stats)
    prune = actions.add_parser("prune", help="drop cached analyses older than N days")
    prune.add_argument(
        "--days",
        type=int_between(0, MAX_DAYS),
        help=f"age limit (default: BRIEFBOT_PRUNE_DAYS or {DEFAULT_PRUNE_DAYS})",
    )
    prune.set_defaults(handler=_prune)


def _scope_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scope", default="local", help="local (default), guild:ID or dm:ID (bot operators)"
    )


def _whosaid(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_run_whosaid(args, settings))


async def _run_whosaid(args: argparse.Namespace, settings: Settings) -> int:
    line = " ".join(args.line)
    async with cli_service(settings) as service:
        answer = await service.whosaid(line, parse_scope(args.scope), limit=args.limit)
    if answer.matches:
        print("\n\n".join(_describe(match) for match in answer.matches))
        return 0
    if not answer.near_misses:
        raise NotFoundError(f"No stored quote matches “{echo(line)}”, and nothing comes close.")
    print(f"No stored quote matches “{echo(line)}”. The closest:\n")
    print("\n\n".join(_describe(match) for match in answer.near_misses))
    return NotFoundError.exit_code


def _quotes(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_run_quotes(args, settings))


async def _run_quotes(args: argparse.Namespace, settings: Settings) -> int:
    async with cli_service(settings) as service:
        found = await service.quotes_by_speaker(
            args.speaker, parse_scope(args.scope), limit=args.limit
        )
    if not found:
        raise NotFoundError(f"No stored quotes by {echo(args.speaker)}.")
    print("\n\n".join(_describe(match, show_score=False) for match in found))
    return 0


def _speakers(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_run_speakers(args, settings))


async def _run_speakers(args: argparse.Namespace, settings: Settings) -> int:
    since = datetime.now(UTC) - timedelta(days=args.days)
    async with cli_service(settings) as service:
        top = await service.top_speakers(parse_scope(args.scope), since, limit=args.limit)
    if not top:
        raise NotFoundError(f"Nobody was quoted in the articles of the last {args.days} days.")
    width = max(len(name) for name, _ in top)
    for name, count in top:
        print(f"{name:<{width}}  {count:>4} quote{'s' if count != 1 else ''}")
    return 0


def _stats(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_run_stats(settings))


async def _run_stats(settings: Settings) -> int:
    async with cli_service(settings) as service:
        await service.check_database()
        stats = await service.cache_stats()
    print(f"database          {settings.database}")
    print(f"{'integrity':<18}ok (PRAGMA quick_check)")
    for key in ("articles", "analyses", "stale_analyses", "quotes", "speakers", "submissions"):
        print(f"{key.replace('_', ' '):<18}{stats[key]:,}")
    print(f"{'size':<18}{stats['database_bytes'] / 1e6:,.2f} MB")
    return 0


def _prune(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_run_prune(args, settings))


async def _run_prune(args: argparse.Namespace, settings: Settings) -> int:
    days = args.days if args.days is not None else settings.prune_days or DEFAULT_PRUNE_DAYS
    async with cli_service(settings) as service:
        removed = await service.prune(days)
    print(
        f"Removed {removed:,} cached analys{'is' if removed == 1 else 'es'} older than "
        f"{days} days; quotes of articles still submitted somewhere are kept."
    )
    return 0


def _describe(match: QuoteMatch, *, show_score: bool = True) -> str:
    """One quote as an answer: the words, who said them, where, and the sentence around."""
    speaker = match.speaker or "an unidentified speaker"
    if match.role:
        speaker = f"{speaker}, {match.role}"
    wrap = textwrap.TextWrapper(width=WIDTH, initial_indent="  ", subsequent_indent="  ")
    lines = textwrap.wrap(f"“{match.quote.text.strip()}”", WIDTH)
    lines.append(f"  — {speaker}")
    source = " · ".join(p for p in (match.title, match.published, match.url) if p)
    lines += wrap.wrap(source)
    context = match.quote.context.strip()
    if context and context != match.quote.text.strip():
        lines += wrap.wrap(f"In context: {context}")
    if show_score:
        lines.append(f"  match {match.score:.0f}/100 · article #{match.article_id}")
    return "\n".join(lines)
