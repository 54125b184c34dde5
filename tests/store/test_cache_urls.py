"""Links through the cache: fetched once per canonical URL, redirects and mirrors included,
and two requests for one link at the same moment cost one fetch and one analysis."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from bot.errors import FetchError
from bot.models import LOCAL_SCOPE, Scope
from bot.service import Service


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


async def test_pasting_an_article_the_scope_linked_before_shows_its_own_link(
    web_service: Service, site: tuple[str, Counter[str]]
) -> None:
    base, _ = site
    fetched = await web_service.analyze_url(f"{base}/news/bike-lanes", Scope("guild", 4))
    pasted = await web_service.analyze_text(fetched.analysis.text, Scope("guild", 4))
    assert pasted.cached and pasted.article_id == fetched.article_id
    assert pasted.article.canonical_url == f"{base}/news/bike-lanes"
    assert pasted.analysis.url == f"{base}/news/bike-lanes"


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
