"""Extractive summaries (placeholder: the lead; replaced by the news ranker)."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.models import SummarySentence

ALGORITHMS = ("news", "lead")


def summarize(
    doc: Doc, *, sentences: int = 3, words: int = 90, algorithm: str = "news", title: str = ""
) -> list[SummarySentence]:
    """Pick ``sentences`` sentences of ``doc`` in article order."""
    picked = [s for s in doc.sents if len(s) >= 5][:sentences]
    return [SummarySentence(s.text.strip(), s.start_char, s.end_char) for s in picked]
