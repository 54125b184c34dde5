"""The ``briefbot`` command: one sub-command module per concern, each with ``register``.

Every module in ``COMMAND_MODULES`` exposes ``register(subparsers)``, which adds its parsers
and sets ``handler`` to a function ``(args, settings) -> int`` (the exit code). Errors users
can cause are ``BriefbotError``s and become a one-line message and an exit code here, in one
place; anything else is a bug and is reported with a short id rather than a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import uuid
from collections.abc import Sequence

from bot.config import Settings
from bot.errors import BriefbotError
from bot.logs import QUIET_LEVEL, SILENT, LogSetup
from bot.logs import configure as configure_logs
from bot.store.sqlite_open import query_error

COMMAND_MODULES = (
    "bot.cli.analyze",
    "bot.cli.evaluate",
    "bot.cli.store_commands",
    "bot.cli.database_commands",
    "bot.cli.briefing",
    "bot.cli.discord_commands",
)

BOT_COMMANDS = frozenset({"run"})
"""Commands that run the bot, which logs at ``BRIEFBOT_LOG_LEVEL`` as a service does."""

log = logging.getLogger("briefbot")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, assembled from every command module that is installed."""
    parser = argparse.ArgumentParser(
        prog="briefbot",
        description="Summaries, key quotes and who said what, for news articles.",
    )
    parser.add_argument("--env-file", default=".env", help="settings file (default: .env)")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log at BRIEFBOT_LOG_LEVEL, libraries too"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``briefbot`` and ``python -m bot``; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    database = "the database"
    try:
        settings = Settings.load(env_file=args.env_file)
        database = settings.database
        configure_logs(_log_setup(args, settings))
        if args.command is None:
            return _default_job(parser, settings)
        return int(args.handler(args, settings))
    except BriefbotError as error:
        return _refuse(error)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:
        failure = query_error(database, error)  # a corrupt page or failing disk, on any query
        if failure is not None:
            return _refuse(failure)
        error_id = uuid.uuid4().hex[:8]
        log.exception("unexpected error %s", error_id)
        print(f"briefbot: something went wrong (error id {error_id}).", file=sys.stderr)
        return 70


def _refuse(error: BriefbotError) -> int:
    print(f"briefbot: {error.message}", file=sys.stderr)
    return error.exit_code


def _log_setup(args: argparse.Namespace, settings: Settings) -> LogSetup:
    """A command prints one line for bad input: our errors only, unless ``--verbose``.

    The bot logs at its level as a service does, with the libraries' warnings and errors
    (discord.py's rate limits, a gateway that drops).
    """
    level = logging.getLevelName(settings.log_level.upper())
    if args.verbose:
        return LogSetup(level, library_level=level)
    if args.command in BOT_COMMANDS or (args.command is None and settings.discord_token):
        return LogSetup(level, library_level=max(level, logging.WARNING))
    return LogSetup(max(level, QUIET_LEVEL), library_level=SILENT)


def _default_job(parser: argparse.ArgumentParser, settings: Settings) -> int:
    """No sub-command: run the bot when a token is set, else show the sample article's digest."""
    command = "run" if settings.discord_token else "sample"
    args = parser.parse_args([command])
    return int(args.handler(args, settings))
