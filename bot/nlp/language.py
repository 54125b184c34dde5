"""A cheap "is this English?" check from the parse we already have, with no extra model."""

from __future__ import annotations

from spacy.tokens import Doc

ENGLISH_STOPWORD_SHARE = 0.18
"""English news prose has 35–50 % stop words; other Latin-script languages rarely pass 10 %."""


def looks_english(doc: Doc) -> bool:
    """True when the share of English stop words among word tokens is typical of English prose."""
    words = [token for token in doc if token.is_alpha]
    if len(words) < 8:
        return True
    stop = sum(1 for token in words if token.is_stop)
    return stop / len(words) >= ENGLISH_STOPWORD_SHARE
