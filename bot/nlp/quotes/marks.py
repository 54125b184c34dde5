"""Quoted stretches found on characters, before any token is looked at.

Tokenizers split marks inconsistently (``''`` is one token or two, ``’`` sticks to words), so
the stretches are found on the raw text with a small stack machine per paragraph. Every decision
is local: a stray or unbalanced mark costs at most the paragraph it sits in, never the article.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Literal

Family = Literal["double", "single"]
Side = Literal["open", "close", "either", "weak"]
"""``weak``: a word-final ``s'`` before another word, a possessive unless a short quote is open."""

_WEAK_REACH = 60
"""Characters within which a word-final ``s'`` may still close a single quote (‘the votes’)."""

_MARK = re.compile(r"``|''|’’|‘‘|[\"“”„«»‘’']")
_TAG = re.compile(r"<[a-zA-Z/][^<>\n]*>")
"""Markup left in the text (<tweet author="@x" …>): its attribute values are not quotes."""
_ELISIONS = re.compile(r"(?:em|til|cause|tis|twas|bout|round)\b|n[’'](?=\s)", re.IGNORECASE)
_OPENING_CONTEXT = set("([{—–―-/") | {"“", "‘", "«", "„"}
_CLOSING_CONTEXT = set(".,;:!?)]}—–―-…/") | {"”", "’", "»"}


@dataclass(frozen=True)
class QuotedSpan:
    """One quoted stretch: ``start``/``end`` bound the inner text, without marks or edge spaces.

    ``open_at`` is the offset of the opening mark and ``close_end`` the offset just after the
    closing one; ``close_end`` is ``None`` when the stretch runs to the end of its paragraph
    (a news-style continued quote or a missing closer).
    ``continued`` says the stretch re-opens a quote left open in the previous paragraph.
    """

    start: int
    end: int
    open_at: int
    close_end: int | None
    family: Family
    continued: bool = False
    runs_on: bool = False

    @property
    def outer_end(self) -> int:
        """Offset just after the closing mark, or the inner end when there is none."""
        return self.end if self.close_end is None else self.close_end


@dataclass
class _Open:
    """A quote opened and not yet closed: its family, mark offset and inner start."""

    family: Family
    at: int
    inner: int


def _classify_mark(text: str, at: int, mark: str) -> tuple[Family, Side] | None:
    """The family of a mark and which side of a quote it can be on, or None for an apostrophe."""
    before = text[at - 1] if at > 0 else " "
    after_at = at + len(mark)
    after = text[after_at] if after_at < len(text) else " "
    left_flank = (before.isspace() or before in _OPENING_CONTEXT) and not after.isspace()
    right_flank = not before.isspace() and (after.isspace() or after in _CLOSING_CONTEXT)
    if mark == "“":
        return "double", "close" if right_flank and not left_flank else "open"
    if mark in ("„", "«", "``", "‘‘"):
        return "double", "open"
    if mark in ("»",):
        return "double", "close"
    if mark == "”":
        return "double", "open" if left_flank and not right_flank else "close"
    if mark in ('"', "''", "’’"):
        if mark == "’’" and not left_flank:
            return "double", "close"
        if left_flank and not right_flank:
            return "double", "open"
        if right_flank and not left_flank:
            return "double", "close"
        return "double", "either"
    return _classify_single(text, at, mark, before, after, left_flank, right_flank)


def _classify_single(
    text: str, at: int, mark: str, before: str, after: str, left_flank: bool, right_flank: bool
) -> tuple[Family, Side] | None:
    """Single marks double as apostrophes: only clear flanking makes them quote marks."""
    if before.isalnum() and after.isalnum():
        return None
    if left_flank and not right_flank:
        if after.isdigit() or _ELISIONS.match(text, at + 1):
            return None
        return "single", "open"
    if right_flank and not left_flank:
        if mark == "‘":
            return None
        rest = text[at + 1 : at + 3]
        if before in "sS" and len(rest) == 2 and rest[0] == " " and rest[1].isalnum():
            return "single", "weak"
        return "single", "close"
    return None


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """All top-level quoted stretches of ``text`` in order; nested quotes stay inside them."""
    spans: list[QuotedSpan] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    carried = False
    for index, (p_start, p_end) in enumerate(paragraphs):
        found, left_open = _scan_paragraph(text, p_start, p_end)
        if carried and found and found[0].open_at == p_start:
            found[0] = replace(found[0], continued=True)
        spans.extend(found)
        runs_on = False
        if left_open is not None:
            next_start = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            runs_on = next_start is not None and _starts_with_opener(text, next_start)
            start, end = _strip(text, left_open.inner, p_end)
            if end > start and (runs_on or _worth_keeping(text, left_open, p_start)):
                continued = carried and left_open.at == p_start
                spans.append(
                    QuotedSpan(start, end, left_open.at, None, "double", continued, runs_on)
                )
        carried = runs_on
    return spans


def _starts_with_opener(text: str, at: int) -> bool:
    match = _MARK.match(text, at)
    if not match:
        return False
    kind = _classify_mark(text, at, match.group())
    return kind is not None and kind[0] == "double" and kind[1] in ("open", "either")


def _worth_keeping(text: str, opened: _Open, p_start: int) -> bool:
    """An unclosed double quote that opens its paragraph (or follows a colon) is kept."""
    lead = text[p_start : opened.at].rstrip()
    return not lead or lead.endswith((":", ","))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _scan_paragraph(text: str, p_start: int, p_end: int) -> tuple[list[QuotedSpan], _Open | None]:
    """The closed top-level stretches of one paragraph, and its outermost unclosed opener."""
    stack: list[_Open] = []
    found: list[QuotedSpan] = []
    tags = [m.span() for m in _TAG.finditer(text, p_start, p_end)]
    tag_starts = [start for start, _ in tags]  # in order and apart: one bisection per mark
    for match in _MARK.finditer(text, p_start, p_end):
        mark, at = match.group(), match.start()
        inside = bisect_left(tag_starts, at) - 1
        if inside >= 0 and at < tags[inside][1]:
            continue
        kind = _classify_mark(text, at, mark)
        if kind is None:
            continue
        family, side = kind
        closing = _closing_index(stack, family, side, at)
        if closing is not None:
            opened = stack[closing]
            del stack[closing:]
            if not stack:
                start, end = _strip(text, opened.inner, at)
                if end > start:
                    found.append(QuotedSpan(start, end, opened.at, at + len(mark), family))
        elif side in ("open", "either"):
            if family == "double" and not any(o.family == "double" for o in stack):
                stack.clear()  # singles still open at top level were apostrophes
            elif side == "open" and _missed_closer(text, stack, at):
                found.append(_cut_at_sentence_end(text, stack.pop(), at))
            stack.append(_Open(family, at, at + len(mark)))
    doubles = [opened for opened in stack if opened.family == "double"]
    return found, (doubles[0] if doubles else None)


def _missed_closer(text: str, stack: list[_Open], at: int) -> bool:
    """ "a song called “Glasgow (“No Place Like Home”). “It grabbed me …”": a curly opener
    after a finished sentence while a double quote is still open at the top means that quote
    lost its closer; English nests single marks inside double ones, so starting afresh costs
    one stray stretch instead of every quote to the end of the paragraph."""
    if len(stack) != 1 or stack[0].family != "double" or text[at] != "“":
        return False
    lead = text[stack[0].inner : at].rstrip()
    return lead.endswith((".", "!", "?", ".)", ").")) and "”" in lead


def _cut_at_sentence_end(text: str, opened: _Open, at: int) -> QuotedSpan:
    """The stretch of a quote that lost its closer, up to the end of its sentence (its words
    stay quoted, so no name inside is taken for a speaker)."""
    end = len(text[:at].rstrip()) - 1
    start, end = _strip(text, opened.inner, end)
    return QuotedSpan(start, end, opened.at, end, "double")


def _closing_index(stack: list[_Open], family: Family, side: str, at: int) -> int | None:
    """Which open quote a mark closes: the innermost of its family, past unclosed singles."""
    if side == "open":
        return None
    if side == "weak":
        top = stack[-1] if stack else None
        near = top is not None and top.family == "single" and at - top.at <= _WEAK_REACH
        return len(stack) - 1 if near and len(stack) == 1 else None
    for index in range(len(stack) - 1, -1, -1):
        if stack[index].family == family:
            return index
        if family == "single":
            return None
    return None
