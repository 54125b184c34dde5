"""Direct quotes and their speakers (placeholder until the quotes work lands)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from bot.models import Quote, Speaker, SummarySentence


def extract_quotes(doc: Doc) -> tuple[list[Quote], list[Speaker]]:
    """Find the quotes in ``doc`` and group them by speaker."""
    return [], []


def select_key_quotes(
    quotes: Sequence[Quote],
    speakers: Sequence[Speaker],
    summary: Sequence[SummarySentence],
    limit: int = 3,
) -> tuple[int, ...]:
    """Indices of the quotes that matter most, best first."""
    return ()
