"""The briefing as Discord-sized sections: a heading and entries that each fit one page.

No discord.py here: the cog turns these into ``bot.render.Section``s, pages them with
``bot.render.paginate`` and wraps each page in an embed. Every entry stays far below a page
(sources are split into several entries, and any entry a stranger's text made longer than
``ENTRY_CHARS`` is cut), so paging only ever breaks between entries and never makes a page
Discord refuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from bot.briefing.text import (
    empty_message,
    link,
    most_quoted_line,
    quote_line,
    shorten,
    window_line,
)
from bot.briefing.types import Briefing, Story
from bot.inert_text import safe
from bot.plain_text import one_line

HEADLINE_CHARS = 200
SOURCES_CHARS = 900
ENTRY_CHARS = 3000
"""Any one entry: with its heading (under 500) it fits a 3,900-character page with room to spare."""
DISCORD_HOW_TO_ADD = (
    "Summarize articles here with `/summarize`, or follow news feeds with `/briefing feeds add`."
)


@dataclass(frozen=True)
class PageSection:
    """A heading (repeated on a continued page) and its entries."""

    heading: str
    entries: tuple[str, ...]


def briefing_title(briefing: Briefing) -> str:
    return f"Briefing: {briefing.window}"


def briefing_sections(briefing: Briefing, zone: tzinfo) -> list[PageSection]:
    """The whole briefing, in reading order, for paging."""
    intro = PageSection("", (f"*{window_line(briefing, zone)}*",))
    if briefing.is_empty:
        return [intro, PageSection("", (empty_message(briefing, DISCORD_HOW_TO_ADD),))]
    sections = [intro]
    for rank, story in enumerate(briefing.stories, start=1):
        heading = f"**{rank}. {safe(shorten(story.headline, HEADLINE_CHARS))}**"
        sections.append(PageSection(heading, _story_entries(story)))
    if briefing.quotes_of_the_day:
        quotes = tuple(f"> {quote_line(q, with_source=True)}" for q in briefing.quotes_of_the_day)
        sections.append(PageSection("__Quotes of the day__", quotes))
    if briefing.most_quoted:
        lines = [most_quoted_line(i, c) for i, c in enumerate(briefing.most_quoted, start=1)]
        sections.append(PageSection("__Most quoted__", ("\n".join(lines),)))
    return [PageSection(s.heading, tuple(map(_within_entry, s.entries))) for s in sections]


def _story_entries(story: Story) -> tuple[str, ...]:
    entries = []
    if story.summary:
        entries.append(" ".join(safe(one_line(s)) for s in story.summary))
    if story.quote:
        entries.append(f"> {quote_line(story.quote)}")
    entries.extend(_source_chunks(story))
    return tuple(entries)


def _source_chunks(story: Story) -> list[str]:
    """Links to every source, as entries of at most ``SOURCES_CHARS``."""
    noun = "source" if len(story.sources) == 1 else "sources"
    chunks: list[str] = []
    current = f"{len(story.sources)} {noun}:"
    for source in story.sources:
        label = shorten(source.site_name or source.title, 80)
        item = link(label, source.url)
        if len(current) + len(item) + 3 > SOURCES_CHARS:
            chunks.append(current)
            current = item
        else:
            current = f"{current} {item}" if current.endswith(":") else f"{current} · {item}"
    chunks.append(current)
    return chunks


def _within_entry(text: str) -> str:
    """``text`` cut at a space or line break before ``ENTRY_CHARS``, line breaks kept."""
    if len(text) <= ENTRY_CHARS:
        return text
    cut = text[: ENTRY_CHARS - 1]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space > ENTRY_CHARS // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"
