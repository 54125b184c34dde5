"""Article text in a briefing, on Discord pages and in the CLI's markdown, can never ping."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot import render
from bot.briefing.markdown import render_markdown
from bot.briefing.pages import briefing_sections
from bot.briefing.types import Briefing, BriefingQuote, Source, SpeakerCount, Story
from tests.briefing.conftest import WINDOW_END

LIVE_MENTION = re.compile(r"@everyone|@here|<@[!&]?\d+>")
PINGS = "@everyone @here <@123456789012345678> <@!123456789012345678> <@&123456789012345678>"


def hostile_briefing() -> Briefing:
    """Mentions and markdown in every slot of a story that comes from article text."""
    quote = BriefingQuote(
        f"“{PINGS} **now**,”",
        speaker=f"[Mayor]({PINGS})",
        source_title=f"> {PINGS}",
        source_url="https://news.example/a",
    )
    story = Story(
        headline=f"# {PINGS}",
        summary=(f"- {PINGS}", f"1. {PINGS} __today__"),
        quote=quote,
        sources=(Source(title=PINGS, url="https://news.example/a", site_name=f"@here {PINGS}"),),
    )
    return Briefing(
        since=WINDOW_END - timedelta(hours=24),
        until=WINDOW_END,
        article_count=1,
        stories=(story,),
        story_count=1,
        quotes_of_the_day=(quote,),
        most_quoted=(SpeakerCount(PINGS, 1, 1),),
    )


def discord_pages(briefing: Briefing) -> str:
    sections = [
        render.Section(s.heading, list(s.entries))
        for s in briefing_sections(briefing, WINDOW_END.tzinfo)
    ]
    return "\n".join(render.paginate(sections))


@pytest.mark.parametrize("rendered", [discord_pages, render_markdown])
def test_mentions_in_a_briefing_are_broken_wherever_they_appear(rendered) -> None:
    text = rendered(hostile_briefing())
    assert not LIVE_MENTION.findall(text)
    assert text.count("everyone") == text.count("@\u200beveryone") >= 8
    assert text.count("123456789012345678>") == text.count("<\u200b@") >= 24
    assert "\\*\\*now\\*\\*" in text and "\\_\\_today\\_\\_" in text
