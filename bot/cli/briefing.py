"""``briefbot briefing``: the briefing of the last N hours, as markdown on standard output.

Reads the local scope (what ``briefbot analyze`` stored) unless ``--scope`` names a Discord
server (``guild:ID``), so an operator can preview what a server's briefing would say.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime

from bot.briefing.build import briefing_for
from bot.briefing.markdown import render_markdown
from bot.briefing.schedule import parse_zone
from bot.cli.session import cli_service, parse_scope
from bot.config import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "briefing",
        help="the briefing of the last N hours, as markdown",
        description="Stories, quotes of the day and the most quoted people of recent articles.",
    )
    parser.add_argument("--hours", type=int, default=24, help="window length (default: 24)")
    parser.add_argument(
        "--scope", default="local", help="local (default), guild:ID or dm:ID (bot operators)"
    )
    parser.add_argument(
        "--timezone", default="UTC", help="show times in this IANA zone (default: UTC)"
    )
    parser.set_defaults(handler=_briefing)


def _briefing(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_run(args, settings))


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    zone = parse_zone(args.timezone)
    scope = parse_scope(args.scope)
    async with cli_service(settings) as service:
        briefing = await briefing_for(service, scope, args.hours, datetime.now(UTC))
    print(render_markdown(briefing, zone), end="")
    return 0
