""" "Most quoted" counts one person once, under the fullest name the server's articles gave.

A titled or bare surname ("President Okonjo") in the window becomes the one full name that fits
it, from the window or from the server's older articles, never from another server's.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.briefing.build import briefing_for
from bot.briefing.compose import compose_briefing
from bot.config import Settings
from bot.models import Analysis, Article, Scope
from bot.service import Service
from tests.store.articles import analysis_with_quotes, store_analysis

NEWSROOM = Scope("guild", 8001)
ELSEWHERE = Scope("guild", 8002)
NOW = datetime.now(UTC)

FULL = analysis_with_quotes(
    "Port opens a second container terminal",
    [
        ("Bayo Okonjo", "We have waited twenty years for a berth that takes the largest ships"),
        ("Nate Okafor", "My trucks used to wait three days at the gate and now they wait one"),
        ("Ruth Okafor", "Every container now goes through the new scanner in under a minute"),
    ],
)
SHORT = analysis_with_quotes(
    "Rail line to the port approved by the cabinet",
    [
        ("President Okonjo", "Goods that sit on the quay do nothing for the farmers upcountry"),
        ("Mr. Okafor", "Every bag of fertiliser costs me twice what it did last spring"),
    ],
)


@dataclass(frozen=True)
class _Submitted:
    article: Article
    analysis: Analysis
    submitted_at: datetime


def _submitted(analysis: Analysis, hours_ago: float) -> _Submitted:
    article = Article(text=analysis.text, title=analysis.title)
    return _Submitted(article, analysis, NOW - timedelta(hours=hours_ago))


def test_a_titled_surname_in_the_window_counts_under_the_full_name() -> None:
    briefing = compose_briefing(
        [_submitted(FULL, 3), _submitted(SHORT, 2)], NOW - timedelta(hours=24), NOW
    )
    counts = {c.name: (c.quotes, c.articles) for c in briefing.most_quoted}
    assert counts["Bayo Okonjo"] == (2, 2)
    assert "President Okonjo" not in counts and counts["Mr. Okafor"] == (1, 1)


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    opened = await Service.open(Settings(database=str(tmp_path / "briefbot.db"), workers=0))
    yield opened
    await opened.close()


async def test_the_full_name_may_come_from_an_older_article_of_the_same_server(
    service: Service,
) -> None:
    await store_analysis(service.store, FULL, NEWSROOM, at=NOW - timedelta(days=3))
    await store_analysis(service.store, SHORT, NEWSROOM, at=NOW - timedelta(hours=1))
    await store_analysis(service.store, SHORT, ELSEWHERE, at=NOW - timedelta(hours=1))

    here = await briefing_for(service, NEWSROOM, 24, NOW)
    there = await briefing_for(service, ELSEWHERE, 24, NOW)

    assert [(c.name, c.quotes) for c in here.most_quoted] == [("Bayo Okonjo", 1), ("Mr. Okafor", 1)]
    assert set(here.stories[0].people) == {"Bayo Okonjo", "Mr. Okafor"}
    assert {c.name for c in there.most_quoted} == {"President Okonjo", "Mr. Okafor"}
