"""The full-text adapter: the one SQLite-specific piece of querying (FTS5 match expressions).

The quotes table is indexed by an FTS5 table of whole, accent-folded words (see
``0003_quote_terms.sql``). "Who said" asks for quotes sharing *any* of the line's rarest words,
because a half-remembered line has changed and missing words; bm25 then puts the quotes sharing
the most (and rarest) words first, and rapidfuzz re-ranks those few. Choosing the rarest words
first (by their document frequency) is what keeps a query fast on a large index: ranking costs
time per matching row, and one common word can match a fifth of all quotes. Autocomplete asks
for quotes with *all* the words typed so far, the last one possibly unfinished.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_QUERY_WORDS = 16
"""Enough to pin any quote; keeps a pasted paragraph from becoming a huge OR query."""

ROW_BUDGET = 3000
"""Rows the chosen words may match together (beyond the two rarest words, which always go)."""

MAX_TERMS = 8

_STOP_WORD_LIST = """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves said says say
"""
STOP_WORDS = frozenset(_STOP_WORD_LIST.split())
"""Function words: in an OR query they match nearly every quote and only cost time."""


def _term(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def content_terms(words: Sequence[str]) -> list[str]:
    """The index terms worth searching for: stop words (unless that leaves none) and the
    one-letter ends of contractions left out, each term once."""
    pieces = [piece for word in words for piece in word.split("'") if len(piece) > 1]
    kept = [p for p in pieces if p not in STOP_WORDS] or pieces
    return list(dict.fromkeys(kept))[:MAX_QUERY_WORDS]


def rarest(frequencies: Sequence[tuple[str, int]], budget: int = ROW_BUDGET) -> list[str]:
    """The terms to search for, rarest first: the two rarest, then more within ``budget`` rows
    (``ROW_BUDGET`` unless a driver's ranking costs more per row).

    A term no quote contains is left out: it is a word the user remembered wrong.
    """
    chosen: list[str] = []
    rows = 0
    for term, count in sorted((f for f in frequencies if f[1] > 0), key=lambda f: f[1]):
        if len(chosen) >= MAX_TERMS or (len(chosen) >= 2 and rows + count > budget):
            break
        chosen.append(term)
        rows += count
    return chosen


def any_of(terms: Sequence[str]) -> str | None:
    """An FTS5 query for rows containing any of the terms; ``None`` for no terms."""
    return " OR ".join(_term(t) for t in terms) if terms else None


def all_of(words: Sequence[str], *, last_is_prefix: bool) -> str | None:
    """An FTS5 query for rows containing every word, the last one as a prefix if unfinished."""
    if not words:
        return None
    terms = [_term(w) for w in words[:MAX_QUERY_WORDS]]
    if last_is_prefix:
        terms[-1] += "*"
    return " AND ".join(terms)
