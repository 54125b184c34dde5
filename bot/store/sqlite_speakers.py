"""The speakers one scope has quoted, for linking their names across articles (SQLite).

Kept apart from the quote index (``sqlite_quotes``): it answers with names and counts, never
with quotes, and ``bot.speaker_identity`` above the store decides who is who.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.store.records import SpeakerTally
from bot.store.sqlite_connection import SqliteConnection, stamp


class SqliteSpeakers(SqliteConnection):
    """The ``Store``'s ``scope_speakers``."""

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
        # "+s.submitted_at" keeps SQLite on the (scope_key, article_id) index: with the time
        # range usable it reads the scope's whole submission history for every quote.
        marks = ", ".join("?" for _ in keys)
        sql = (
            "SELECT sp.name, sp.kind, COUNT(*) FROM speakers sp"
            " JOIN quotes q ON q.speaker_id = sp.id"
            f" WHERE sp.surname_key IN ({marks}) AND EXISTS (SELECT 1 FROM submissions s"
            f" WHERE s.article_id = q.article_id AND s.scope_key = ?{window.format('+s.')})"
            " GROUP BY sp.id"
        )
        return await self._tallies(sql, [*keys, *params])

    async def _tallies(self, sql: str, params: Sequence[str]) -> list[SpeakerTally]:
        rows = await self._all(sql, params)
        return [SpeakerTally(row[0], row[1], int(row[2])) for row in rows]
