"""From feeds to a briefing with nothing faked: a real server, fetcher, engine and database."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta

from bot.briefing.build import briefing_for
from bot.briefing.feed_storage import FeedStorage
from bot.briefing.feeds import FeedPoller
from bot.config import Settings
from bot.ingest.fetch import Fetcher
from bot.models import Scope
from bot.service import Service
from tests.briefing.feed_server import feed_site, rss
from tests.briefing.stories import STORIES, write_article

GUILD = 5


def page(title: str, text: str, outlet: str) -> bytes:
    """An article page: a headline and the text in paragraphs of two sentences."""
    sentences = text.split(". ")
    paragraphs = [". ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    body = "".join(f"<p>{html.escape(p)}{'' if p.endswith('.') else '.'}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}"
        f" | {outlet}</title><meta property='og:title' content='{html.escape(title)}'></head>"
        f"<body><article><h1>{html.escape(title)}</h1>{body}</article></body></html>"
    ).encode()


async def test_feed_articles_are_fetched_analyzed_and_grouped_into_a_briefing(database, clock):
    settings = Settings(database=database, workers=0, fetch_allow_loopback=True)
    service = await Service.open(settings)
    fetcher = Fetcher(settings)
    try:
        async with feed_site() as site:
            links = []
            for template in (STORIES[3], STORIES[8]):  # interest rates, the comet
                for variant in range(3):
                    written = write_article(template, variant, datetime.now(UTC), 0)
                    path = f"/news/{template.key}-{variant}.html"
                    text = written.article.text + " " + written.article.text.replace("“", "")
                    site.publish(path, page(written.article.title, text, "Ledger"), "text/html")
                    links.append((path, written.article.title))
            url = site.publish("/feed.xml", rss("Ledger", links, site.base))
            poller = FeedPoller(
                FeedStorage(service.store),
                fetcher,
                lambda link, scope: service.analyze_url(link, scope),
                interval=timedelta(minutes=30),
                clock=clock,
                concurrency=2,
            )
            feed, queued = await poller.add(GUILD, url)
            assert queued == 5  # a new feed's newest five
            await poller.tick()
            await poller.drain()
            assert (await poller.storage.entry_counts(feed.id)).get("analyzed") == 5
        briefing = await briefing_for(
            service, Scope("guild", GUILD), 24, datetime.now(UTC) + timedelta(seconds=1)
        )
    finally:
        await fetcher.close()
        await service.close()
    assert briefing.article_count == 5
    assert sorted(len(s.sources) for s in briefing.stories) == [2, 3]
    keys = [
        {source.url.split("/")[-1].split("-")[0] for source in s.sources} for s in briefing.stories
    ]
    assert all(len(k) == 1 for k in keys)
