"""Writing one analysis's quote index: its URLs, its quotes, and the speakers they belong to.

Speakers are shared across articles by their folded canonical name, and every name an article
used for them becomes an alias, so "Lindqvist" finds the minister's quotes from every article.
"""

from __future__ import annotations

from collections.abc import Sequence

import aiosqlite

from bot.models import Analysis
from bot.store.keys import name_key
from bot.store.quote_queries import INSERT_QUOTE, quote_rows


async def upsert_url(db: aiosqlite.Connection, url: str, article_id: int) -> None:
    """Point ``url`` at the article; an article first pasted as text gets it as its address."""
    if url:
        await db.execute(
            "INSERT INTO article_urls (url, article_id) VALUES (?, ?)"
            " ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id",
            (url, article_id),
        )
        await db.execute(
            "UPDATE articles SET canonical_url = ? WHERE id = ? AND canonical_url = ''",
            (url, article_id),
        )


async def replace_quotes(db: aiosqlite.Connection, article_id: int, analysis: Analysis) -> None:
    """Index the analysis's quotes (replacing any older ones) with their speakers' ids."""
    await db.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
    speaker_ids = {
        speaker.name: await _upsert_speaker(db, speaker.name, speaker.kind, speaker.aliases)
        for speaker in analysis.speakers
    }
    await db.executemany(INSERT_QUOTE, quote_rows(article_id, analysis, speaker_ids))


async def _upsert_speaker(
    db: aiosqlite.Connection, name: str, kind: str, aliases: Sequence[str]
) -> int:
    key = name_key(name)
    await db.execute(
        "INSERT INTO speakers (name, name_key, kind) VALUES (?, ?, ?)"
        " ON CONFLICT (name_key) DO NOTHING",
        (name, key, kind),
    )
    async with db.execute("SELECT id FROM speakers WHERE name_key = ?", (key,)) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    speaker_id = int(row[0])
    for alias in (name, *aliases):
        alias_key = name_key(alias)
        if alias_key:
            await db.execute(
                "INSERT INTO speaker_aliases (alias_key, speaker_id, alias) VALUES (?, ?, ?)"
                " ON CONFLICT (alias_key, speaker_id) DO NOTHING",
                (alias_key, speaker_id, alias),
            )
    return speaker_id
