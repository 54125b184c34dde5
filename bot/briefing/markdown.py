"""The briefing as one markdown document, for ``briefbot briefing`` and the README."""

from __future__ import annotations

from datetime import UTC, tzinfo

from bot.briefing.text import (
    empty_message,
    most_quoted_line,
    quote_line,
    sources_line,
    window_line,
)
from bot.briefing.types import Briefing, Story
from bot.inert_text import safe
from bot.plain_text import one_line

CLI_HOW_TO_ADD = (
    "Analyze a few articles first (`briefbot analyze URL`), or add RSS feeds in Discord with "
    "`/briefing feeds add`."
)


def render_markdown(
    briefing: Briefing, zone: tzinfo = UTC, how_to_add: str = CLI_HOW_TO_ADD
) -> str:
    """The whole briefing: stories, quotes of the day and the most quoted people."""
    lines = [
        f"# Briefing: {briefing.window}",
        "",
        f"*{window_line(briefing, zone)}*",
        "",
    ]
    if briefing.is_empty:
        lines += [empty_message(briefing, how_to_add), ""]
        return "\n".join(lines)
    for rank, story in enumerate(briefing.stories, start=1):
        lines += [f"## {rank}. {safe(one_line(story.headline))}", "", *story_body(story), ""]
    if briefing.quotes_of_the_day:
        lines += ["## Quotes of the day", ""]
        lines += [f"- {quote_line(q, with_source=True)}" for q in briefing.quotes_of_the_day]
        lines.append("")
    if briefing.most_quoted:
        lines += ["## Most quoted", ""]
        lines += [most_quoted_line(i, c) for i, c in enumerate(briefing.most_quoted, start=1)]
        lines.append("")
    return "\n".join(lines)


def story_body(story: Story) -> list[str]:
    """A story's summary, its best quote and its sources, as markdown paragraphs."""
    body = [" ".join(safe(one_line(s)) for s in story.summary)] if story.summary else []
    if story.quote:
        body += ["", f"> {quote_line(story.quote)}"]
    body += ["", sources_line(story.sources)]
    return body
