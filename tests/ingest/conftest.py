"""A real HTTP server on 127.0.0.1 with one route per kind of hostile or awkward response.

Loopback is reachable only because the test settings turn on ``fetch_allow_loopback``; DNS is
faked at its interface (an aiohttp resolver stub), never by touching our own code.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field

import pytest
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult

from bot.config import Settings

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour bridge reopens after repairs | Coastal Times</title>
<meta property="og:title" content="Harbour bridge reopens after repairs">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge reopened to traffic on Monday morning after eight months of repairs
that cost the city far more than planned, officials said at a press conference.</p>
<p>"We are relieved to have it back," said Mayor Ana Ruiz, who cut the ribbon as the first
buses crossed. Engineers replaced the deck joints and repainted the steel arches.</p>
<p>Commuters had faced detours of up to forty minutes while the work went on, and local
shops near the crossing reported a sharp drop in trade over the summer months.</p>
</article>
<footer>Contact us</footer>
</body></html>"""


def make_pdf(lines: Iterable[str], title: str = "") -> bytes:
    """A small valid one-page PDF with text in Helvetica, written by hand."""
    return make_pdf_pages([list(lines)], title)


def make_pdf_pages(pages: list[list[str]], title: str = "") -> bytes:
    """A valid PDF with one page per list of lines (objects: catalog, pages, font, info, …)."""
    count = len(pages)
    kids = " ".join(f"{5 + 2 * n} 0 R" for n in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        (f"<< /Title ({title}) >>" if title else "<< >>").encode("latin-1"),
    ]
    for n, lines in enumerate(pages):
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        stream = "\n".join([*ops, "ET"]).encode("latin-1")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (6 + 2 * n)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


PDF_LINES = [
    "City council approves new budget for schools.",
    "The vote passed by seven to two after a long debate on Tuesday.",
    "Teachers welcomed the extra funding for classrooms and books.",
]


@dataclass
class StubResolver(AbstractResolver):
    """Fake DNS: each name answers with the next list of addresses in its script."""

    answers: dict[str, list[list[str]]] = field(default_factory=dict)
    queries: list[str] = field(default_factory=list)

    def add(self, host: str, *answer_sets: list[str]) -> None:
        self.answers[host] = list(answer_sets)

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.queries.append(host)
        script = self.answers.get(host)
        if not script:
            raise OSError(socket.EAI_NONAME, "Name or service not known")
        addresses = script.pop(0) if len(script) > 1 else script[0]
        return [
            ResolveResult(
                hostname=host,
                host=address,
                port=port,
                family=socket.AF_INET6 if ":" in address else socket.AF_INET,
                proto=socket.IPPROTO_TCP,
                flags=socket.AI_NUMERICHOST,
            )
            for address in addresses
        ]

    async def close(self) -> None:
        return None


@dataclass
class LocalServer:
    base: str
    port: int
    release: asyncio.Event
    seen_headers: list[dict[str, str]] = field(default_factory=list)
    payloads: dict[str, bytes] = field(default_factory=dict)
    """Bodies for ``/bytes?name=…&type=…``, set by the test that needs them."""

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


def _routes(server: LocalServer) -> web.RouteTableDef:
    routes = web.RouteTableDef()
    bomb = gzip.compress(b" " * 30_000_000, compresslevel=9)

    @routes.get("/article")
    async def article(request: web.Request) -> web.Response:
        server.seen_headers.append(dict(request.headers))
        return web.Response(text=ARTICLE_HTML, content_type="text/html")

    @routes.get("/to")
    async def redirect_to(request: web.Request) -> web.Response:
        raise web.HTTPFound(request.query["url"])

    @routes.get("/raw-location")
    async def raw_location(request: web.Request) -> web.Response:
        """A redirect whose Location is sent as is (HTTPFound would parse it first)."""
        return web.Response(status=302, headers={"Location": request.query["url"]})

    @routes.get("/chain/{n}")
    async def chain(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        if n == 0:
            return web.Response(text=ARTICLE_HTML, content_type="text/html")
        raise web.HTTPMovedPermanently(f"/chain/{n - 1}")

    @routes.get("/loop-a")
    async def loop_a(request: web.Request) -> web.Response:
        raise web.HTTPFound("/loop-b")

    @routes.get("/loop-b")
    async def loop_b(request: web.Request) -> web.Response:
        raise web.HTTPTemporaryRedirect("/loop-a")

    @routes.get("/huge-declared")
    async def huge_declared(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        response.content_length = 900_000_000
        await response.prepare(request)
        await response.write(b"<html>")
        return response

    @routes.get("/huge-chunked")
    async def huge_chunked(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        chunk = b"<p>" + b"a" * 65_536 + b"</p>"
        for _ in range(200):
            await response.write(chunk)
        return response

    @routes.get("/bomb")
    async def gzip_bomb(request: web.Request) -> web.Response:
        return web.Response(
            body=bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
        )

    @routes.get("/gzipped")
    async def gzipped(request: web.Request) -> web.Response:
        return web.Response(
            body=gzip.compress(ARTICLE_HTML.encode()),
            headers={"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"},
        )

    @routes.get("/drip")
    async def drip(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        for _ in range(600):
            await response.write(b"<")
            await asyncio.sleep(0.05)
        return response

    @routes.get("/silent")
    async def silent(request: web.Request) -> web.Response:
        await server.release.wait()
        return web.Response(text=ARTICLE_HTML, content_type="text/html")

    @routes.get("/image")
    async def image(request: web.Request) -> web.Response:
        return web.Response(body=b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")

    @routes.get("/missing")
    async def missing(request: web.Request) -> web.Response:
        raise web.HTTPNotFound()

    @routes.get("/broken")
    async def broken(request: web.Request) -> web.Response:
        raise web.HTTPInternalServerError()

    @routes.get("/octet-html")
    async def octet_html(request: web.Request) -> web.Response:
        return web.Response(body=ARTICLE_HTML.encode(), content_type="application/octet-stream")

    @routes.get("/untyped-pdf")
    async def untyped_pdf(request: web.Request) -> web.Response:
        return web.Response(body=make_pdf(PDF_LINES), content_type="application/octet-stream")

    @routes.get("/doc.pdf")
    async def pdf(request: web.Request) -> web.Response:
        return web.Response(body=make_pdf(PDF_LINES, "Budget vote"), content_type="application/pdf")

    @routes.get("/empty")
    async def empty(request: web.Request) -> web.Response:
        return web.Response(body=b"", content_type="text/html")

    @routes.get("/bytes")
    async def raw_bytes(request: web.Request) -> web.Response:
        return web.Response(
            body=server.payloads[request.query["name"]],
            headers={"Content-Type": request.query["type"]},
        )

    @routes.get("/feed")
    async def feed(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return web.Response(status=304, headers={"ETag": '"v1"'})
        body = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
        return web.Response(text=body, content_type="application/rss+xml", headers={"ETag": '"v1"'})

    @routes.get("/set-cookie")
    async def set_cookie(request: web.Request) -> web.Response:
        response = web.HTTPFound("/echo-cookie")
        response.set_cookie("session", "abc123")
        raise response

    @routes.get("/echo-cookie")
    async def echo_cookie(request: web.Request) -> web.Response:
        return web.Response(text=request.headers.get("Cookie", "none"), content_type="text/plain")

    return routes


@pytest.fixture
async def server() -> AsyncIterator[LocalServer]:
    app = web.Application()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    test_server = LocalServer(f"http://127.0.0.1:{port}", port, asyncio.Event())
    app.add_routes(_routes(test_server))
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    site = web.SockSite(runner, sock)
    await site.start()
    yield test_server
    test_server.release.set()
    await runner.cleanup()


@pytest.fixture
def settings() -> Settings:
    """Loopback allowed (tests only), small limits so every failure shows up in milliseconds."""
    return Settings(
        fetch_allow_loopback=True,
        fetch_max_bytes=1_000_000,
        fetch_connect_timeout=2.0,
        fetch_read_timeout=2.0,
        fetch_total_timeout=1.5,
        fetch_max_redirects=5,
        fetch_per_user=2,
        fetch_concurrency=4,
    )


@pytest.fixture
def resolver() -> StubResolver:
    return StubResolver()


STORY_PARAGRAPHS = (
    "The harbour bridge reopened to traffic on Monday morning after eight months of repairs "
    "that cost the city far more than planned, officials said at a press conference.",
    '"We are relieved to have it back," said Mayor Ana Ruiz, who cut the ribbon as the first '
    "buses crossed. Engineers replaced the deck joints and repainted the steel arches.",
    "Commuters had faced detours of up to forty minutes while the work went on, and local "
    "shops near the crossing reported a sharp drop in trade over the summer months.",
    "The council said a review of the contract would be published before the end of the year, "
    "and that a second crossing further up the river remained under study.",
)


def page_html(
    head: str = "",
    h1: str = "Harbour bridge reopens after repairs",
    body_before: str = "",
    body_after: str = "<footer><p>© 2023 Coastal Times. All rights reserved.</p></footer>",
    paragraphs: Iterable[str] = STORY_PARAGRAPHS,
    title: str = "Harbour bridge reopens after repairs | Coastal Times",
    lang: str = "en",
) -> str:
    """A news page written for the tests; each argument swaps one part of it."""
    text = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title>{head}</head><body>"
        f'<nav><a href="/">Home</a> <a href="/news">News</a></nav>{body_before}'
        f"<article>{heading}{text}</article>{body_after}</body></html>"
    )
