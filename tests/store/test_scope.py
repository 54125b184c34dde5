"""One server never sees another server's submissions, quotes or articles.

The analysis itself is shared (computed once), but it becomes visible in a scope only by being
submitted there, and each scope sees the article only at the address it submitted itself.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.errors import NotFoundError
from bot.models import LOCAL_SCOPE, Article, Scope
from bot.service import Service, Submitter
from bot.store import SqliteStore
from bot.store.keys import content_hash
from bot.store.sqlite import stamp
from tests.store.articles import BIKE_LANES, analysis_with_quotes

GUILD_A = Scope("guild", 111)
GUILD_B = Scope("guild", 222)
DM = Scope("dm", 333)
LINE = "the safest street design this council has ever approved"


async def test_a_server_sees_only_what_was_submitted_there(analyzing_service: Service) -> None:
    service = analyzing_service
    a = await service.analyze_text(BIKE_LANES, GUILD_A, submitter=Submitter(5, 50))
    hour_ago = datetime.now(UTC) - timedelta(hours=1)

    assert (await service.whosaid(LINE, GUILD_A)).matches[0].speaker == "Dana Whitfield"
    for other in (GUILD_B, DM, LOCAL_SCOPE):
        answer = await service.whosaid(LINE, other)
        assert answer.matches == [] and answer.near_misses == []
        assert await service.quotes_by_speaker("Whitfield", other) == []
        assert await service.top_speakers(other) == []
        assert await service.recent_articles(other) == []
        assert await service.suggest_quotes(other, "safest str") == []
        assert await service.suggest_quotes(other, "") == []
        assert await service.articles_since(other, hour_ago) == []
        with pytest.raises(NotFoundError):
            await service.article(a.article_id, other)

    assert [r[0] for r in await service.recent_articles(GUILD_A)] == [a.article_id]
    assert [r.article_id for r in await service.articles_since(GUILD_A, hour_ago)] == [a.article_id]
    assert (await service.article(a.article_id, GUILD_A)).analysis == a.analysis


async def test_submitting_a_cached_article_makes_it_visible_there(
    analyzing_service: Service,
) -> None:
    service = analyzing_service
    first = await service.analyze_text(BIKE_LANES, GUILD_A)
    second = await service.analyze_text(BIKE_LANES, GUILD_B)
    assert second.cached and second.article_id == first.article_id
    assert (await service.whosaid(LINE, GUILD_B)).matches[0].speaker == "Dana Whitfield"
    assert await service.top_speakers(DM) == []


async def test_articles_since_is_a_window_of_submissions(analyzing_service: Service) -> None:
    service = analyzing_service
    before = datetime.now(UTC)
    result = await service.analyze_text(BIKE_LANES, GUILD_A)
    after = datetime.now(UTC) + timedelta(seconds=1)
    assert [r.article_id for r in await service.articles_since(GUILD_A, before, after)] == [
        result.article_id
    ]
    assert await service.articles_since(GUILD_A, after) == []
    assert await service.articles_since(GUILD_A, before - timedelta(days=1), before) == []


async def test_a_server_pasting_anothers_linked_article_never_sees_that_link(
    web_service: Service, site: tuple[str, Counter[str]]
) -> None:
    base, _ = site
    link = f"{base}/news/bike-lanes?gift=SECRET"
    a = await web_service.analyze_url(link, GUILD_A)
    b = await web_service.analyze_text(a.analysis.text, GUILD_B)
    hour_ago = datetime.now(UTC) - timedelta(hours=1)
    assert b.cached and b.article_id == a.article_id

    seen_by_b = [
        b,
        await web_service.article(a.article_id, GUILD_B),
        *await web_service.articles_since(GUILD_B, hour_ago),
    ]
    assert len(seen_by_b) == 3
    for result in seen_by_b:
        assert (result.article.url, result.article.canonical_url, result.analysis.url) == (
            "",
            "",
            "",
        )
    matches = (await web_service.whosaid(LINE, GUILD_B)).matches
    matches += await web_service.quotes_by_speaker("Whitfield", GUILD_B)
    assert matches and {m.url for m in matches} == {""}
    assert await web_service.recent_articles(GUILD_B) == [(a.article_id, a.article.title, "")]
    assert await web_service.recent_articles(GUILD_B, "SECRET") == []

    assert a.article.canonical_url == a.analysis.url == link
    assert (await web_service.article(a.article_id, GUILD_A)).analysis.url == link
    assert [r.analysis.url for r in await web_service.articles_since(GUILD_A, hour_ago)] == [link]
    assert (await web_service.whosaid(LINE, GUILD_A)).matches[0].url == link
    assert [r[2] for r in await web_service.recent_articles(GUILD_A, "SECRET")] == [link]


async def test_hit_after_hit_one_cached_analysis_shows_each_server_only_its_own_address(
    web_service: Service, site: tuple[str, Counter[str]]
) -> None:
    base, _ = site
    link = f"{base}/news/bike-lanes?gift=SECRET"
    first = await web_service.analyze_url(link, GUILD_A)
    for _ in range(2):
        for scope, address in ((GUILD_B, ""), (GUILD_A, link), (DM, ""), (GUILD_A, link)):
            hit = await web_service.analyze_text(first.analysis.text, scope)
            read_back = await web_service.article(first.article_id, scope)
            assert hit.cached and hit.article_id == first.article_id
            assert (hit.analysis.url, hit.article.url, read_back.analysis.url) == (address,) * 3


async def test_a_syndicated_copy_shows_each_server_the_address_it_linked(
    web_service: Service, site: tuple[str, Counter[str]]
) -> None:
    base, _ = site
    a = await web_service.analyze_url(f"{base}/news/bike-lanes?gift=SECRET", GUILD_A)
    b = await web_service.analyze_url(f"{base}/mirror/bike-lanes", GUILD_B)
    assert b.cached and b.article_id == a.article_id
    mirror = f"{base}/mirror/bike-lanes"
    assert b.article.canonical_url == b.analysis.url == mirror
    assert (await web_service.article(a.article_id, GUILD_B)).analysis.url == mirror
    assert (await web_service.whosaid(LINE, GUILD_B)).matches[0].url == mirror
    again = await web_service.analyze_text(a.analysis.text, GUILD_B)
    assert again.analysis.url == mirror


async def test_a_0003_database_upgrades_keeping_only_the_first_linking_servers_address(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    old = await SqliteStore.open(path, upto=3)
    analysis = analysis_with_quotes("Gift", [("Dana Whitfield", "kept words in the old file")])
    link = "https://site.example/story?gift=SECRET"
    article = Article(text=analysis.text, title="Gift", url=link, canonical_url=link, source="url")
    article_id = await old.save_analysis(article, content_hash(article.text), analysis, (link,))
    at = datetime.now(UTC) - timedelta(hours=2)
    for scope, minutes in ((GUILD_A, 0), (GUILD_B, 5), (GUILD_A, 10)):
        await old.connection.execute(
            "INSERT INTO submissions (scope_key, article_id, submitted_at) VALUES (?, ?, ?)",
            (scope.key, article_id, stamp(at + timedelta(minutes=minutes))),
        )
    await old.close()

    upgraded = await SqliteStore.open(path)
    seen_by_a = await upgraded.last_submission(article_id, GUILD_A.key)
    seen_by_b = await upgraded.last_submission(article_id, GUILD_B.key)
    quotes_b = await upgraded.search_quotes(["kept", "words"], GUILD_B.key, 5)
    await upgraded.close()
    assert seen_by_a is not None and seen_by_a.url == link
    assert seen_by_b is not None and seen_by_b.url == ""
    assert [q.url for q in quotes_b] == [""]
