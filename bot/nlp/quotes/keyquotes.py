"""Key quotes: the few quotes that matter most, for the briefing's headline quotes."""

from __future__ import annotations

from collections.abc import Sequence

from bot.models import Quote, Speaker, SummarySentence


def select_key_quotes(
    quotes: Sequence[Quote],
    speakers: Sequence[Speaker],
    summary: Sequence[SummarySentence],
    limit: int = 3,
) -> tuple[int, ...]:
    """Indices of the quotes that matter most, best first."""
    return ()
