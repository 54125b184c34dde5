"""The quote index, in SQL both drivers run: a speaker's quotes, the latest quotes, and the
columns every quote answer carries (the most quoted speakers are ``speaker_queries``).

Every query here answers within one scope: a quote is found only through an article submitted
in that scope, and is shown with that scope's own address for it (``scope_queries.SCOPE_URL``).
Full-text search is each driver's own (FTS5 on SQLite, ``tsvector`` on PostgreSQL); writing
the index belongs to saving an analysis.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from bot.models import Analysis, Quote
from bot.store.records import QuoteRecord
from bot.store.scope_queries import SCOPE_URL

QUOTE_COLUMNS = f"""
    q.id, q.text, q.start_offset, q.end_offset, q.kind, q.context, q.speaker_name, q.role,
    a.id, a.title, {SCOPE_URL}, a.published, a.fetched_at
"""
"""What ``quote_record`` reads; takes the scope key as its parameter."""
QUOTE_JOINS = """
    JOIN articles a ON a.id = q.article_id
"""
IN_SCOPE = """
    EXISTS (SELECT 1 FROM submissions s WHERE s.article_id = q.article_id AND s.scope_key = ?)
"""


class QuoteQueries:
    """The ``Store``'s quote and speaker reads other than full text, mixed into a driver's
    connection class (whose ``_all(sql, params)`` runs them)."""

    _all: Callable[..., Awaitable[list[Any]]]

    async def recent_quotes(self, scope_key: str, limit: int) -> list[QuoteRecord]:
        rows = await self._all(
            f"SELECT {QUOTE_COLUMNS} FROM quotes q {QUOTE_JOINS} WHERE {IN_SCOPE}"
            " ORDER BY q.id DESC LIMIT ?",
            (scope_key, scope_key, limit),
        )
        return [quote_record(row) for row in rows]

    async def quotes_by_speaker(
        self, name_key: str, scope_key: str, limit: int
    ) -> list[QuoteRecord]:
        speaker_ids = await self._speakers_named(name_key)
        if not speaker_ids:
            return []
        marks = ", ".join("?" for _ in speaker_ids)
        rows = await self._all(
            f"SELECT {QUOTE_COLUMNS} FROM quotes q {QUOTE_JOINS}"
            f" WHERE q.speaker_id IN ({marks}) AND {IN_SCOPE}"
            " ORDER BY a.published DESC, a.fetched_at DESC, q.position LIMIT ?",
            (scope_key, *speaker_ids, scope_key, limit),
        )
        return [quote_record(row) for row in rows]

    async def _speakers_named(self, key: str) -> list[int]:
        """Speakers by exact name, else by exact alias, else by a whole word of an alias."""
        if not key:
            return []
        for sql, param in (
            ("SELECT id FROM speakers WHERE name_key = ?", key),
            ("SELECT DISTINCT speaker_id FROM speaker_aliases WHERE alias_key = ?", key),
            (
                "SELECT DISTINCT speaker_id FROM speaker_aliases"
                " WHERE ' ' || alias_key || ' ' LIKE ? ESCAPE '\\'",
                "% " + key.replace("%", "\\%").replace("_", "\\_") + " %",
            ),
        ):
            rows = await self._all(sql, (param,))
            if rows:
                return [int(r[0]) for r in rows]
        return []


def quote_record(row: Sequence[Any]) -> QuoteRecord:
    """A ``QUOTE_COLUMNS`` row as a record."""
    quote = Quote(
        text=row[1],
        start=int(row[2]),
        end=int(row[3]),
        kind=row[4],
        speaker=row[6],
        context=row[5],
    )
    return QuoteRecord(
        id=int(row[0]),
        quote=quote,
        speaker=row[6],
        role=row[7],
        article_id=int(row[8]),
        title=row[9],
        url=row[10],
        published=row[11] or row[12][:10],
    )


INSERT_QUOTE = (
    "INSERT INTO quotes (article_id, position, speaker_id, speaker_name, role, text,"
    " start_offset, end_offset, kind, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
"""One indexed quote; PostgreSQL's driver adds its ``folded`` column."""


def quote_rows(
    article_id: int, analysis: Analysis, speaker_ids: dict[str, int]
) -> list[tuple[Any, ...]]:
    """The values of ``INSERT_QUOTE`` for every quote of ``analysis``, in order.

    ``speaker_ids`` maps each of the analysis's speaker names to its stored id. A quote takes
    the speaker (and role) whose ``quote_indices`` list it, else the speaker of its own name:
    the digest leaves a repeated quote out of its speaker's list, and it is still theirs.
    """
    roles = {speaker.name: speaker.role for speaker in analysis.speakers}
    listed = {
        index: speaker.name for speaker in analysis.speakers for index in speaker.quote_indices
    }
    rows: list[tuple[Any, ...]] = []
    for position, quote in enumerate(analysis.quotes):
        name = listed.get(position) or (quote.speaker if quote.speaker in speaker_ids else None)
        rows.append(
            (
                article_id,
                position,
                speaker_ids[name] if name else None,
                quote.speaker,
                roles[name] if name else None,
                quote.text,
                quote.start,
                quote.end,
                quote.kind,
                quote.context,
            )
        )
    return rows
