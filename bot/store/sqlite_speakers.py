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
        # "+s.submitted_at" keeps SQLite on the (scope_key, article_id) index: with the time
        # range usable it reads the scope's whole submission history for every quote.
        window = ""
        if since is not None:
            window = " AND +s.submitted_at >= ?"
            params.append(stamp(since))
        in_scope = (
            "EXISTS (SELECT 1 FROM submissions s WHERE s.article_id = q.article_id"
            f" AND s.scope_key = ?{window})"
        )
        if surnames is None:
            sql = (
                "SELECT sp.name, sp.kind, COUNT(*) FROM quotes q"
                f" JOIN speakers sp ON sp.id = q.speaker_id WHERE {in_scope} GROUP BY sp.id"
            )
        else:
            keys = sorted({s for s in surnames if s})
            if not keys:
                return []
            marks = ", ".join("?" for _ in keys)
            sql = (
                "SELECT sp.name, sp.kind, COUNT(*) FROM speakers sp"
                " JOIN quotes q ON q.speaker_id = sp.id"
                f" WHERE sp.surname_key IN ({marks}) AND {in_scope} GROUP BY sp.id"
            )
            params = [*keys, *params]
        rows = await self._all(sql, params)
        return [SpeakerTally(row[0], row[1], int(row[2])) for row in rows]
