"""How Briefbot logs, in the main process and in its worker processes alike.

Bad input must answer with one line, so in a terminal command only our own errors are logged
unless ``--verbose``; the libraries we call (trafilatura, readability, pypdf, …) log every
awkward page at WARNING or ERROR, which is noise to a person and to the bot's log alike.
Worker processes are spawned with no logging set up, so the pool hands them the same setup.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass

OWN_LOGGERS = ("bot", "briefbot", "cogs")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
QUIET_LEVEL = logging.ERROR
"""A terminal command without ``--verbose`` logs only errors (a bug's error id)."""


SILENT = logging.CRITICAL + 1


@dataclass(frozen=True)
class LogSetup:
    """What to log: our records from ``level`` up, other libraries' from ``library_level`` up
    (``SILENT``: none at all)."""

    level: int = logging.INFO
    library_level: int = SILENT


class _LibraryLevel(logging.Filter):
    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        own = record.name.split(".", 1)[0] in OWN_LOGGERS
        return own or record.levelno >= self.level


_current = LogSetup()


def configure(setup: LogSetup) -> None:
    """Send log records to stderr as ``setup`` says, replacing any earlier setup."""
    global _current
    _current = setup
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "briefbot", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.briefbot = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(_LibraryLevel(setup.library_level))
    handler.setLevel(setup.level)
    root.addHandler(handler)
    root.setLevel(min(root.getEffectiveLevel(), setup.level))


def current() -> LogSetup:
    """The setup of this process, for the workers it starts."""
    return _current
