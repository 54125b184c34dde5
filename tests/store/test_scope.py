"""One server never sees another server's submissions, quotes or articles.

The analysis itself is shared (computed once), but it becomes visible in a scope only by being
submitted there.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.errors import NotFoundError
from bot.models import LOCAL_SCOPE, Scope
from bot.service import Service, Submitter
from tests.store.articles import BIKE_LANES

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
