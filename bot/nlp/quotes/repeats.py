"""The same words quoted twice are one person's words.

Features quote a line near the top ("“…,” Cooke said") and again further down, where the
cue may be weaker ("he continued" after someone else's quote). The clearer attribution wins
for both copies, and for the quotes that share the weaker copy's cue; the digest lists the
words once under their speaker.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TypeVar

from bot.nlp.quotes.attribute import Attribution

_MIN_WORDS = 5
"""Shorter repeats ("We will see") are as likely two people's stock phrases."""

Found = TypeVar("Found")


def words_key(text: str) -> str:
    """The words of a quote, without case, punctuation or spacing differences."""
    return " ".join(re.findall(r"\w+", text.lower()))


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
        if len(key.split()) >= _MIN_WORDS:
            groups[key].append(index)
    shared = list(found)
    for copies in groups.values():
        if len(copies) < 2:
            continue
        best = max(copies, key=lambda i: (strength(found[i]), -i))
        if strength(found[best]) <= 0:
            continue
        for copy in copies:
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
