"""The summary rules, applied to a ranking: which ranked sentences make the summary.

Kept apart from ranking so any ranker (ours, sumy's, the lead) obeys the same rules, and so a
stored ranking can be turned into a summary of another length without parsing again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.models import SummarySentence

LENGTH_SLACK = 1.1
"""A summary of "about N words" may run this much over N rather than drop a good sentence."""

DANGLING_OPENERS = frozenset(
    {
        "he", "she", "they", "it", "this", "that", "these", "those", "his", "her", "hers",
        "their", "its", "him", "them", "but", "however", "also", "and", "or", "so", "yet",
        "still", "meanwhile", "moreover", "furthermore", "instead", "then", "nevertheless",
        "nonetheless", "thus", "therefore", "besides", "otherwise", "likewise", "similarly",
        "additionally", "such", "both", "another",
    }
)  # fmt: skip
"""First words that point back at something said before (a person, an event, an argument)."""

_FIRST_WORD = re.compile(r"[^\w]*(\w+)")


def select_summary(
    ranked: Sequence[SummarySentence], *, sentences: int, words: int
) -> list[SummarySentence]:
    """Pick up to ``sentences`` of the ``ranked`` sentences (best first), in article order.

    Rules: about ``words`` words in all (the first pick is always allowed), no sentence twice,
    and the summary never opens on a sentence that hangs on a missing antecedent ("He said…",
    "But…"). A pick that would open the summary that way waits until a sentence before it has
    been picked.
    """
    if sentences < 1:
        return []
    chosen: list[SummarySentence] = []
    waiting: list[SummarySentence] = []
    budget = words * LENGTH_SLACK
    for sentence in ranked:
        if len(chosen) >= sentences:
            break
        if any(sentence.text == other.text for other in [*chosen, *waiting]):
            continue  # Pages repeat a line (a caption, a pull quote); a summary never does.
        if chosen and _word_count([*chosen, sentence]) > budget:
            continue
        if _opens_on_missing_antecedent(_in_order([*chosen, sentence])):
            waiting.append(sentence)
            continue
        chosen = _in_order([*chosen, sentence])
        for held in list(waiting):
            if len(chosen) >= sentences:
                break
            trial = _in_order([*chosen, held])
            if _word_count(trial) <= budget and not _opens_on_missing_antecedent(trial):
                chosen = trial
                waiting.remove(held)
    if not chosen and ranked:
        return [ranked[0]]  # Every candidate hangs on another: a weak opener beats no summary.
    return chosen


def opens_on_missing_antecedent(summary: Sequence[SummarySentence]) -> bool:
    """True when the summary (in article order) starts on a sentence that needs one before it."""
    return _opens_on_missing_antecedent(list(summary))


def _opens_on_missing_antecedent(summary: list[SummarySentence]) -> bool:
    if not summary:
        return False
    first = summary[0]
    if first.index == 0:
        return False
    match = _FIRST_WORD.match(first.text)
    return bool(match) and match.group(1).lower() in DANGLING_OPENERS


def _in_order(summary: list[SummarySentence]) -> list[SummarySentence]:
    return sorted(summary, key=lambda s: (s.index, s.start))


def _word_count(summary: Sequence[SummarySentence]) -> int:
    return sum(len(s.text.split()) for s in summary)
