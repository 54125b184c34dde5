"""RSS and Atom bodies to a list of entry links, with feedparser, defensively.

Pure (bytes in, data out) and module-level, so it can run in a worker process with a time
limit: a feed is a stranger's XML.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser

from bot.errors import InputError
from bot.ingest.decode import web_codec
from bot.ingest.urls import canonical_url, has_usable_host

MAX_ENTRIES = 100
"""Entries read per feed body; real feeds list 10–50, a longer list is a dump or an attack."""
MAX_URL_CHARS = 2000
MAX_TITLE_CHARS = 300


class FeedFormatError(InputError):
    """The body is not an RSS or Atom feed feedparser can read."""


@dataclass(frozen=True)
class FeedEntry:
    """One entry: its article's canonical URL, title and date (when the feed gives one)."""

    url: str
    title: str
    published: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    entries: tuple[FeedEntry, ...]


def parse_feed(
    body: bytes, url: str, content_type: str = "", charset: str | None = None
) -> ParsedFeed:
    """The feed's title and entries (newest first when dated), or ``FeedFormatError``.

    The body goes in as a stream: feedparser treats a bare ``bytes`` argument as a possible
    file name first, and a feed body must never be able to name a local file.
    """
    headers = {"content-location": url}
    if content_type:
        usable = charset if charset and web_codec(charset) else None
        headers["content-type"] = content_type + (f"; charset={usable}" if usable else "")
    try:
        result = feedparser.parse(io.BytesIO(body), response_headers=headers)
    except UnicodeError:
        # feedparser tries a declared encoding like punycode and catches only UnicodeDecodeError.
        raise FeedFormatError(
            "That feed declares a character encoding no feed can use, so it cannot be read."
        ) from None
    entries = []
    seen: set[str] = set()
    for raw in result.entries[:MAX_ENTRIES]:
        entry = _entry(raw)
        if entry is not None and entry.url not in seen:
            seen.add(entry.url)
            entries.append(entry)
    # Slightly broken feeds are common and still useful; one that yields nothing is broken.
    if not entries and (result.get("bozo") or not result.get("version")):
        problem = result.get("bozo_exception")
        detail = f" ({_short(str(problem))})" if problem else ""
        raise FeedFormatError(f"That address does not serve an RSS or Atom feed{detail}.")
    entries.sort(key=lambda e: e.published or datetime.min.replace(tzinfo=UTC), reverse=True)
    title = " ".join(str(result.feed.get("title", "")).split())[:MAX_TITLE_CHARS]
    return ParsedFeed(title=title, entries=tuple(entries))


def _entry(raw: feedparser.FeedParserDict) -> FeedEntry | None:
    link = str(raw.get("link") or "").strip()
    if len(link) > MAX_URL_CHARS or not has_usable_host(link):
        return None
    title = " ".join(str(raw.get("title", "")).split())[:MAX_TITLE_CHARS]
    return FeedEntry(url=canonical_url(link), title=title, published=_published(raw))


def _published(raw: feedparser.FeedParserDict) -> datetime | None:
    """The entry's date, or ``None`` when it gives none that ``datetime`` can hold.

    feedparser turns ``0000-00-00`` into year -1 and a late ``9999-12-31`` with an offset into
    year 10000; such an entry is still worth reading, its date is just unknown.
    """
    dated = raw.get("published_parsed") or raw.get("updated_parsed")
    if not dated:
        return None
    try:
        return datetime(*dated[:6], tzinfo=UTC)
    except (ValueError, OverflowError, TypeError):
        return None


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
