"""Key quotes: the few quotes that tell the story, for the briefing's headline quotes.

A quote matters when it says something (a statement, not a two-word fragment), when it is about
what the article is about (it shares words with the summary), when its speaker is someone the
article keeps quoting, and when it is attributed at all. An editor also asks that each one read
alone (a whole thought, not "is going to have to accept terms" or "And she said, the board."),
that the brief never show the same words twice (a quote already in a summary sentence, two
pieces of one quote), and that the sides of a story each get their voice: every speaker's best
quote comes before anyone's second.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from bot.models import Quote, Speaker, SummarySentence

MIN_WORDS = 4
"""Shorter quotes are fragments ("costly detour"): colour for the digest, not key quotes."""
PARTIAL_MIN_WORDS = 8
"""A fragment quoted inside reported speech reads alone only when it is a clause of its own."""
SAME_QUOTE_GAP = 80
"""Two stretches of one speaker this close (characters) are one quote cut by its attribution."""

_WORD = re.compile(r"[a-zA-Z][a-zA-Z'’-]+")
_TOKEN = re.compile(r"[a-z0-9]+")
_CONNECTIVES = frozenset({"and", "but", "or", "so", "because", "which", "that", "then", "nor"})
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
    summary_texts = [_normalised(s.text) for s in summary]
    rank = {name: position for position, name in enumerate(s.name for s in speakers)}
    scores = {
        index: _score(quote, summary_words, rank)
        for index, quote in enumerate(quotes)
        if reads_alone(quote) and not _in_summary(quote, summary_texts)
    }
    picked: list[int] = []
    while scores and len(picked) < limit:
        best = max(scores, key=lambda i: (_adjusted(i, scores, quotes, picked), -i))
        del scores[best]
        if not any(_same_words(quotes[best], quotes[other]) for other in picked):
            picked.append(best)
    return tuple(picked)


def reads_alone(quote: Quote) -> bool:
    """A whole thought a reader understands without the sentence around it."""
    text = quote.shown.lstrip("…. ")
    words = text.split()
    if quote.kind == "other" or len(words) < MIN_WORDS:
        return False
    if quote.kind == "partial" and len(words) < PARTIAL_MIN_WORDS:
        return False
    first = _TOKEN.findall(words[0].lower())
    opens_a_sentence = text[:1].isupper() or text[:1].isdigit()
    return opens_a_sentence and not (first and first[0] in _CONNECTIVES)


def _in_summary(quote: Quote, summary_texts: Sequence[str]) -> bool:
    """The quote's words already stand in a summary sentence: the brief would say them twice."""
    words = _normalised(quote.text)
    return bool(words.strip()) and any(words in sentence for sentence in summary_texts)


def _same_words(quote: Quote, other: Quote) -> bool:
    """The same quote twice, or two pieces of one quote split by its attribution."""
    if _normalised(quote.text) == _normalised(other.text):
        return True
    if quote.speaker != other.speaker or quote.start == other.start:
        return False
    gap = max(quote.start, other.start) - min(quote.end, other.end)
    return 0 <= gap <= SAME_QUOTE_GAP


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
) -> tuple[int, float]:
    """Speakers not yet heard first; then the score, lowered for each quote of a speaker picked."""
    speaker = quotes[index].speaker
    repeats = sum(1 for i in picked if speaker is not None and quotes[i].speaker == speaker)
    heard = speaker is None or repeats > 0
    return (0 if heard else 1), scores[index] * _SAME_SPEAKER_PENALTY**repeats


def _normalised(text: str) -> str:
    return " " + " ".join(_TOKEN.findall(text.lower())) + " "


def _content_words(text: str) -> set[str]:
    return {w for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in STOP_WORDS}
