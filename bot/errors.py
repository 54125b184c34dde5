"""Domain errors: every failure a user can cause, each with a message meant for a person.

Faces (the CLI and the Discord cogs) map these to an exit code or a reply in one place; anything
that is not a ``BriefbotError`` is a bug and is reported as such.
"""

from __future__ import annotations


class BriefbotError(Exception):
    """An expected failure whose ``message`` can be shown to the user as is."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(BriefbotError):
    """The text, file or option the user gave cannot be used (empty, binary, too large…)."""


class NotAnArticleError(BriefbotError):
    """The input holds no article worth summarizing (a teaser, an image, an empty page)."""


class FetchError(BriefbotError):
    """A link could not be fetched: blocked address, timeout, HTTP error, too large…"""


class BlockedURLError(FetchError):
    """A link points somewhere the bot must never connect to (private, loopback, metadata…)."""


class BusyError(BriefbotError):
    """The worker pool's queue is full; the user should try again shortly."""

    exit_code = 3


class AnalysisFailedError(BriefbotError):
    """The analysis of one article crashed or timed out; the bot itself carries on."""

    exit_code = 4


class NotFoundError(BriefbotError):
    """A lookup (who said…, an article, a speaker) found nothing in the user's scope."""

    exit_code = 1


class StoreError(BriefbotError):
    """The database cannot be opened or used (read-only, missing folder, corrupt, too new)."""

    exit_code = 5


class UnreachableError(BriefbotError):
    """A service Briefbot needs (Discord itself) cannot be reached over the network."""

    exit_code = 7


class ConfigError(BriefbotError):
    """A setting has a value that cannot be used."""

    exit_code = 6
