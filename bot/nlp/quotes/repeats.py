"""The same words quoted twice: one speaker for both, one line in the digest.

Web pages repeat quotes: a pull quote set off between paragraphs, a standfirst that quotes the
body, a live blog that re-posts an update. Each copy is still the speaker's words where it
stands, so an unattributed copy takes the speaker of the attributed one; but the digest lists
the words once under their speaker. A copy alone on its own line, when the words also stand in
the running text, is a pull quote: page furniture, never listed (see ``not_quotes``).
"""

from __future__ import annotations

import re

from bot.nlp.quotes.layout import DocLayout

MIN_WORDS = 4
"""Shorter stretches ("disgusting", "a con") recur as separate remarks, not as copies."""

_WORD = re.compile(r"\w+")


def words_key(layout: DocLayout, index: int) -> str | None:
    """The quoted words of a stretch, case and punctuation aside; None when too short."""
    span = layout.spans[index]
    words = _WORD.findall(layout.text[span.start : span.end].lower())
    return " ".join(words) if len(words) >= MIN_WORDS else None


def copies(layout: DocLayout) -> list[list[int]]:
    """Groups (two or more, in order) of stretches that quote the same words."""
    groups: dict[str, list[int]] = {}
    for index in range(len(layout.spans)):
        key = words_key(layout, index)
        if key is not None:
            groups.setdefault(key, []).append(index)
    return [members for members in groups.values() if len(members) > 1]


def alone_on_its_line(layout: DocLayout, index: int) -> bool:
    """Whether a stretch is its whole paragraph: nothing before the mark, nothing after."""
    span = layout.spans[index]
    p_start, p_end = layout.paragraph_bounds(span.open_at)
    rest = layout.text[span.outer_end : p_end].strip()
    return span.open_at == p_start and rest in ("", ".")


def pull_quotes(layout: DocLayout) -> set[int]:
    """Copies alone on their line whose words also stand in the running text of a paragraph,
    without a cue of their own (callers pass those that have none)."""
    found: set[int] = set()
    for members in copies(layout):
        in_text = [i for i in members if not alone_on_its_line(layout, i)]
        if in_text:
            found.update(i for i in members if alone_on_its_line(layout, i))
    return found
