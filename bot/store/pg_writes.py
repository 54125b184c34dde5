"""Saving an analysis on PostgreSQL: its article, URLs, quotes and speakers in one transaction.

Writers of the quote index take one advisory lock (``QUOTE_INDEX_LOCK``) for their transaction:
the per-word counts (``quote_terms``) are updated by trigger, and two processes saving articles
that share words would otherwise lock those rows in different orders and deadlock. Saving is
rare (once per analysis, which takes seconds), so serialising it costs nothing a user sees.
"""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from bot.models import Analysis, Article
from bot.store.article_queries import INSERT_ARTICLE, article_params
from bot.store.keys import name_key, plain
from bot.store.pg_connection import lock_key
from bot.store.quote_queries import quote_rows
from bot.store.sql import numbered

QUOTE_INDEX_LOCK = lock_key("briefbot:quote-index")


def folded(text: str) -> str:
    """A quote's words as the full-text index keeps them: folded, contractions split at the
    apostrophe (FTS5's unicode61 splits them too, and ``fulltext.content_terms`` asks so)."""
    return plain(text).replace("'", " ")


async def save_article(
    db: asyncpg.Connection,
    article: Article,
    content_hash: str,
    analysis: Analysis,
    urls: Sequence[str],
    now: str,
) -> int:
    """The id of the article stored under ``content_hash``, inserting it if new."""
    article_id = await db.fetchval(
        numbered(INSERT_ARTICLE + " ON CONFLICT (content_hash) DO NOTHING RETURNING id"),
        *article_params(article, content_hash, analysis, urls, now),
    )
    if article_id is None:
        article_id = await db.fetchval(
            "SELECT id FROM articles WHERE content_hash = $1", content_hash
        )
    return int(article_id)


async def upsert_url(db: asyncpg.Connection, url: str, article_id: int) -> None:
    """Point ``url`` at the article; an article first pasted as text gets it as its address."""
    if url:
        await db.execute(
            "INSERT INTO article_urls (url, article_id) VALUES ($1, $2)"
            " ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id",
            url,
            article_id,
        )
        await db.execute(
            "UPDATE articles SET canonical_url = $1 WHERE id = $2 AND canonical_url = ''",
            url,
            article_id,
        )


async def replace_quotes(db: asyncpg.Connection, article_id: int, analysis: Analysis) -> None:
    """Index the analysis's quotes (replacing any older ones) with their speakers' ids."""
    await db.execute("DELETE FROM quotes WHERE article_id = $1", article_id)
    speaker_ids: dict[str, int] = {}
    for speaker in analysis.speakers:
        speaker_ids[speaker.name] = await _upsert_speaker(
            db, speaker.name, speaker.kind, speaker.aliases
        )
    rows = [(*row, folded(row[5])) for row in quote_rows(article_id, analysis, speaker_ids)]
    await db.executemany(
        "INSERT INTO quotes (article_id, position, speaker_id, speaker_name, role, text,"
        " start_offset, end_offset, kind, context, folded)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        rows,
    )


async def _upsert_speaker(
    db: asyncpg.Connection, name: str, kind: str, aliases: Sequence[str]
) -> int:
    key = name_key(name)
    speaker_id = await db.fetchval(
        "INSERT INTO speakers (name, name_key, kind) VALUES ($1, $2, $3)"
        " ON CONFLICT (name_key) DO NOTHING RETURNING id",
        name,
        key,
        kind,
    )
    if speaker_id is None:
        speaker_id = await db.fetchval("SELECT id FROM speakers WHERE name_key = $1", key)
    alias_rows = [(name_key(a), int(speaker_id), a) for a in (name, *aliases) if name_key(a)]
    await db.executemany(
        "INSERT INTO speaker_aliases (alias_key, speaker_id, alias) VALUES ($1, $2, $3)"
        " ON CONFLICT (alias_key, speaker_id) DO NOTHING",
        alias_rows,
    )
    return int(speaker_id)
