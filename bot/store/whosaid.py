"""'Who said …?': find the stored quotes that best match a half-remembered line.

Two stages. Full-text search (any content word, bm25 order) narrows the scope's quotes to a
few dozen candidates cheaply, whatever the size of the index; rapidfuzz then scores each
candidate against the line as the user typed it. Both sides are compared as folded words
(``bot.store.keys.plain``), so quote-mark style, case, accents and punctuation never matter;
``partial_ratio`` finds a fragment inside a longer quote and tolerates a few changed or missing
words, and ``token_set_ratio`` forgives words remembered in another order.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.errors import InputError
from bot.store.base import Store
from bot.store.keys import plain, words
from bot.store.records import QuoteRecord

MIN_WORDS = 3
"""Fewer words than this match too many quotes to mean anything."""

MATCH_SCORE = 75.0
"""At or above this a candidate is an answer; below it, only a near miss."""

CANDIDATES = 40
"""Full-text candidates re-ranked per query: plenty for a handful of answers."""

FALLBACK_SCAN = 2000
"""When no word matches at all, the scope's latest quotes scanned for near misses."""

NEAR_MISSES = 3
NEAR_MISS_SCORE = 50.0
"""Below this a candidate shares only letters with the line: not worth showing as close."""

SHARED_WORD_LETTERS = 5
"""A near miss must also share a whole word this long with the line. Letters and small words
alone score 50–53 (quarterly earnings against meeting times), as a remembered line about the
same thing does (54.8 for a ferry that "will sail twice an hour"); a shared word such as
"ferry" or "earnings" tells them apart."""


@dataclass(frozen=True)
class ScoredQuote:
    """A candidate quote and how well it matches the line (0–100)."""

    record: QuoteRecord
    score: float


def match_score(line: str, quote: str) -> float:
    """How well a remembered line (folded words) matches a quote (folded words), 0–100."""
    if not line or not quote:
        return 0.0
    partial = fuzz.partial_ratio(line, quote)
    unordered = fuzz.token_set_ratio(line, quote) * 0.9
    # A line much longer than the quote is not "in" it, however well the quote fits the line.
    coverage = min(1.0, len(quote) / len(line)) ** 0.5
    return round(max(partial, unordered) * coverage, 1)


def query_words(text: str) -> list[str]:
    """The folded words of a "who said" query, refused below ``MIN_WORDS``."""
    found = words(text)
    if len(found) < MIN_WORDS:
        raise InputError(
            f"Give at least {MIN_WORDS} words of the quote you remember "
            "(more words give a surer answer)."
        )
    return found


async def find_quotes(
    store: Store, text: str, scope_key: str, limit: int
) -> tuple[list[ScoredQuote], list[ScoredQuote]]:
    """The best matches (score ≥ ``MATCH_SCORE``) for ``text``, or else the closest misses."""
    line_words = query_words(text)
    line = " ".join(line_words)
    candidates = await store.search_quotes(line_words, scope_key, CANDIDATES)
    if not candidates:
        candidates = await store.recent_quotes(scope_key, FALLBACK_SCAN)
    # Up to FALLBACK_SCAN quotes take a noticeable fraction of a second to score.
    scored = await asyncio.to_thread(ranked, line, candidates)
    matches = [s for s in scored if s.score >= MATCH_SCORE][:limit]
    if matches:
        return matches, []
    shared = {word for word in line_words if len(word) >= SHARED_WORD_LETTERS}
    near = [s for s in scored if s.score >= NEAR_MISS_SCORE and _shares_a_word(shared, s)]
    return [], near[:NEAR_MISSES]


def _shares_a_word(line_words: set[str], candidate: ScoredQuote) -> bool:
    return not line_words.isdisjoint(words(candidate.record.quote.text))


def ranked(line: str, candidates: list[QuoteRecord]) -> list[ScoredQuote]:
    """``candidates`` scored against ``line`` (folded words), best first, ties by date."""
    return sorted(
        (ScoredQuote(c, match_score(line, plain(c.quote.text))) for c in candidates),
        key=lambda s: (-s.score, s.record.published),
    )
