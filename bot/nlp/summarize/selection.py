"""The summary rules, applied to a ranking: which ranked sentences make the summary.

Kept apart from ranking so any ranker (ours, sumy's, the lead) obeys the same rules, and so a
stored ranking can be turned into a summary of another length without parsing again.

The rules are an editor's: every sentence reads alone or follows the one it leans on; no
questions; a quote only with the sentence that says who spoke it; nothing twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from bot.models import SummarySentence
from bot.nlp.summarize.standalone import (
    DANGLING_OPENERS,
    has_unbalanced_quote,
    is_bare_quote,
    is_question,
    opens_on_definite,
    points_back,
)

FOLLOW_ON_GAP = 1
REPEAT_OVERLAP = 0.8
"""Share of the shorter sentence's content words another sentence may repeat before the two
say the same thing ("The council approved the budget on Tuesday" / "On Tuesday the council
approved the budget")."""
LENGTH_SLACK = 1.1
"""A summary of "about N words" may run this much over N rather than drop a good sentence."""

_WORD = re.compile(r"[^\W_]+")

__all__ = ["DANGLING_OPENERS", "opens_on_missing_antecedent", "select_summary"]


def select_summary(
    ranked: Sequence[SummarySentence], *, sentences: int, words: int
) -> list[SummarySentence]:
    """Pick up to ``sentences`` of the ``ranked`` sentences (best first), in article order.

    Rules: about ``words`` words in all (the first pick is always allowed), no sentence twice,
    no question or piece of a longer quote, and every sentence reads alone: one that hangs on a
    missing antecedent ("He said…", "But…", "The option…") comes only right after a sentence it
    can lean on, and a quote with nobody saying it only with the next sentence, which names the
    speaker. A pick that cannot come yet waits until its partner has been picked.
    """
    if sentences < 1:
        return []
    usable = [s for s in ranked if not (is_question(s.text) or has_unbalanced_quote(s.text))]
    by_index = {s.index: s for s in usable}
    needs = {s.index: _Needs.of(s) for s in usable}
    chosen: list[SummarySentence] = []
    budget = words * LENGTH_SLACK
    for sentence in usable:
        if len(chosen) >= sentences:
            break
        if any(sentence.index == other.index or _repeats(sentence, other) for other in chosen):
            continue  # Pages repeat a line (a caption, a pull quote); a summary never does.
        for group in _groups(sentence, by_index, needs):
            trial = _in_order([*chosen, *(s for s in group if s not in chosen)])
            if len(trial) > sentences or (chosen and _word_count(trial) > budget):
                continue
            if _reads_alone(trial, needs):
                chosen = trial
                break
        else:
            chosen = _with_waiting(chosen, usable, sentences, budget, needs)
    chosen = _with_waiting(chosen, usable, sentences, budget, needs)
    if not chosen and ranked:
        # Every candidate hangs on another: a weak opener beats no summary, a question does not.
        return [(usable or ranked)[0]]
    return chosen


@dataclass(frozen=True)
class _Needs:
    """What one sentence needs around it to be read in a summary."""

    points_back: bool
    definite: bool
    bare_quote: bool

    @classmethod
    def of(cls, sentence: SummarySentence) -> _Needs:
        return cls(
            sentence.index != 0 and points_back(sentence.text),
            sentence.index != 0 and opens_on_definite(sentence.text),
            is_bare_quote(sentence.text),
        )


def _groups(
    sentence: SummarySentence,
    by_index: dict[int, SummarySentence],
    needs: dict[int, _Needs],
) -> list[list[SummarySentence]]:
    """The sentence alone, then with the neighbour it leans on, when that one is ranked too."""
    groups = [[sentence]]
    before, after = by_index.get(sentence.index - 1), by_index.get(sentence.index + 1)
    if before is not None:
        groups.append([before, sentence])
    if after is not None and needs[sentence.index].bare_quote:
        groups.append([sentence, after])
    return groups


def _with_waiting(
    chosen: list[SummarySentence],
    usable: Sequence[SummarySentence],
    sentences: int,
    budget: float,
    needs: dict[int, _Needs],
) -> list[SummarySentence]:
    """Add the best-ranked sentences that can now follow the ones chosen."""
    for sentence in usable:
        if len(chosen) >= sentences:
            break
        if sentence in chosen or any(_repeats(sentence, other) for other in chosen):
            continue
        trial = _in_order([*chosen, sentence])
        if chosen and _word_count(trial) <= budget and _reads_alone(trial, needs):
            chosen = trial
    return chosen


def _reads_alone(summary: list[SummarySentence], needs: dict[int, _Needs]) -> bool:
    """Every sentence of a summary (in article order) can be read where it stands."""
    for position, sentence in enumerate(summary):
        need = needs[sentence.index]
        previous = summary[position - 1] if position else None
        following = summary[position + 1] if position + 1 < len(summary) else None
        follows_on = previous is not None and sentence.index - previous.index <= FOLLOW_ON_GAP
        if need.points_back and not follows_on:
            return False
        if position == 0 and need.definite:
            return False
        if need.bare_quote and (following is None or following.index != sentence.index + 1):
            return False
    return True


def opens_on_missing_antecedent(summary: Sequence[SummarySentence]) -> bool:
    """True when the summary (in article order) starts on a sentence that needs one before it."""
    if not summary:
        return False
    first = summary[0]
    return first.index != 0 and (points_back(first.text) or opens_on_definite(first.text))


def _repeats(sentence: SummarySentence, other: SummarySentence) -> bool:
    """The same line, or one that says the same thing in nearly the same words."""
    if sentence.text == other.text:
        return True
    mine, theirs = _content_words(sentence.text), _content_words(other.text)
    if not mine or not theirs:
        return False
    return len(mine & theirs) / min(len(mine), len(theirs)) >= REPEAT_OVERLAP


def _content_words(text: str) -> set[str]:
    return {word for word in _WORD.findall(text.lower()) if word not in STOP_WORDS}


def _in_order(summary: list[SummarySentence]) -> list[SummarySentence]:
    return sorted(summary, key=lambda s: (s.index, s.start))


def _word_count(summary: Sequence[SummarySentence]) -> int:
    return sum(len(s.text.split()) for s in summary)
