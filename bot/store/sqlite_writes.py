"""Writing one analysis's quote index: its URLs, its quotes, and the speakers they belong to.

Speakers are shared across articles by their folded canonical name, and every name an article
used for them becomes an alias, so "Lindqvist" finds the minister's quotes from every article.
"""

from __future__ import annotations

from collections.abc import Sequence

import aiosqlite

from bot.models import Analysis
from bot.store.keys import name_key


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
    speaker_of: dict[int, tuple[int, str | None]] = {}
    for speaker in analysis.speakers:
        speaker_id = await _upsert_speaker(db, speaker.name, speaker.kind, speaker.aliases)
        for index in speaker.quote_indices:
            speaker_of[index] = (speaker_id, speaker.role)
    by_name = {s.name: i for i, s in enumerate(analysis.speakers)}
    for position, quote in enumerate(analysis.quotes):
        speaker_id, role = speaker_of.get(position, (None, None))
        if speaker_id is None and quote.speaker in by_name:
            speaker = analysis.speakers[by_name[quote.speaker]]
            speaker_id = await _upsert_speaker(db, speaker.name, speaker.kind, speaker.aliases)
            role = speaker.role
        await db.execute(
            "INSERT INTO quotes (article_id, position, speaker_id, speaker_name, role, text,"
            " start_offset, end_offset, kind, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                position,
                speaker_id,
                quote.speaker,
                role,
                quote.text,
                quote.start,
                quote.end,
                quote.kind,
                quote.context,
            ),
        )


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
