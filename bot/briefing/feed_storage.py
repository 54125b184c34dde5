"""The feeds' SQL: which feeds a server follows, how each poll went, and every entry seen.

Like ``storage``, writes go through ``store.write()`` and claims are conditional updates, so
two bot processes never poll one feed at once nor analyze one entry twice. A feed's
``next_poll_at`` is its lease: the process that moves it forward from the value it read holds
the poll until then, and anyone else's conditional update finds it moved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from bot.store.base import Store
from bot.store.times import stamp, unstamp

EntryState = Literal["new", "analyzing", "analyzed", "failed", "skipped"]

_FEED_COLUMNS = """
    id, guild_id, url, title, etag, last_modified, added_by, added_at, next_poll_at,
    last_polled_at, last_ok_at, last_error, failures, entries_seen
"""


@dataclass(frozen=True)
class Feed:
    """One feed a server follows, and how its last polls went."""

    id: int
    guild_id: int
    url: str
    title: str
    etag: str | None
    last_modified: str | None
    added_by: int
    added_at: datetime
    next_poll_at: datetime
    last_polled_at: datetime | None
    last_ok_at: datetime | None
    last_error: str | None
    failures: int
    entries_seen: int


class FeedStorage:
    """Feeds and feed entries in the store's database (tables from ``0002_briefing.sql``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def _all(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        return list(await self.store.read(sql, params))

    async def add(
        self, guild_id: int, url: str, title: str, added_by: int, now: datetime
    ) -> Feed | None:
        """Follow a feed (polled at once); ``None`` when the server already follows it."""
        async with self.store.write() as db:
            rows = await db.fetch(
                "INSERT INTO briefing_feeds (guild_id, url, title, added_by, added_at,"
                " next_poll_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (guild_id, url) DO NOTHING RETURNING id",
                (guild_id, url, title, added_by, stamp(now), stamp(now)),
            )
        return None if not rows else await self.get(int(rows[0][0]))

    async def get(self, feed_id: int) -> Feed | None:
        rows = await self._all(
            f"SELECT {_FEED_COLUMNS} FROM briefing_feeds WHERE id = ?", (feed_id,)
        )
        return _feed(rows[0]) if rows else None

    async def remove(self, guild_id: int, url: str) -> bool:
        """Stop following a feed; its entries stay, so re-adding it repeats nothing."""
        async with self.store.write() as db:
            changed = await db.execute(
                "DELETE FROM briefing_feeds WHERE guild_id = ? AND url = ?", (guild_id, url)
            )
            return changed > 0

    async def feeds(self, guild_id: int) -> list[Feed]:
        rows = await self._all(
            f"SELECT {_FEED_COLUMNS} FROM briefing_feeds WHERE guild_id = ? ORDER BY id",
            (guild_id,),
        )
        return [_feed(row) for row in rows]

    async def due(self, now: datetime) -> list[Feed]:
        """Feeds whose next poll time has come, oldest first."""
        rows = await self._all(
            f"SELECT {_FEED_COLUMNS} FROM briefing_feeds WHERE next_poll_at <= ?"
            " ORDER BY next_poll_at",
            (stamp(now),),
        )
        return [_feed(row) for row in rows]

    async def claim_poll(self, feed: Feed, next_poll_at: datetime) -> bool:
        """Move the feed's next poll forward, if nobody else did since it was read: the claim."""
        async with self.store.write() as db:
            changed = await db.execute(
                "UPDATE briefing_feeds SET next_poll_at = ? WHERE id = ? AND next_poll_at = ?",
                (stamp(next_poll_at), feed.id, stamp(feed.next_poll_at)),
            )
            return changed > 0

    async def record_success(
        self,
        feed_id: int,
        now: datetime,
        *,
        etag: str | None,
        last_modified: str | None,
        title: str | None,
        new_entries: int,
    ) -> None:
        async with self.store.write() as db:
            await db.execute(
                "UPDATE briefing_feeds SET last_polled_at = ?, last_ok_at = ?, last_error = NULL,"
                " failures = 0, etag = ?, last_modified = ?, title = COALESCE(?, title),"
                " entries_seen = entries_seen + ? WHERE id = ?",
                (stamp(now), stamp(now), etag, last_modified, title, new_entries, feed_id),
            )

    async def record_failure(
        self, feed_id: int, now: datetime, error: str, next_poll_at: datetime
    ) -> None:
        async with self.store.write() as db:
            await db.execute(
                "UPDATE briefing_feeds SET last_polled_at = ?, last_error = ?,"
                " failures = failures + 1, next_poll_at = ? WHERE id = ?",
                (stamp(now), error, stamp(next_poll_at), feed_id),
            )

    async def add_entries(
        self,
        guild_id: int,
        feed_id: int,
        entries: Sequence[tuple[str, str]],
        now: datetime,
        state: EntryState = "new",
    ) -> list[str]:
        """Record ``(url, title)`` entries; returns the URLs this server had never seen."""
        added = []
        async with self.store.write() as db:
            for url, title in entries:
                rows = await db.fetch(
                    "INSERT INTO briefing_feed_entries (guild_id, url, feed_id, title, seen_at,"
                    " state) VALUES (?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (guild_id, url) DO NOTHING RETURNING url",
                    (guild_id, url, feed_id, title, stamp(now), state),
                )
                if rows:
                    added.append(url)
        return added

    async def claim_entries(
        self, limit: int, now: datetime, stale_before: datetime
    ) -> list[tuple[int, str]]:
        """Take up to ``limit`` entries to analyze: new ones, or ones a dead process held.

        Only entries of feeds still followed: removing a feed (which sets its entries'
        ``feed_id`` to NULL) also drops whatever of it was still waiting.
        """
        async with self.store.write() as db:
            rows = await db.fetch(
                "SELECT guild_id, url FROM briefing_feed_entries AS e"
                " WHERE (state = 'new' OR (state = 'analyzing' AND claimed_at < ?))"
                " AND EXISTS (SELECT 1 FROM briefing_feeds AS f WHERE f.id = e.feed_id)"
                f" ORDER BY seen_at LIMIT ?{db.lock_rows}",
                (stamp(stale_before), limit),
            )
            taken = [(int(row[0]), str(row[1])) for row in rows]
            for guild_id, url in taken:
                await db.execute(
                    "UPDATE briefing_feed_entries SET state = 'analyzing', claimed_at = ?"
                    " WHERE guild_id = ? AND url = ?",
                    (stamp(now), guild_id, url),
                )
        return taken

    async def finish_entry(self, guild_id: int, url: str, state: EntryState, detail: str) -> None:
        async with self.store.write() as db:
            await db.execute(
                "UPDATE briefing_feed_entries SET state = ?, detail = ?"
                " WHERE guild_id = ? AND url = ?",
                (state, detail, guild_id, url),
            )

    async def entry_counts(self, feed_id: int) -> dict[str, int]:
        """How many of a feed's entries are in each state."""
        rows = await self._all(
            "SELECT state, COUNT(*) FROM briefing_feed_entries WHERE feed_id = ? GROUP BY state",
            (feed_id,),
        )
        return {str(state): int(count) for state, count in rows}


def _feed(row: Any) -> Feed:
    return Feed(
        id=row[0],
        guild_id=row[1],
        url=row[2],
        title=row[3],
        etag=row[4],
        last_modified=row[5],
        added_by=row[6],
        added_at=unstamp(row[7]),
        next_poll_at=unstamp(row[8]),
        last_polled_at=unstamp(row[9]) if row[9] else None,
        last_ok_at=unstamp(row[10]) if row[10] else None,
        last_error=row[11],
        failures=row[12],
        entries_seen=row[13],
    )
