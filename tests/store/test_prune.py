"""Pruning drops old analyses but never the quotes "who said" needs for submitted articles."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.config import Settings
from bot.errors import InputError, NotFoundError
from bot.models import LOCAL_SCOPE, Article
from bot.service import Service
from bot.store import SqliteStore
from bot.store.keys import content_hash, words
from tests.store.articles import LIBRARY, analysis_with_quotes, store_analysis
from tests.store.sql import execute, rows

KEPT = "Every bridge in the county will be inspected before the winter"
ORPHAN = "Nobody submitted this article so nothing should keep its quotes"


async def _age_analyses(service: Service, days: int) -> None:
    old = (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    await execute(service.store, "UPDATE analyses SET created_at = ?", (old,))


async def test_prune_keeps_the_quotes_of_submitted_articles(service: Service) -> None:
    kept = analysis_with_quotes("Bridges", [("Lena Ford", KEPT)])
    kept_id = await store_analysis(service.store, kept, LOCAL_SCOPE)
    orphan = analysis_with_quotes("Orphan", [("Nobody Known", ORPHAN)])
    await service.store.save_analysis(Article(text=orphan.text), content_hash(orphan.text), orphan)
    await _age_analyses(service, 40)

    assert await service.prune(30) == 2

    answer = await service.whosaid("every bridge in the county will be inspected", LOCAL_SCOPE)
    assert answer.matches[0].speaker == "Lena Ford"
    assert answer.matches[0].title == "Bridges"
    store = service.store
    assert await rows(store, "SELECT COUNT(*) FROM analyses") == [(0,)]
    assert await rows(store, "SELECT title FROM articles") == [("Bridges",)]
    assert await rows(store, "SELECT text FROM quotes") == [(KEPT,)]
    assert await rows(store, "SELECT name FROM speakers") == [("Lena Ford",)]
    if isinstance(store, SqliteStore):
        await execute(store, "INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")
    else:
        assert await rows(store, "SELECT term FROM quote_terms WHERE doc > 0 ORDER BY term") == [
            (term,) for term in sorted(set(words(KEPT)))
        ]
    with pytest.raises(NotFoundError, match="pruned"):
        await service.article(kept_id, LOCAL_SCOPE)


async def test_prune_leaves_recent_analyses_alone(service: Service) -> None:
    await store_analysis(service.store, analysis_with_quotes("Fresh", [("A", KEPT)]), LOCAL_SCOPE)
    assert await service.prune(30) == 0
    assert (await service.cache_stats())["analyses"] == 1


async def test_a_pruned_article_submitted_again_is_analysed_again(
    analyzing_service: Service,
) -> None:
    service = analyzing_service
    first = await service.analyze_text(LIBRARY, LOCAL_SCOPE)
    await _age_analyses(service, 10)
    assert await service.prune(5) == 1
    again = await service.analyze_text(LIBRARY, LOCAL_SCOPE)
    assert not again.cached and again.article_id == first.article_id
    assert len(await service.quotes_by_speaker("Aisha Karimi", LOCAL_SCOPE)) == 1


async def test_negative_days_are_refused(service: Service) -> None:
    with pytest.raises(InputError):
        await service.prune(-1)


async def test_more_days_than_the_calendar_holds_are_refused(service: Service) -> None:
    with pytest.raises(InputError, match="from 0 to 36,500"):
        await service.prune(99_999_999_999)


async def test_the_prune_setting_prunes_when_the_service_opens(
    service: Service, settings: Settings
) -> None:
    await store_analysis(service.store, analysis_with_quotes("Old", [("A", KEPT)]), LOCAL_SCOPE)
    await _age_analyses(service, 40)
    await service.close()
    reopened = await Service.open(replace(settings, prune_days=30), pool=service.pool)
    try:
        stats = await reopened.cache_stats()
        assert stats["analyses"] == 0 and stats["quotes"] == 1
    finally:
        await reopened.close()
