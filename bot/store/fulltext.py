"""The full-text adapter: the one SQLite-specific piece of querying (FTS5 match expressions).

The quotes table is indexed by an FTS5 table (see ``0001_initial.sql``) with Porter stemming
and accent folding. "Who said" asks for quotes sharing *any* content word with the remembered
line, because a half-remembered line has changed and missing words; bm25 then puts the quotes
sharing the most (and rarest) words first, and rapidfuzz re-ranks those few. Autocomplete asks
for quotes with *all* the words typed so far, the last one possibly unfinished.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_QUERY_WORDS = 16
"""Enough to pin any quote; keeps a pasted paragraph from becoming a huge OR query."""

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


def content_words(words: Sequence[str]) -> list[str]:
    """The words worth searching for: without stop words (unless that leaves none), deduplicated."""
    kept = [w for w in words if w not in STOP_WORDS] or list(words)
    return list(dict.fromkeys(kept))[:MAX_QUERY_WORDS]


def any_of(words: Sequence[str]) -> str | None:
    """An FTS5 query for rows containing any of the content words; ``None`` for no words."""
    terms = [_term(w) for w in content_words(words)]
    return " OR ".join(terms) if terms else None


def all_of(words: Sequence[str], *, last_is_prefix: bool) -> str | None:
    """An FTS5 query for rows containing every word, the last one as a prefix if unfinished."""
    if not words:
        return None
    terms = [_term(w) for w in words[:MAX_QUERY_WORDS]]
    if last_is_prefix:
        terms[-1] += "*"
    return " AND ".join(terms)
