"""The quote index on SQLite: "who said" full-text search with FTS5 (the other quote queries
are portable, ``quote_queries``; writing the index is ``sqlite_writes.replace_quotes``)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.store import fulltext
from bot.store.quote_queries import IN_SCOPE, QUOTE_COLUMNS, QUOTE_JOINS, QuoteQueries, quote_record
from bot.store.records import QuoteRecord
from bot.store.sqlite_connection import SqliteConnection


class SqliteQuotes(SqliteConnection, QuoteQueries):
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
            f" JOIN quotes q ON q.id = f.rowid WHERE quotes_fts MATCH ? AND {IN_SCOPE}"
            " ORDER BY f.rank LIMIT ?)"
            f" SELECT {QUOTE_COLUMNS} FROM hits h JOIN quotes q ON q.id = h.id {QUOTE_JOINS}"
            " ORDER BY h.rank",
            (match, scope_key, limit, scope_key),
        )
        return [quote_record(row) for row in rows]

    async def _rows_with(self, terms: Sequence[str]) -> list[tuple[str, int]]:
        """How many quotes contain each term: indexed lookups in the FTS5 vocabulary, in one
        statement (``term IN (…)`` would scan the whole vocabulary instead)."""
        if not terms:
            return []
        one = "SELECT term, doc FROM quotes_terms WHERE term = ?"
        rows = await self._all(" UNION ALL ".join(one for _ in terms), terms)
        return [(row[0], int(row[1])) for row in rows]
