"""A scope's briefing for the last N hours, from the service's stored analyses.

The one path from stored articles to a ``Briefing``: ``/briefing now``, the scheduled briefings
and ``briefbot briefing`` all come through here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from bot.briefing.compose import AnalyzedArticle, compose_briefing
from bot.briefing.types import Briefing
from bot.errors import InputError
from bot.models import Scope
from bot.store.records import SpeakerTally

MAX_HOURS = 168


class ArticleSource(Protocol):
    """What building a briefing needs of ``bot.service.Service``."""

    async def articles_since(
        self, scope: Scope, since: datetime, until: datetime | None = None
    ) -> Sequence[AnalyzedArticle]: ...

    async def speakers_like(self, scope: Scope, names: Iterable[str]) -> list[SpeakerTally]: ...


def check_hours(hours: int) -> int:
    """A window length users may ask for: 1 hour to a week."""
    if not 1 <= hours <= MAX_HOURS:
        raise InputError(f"A briefing covers 1 to {MAX_HOURS} hours (a week); {hours} is not.")
    return hours


async def briefing_for(service: ArticleSource, scope: Scope, hours: int, now: datetime) -> Briefing:
    """The briefing of ``scope`` over the ``hours`` before ``now``.

    Grouping is CPU work (a few milliseconds for 50 articles), done in a thread so a window of
    hundreds of feed articles cannot stall the event loop.
    """
    since = now - timedelta(hours=check_hours(hours))
    items = await service.articles_since(scope, since, now)
    names = {s.name for item in items for s in item.analysis.speakers if s.kind == "person"}
    known = await service.speakers_like(scope, names)
    return await asyncio.to_thread(compose_briefing, items, since, now, known_speakers=known)
