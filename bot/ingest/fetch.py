"""Fetching a link a stranger typed, without letting it reach anything it should not.

Every fetch gets its own aiohttp session and connector: a fresh cookie jar, no pooled sockets
shared between users, no DNS cache to go stale, and a ``ConnectionGuard`` that checks the
address of every socket. Redirects are followed by hand so each hop is validated again; one
``asyncio.timeout`` bounds the whole fetch (all hops and the body), which is what stops a server
that drips a byte a second under every per-read timeout. The body is counted after
decompression. Every failure is a ``FetchError`` (or subclass) with a short reason and never the
address a name resolved to.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
from aiohttp.abc import AbstractResolver
from yarl import URL

from bot.config import Settings
from bot.errors import BlockedURLError, BriefbotError, FetchError, InputError, NotAnArticleError
from bot.ingest.content_types import GENERIC_TYPES, parse_content_type, sniff
from bot.ingest.decompress import SUPPORTED_ENCODINGS, BoundedDecoder, too_large
from bot.ingest.guard import ConnectionGuard, GuardedResolver
from bot.ingest.limits import FetchLimits
from bot.ingest.page import ARTICLE_TYPES, FEED_TYPES, HTML_TYPES, FetchedPage
from bot.ingest.urls import validate_url

__all__ = ["FetchedPage", "Fetcher"]

log = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK_SIZE = 64 * 1024
BLOCKED_MESSAGE = "That link points to a private or reserved address."
TIMEOUT_MESSAGE = "The site took too long to answer (timed out)."

_ARTICLE_ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.1"
_FEED_ACCEPT = (
    "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,"
    "text/html;q=0.5,*/*;q=0.1"
)
_STATUS_REASONS = {
    401: "login required",
    403: "forbidden — the site may block bots",
    404: "not found",
    410: "gone",
    429: "too many requests",
    451: "unavailable for legal reasons",
}


class Fetcher:
    """Fetches untrusted links safely; one per bot (or CLI run), shared by every command."""

    def __init__(self, settings: Settings, resolver: AbstractResolver | None = None) -> None:
        self._settings = settings
        self._resolver = resolver
        self._owns_resolver = resolver is None
        # Waiting for a free slot is like waiting for a connection: same patience.
        self._limits = FetchLimits(
            settings.fetch_concurrency, settings.fetch_per_user, settings.fetch_connect_timeout
        )

    async def fetch(
        self,
        url: str,
        user_key: str = "",
        etag: str | None = None,
        last_modified: str | None = None,
        accept_feeds: bool = False,
    ) -> FetchedPage:
        """Fetch ``url`` and return its body, or raise a ``FetchError`` with a short reason.

        ``etag``/``last_modified`` make the request conditional (a 304 comes back as a page
        with status 304 and an empty body); ``accept_feeds`` admits RSS/Atom/XML bodies.
        """
        start = validate_url(url, self._settings.fetch_allow_loopback)
        async with self._limits.slot(user_key):
            guard = ConnectionGuard(self._settings.fetch_allow_loopback)
            try:
                async with asyncio.timeout(self._settings.fetch_total_timeout):
                    return await self._fetch_following_redirects(
                        start, guard, etag, last_modified, accept_feeds
                    )
            except BriefbotError:
                raise
            except TimeoutError:
                raise FetchError(TIMEOUT_MESSAGE) from None
            except (aiohttp.ClientError, OSError) as error:
                raise _describe(error, guard) from None

    async def close(self) -> None:
        """Release the resolver (sessions are per fetch and already closed)."""
        if self._resolver is not None and self._owns_resolver:
            await self._resolver.close()
        self._resolver = None

    def _session(self, guard: ConnectionGuard) -> aiohttp.ClientSession:
        if self._resolver is None:
            self._resolver = aiohttp.ThreadedResolver()
        settings = self._settings
        connector = aiohttp.TCPConnector(
            resolver=GuardedResolver(self._resolver, guard),
            socket_factory=guard.socket_factory,
            use_dns_cache=False,
            limit=4,
        )
        return aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.CookieJar(),
            trust_env=False,
            auto_decompress=False,
            timeout=aiohttp.ClientTimeout(
                total=None,
                connect=settings.fetch_connect_timeout,
                sock_connect=settings.fetch_connect_timeout,
                sock_read=settings.fetch_read_timeout,
            ),
            headers={"User-Agent": settings.user_agent},
        )

    async def _fetch_following_redirects(
        self,
        start: str,
        guard: ConnectionGuard,
        etag: str | None,
        last_modified: str | None,
        accept_feeds: bool,
    ) -> FetchedPage:
        headers = {
            "Accept": _FEED_ACCEPT if accept_feeds else _ARTICLE_ACCEPT,
            "Accept-Encoding": ", ".join(SUPPORTED_ENCODINGS),
            "Accept-Language": "en;q=1.0, *;q=0.5",
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = start
        seen = {start}
        async with self._session(guard) as session:
            for _ in range(self._settings.fetch_max_redirects + 1):
                async with session.get(
                    URL(current, encoded=True), headers=headers, allow_redirects=False
                ) as response:
                    if response.status not in REDIRECT_STATUSES:
                        return await self._page(start, current, response, accept_feeds)
                    current = self._next_hop(current, response)
                if current in seen:
                    raise FetchError("The link redirects in a loop.")
                seen.add(current)
        raise FetchError(
            f"The link redirects too many times (more than {self._settings.fetch_max_redirects})."
        )

    def _next_hop(self, current: str, response: aiohttp.ClientResponse) -> str:
        location = response.headers.get("Location", "").strip()
        if not location:
            raise FetchError("The site sent a redirect without a destination.")
        try:
            target = str(URL(current, encoded=True).join(URL(location)))
        except (ValueError, IndexError):  # yarl: IndexError on some ``]…[…@`` authorities
            raise FetchError("The site sent a redirect to an invalid link.") from None
        try:
            return validate_url(target, self._settings.fetch_allow_loopback)
        except BlockedURLError as error:
            raise BlockedURLError(
                f"The link redirects somewhere the bot will not go. {error.message}"
            ) from None
        except InputError as error:
            raise FetchError(f"The link redirects to an invalid link: {error.message}") from None

    async def _page(
        self, start: str, final: str, response: aiohttp.ClientResponse, accept_feeds: bool
    ) -> FetchedPage:
        status = response.status
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
        if status == 304:
            return FetchedPage(start, final, 304, "", b"", None, etag, last_modified)
        if status >= 400:
            reason = _STATUS_REASONS.get(status, "server error" if status >= 500 else "refused")
            raise FetchError(f"The site answered HTTP {status} ({reason}).")
        if not 200 <= status < 300:
            raise FetchError(f"The site answered with an unexpected HTTP status {status}.")
        media, charset = parse_content_type(response.headers.get("Content-Type"))
        _refuse_unreadable_type(media, accept_feeds)
        body = await self._read_body(response)
        media = _effective_type(media, body, accept_feeds)
        return FetchedPage(start, final, status, media, body, charset, etag, last_modified)

    async def _read_body(self, response: aiohttp.ClientResponse) -> bytes:
        limit = self._settings.fetch_max_bytes
        declared = response.headers.get("Content-Length", "").strip()
        if declared.isdigit() and int(declared) > limit:
            raise too_large(limit)
        decoder = BoundedDecoder(response.headers.get("Content-Encoding"), limit)
        body = bytearray()
        received = 0
        async for chunk in response.content.iter_chunked(CHUNK_SIZE):
            received += len(chunk)
            if received > limit:
                raise too_large(limit)
            body += decoder.feed(chunk)
        body += decoder.flush()
        return bytes(body)


def _refuse_unreadable_type(media: str, accept_feeds: bool) -> None:
    """Refuse before reading the body when the declared type can never be an article."""
    if media in ARTICLE_TYPES or media in GENERIC_TYPES or media in FEED_TYPES:
        return
    if media.endswith("+xml") and accept_feeds:
        return
    kind = media.split("/", 1)[0]
    if kind in {"image", "audio", "video"}:
        article = "an" if kind == "image" else "a"
        raise NotAnArticleError(f"That link is {article} {kind} file, not an article.")
    raise NotAnArticleError(f"That link is a file of type {media}, which the bot cannot read.")


def _effective_type(media: str, body: bytes, accept_feeds: bool) -> str:
    """The declared type, or a sniffed one when the header is missing, generic or plain XML."""
    if media in ARTICLE_TYPES:
        return media
    if media in FEED_TYPES or media.endswith("+xml"):
        if accept_feeds:
            return media
        sniffed = sniff(body)
        if sniffed in HTML_TYPES:
            return sniffed
        raise NotAnArticleError("That link is a news feed or XML data, not an article.")
    if not body.strip():
        raise NotAnArticleError("The page is empty.")
    sniffed = sniff(body)
    if sniffed in ARTICLE_TYPES or (accept_feeds and sniffed in FEED_TYPES):
        return sniffed
    if sniffed in FEED_TYPES:
        raise NotAnArticleError("That link is a news feed or XML data, not an article.")
    raise NotAnArticleError("That link is a binary file, not an article.")


def _describe(error: BaseException, guard: ConnectionGuard) -> FetchError:
    """A short user-facing reason for a client error, never naming the address connected to."""
    log.debug("fetch failed: %r", error)
    if guard.refused:
        return BlockedURLError(BLOCKED_MESSAGE)
    if isinstance(error, aiohttp.ServerTimeoutError | aiohttp.ConnectionTimeoutError):
        return FetchError(TIMEOUT_MESSAGE)
    if isinstance(error, aiohttp.ClientConnectorDNSError):
        return FetchError("The site's name could not be found.")
    if isinstance(error, aiohttp.ClientConnectorCertificateError | aiohttp.ClientSSLError):
        return FetchError("The site's secure connection could not be verified.")
    if isinstance(error, aiohttp.ClientConnectorError):
        return FetchError("The site could not be reached.")
    if isinstance(error, aiohttp.ClientPayloadError | aiohttp.ServerDisconnectedError):
        return FetchError("The site closed the connection before sending the whole page.")
    if isinstance(error, aiohttp.ClientResponseError):
        return FetchError("The site sent a response the bot could not read.")
    return FetchError("The page could not be fetched.")
