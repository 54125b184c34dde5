"""The quote index on SQLite: "who said" search, a speaker's quotes, the most quoted speakers.

Every query here answers within one scope: a quote is found only through an article submitted
in that scope, and is shown with that scope's own address for it (``sqlite_scopes.SCOPE_URL``).
Writing the index belongs to saving an analysis (``sqlite_writes.replace_quotes``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.models import Quote
from bot.store import fulltext
from bot.store.records import QuoteRecord
from bot.store.sqlite_connection import SqliteConnection, stamp
from bot.store.sqlite_scopes import SCOPE_URL

_QUOTE_COLUMNS = f"""
    q.id, q.text, q.start_offset, q.end_offset, q.kind, q.context, q.speaker_name, q.role,
    a.id, a.title, {SCOPE_URL}, a.published, a.fetched_at
"""
_QUOTE_JOINS = """
    JOIN articles a ON a.id = q.article_id
"""
_IN_SCOPE = """
    EXISTS (SELECT 1 FROM submissions s WHERE s.article_id = q.article_id AND s.scope_key = ?)
"""


class SqliteQuotes(SqliteConnection):
    """The ``Store``'s quote and speaker methods."""

    async def search_quotes(
        self, words: Sequence[str], scope_key: str, limit: int, *, prefix: bool = False
    ) -> list[QuoteRecord]:
        if prefix:
            match = fulltext.all_of(words, last_is_prefix=True)
        else:
            terms = fulltext.content_terms(words)
            match = fulltext.any_of(fulltext.rarest(await self._rows_with(terms)))
        if match is None:
            return []
        # Rank and cut first, then look up the scope's own address for the few rows kept: the
        # address is a subquery, too costly to compute for every full-text hit.
        rows = await self._all(
            "WITH hits AS (SELECT q.id AS id, f.rank AS rank FROM quotes_fts f"
            f" JOIN quotes q ON q.id = f.rowid WHERE quotes_fts MATCH ? AND {_IN_SCOPE}"
            " ORDER BY f.rank LIMIT ?)"
            f" SELECT {_QUOTE_COLUMNS} FROM hits h JOIN quotes q ON q.id = h.id {_QUOTE_JOINS}"
            " ORDER BY h.rank",
            (match, scope_key, limit, scope_key),
        )
        return [_quote(row) for row in rows]

    async def _rows_with(self, terms: Sequence[str]) -> list[tuple[str, int]]:
        """How many quotes contain each term: indexed lookups in the FTS5 vocabulary, in one
        statement (``term IN (…)`` would scan the whole vocabulary instead)."""
        if not terms:
            return []
        one = "SELECT term, doc FROM quotes_terms WHERE term = ?"
        rows = await self._all(" UNION ALL ".join(one for _ in terms), terms)
        return [(row[0], int(row[1])) for row in rows]

    async def recent_quotes(self, scope_key: str, limit: int) -> list[QuoteRecord]:
        rows = await self._all(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes q {_QUOTE_JOINS} WHERE {_IN_SCOPE}"
            " ORDER BY q.id DESC LIMIT ?",
            (scope_key, scope_key, limit),
        )
        return [_quote(row) for row in rows]

    async def quotes_by_speaker(
        self, name_key: str, scope_key: str, limit: int
    ) -> list[QuoteRecord]:
        speaker_ids = await self._speakers_named(name_key)
        if not speaker_ids:
            return []
        marks = ", ".join("?" for _ in speaker_ids)
        rows = await self._all(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes q {_QUOTE_JOINS}"
            f" WHERE q.speaker_id IN ({marks}) AND {_IN_SCOPE}"
            " ORDER BY a.published DESC, a.fetched_at DESC, q.position LIMIT ?",
            (scope_key, *speaker_ids, scope_key, limit),
        )
        return [_quote(row) for row in rows]

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

    async def top_speakers(
        self, scope_key: str, since: datetime | None, limit: int
    ) -> list[tuple[str, int]]:
        rows = await self._all(
            "SELECT sp.name, COUNT(*) AS n FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id"
            " WHERE q.article_id IN (SELECT article_id FROM submissions"
            "   WHERE scope_key = ? AND submitted_at >= ?)"
            " GROUP BY sp.id, sp.name ORDER BY n DESC, sp.name LIMIT ?",
            (scope_key, stamp(since) if since else "", limit),
        )
        return [(r[0], int(r[1])) for r in rows]


def _quote(row: Sequence[Any]) -> QuoteRecord:
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
