"""The briefing as markdown: the CLI's output and the README's sample."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.briefing.compose import compose_briefing
from bot.briefing.markdown import render_markdown
from tests.briefing.conftest import WINDOW_END
from tests.briefing.stories import STORIES, write_article

SINCE = WINDOW_END - timedelta(hours=24)


def test_markdown_lists_every_story_with_quote_and_source_links(window):
    briefing = compose_briefing(window, SINCE, WINDOW_END)
    text = render_markdown(briefing)
    assert text.startswith("# Briefing: the last 24 hours\n")
    assert "*50 articles, 10 stories · Wed 25 Nov 07:00 – Thu 26 Nov 07:00 UTC*" in text
    assert text.count("\n## ") == 12  # ten stories, quotes of the day, most quoted
    assert "## 1. " in text and "## 10. " in text
    assert text.count("5 sources: ") == 10
    for article in window:
        assert f"(<{article.article.url}>)" in text
    assert "## Quotes of the day" in text
    assert "1. **Karl Weber**: 6 quotes in 6 articles" in text


def test_markdown_shows_the_window_in_the_requested_zone(window):
    briefing = compose_briefing(window, SINCE, WINDOW_END)
    assert "08:00 CET" in render_markdown(briefing, ZoneInfo("Europe/Berlin"))


def test_article_text_cannot_inject_markdown():
    article = write_article(STORIES[0], 0, SINCE + timedelta(hours=1), 1)
    hostile = replace(
        article, analysis=replace(article.analysis, title="# Big [click](http://evil) *now*")
    )
    text = render_markdown(compose_briefing([hostile], SINCE, WINDOW_END))
    assert "## 1. \\# Big \\[click\\](http://evil) \\*now\\*" in text


def test_an_empty_window_says_so_and_suggests_how_to_fill_it():
    text = render_markdown(compose_briefing([], SINCE, WINDOW_END))
    assert "Nothing was analyzed here in the last 24 hours" in text
    assert "briefbot analyze" in text and "/briefing feeds add" in text


def test_a_quote_ends_without_the_comma_that_led_to_its_attribution():
    article = write_article(STORIES[0], 0, SINCE + timedelta(hours=1), 1)
    quotes = tuple(replace(q, text=q.text + ",") for q in article.analysis.quotes)
    trailing = replace(article, analysis=replace(article.analysis, quotes=quotes))
    text = render_markdown(compose_briefing([trailing], SINCE, WINDOW_END))
    assert "today we deliver it” — **Lena Vogt**" in text
