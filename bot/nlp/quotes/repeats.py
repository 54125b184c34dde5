"""The same words quoted twice: one speaker for both, one line in the digest.

Web pages and features repeat quotes: a pull quote set off between paragraphs, a standfirst
that quotes the body, a feature that quotes a line near the top ("“…,” Cooke said") and again
further down, where the cue may be weaker ("he continued" after someone else's quote). Each
copy is still the speaker's words where it stands, so the clearer attribution wins for every
copy (and for the quotes that share the weaker copy's cue); the digest lists the words once
under their speaker. A copy alone on its own line, when the words also stand in the running
text, is a pull quote: page furniture, never listed (see ``not_quotes``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TypeVar

from bot.nlp.quotes.attribute import Attribution
from bot.nlp.quotes.layout import DocLayout

COPY_MIN_WORDS = 4
"""Shorter stretches ("disgusting", "a con") recur as separate remarks, not as copies."""
SHARED_MIN_WORDS = 5
"""A repeat hands its attribution on only from five words: shorter repeats ("We will see")
are as likely two people's stock phrases as one person's line quoted twice."""

_WORD = re.compile(r"\w+")

Found = TypeVar("Found")


def words_key(text: str) -> str:
    """The words of a quote, without case, punctuation or spacing differences."""
    return " ".join(_WORD.findall(text.lower()))


def copies(layout: DocLayout) -> list[list[int]]:
    """Groups (two or more, in order) of stretches that quote the same words."""
    groups: dict[str, list[int]] = {}
    for index, span in enumerate(layout.spans):
        key = words_key(layout.text[span.start : span.end])
        if len(key.split()) >= COPY_MIN_WORDS:
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


def share_repeated(
    texts: Sequence[str],
    attributions: Sequence[Attribution | None],
    found: list[Found],
    strength: Callable[[Found], float],
) -> list[Found]:
    """``found`` with every repeated quote (and the quotes sharing its cue) given the
    resolution of its most strongly attributed copy."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, text in enumerate(texts):
        key = words_key(text)
        if len(key.split()) >= SHARED_MIN_WORDS:
            groups[key].append(index)
    shared = list(found)
    for members in groups.values():
        if len(members) < 2:
            continue
        best = max(members, key=lambda i: (strength(found[i]), -i))
        if strength(found[best]) <= 0:
            continue
        for copy in members:
            if strength(found[copy]) < strength(found[best]):
                for index in _same_cue(attributions, copy):
                    shared[index] = found[best]
    return shared


def _same_cue(attributions: Sequence[Attribution | None], copy: int) -> list[int]:
    """The quote at ``copy`` and every quote attributed through the same cue: the one it
    continues, the ones given the same verb, and the ones that continue any of those."""
    root = copy
    while (inherited := attributions[root]) is not None and inherited.inherit_from is not None:
        root = inherited.inherit_from
    own = attributions[root]
    cue = own.cue_token if own is not None else None
    members = {copy, root}
    for index, other in enumerate(attributions):
        if other is not None and cue is not None and other.cue_token == cue:
            members.add(index)
    for index, other in enumerate(attributions):  # in order, so chains are followed
        if other is not None and other.inherit_from in members:
            members.add(index)
    return sorted(members)
