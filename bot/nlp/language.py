"""A cheap "is this English?" check from the parse we already have, with no extra model."""

from __future__ import annotations

from spacy.tokens import Doc

ENGLISH_STOPWORD_SHARE = 0.18
"""English news prose has 35–50 % stop words; other Latin-script languages rarely pass 10 %."""
LATIN_LETTER_SHARE = 0.5
"""Below this share of Latin letters among all letters the text is in another script (Chinese,
Arabic, Devanagari…), however few words the English tokenizer finds in it."""


def looks_english(doc: Doc) -> bool:
    """True when the text is in Latin letters and its share of English stop words among word
    tokens is typical of English prose."""
    letters = [char for char in doc.text if char.isalpha()]
    latin = sum(1 for char in letters if char < "\u0250")
    if letters and latin < LATIN_LETTER_SHARE * len(letters):
        return False
    words = [token for token in doc if token.is_alpha]
    if len(words) < 8:
        return True
    stop = sum(1 for token in words if token.is_stop)
    return stop / len(words) >= ENGLISH_STOPWORD_SHARE
