"""Fixtures for the store and service tests: each runs on a real SQLite file under ``tmp_path``
and again on a fresh database on a real PostgreSQL server (``tests.postgres``)."""

from __future__ import annotations

import asyncio
import html
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from aiohttp import web
from spacy.language import Language

from bot.config import Settings
from bot.service import Service
from bot.workers import WorkerPool
from tests.store.articles import BIKE_LANES


@pytest.fixture
def settings(database: str) -> Settings:
    return Settings(database=database, workers=0, analysis_timeout=120.0)


@pytest.fixture
async def service(settings: Settings) -> AsyncIterator[Service]:
    """The service with its analyses run in a thread of the test process, as the CLI does."""
    pool = WorkerPool(0, 8, settings.analysis_timeout, settings.spacy_model)
    opened = await Service.open(settings, pool=pool)
    yield opened
    await opened.close()
    await pool.close()


@pytest.fixture
async def analyzing_service(service: Service, nlp: Language) -> Service:
    """The service, with spaCy already loaded (once per session) for tests that analyse."""
    return service


def _page() -> str:
    title, *paragraphs = [p for p in BIKE_LANES.split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p.strip())}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{html.escape(title)}</title></head>"
        f"<body><article><h1>{html.escape(title)}</h1>{body}</article></body></html>"
    )


@pytest.fixture
async def site() -> AsyncIterator[tuple[str, Counter[str]]]:
    """A news site on 127.0.0.1 that counts the requests for each path."""
    hits: Counter[str] = Counter()
    page = _page()

    async def article(request: web.Request) -> web.Response:
        hits[request.path] += 1
        if request.path == "/slow":
            await asyncio.sleep(0.3)
        return web.Response(text=page, content_type="text/html")

    async def moved(request: web.Request) -> web.Response:
        hits[request.path] += 1
        raise web.HTTPMovedPermanently("/news/bike-lanes")

    app = web.Application()
    app.router.add_get("/news/bike-lanes", article)
    app.router.add_get("/mirror/bike-lanes", article)
    app.router.add_get("/slow", article)
    app.router.add_get("/old-link", moved)
    runner = web.AppRunner(app)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    port = tcp._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}", hits
    await runner.cleanup()


@pytest.fixture
async def web_service(settings: Settings, nlp: Language) -> AsyncIterator[Service]:
    settings = replace(settings, fetch_allow_loopback=True)
    pool = WorkerPool(0, 8, settings.analysis_timeout, settings.spacy_model)
    service = await Service.open(settings, pool=pool)
    yield service
    await service.close()
    await pool.close()
