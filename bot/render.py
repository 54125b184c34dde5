"""Discord's size limits and every embed Briefbot sends, in one place.

Long output is paged at sentence boundaries (then word boundaries), never by cutting a word, so
a 20,000-word article's quotes arrive as readable pages. Article text is untrusted: markdown that
would change the rendering is escaped and mentions are broken with a zero-width space, so a quote
can neither reformat the message nor ping anyone (``NO_MENTIONS`` is sent with every message too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import discord

from bot.inert_text import safe
from bot.listed_quotes import unattributed_quotes
from bot.models import Analysis, Article, Quote, Speaker
from bot.plain_text import ELLIPSIS, one_line, shorten

if TYPE_CHECKING:
    from bot.service import QuoteMatch, WhoSaidAnswer

CONTENT_LIMIT = 2000
EMBED_TITLE_LIMIT = 256
EMBED_DESCRIPTION_LIMIT = 4096
EMBED_FIELD_NAME_LIMIT = 256
EMBED_FIELD_VALUE_LIMIT = 1024
EMBED_FIELDS_LIMIT = 25
EMBED_FOOTER_LIMIT = 2048
EMBED_AUTHOR_LIMIT = 256
MESSAGE_EMBED_TOTAL = 6000
"""Title, description, field names and values, footer and author of all embeds together."""

PAGE_BUDGET = 3900
"""Description space per page: under the 4096 limit with room for the continuation headings."""

NO_MENTIONS = discord.AllowedMentions.none()
BRAND_COLOUR = discord.Colour(0x2B6CB0)
WORDS_PER_MINUTE = 230
KEY_QUOTES_SHOWN = 3
_CONTINUED = "\n\n*Continued under “Full summary”.*"

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’')\]]*\s+")


def split_to_fit(text: str, limit: int) -> list[str]:
    """Pieces of ``text`` no longer than ``limit``, split between sentences where possible.

    A sentence longer than ``limit`` is split between words; only a single word longer than
    ``limit`` (a pathological URL) is ever cut.
    """
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    pieces: list[str] = []
    current = ""
    for unit in _units(text, limit):
        joined = f"{current} {unit}" if current else unit
        if len(joined) <= limit:
            current = joined
        else:
            pieces.append(current)
            current = unit
    if current:
        pieces.append(current)
    return pieces


def _units(text: str, limit: int) -> Iterable[str]:
    """Sentences no longer than ``limit``; longer sentences as their words (or word slices)."""
    for sentence in _SENTENCE_END.split(text):
        if len(sentence) <= limit:
            yield sentence
            continue
        for word in sentence.split():
            while len(word) > limit:
                yield word[:limit]
                word = word[limit:]
            yield word


@dataclass(frozen=True)
class Section:
    """A heading and its entries; the heading is repeated on every page the section spans."""

    heading: str
    entries: Sequence[str]


def paginate(sections: Iterable[Section], budget: int = PAGE_BUDGET) -> list[str]:
    """Pack sections into page texts of at most ``budget`` characters, breaking between entries.

    Entries must each fit in a page together with their heading; ``quote_entries`` and
    ``prose_entries`` make them so.
    """
    pages: list[str] = []
    current: list[str] = []
    size = 0
    for section in sections:
        continued = f"{section.heading} (continued)" if section.heading else ""
        for position, entry in enumerate(section.entries):
            heading = section.heading if position == 0 else ("" if current else continued)
            block = f"{heading}\n{entry}" if heading else entry
            if current and size + 2 + len(block) > budget:
                pages.append("\n\n".join(current))
                current, size = [], 0
                heading = section.heading if position == 0 else continued
                block = f"{heading}\n{entry}" if heading else entry
            size += len(block) + (2 if current else 0)
            current.append(block)
    if current:
        pages.append("\n\n".join(current))
    return pages


def quote_entries(text: str, attribution: str = "", budget: int = PAGE_BUDGET - 300) -> list[str]:
    """A quote as block-quote entries (several if very long) with the attribution on the last."""
    pieces = split_to_fit(safe(one_line(text)), budget)
    entries = [f"> {piece}" for piece in pieces] or ["> …"]
    entries[0] = entries[0].replace("> ", "> “", 1)
    entries[-1] += "”"
    if attribution:
        entries[-1] += f"\n{attribution}"
    return entries


def prose_entries(text: str, budget: int = PAGE_BUDGET - 300) -> list[str]:
    """Plain article text as entries that each fit a page."""
    return split_to_fit(safe(text), budget)


def speaker_label(speaker: str | None, role: str | None = None) -> str:
    """``Name, role`` for display, or ``Unknown speaker``."""
    name = speaker or "Unknown speaker"
    return f"{name}, {role}" if role else name


def _speaker_of(analysis: Analysis, quote: Quote) -> Speaker | None:
    return next((s for s in analysis.speakers if s.name == quote.speaker), None)


def _named(speaker: Speaker) -> bool:
    """Whether a speaker has a name to show: the engine marks a bare description ("the
    agency", "the message") as unknown, and a description is never shown as a name."""
    return speaker.kind != "unknown"


def quote_label(analysis: Analysis, quote: Quote) -> str:
    """Who said ``quote``, for display: ``Name, role``, or ``Unknown speaker``."""
    speaker = _speaker_of(analysis, quote)
    if speaker is not None and not _named(speaker):
        return speaker_label(None)
    return speaker_label(quote.speaker, speaker.role if speaker else None)


def source_line(article: Article, analysis: Analysis) -> str:
    """``Site · By … · 20 Nov 2026``: where the article came from, plain text."""
    parts = [
        article.site_name,
        article.byline or analysis.byline,
        format_date(article.published or analysis.published),
    ]
    return " · ".join(part for part in (one_line(p) for p in parts) if part)


def format_date(value: str) -> str:
    """An ISO date as ``20 Nov 2026``; anything unparsable as given."""
    if not value:
        return ""
    try:
        return datetime.fromisoformat(value).strftime("%-d %b %Y")
    except ValueError:
        return value


def link_target(article: Article) -> str | None:
    """The URL an embed title may link to (Discord rejects anything but http(s))."""
    url = article.canonical_url or article.url
    if url.startswith(("http://", "https://")) and len(url) <= 2048:
        return url
    return None


def reading_time_saved(analysis: Analysis) -> str:
    """Minutes of reading the summary saves, for the footer."""
    summary_words = sum(len(s.text.split()) for s in analysis.summary)
    minutes = max(analysis.word_count - summary_words, 0) / WORDS_PER_MINUTE
    if minutes < 1:
        return "under a minute of reading saved"
    return f"~{round(minutes)} min of reading saved"


def _base_embed(article: Article, analysis: Analysis, title_suffix: str = "") -> discord.Embed:
    title = article.title or analysis.title or "Untitled article"
    embed = discord.Embed(
        title=shorten(safe(title) + title_suffix, EMBED_TITLE_LIMIT),
        url=link_target(article),
        colour=BRAND_COLOUR,
    )
    source = source_line(article, analysis)
    if source:
        embed.set_author(name=shorten(source, EMBED_AUTHOR_LIMIT))
    return embed


def summary_embed(article: Article, analysis: Analysis, *, cached: bool) -> discord.Embed:
    """The answer to ``/summarize``: linked title, source, summary, key quotes, footer.

    The summary gets whatever room the other parts leave under the 6,000-character total; what
    does not fit is behind the "Full summary" button.
    """
    embed = _base_embed(article, analysis)
    for index in key_quote_indices(analysis)[:KEY_QUOTES_SHOWN]:
        quote = analysis.quotes[index]
        embed.add_field(
            name=shorten(safe(quote_label(analysis, quote)), 256),
            value=shorten(f"“{safe(one_line(quote.shown))}”", EMBED_FIELD_VALUE_LIMIT),
            inline=False,
        )
    footer = [reading_time_saved(analysis), f"{analysis.word_count:,} words"]
    footer.append("served from cache" if cached else "freshly analyzed")
    footer.extend(shorten(w, 200) for w in analysis.warnings[:2])
    embed.set_footer(text=shorten(" · ".join(footer), 500))
    room = min(PAGE_BUDGET, MESSAGE_EMBED_TOTAL - len(embed)) - len(_CONTINUED)
    summary = " ".join(one_line(s.text) for s in analysis.summary)
    pages = split_to_fit(safe(summary), room) or ["(The article has no summary.)"]
    embed.description = pages[0] + (_CONTINUED if len(pages) > 1 else "")
    return embed


def key_quote_indices(analysis: Analysis) -> list[int]:
    """The engine's key quotes, or, when it ranked none, the attributed quotes in order."""
    ranked = [i for i in analysis.key_quotes if 0 <= i < len(analysis.quotes)]
    if ranked:
        return ranked
    attributed = [i for i, q in enumerate(analysis.quotes) if q.speaker]
    return attributed or list(range(len(analysis.quotes)))


def who_said_what_sections(analysis: Analysis) -> list[Section]:
    """Quotes grouped by speaker, most-quoted first; unattributed quotes last."""
    sections: list[Section] = []
    speakers = sorted(
        (s for s in analysis.speakers if _named(s)), key=lambda s: -len(s.quote_indices)
    )
    for speaker in speakers:
        entries = [
            entry
            for index in speaker.quote_indices
            if 0 <= index < len(analysis.quotes)
            for entry in quote_entries(analysis.quotes[index].shown)
        ]
        if entries:
            sections.append(
                Section(f"**{safe(speaker_label(speaker.name, speaker.role))}**", entries)
            )
    unnamed = {s.name for s in analysis.speakers if not _named(s)}
    unknown = [
        entry
        for quote in unattributed_quotes(analysis.quotes, unnamed)
        for entry in quote_entries(quote.shown)
    ]
    if unknown:
        sections.append(Section("**Unknown speaker**", unknown))
    return sections


def all_quotes_sections(analysis: Analysis) -> list[Section]:
    """Every quote in article order with its speaker."""
    entries: list[str] = []
    for number, quote in enumerate(analysis.quotes, start=1):
        label = safe(quote_label(analysis, quote))
        entries.extend(quote_entries(quote.shown, f"— {number}. {label}"))
    return [Section("", entries)]


def full_summary_sections(analysis: Analysis) -> list[Section]:
    """The longest summary the analysis holds (its ranked sentences), in article order."""
    sentences = sorted(analysis.ranked or analysis.summary, key=lambda s: (s.index, s.start))
    return [Section("", [e for s in sentences for e in prose_entries(one_line(s.text))])]


def digest_sections(analysis: Analysis) -> list[Section]:
    """``/quotes``: the key quotes first, then who said what."""
    key: list[str] = []
    for index in key_quote_indices(analysis)[:KEY_QUOTES_SHOWN]:
        quote = analysis.quotes[index]
        label = safe(quote_label(analysis, quote))
        key.extend(quote_entries(quote.shown, f"— {label}"))
    sections = [Section("__Key quotes__", key)] if key else []
    who = who_said_what_sections(analysis)
    if who:
        who[0] = Section(f"__Who said what__\n{who[0].heading}", who[0].entries)
    return sections + who


def page_embeds(
    article: Article, analysis: Analysis, sections: Iterable[Section], title: str
) -> list[discord.Embed]:
    """One embed per page, titled with the article and numbered, each within every limit."""
    pages = paginate(sections) or ["*No quotes were found in this article.*"]
    embeds = []
    for number, text in enumerate(pages, start=1):
        embed = _base_embed(article, analysis, f" — {title}")
        embed.description = text.strip()
        embed.set_footer(text=f"Page {number} of {len(pages)}")
        embeds.append(embed)
    return embeds


def whosaid_embed(answer: WhoSaidAnswer) -> discord.Embed:
    """The answer to ``/whosaid``: the best match in full, then other matches or near-misses."""
    embed = discord.Embed(colour=BRAND_COLOUR)
    if answer.matches:
        best, others = answer.matches[0], list(answer.matches[1:])
        label = safe(speaker_label(best.speaker, best.role))
        embed.title = shorten(f"Who said it: {label}", EMBED_TITLE_LIMIT)
        embed.description = _match_text(best, BEST_MATCH_BUDGET)
        prefix = "Also: "
    else:
        others = list(answer.near_misses)
        embed.title = "No exact match — did you mean…"
        query = safe(shorten(answer.query, 300))
        embed.description = f"Nothing in the articles submitted here matches “{query}”."
        prefix = ""
    for match in others[:EMBED_FIELDS_LIMIT]:
        name = shorten(prefix + safe(speaker_label(match.speaker, match.role)), 256)
        value = _match_text(match, EMBED_FIELD_VALUE_LIMIT)
        if len(embed) + len(name) + len(value) > MESSAGE_EMBED_TOTAL:
            break
        embed.add_field(name=name, value=value, inline=False)
    return embed


BEST_MATCH_BUDGET = 2000
"""Room for the best match, leaving the rest of the 6,000 total to the other matches."""


def _match_text(match: QuoteMatch, limit: int) -> str:
    """Quote, speaker, article link and date, within ``limit`` characters."""
    title = shorten(safe(match.title or "an article"), 200)
    date = shorten(format_date(match.published), 40)
    url = match.url.replace("(", "%28").replace(")", "%29")
    linked = url.startswith(("http://", "https://")) and len(url) <= limit // 3
    source = f"[{title}]({url})" if linked else title
    speaker = shorten(safe(speaker_label(match.speaker, match.role)), 150)
    tail = f"\n— **{speaker}** in {source}" + (f" ({date})" if date else "")
    room = limit - len(tail) - len("> “”")
    return f"> “{shorten(safe(one_line(match.quote.shown)), room)}”{tail}"


PERMISSION_NAMES = {
    "manage_guild": "Manage Server",
    "view_channel": "View Channels",
    "read_message_history": "Read Message History",
}
"""Where Discord's settings name a permission otherwise than its API name does."""


def permission_names(permissions: Iterable[str]) -> str:
    """Permissions as Discord's settings name them: ``manage_guild`` is "Manage Server"."""
    return ", ".join(
        PERMISSION_NAMES.get(name, name.replace("_", " ").title()) for name in permissions
    )


def choice_name(text: str) -> str:
    """An autocomplete choice's label: one line, within 100 characters, and not ending on the
    comma or colon that followed it in the article."""
    return shorten(text, 100).rstrip(" ,;:") or shorten(text, 100)


def notice(text: str) -> str:
    """A plain message within the 2,000-character content limit, its line breaks kept.

    Spaces are collapsed within each line, but a list of failures stays one item a line.
    """
    text = "\n".join(one_line(line) for line in text.strip().splitlines())
    if len(text) <= CONTENT_LIMIT:
        return text
    cut = text[: CONTENT_LIMIT - len(ELLIPSIS)]
    boundary = max(cut.rfind(" "), cut.rfind("\n"))
    if boundary > 0:
        cut = cut[:boundary]
    return cut.rstrip(" ,;:\n") + ELLIPSIS
