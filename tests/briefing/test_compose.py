"""Composing a briefing over written articles: grouping, ranking, summaries, quotes, counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.briefing.compose import compose_briefing
from bot.briefing.grouping import word_overlap
from bot.briefing.markdown import render_markdown
from tests.briefing.conftest import WINDOW_END
from tests.briefing.stories import STORIES, write_article, write_window

SINCE = WINDOW_END - timedelta(hours=24)


def story_of(window, source_url):
    return next(a.story for a in window if a.article.url == source_url)


def test_fifty_articles_on_ten_stories_group_into_exactly_those_ten(window):
    briefing = compose_briefing(window, SINCE, WINDOW_END)
    assert briefing.article_count == 50
    assert len(briefing.stories) == 10
    groups = [{story_of(window, s.url) for s in story.sources} for story in briefing.stories]
    assert all(len(g) == 1 for g in groups), groups
    assert sorted(g.pop() for g in groups) == sorted(t.key for t in STORIES)
    assert all(len(story.sources) == 5 for story in briefing.stories)


def test_shared_city_or_shared_minister_does_not_merge_different_stories():
    # Three Berlin stories, and Karl Weber quoted on both rates and layoffs.
    keys = {"tram", "marathon", "cup-final", "rates", "layoffs"}
    window = [a for a in write_window(WINDOW_END) if a.story in keys]
    briefing = compose_briefing(window, SINCE, WINDOW_END)
    assert len(briefing.stories) == 5


def test_more_sources_rank_a_story_higher():
    window = write_window(WINDOW_END, stories=3, per_story=5)
    thin = [a for a in window if a.story != "tram" or a.article_id <= 3]  # tram: 1 article
    briefing = compose_briefing(thin, SINCE, WINDOW_END)
    assert [len(s.sources) for s in briefing.stories] == [5, 5, 1]


def test_recency_breaks_a_tie_between_equal_stories():
    old = write_article(STORIES[8], 0, SINCE + timedelta(hours=1), 1)
    new = write_article(STORIES[4], 0, WINDOW_END - timedelta(hours=1), 2)
    briefing = compose_briefing([old, new], SINCE, WINDOW_END)
    assert [s.headline for s in briefing.stories] == [new.analysis.title, old.analysis.title]


def test_each_story_has_a_headline_summary_without_repeats_a_quote_and_every_source(window):
    briefing = compose_briefing(window, SINCE, WINDOW_END)
    for story in briefing.stories:
        assert story.headline
        assert 1 <= len(story.summary) <= 2
        if len(story.summary) == 2:
            assert word_overlap(*story.summary) < 0.5
        assert story.quote is not None and story.quote.speaker in story.people
        assert len({s.url for s in story.sources}) == len(story.sources)


def test_quotes_of_the_day_hold_one_quote_per_speaker_not_already_shown(window):
    briefing = compose_briefing(window, SINCE, WINDOW_END)
    speakers = [q.speaker for q in briefing.quotes_of_the_day]
    assert 1 <= len(speakers) <= 5
    assert len(set(speakers)) == len(speakers)
    shown = {s.quote.text for s in briefing.stories if s.quote}
    assert not shown & {q.text for q in briefing.quotes_of_the_day}


def test_most_quoted_counts_quotes_and_articles_across_stories(window):
    briefing = compose_briefing(window, SINCE, WINDOW_END)
    top = briefing.most_quoted[0]
    # Karl Weber is quoted in 3 rates articles and 3 layoffs articles.
    assert (top.name, top.quotes, top.articles) == ("Karl Weber", 6, 6)


def test_the_same_article_submitted_twice_is_one_source(window):
    again = replace(window[0], submitted_at=WINDOW_END - timedelta(minutes=5), article_id=99)
    briefing = compose_briefing([*window, again], SINCE, WINDOW_END)
    assert briefing.article_count == 50


def test_an_empty_window_is_an_empty_briefing():
    briefing = compose_briefing([], SINCE, WINDOW_END)
    assert briefing.is_empty and briefing.stories == () and briefing.hours == 24


def test_a_story_without_quotes_still_has_a_summary_and_sources():
    article = write_article(STORIES[0], 0, SINCE + timedelta(hours=2), 1)
    bare = replace(
        article, analysis=replace(article.analysis, quotes=(), speakers=(), key_quotes=())
    )
    briefing = compose_briefing([bare], SINCE, WINDOW_END)
    (story,) = briefing.stories
    assert story.quote is None and story.summary and len(story.sources) == 1
    assert briefing.quotes_of_the_day == () and briefing.most_quoted == ()


def test_a_surname_alone_counts_as_the_one_full_name_that_ends_with_it():
    full = write_article(STORIES[1], 0, SINCE + timedelta(hours=1), 1)  # quotes Amara Okafor
    short = write_article(STORIES[1], 2, SINCE + timedelta(hours=2), 2)
    renamed = replace(
        short.analysis,
        speakers=tuple(
            replace(s, name="Okafor") if s.name == "Amara Okafor" else s
            for s in short.analysis.speakers
        ),
        quotes=tuple(
            replace(q, speaker="Okafor") if q.speaker == "Amara Okafor" else q
            for q in short.analysis.quotes
        ),
    )
    briefing = compose_briefing([full, replace(short, analysis=renamed)], SINCE, WINDOW_END)
    counts = {c.name: (c.quotes, c.articles) for c in briefing.most_quoted}
    assert counts["Amara Okafor"] == (2, 2) and "Okafor" not in counts


def test_two_people_sharing_a_surname_stay_apart():
    first = write_article(STORIES[1], 0, SINCE + timedelta(hours=1), 1)
    other = replace(
        first.analysis,
        speakers=(*first.analysis.speakers, replace(first.analysis.speakers[0], name="Ben Okafor")),
    )
    lone = write_article(STORIES[1], 2, SINCE + timedelta(hours=2), 2)
    lone_analysis = replace(
        lone.analysis,
        speakers=tuple(replace(s, name="Okafor") for s in lone.analysis.speakers[:1]),
    )
    briefing = compose_briefing(
        [replace(first, analysis=other), replace(lone, analysis=lone_analysis)], SINCE, WINDOW_END
    )
    assert "Okafor" in {c.name for c in briefing.most_quoted}


def test_only_the_top_stories_are_told_and_the_rest_are_counted(window):
    briefing = compose_briefing(window, SINCE, WINDOW_END, max_stories=4)
    assert len(briefing.stories) == 4 and briefing.story_count == 10
    assert "*50 articles, 10 stories (top 4 shown) · " in render_markdown(briefing)
