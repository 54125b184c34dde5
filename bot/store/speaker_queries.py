"""The speakers one scope has quoted, for linking their names across articles, in SQL both
drivers run.

Kept apart from the quote index (``quote_queries``): it answers with names and counts, never
with quotes, and ``bot.speaker_identity`` above the store decides who is who.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

from bot.store.records import SpeakerTally
from bot.store.times import stamp


class SpeakerQueries:
    """The ``Store``'s ``scope_speakers``, mixed into a driver's connection class (whose
    ``_all(sql, params)`` runs it)."""

    _all: Callable[..., Awaitable[list[Any]]]

    submitted_at_hint = ""
    """Written before ``s.submitted_at`` in the surname query: SQLite's driver sets ``+`` (see
    there); PostgreSQL plans well without it (and a unary ``+`` on text is an error there)."""

    async def scope_speakers(
        self,
        scope_key: str,
        *,
        since: datetime | None = None,
        surnames: Sequence[str] | None = None,
    ) -> list[SpeakerTally]:
        params: list[str] = [scope_key]
        window = ""
        if since is not None:
            window = " AND {}submitted_at >= ?"
            params.append(stamp(since))
        if surnames is None:
            # Every quote of the scope: one pass over the scope's articles' quotes.
            articles = f"SELECT article_id FROM submissions WHERE scope_key = ?{window.format('')}"
            sql = (
                "SELECT sp.name, sp.kind, COUNT(*) FROM quotes q"
                " JOIN speakers sp ON sp.id = q.speaker_id"
                f" WHERE q.article_id IN ({articles}) GROUP BY sp.id"
            )
            return await self._tallies(sql, params)
        keys = sorted({s for s in surnames if s})
        if not keys:
            return []
        # From the surname index to those speakers' quotes, each checked against the scope.
        marks = ", ".join("?" for _ in keys)
        submitted_at = self.submitted_at_hint + "s."
        sql = (
            "SELECT sp.name, sp.kind, COUNT(*) FROM speakers sp"
            " JOIN quotes q ON q.speaker_id = sp.id"
            f" WHERE sp.surname_key IN ({marks}) AND EXISTS (SELECT 1 FROM submissions s"
            f" WHERE s.article_id = q.article_id AND s.scope_key = ?{window.format(submitted_at)})"
            " GROUP BY sp.id"
        )
        return await self._tallies(sql, [*keys, *params])

    async def _tallies(self, sql: str, params: Sequence[str]) -> list[SpeakerTally]:
        rows = await self._all(sql, params)
        return [SpeakerTally(row[0], row[1], int(row[2])) for row in rows]
