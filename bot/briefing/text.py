"""The wording both renderers share: quote lines, source links, counts and the empty message.

Markdown (the CLI) and Discord's markdown differ in headings and size limits, not in how a
quote or a source list reads, so those phrases are written once here.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from bot.briefing.types import Briefing, BriefingQuote, Source, SpeakerCount
from bot.inert_text import safe
from bot.plain_text import one_line, shorten

_QUOTE_MARKS = "“”\"' "
QUOTE_CHARS = 400
"""Longer quotes are cut at a word: a briefing points to the article, it does not reprint it."""
LINK_URL_CHARS = 500
"""Longer URLs are not linked (the label stands alone): a Discord page holds 4,096 characters."""
NAME_CHARS = 100
"""Speaker names and source titles shown next to a quote are cut here."""


def link(label: str, url: str) -> str:
    """A markdown link, or the bare label when the URL is unusable or too long to show."""
    target = url.replace(">", "%3E").replace(" ", "%20")
    if not url.startswith(("http://", "https://")) or len(target) > LINK_URL_CHARS:
        return safe(one_line(label))
    return f"[{safe(one_line(label))}](<{target}>)"


def address(url: str) -> str:
    """A URL shown as itself (``<…>`` keeps Discord from previewing it), or cut when too long."""
    if len(url) > LINK_URL_CHARS or not url.startswith(("http://", "https://")):
        return safe(shorten(url, 80))
    return f"<{url.replace('>', '%3E').replace(' ', '%20')}>"


def quote_line(quote: BriefingQuote, with_source: bool = False) -> str:
    """“Quote” — Speaker, optionally followed by the article it is from."""
    # "…we deliver it," said Vogt: the comma belongs to the attribution, not the quote.
    bare = quote.text.strip(_QUOTE_MARKS).rstrip(",;: ")
    text = safe(shorten(bare, QUOTE_CHARS))
    line = f"“{text}” — **{safe(shorten(quote.speaker, NAME_CHARS))}**"
    if with_source and quote.source_url:
        label = shorten(quote.source_title, NAME_CHARS) or "source"
        line += f" ({link(label, quote.source_url)})"
    return line


def sources_line(sources: tuple[Source, ...]) -> str:
    """The links to a story's articles, each labelled by its site (or else its title)."""
    labels = [link(s.site_name or s.title, s.url) for s in sources]
    noun = "source" if len(sources) == 1 else "sources"
    return f"{len(sources)} {noun}: " + " · ".join(labels)


def most_quoted_line(rank: int, count: SpeakerCount) -> str:
    quotes = "quote" if count.quotes == 1 else "quotes"
    articles = "article" if count.articles == 1 else "articles"
    return (
        f"{rank}. **{safe(shorten(count.name, NAME_CHARS))}**: "
        f"{count.quotes} {quotes} in {count.articles} {articles}"
    )


def window_line(briefing: Briefing, zone: tzinfo) -> str:
    """ "50 articles, 10 stories · Wed 25 Nov 07:00 – Thu 26 Nov 07:00 UTC"."""
    articles = "article" if briefing.article_count == 1 else "articles"
    total = max(briefing.story_count, len(briefing.stories))
    stories = "story" if total == 1 else "stories"
    shown = f" (top {len(briefing.stories)} shown)" if total > len(briefing.stories) else ""
    return (
        f"{briefing.article_count} {articles}, {total} {stories}{shown} · "
        f"{_when(briefing.since, zone)} – {_when(briefing.until, zone)} "
        f"{briefing.until.astimezone(zone).tzname()}"
    )


def empty_message(briefing: Briefing, how_to_add: str) -> str:
    """What an empty window says: plainly nothing, and how to get something next time."""
    return (
        f"Nothing was analyzed here in {briefing.window}, so there is no briefing yet. {how_to_add}"
    )


def _when(moment: datetime, zone: tzinfo) -> str:
    return moment.astimezone(zone).strftime("%a %d %b %H:%M")
