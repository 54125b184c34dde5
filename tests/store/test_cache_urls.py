"""Links through the cache: fetched once per canonical URL, redirects and mirrors included,
and two requests for one link at the same moment cost one fetch and one analysis."""

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
from bot.errors import FetchError
from bot.models import LOCAL_SCOPE, Scope
from bot.service import Service
from bot.workers import WorkerPool
from tests.store.articles import BIKE_LANES


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


async def test_a_link_is_fetched_once_and_then_served_from_the_cache(
    web_service: Service, site: tuple[str, Counter[str]]
) -> None:
    base, hits = site
    first = await web_service.analyze_url(f"{base}/news/bike-lanes", LOCAL_SCOPE)
    again = await web_service.analyze_url(
        f"{base}/news/bike-lanes?utm_source=chat#comments", Scope("guild", 9)
    )
    assert not first.cached and again.cached
    assert again.article_id == first.article_id
    assert hits["/news/bike-lanes"] == 1
    assert first.article.canonical_url == f"{base}/news/bike-lanes"
    assert {q.speaker for q in first.analysis.quotes} >= {"Dana Whitfield"}
    answer = await web_service.whosaid("safest street design ever approved", Scope("guild", 9))
    assert answer.matches[0].url == f"{base}/news/bike-lanes"


async def test_a_redirected_link_is_cached_under_both_addresses(
    web_service: Service, site: tuple[str, Counter[str]]
) -> None:
    base, hits = site
    first = await web_service.analyze_url(f"{base}/old-link", LOCAL_SCOPE)
    direct = await web_service.analyze_url(f"{base}/news/bike-lanes", LOCAL_SCOPE)
    old = await web_service.analyze_url(f"{base}/old-link", LOCAL_SCOPE)
    assert direct.cached and old.cached
    assert first.article_id == direct.article_id == old.article_id
    assert hits == Counter({"/old-link": 1, "/news/bike-lanes": 1})


async def test_a_pasted_article_found_later_at_an_address_gets_that_address(
    web_service: Service, site: tuple[str, Counter[str]]
) -> None:
    base, _ = site
    fetched = await web_service.analyze_url(f"{base}/news/bike-lanes", LOCAL_SCOPE)
    pasted = await web_service.analyze_text(fetched.analysis.text, Scope("guild", 4))
    assert pasted.cached and pasted.article_id == fetched.article_id
    assert pasted.article.canonical_url == f"{base}/news/bike-lanes"


async def test_the_same_article_at_another_address_is_not_analysed_again(
    web_service: Service, site: tuple[str, Counter[str]]
) -> None:
    base, hits = site
    first = await web_service.analyze_url(f"{base}/news/bike-lanes", LOCAL_SCOPE)
    mirror = await web_service.analyze_url(f"{base}/mirror/bike-lanes", LOCAL_SCOPE)
    assert hits["/mirror/bike-lanes"] == 1
    assert mirror.cached and mirror.article_id == first.article_id
    assert web_service.cache.misses == 1


async def test_two_requests_for_one_link_at_once_fetch_and_analyse_once(
    web_service: Service, site: tuple[str, Counter[str]]
) -> None:
    base, hits = site
    results = await asyncio.gather(
        web_service.analyze_url(f"{base}/slow", Scope("guild", 1)),
        web_service.analyze_url(f"{base}/slow?utm_campaign=x", Scope("guild", 2)),
    )
    assert hits["/slow"] == 1
    assert web_service.cache.misses == 1 and web_service.cache.shared == 1
    assert results[0].article_id == results[1].article_id
    for guild in (1, 2):
        assert await web_service.recent_articles(Scope("guild", guild)) != []


async def test_a_link_that_fails_stores_nothing(
    web_service: Service, site: tuple[str, Counter[str]]
) -> None:
    base, _ = site
    with pytest.raises(FetchError):
        await web_service.analyze_url(f"{base}/missing", LOCAL_SCOPE)
    assert (await web_service.cache_stats())["articles"] == 0
