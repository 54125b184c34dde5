"""A real HTTP server on 127.0.0.1 serving feeds that behave well, badly and hostilely."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from aiohttp import web

BASE_TIME = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)


def rss(title: str, links: list[tuple[str, str]], base: str) -> bytes:
    """An RSS 2.0 document; entries are (path, title), newest first."""
    items = "".join(
        f"<item><title>{t}</title><link>{base}{path}</link>"
        f"<guid>{base}{path}</guid>"
        f"<pubDate>{format_datetime(BASE_TIME - timedelta(hours=i))}</pubDate></item>"
        for i, (path, t) in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{base}/</link><description>d</description>{items}"
        "</channel></rss>"
    ).encode()


def atom(title: str, links: list[tuple[str, str]]) -> bytes:
    """An Atom document whose links are relative to the feed's own address."""
    entries = "".join(
        f"<entry><title>{t}</title><link rel='alternate' href='{path}'/>"
        f"<id>tag:example,2026:{path}</id>"
        f"<updated>{(BASE_TIME - timedelta(hours=i)).isoformat()}</updated></entry>"
        for i, (path, t) in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>tag:example,2026:feed</id>"
        f"<updated>{BASE_TIME.isoformat()}</updated>{entries}</feed>"
    ).encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>http://127.0.0.1/laugh</link></item></channel></rss>"""

LOCAL_FILE_NAME = b"/etc/hostname"
"""A body that is also a file name: feedparser must never open it."""


@dataclass
class FeedSite:
    """The feeds this server publishes; tests change them between polls."""

    base: str = ""
    feeds: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    """(path, If-None-Match) of every request."""
    not_modified: int = 0

    def publish(self, path: str, body: bytes, content_type: str = "application/rss+xml") -> str:
        self.feeds[path] = (body, content_type)
        return self.base + path

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.requests.append((request.path, request.headers.get("If-None-Match")))
        if request.path == "/huge.xml":
            return await self._huge(request)
        if request.path not in self.feeds:
            return web.Response(status=404, text="not found")
        body, content_type = self.feeds[request.path]
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            self.not_modified += 1
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, content_type=content_type, headers={"ETag": etag})

    async def _huge(self, request: web.Request) -> web.StreamResponse:
        """An endless feed, chunked, with no Content-Length to refuse it by."""
        response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await response.prepare(request)
        await response.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>')
        item = b"<item><title>spam</title><link>http://127.0.0.1/spam</link></item>" * 1000
        try:
            for _ in range(200):
                await response.write(item)
        except (ConnectionResetError, RuntimeError):
            pass
        return response


@asynccontextmanager
async def feed_site() -> AsyncIterator[FeedSite]:
    site = FeedSite()
    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", site.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    server = web.TCPSite(runner, "127.0.0.1", 0)
    await server.start()
    port = runner.addresses[0][1]
    site.base = f"http://127.0.0.1:{port}"
    try:
        yield site
    finally:
        await runner.cleanup()
