"""``FetchedPage``: the raw result of a fetch, the hand-off from the event loop to extraction.

It lives in its own module, free of aiohttp, so that worker processes that only extract can
import and unpickle it without loading the HTTP client.
"""

from __future__ import annotations

from dataclasses import dataclass

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
PDF_TYPES = frozenset({"application/pdf"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"}
)
ARTICLE_TYPES = HTML_TYPES | TEXT_TYPES | PDF_TYPES


@dataclass(frozen=True)
class FetchedPage:
    """One fetched response body and what the server said about it.

    ``content_type`` is the media type (no parameters) after sniffing, so a PDF served as
    ``application/octet-stream`` arrives here as ``application/pdf``. ``charset`` is the one
    the ``Content-Type`` header declared, if any; decoding still checks it against the bytes.
    A conditional request that found nothing new has ``status`` 304 and an empty body.
    """

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
