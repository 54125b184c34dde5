"""A separate process that streams committed analyses into a database, printing each id.

Run as ``python -m tests.store.writer_process DB COUNT TAG``; the reliability tests kill it
mid-stream or run two of it at once.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime

from bot.models import Article
from bot.store import SqliteStore
from bot.store.keys import content_hash
from tests.store.articles import analysis_with_quotes

FILLER = "The council met again to discuss the budget for the coming year. " * 60


async def write(path: str, count: int, tag: str) -> None:
    store = await SqliteStore.open(path)
    try:
        for i in range(count):
            analysis = analysis_with_quotes(
                f"{tag} {i}", [("Writer", f"{tag} says line number {i} of the stream")]
            )
            text = f"{tag} {i}. {FILLER}"
            article_id = await store.save_analysis(Article(text=text), content_hash(text), analysis)
            await store.add_submission(article_id, "local", datetime.now(UTC))
            print(article_id, flush=True)
    finally:
        await store.close()


if __name__ == "__main__":
    asyncio.run(write(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
