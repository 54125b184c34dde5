"""An analysis as a digest for the terminal (plain text) or for pasting (Markdown).

The digest is the product in miniature: the summary, the key quotes, who said what grouped by
speaker with their roles, and a footer saying how it was made (and whether it came from the
cache). Discord embeds are rendered elsewhere (``bot/render.py``); this is the CLI's face.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from bot.inert_text import safe
from bot.listed_quotes import unattributed_quotes
from bot.models import Analysis, Quote
from bot.plain_text import one_line

WIDTH = 88


@dataclass(frozen=True)
class DigestFooter:
    """What the footer says besides the analysis itself."""

    article_id: int | None = None
    cached: bool = False


def _quoted(quote: Quote) -> str:
    return f"“{quote.shown}”"


def _speaker_line(name: str | None, role: str | None) -> str:
    if not name:
        return "unattributed"
    return f"{name}, {role}" if role else name


def _groups(analysis: Analysis) -> list[tuple[str | None, str | None, list[Quote]]]:
    """Quotes grouped by speaker (most quoted first), unattributed quotes last."""
    groups: list[tuple[str | None, str | None, list[Quote]]] = []
    for speaker in analysis.speakers:
        indices = [i for i in speaker.quote_indices if 0 <= i < len(analysis.quotes)]
        if not indices:
            indices = [i for i, q in enumerate(analysis.quotes) if q.speaker == speaker.name]
        if indices:
            groups.append((speaker.name, speaker.role, [analysis.quotes[i] for i in indices]))
    groups.sort(key=lambda group: -len(group[2]))
    rest = unattributed_quotes(analysis.quotes)
    if rest:
        groups.append((None, None, rest))
    return groups


def _role_of(analysis: Analysis, name: str | None) -> str | None:
    return next((s.role for s in analysis.speakers if s.name == name), None)


def _byline(analysis: Analysis) -> str:
    parts = [f"By {analysis.byline}" if analysis.byline else "", analysis.published, analysis.url]
    return " · ".join(part for part in parts if part)


def _footer(analysis: Analysis, footer: DigestFooter) -> str:
    parts = [
        f"{analysis.word_count:,} words",
        f"{analysis.algorithm} summarizer",
        f"engine {analysis.engine_version}",
    ]
    if footer.article_id is not None:
        parts.append(f"article #{footer.article_id}")
    parts.append("from the cache" if footer.cached else "freshly analysed")
    return " · ".join(parts)


def render_text(analysis: Analysis, footer: DigestFooter | None = None) -> str:
    """The digest as plain text for a terminal."""
    footer = footer or DigestFooter()
    wrap = textwrap.TextWrapper(width=WIDTH, initial_indent="  ", subsequent_indent="  ")
    lines = [analysis.title or "(untitled)"]
    if byline := _byline(analysis):
        lines.append(byline)
    lines += ["", "Summary"]
    lines += wrap.wrap(" ".join(s.text.strip() for s in analysis.summary)) or ["  (none)"]
    key = [analysis.quotes[i] for i in analysis.key_quotes if 0 <= i < len(analysis.quotes)]
    if key:
        lines += ["", "Key quotes"]
        for quote in key:
            speaker = _speaker_line(quote.speaker, _role_of(analysis, quote.speaker))
            lines += wrap.wrap(f"{_quoted(quote)} — {speaker}")
    if analysis.quotes:
        lines += ["", "Who said what"]
        quote_wrap = textwrap.TextWrapper(
            width=WIDTH, initial_indent="    ", subsequent_indent="     "
        )
        for name, role, quotes in _groups(analysis):
            lines.append(f"  {_speaker_line(name, role)} ({len(quotes)})")
            for quote in quotes:
                lines += quote_wrap.wrap(_quoted(quote))
    lines += ["", _footer(analysis, footer)]
    return "\n".join(lines)


def render_markdown(analysis: Analysis, footer: DigestFooter | None = None) -> str:
    """The digest as Markdown, to paste into a chat, a wiki or an email.

    Every piece of the article (title, byline, summary, quotes, names) goes through ``safe``:
    pasted into Discord, an article's "@everyone" must not ping nor its "[x](…)" link.
    """
    footer = footer or DigestFooter()
    lines = [f"# {_inert(analysis.title) or 'Untitled'}"]
    if analysis.byline or analysis.published or analysis.url:
        by = f"By {_inert(analysis.byline)}" if analysis.byline else ""
        parts = [by, _inert(analysis.published)]
        if analysis.url:
            parts.append(_address(analysis.url))
        lines += ["", "*" + " · ".join(p for p in parts if p) + "*"]
    lines += ["", "## Summary", ""]
    lines += [" ".join(_inert(s.text) for s in analysis.summary) or "_No summary._"]
    key = [analysis.quotes[i] for i in analysis.key_quotes if 0 <= i < len(analysis.quotes)]
    if key:
        lines += ["", "## Key quotes"]
        for quote in key:
            speaker = _speaker_line(quote.speaker, _role_of(analysis, quote.speaker))
            lines += ["", f"> {_inert(_quoted(quote))}", f"> — **{_inert(speaker)}**"]
    if analysis.quotes:
        lines += ["", "## Who said what"]
        for name, role, quotes in _groups(analysis):
            heading = f"{name} ({role})" if name and role else name or "Unattributed"
            lines += ["", f"### {_inert(heading)}", ""]
            lines += [f"- {_inert(_quoted(quote))}" for quote in quotes]
    lines += ["", "---", "", f"*{_footer(analysis, footer)}*"]
    return "\n".join(lines)


def _inert(text: str) -> str:
    return safe(one_line(text))


_PLAIN_ADDRESS = re.compile(r"https?://[^\s<>]+")


def _address(url: str) -> str:
    """A link as ``<…>`` (no preview, never markup) when it is one plain address."""
    return f"<{url}>" if _PLAIN_ADDRESS.fullmatch(url) else _inert(url)
