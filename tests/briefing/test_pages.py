"""The briefing as Discord pages: every page within the embed description limit."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, timedelta

from bot import render
from bot.briefing.compose import compose_briefing
from bot.briefing.pages import briefing_sections, briefing_title
from bot.briefing.text import LINK_URL_CHARS
from bot.briefing.types import Briefing, BriefingQuote, Source, Story
from tests.briefing.conftest import WINDOW_END
from tests.briefing.stories import STORIES, write_article

SINCE = WINDOW_END - timedelta(hours=24)


def pages_of(briefing) -> list[str]:
    sections = [
        render.Section(s.heading, list(s.entries)) for s in briefing_sections(briefing, UTC)
    ]
    return render.paginate(sections)


def test_a_briefing_with_6000_character_urls_pages_within_discords_limit(window):
    long_urls = []
    for number, written in enumerate(window):
        url = f"https://news.example/{number}/" + "a" * 6000
        article = replace(written.article, url=url, canonical_url=url)
        long_urls.append(replace(written, article=article))
    pages = pages_of(compose_briefing(long_urls, SINCE, WINDOW_END))
    assert all(len(page) <= render.EMBED_DESCRIPTION_LIMIT for page in pages)
    text = "\n".join(pages)
    assert "aaaa" not in text  # too long to link: the label stands alone
    assert text.count("5 sources:") == 10


def test_a_short_url_is_still_linked_next_to_a_long_one(window):
    first = window[0]
    long_url = "https://news.example/long/" + "a" * LINK_URL_CHARS
    other = replace(first, article=replace(first.article, url=long_url, canonical_url=long_url))
    pages = pages_of(compose_briefing([other, *window[1:]], SINCE, WINDOW_END))
    assert f"(<{window[1].article.url}>)" in "\n".join(pages)
    assert long_url not in "\n".join(pages)


def test_hostile_lengths_in_every_part_of_a_story_still_page_within_the_limit():
    article = write_article(STORIES[0], 0, SINCE + timedelta(hours=1), 1)
    composed = compose_briefing([article], SINCE, WINDOW_END)
    huge = "word " * 3000
    story = Story(
        headline=huge,
        summary=(huge, huge),
        quote=BriefingQuote(huge, speaker="x" * 6000, source_title=huge, source_url="https://a.b/"),
        sources=(Source(title=huge, url="https://news.example/" + "b" * 6000, site_name=huge),),
    )
    quotes = tuple(replace(story.quote, speaker=f"{n}" * 6000) for n in range(5))
    briefing = replace(composed, stories=(story,) * 10, quotes_of_the_day=quotes)
    for page in pages_of(briefing):
        assert len(page) <= render.EMBED_DESCRIPTION_LIMIT


def test_a_one_hour_briefing_says_the_last_hour():
    hour = Briefing(since=WINDOW_END - timedelta(hours=1), until=WINDOW_END, article_count=0)
    day = replace(hour, since=SINCE)

    assert briefing_title(hour) == "Briefing: the last hour"
    assert briefing_title(day) == "Briefing: the last 24 hours"
