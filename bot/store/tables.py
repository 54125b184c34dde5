"""Every table Briefbot keeps, in the order rows can be copied (a row after what it points to),
with the columns that identify a row: what ``briefbot db migrate`` copies and ``db check``
counts. Both drivers' migrations create these same tables and columns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    """One table: its name, its columns, and the key a copied row is recognised by."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    identity: bool = False
    """Whether PostgreSQL numbers new rows (its sequence must move past the copied ids)."""


TABLES = (
    Table(
        "articles",
        (
            "id",
            "canonical_url",
            "content_hash",
            "title",
            "byline",
            "published",
            "site_name",
            "source",
            "fetched_at",
        ),
        ("id",),
        identity=True,
    ),
    Table("article_urls", ("url", "article_id"), ("url",)),
    Table(
        "analyses",
        ("article_id", "algorithm", "engine_version", "data", "created_at"),
        ("article_id", "algorithm"),
    ),
    Table("speakers", ("id", "name", "name_key", "kind"), ("id",), identity=True),
    Table("speaker_aliases", ("alias_key", "speaker_id", "alias"), ("alias_key", "speaker_id")),
    Table(
        "quotes",
        (
            "id",
            "article_id",
            "position",
            "speaker_id",
            "speaker_name",
            "role",
            "text",
            "start_offset",
            "end_offset",
            "kind",
            "context",
        ),
        ("id",),
        identity=True,
    ),
    Table(
        "submissions",
        (
            "id",
            "scope_key",
            "guild_id",
            "channel_id",
            "user_id",
            "article_id",
            "submitted_at",
            "url",
        ),
        ("id",),
        identity=True,
    ),
    Table(
        "briefing_schedules",
        (
            "channel_id",
            "guild_id",
            "local_time",
            "time_zone",
            "hours",
            "created_by",
            "active_from",
            "paused_reason",
            "paused_at",
            "last_error",
            "updated_at",
        ),
        ("channel_id",),
    ),
    Table(
        "briefing_runs",
        (
            "channel_id",
            "local_date",
            "state",
            "due_at",
            "claimed_by",
            "claimed_at",
            "attempts",
            "sent_at",
            "message_id",
            "detail",
            "page_count",
            "pages_sent",
            "window_end",
        ),
        ("channel_id", "local_date"),
    ),
    Table(
        "briefing_feeds",
        (
            "id",
            "guild_id",
            "url",
            "title",
            "etag",
            "last_modified",
            "added_by",
            "added_at",
            "next_poll_at",
            "last_polled_at",
            "last_ok_at",
            "last_error",
            "failures",
            "entries_seen",
        ),
        ("id",),
        identity=True,
    ),
    Table(
        "briefing_feed_entries",
        ("guild_id", "url", "feed_id", "title", "seen_at", "state", "claimed_at", "detail"),
        ("guild_id", "url"),
    ),
)
