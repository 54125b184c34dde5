"""Key quotes: the few quotes that matter most, for the briefing's headline quotes.

A quote matters when it says something (a statement, not a two-word fragment), when it is about
what the article is about (it shares words with the summary), when its speaker is someone the
article keeps quoting, and when it is attributed at all. Picks are greedy with a penalty for a
speaker already picked, so three key quotes rarely come from one person when others spoke.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from bot.models import Quote, Speaker, SummarySentence

MIN_WORDS = 4
"""Shorter quotes are fragments ("costly detour"): colour for the digest, not key quotes."""

_WORD = re.compile(r"[a-zA-Z][a-zA-Z'’-]+")
_SAME_SPEAKER_PENALTY = 0.5
_WEIGHTS = {"substance": 1.0, "centrality": 1.5, "prominence": 0.8, "attributed": 0.6}


def select_key_quotes(
    quotes: Sequence[Quote],
    speakers: Sequence[Speaker],
    summary: Sequence[SummarySentence],
    limit: int = 3,
) -> tuple[int, ...]:
    """Indices of the quotes that matter most, best first; never ``other`` or fragments."""
    summary_words = _content_words(" ".join(s.text for s in summary))
    rank = {name: position for position, name in enumerate(s.name for s in speakers)}
    scores = {
        index: _score(quote, summary_words, rank)
        for index, quote in enumerate(quotes)
        if quote.kind != "other" and len(quote.text.split()) >= MIN_WORDS
    }
    picked: list[int] = []
    seen_texts: set[str] = set()
    while scores and len(picked) < limit:
        best = max(scores, key=lambda i: (_adjusted(i, scores, quotes, picked), -i))
        del scores[best]
        key = quotes[best].text.strip().lower()
        if key in seen_texts:
            continue
        seen_texts.add(key)
        picked.append(best)
    return tuple(picked)


def _score(quote: Quote, summary_words: set[str], rank: dict[str, int]) -> float:
    words = _content_words(quote.text)
    substance = min(len(quote.text.split()), 40) / 40 + (0.3 if quote.kind == "direct" else 0.0)
    centrality = len(words & summary_words) / len(words) if words else 0.0
    prominence = 1 / (1 + rank[quote.speaker]) if quote.speaker in rank else 0.0
    attributed = quote.confidence if quote.speaker else 0.0
    return (
        _WEIGHTS["substance"] * substance
        + _WEIGHTS["centrality"] * centrality
        + _WEIGHTS["prominence"] * prominence
        + _WEIGHTS["attributed"] * attributed
    )


def _adjusted(
    index: int, scores: dict[int, float], quotes: Sequence[Quote], picked: list[int]
) -> float:
    """The score, lowered for each quote already picked from the same speaker."""
    speaker = quotes[index].speaker
    repeats = sum(1 for i in picked if speaker is not None and quotes[i].speaker == speaker)
    return scores[index] * _SAME_SPEAKER_PENALTY**repeats


def _content_words(text: str) -> set[str]:
    return {w for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in STOP_WORDS}
