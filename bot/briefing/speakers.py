"""One name per person across a window: "Okafor" in one article is "Amara Okafor" in another.

The engine resolves names within an article; a briefing spans many, where a surname alone
(an article that never gave the first name, or a missed alias) would otherwise count as a
second person in "Most quoted". A one-word name is taken to be the full name that ends with
it — only when exactly one such full name was seen in the window, so two Smiths stay apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from bot.models import Analysis, Speaker


def full_names(analyses: Iterable[Analysis]) -> dict[str, str]:
    """Every speaker name and alias seen (case-folded) mapped to the name to show for it."""
    spelled: dict[str, str] = {}
    for analysis in analyses:
        for speaker in analysis.speakers:
            if speaker.kind != "unknown":
                spelled.setdefault(speaker.name.casefold(), speaker.name)
    by_surname: dict[str, set[str]] = {}
    for key, name in spelled.items():
        words = name.split()
        if len(words) > 1:
            by_surname.setdefault(words[-1].casefold(), set()).add(key)
    names = {}
    for key, name in spelled.items():
        owners = by_surname.get(key, set()) if " " not in name else set()
        names[key] = spelled[next(iter(owners))] if len(owners) == 1 else name
    return names


def with_full_names(analysis: Analysis, names: dict[str, str]) -> Analysis:
    """The analysis with speakers (and quote attributions) renamed to their full names."""
    if not analysis.speakers:
        return analysis
    merged: dict[str, Speaker] = {}
    for speaker in analysis.speakers:
        name = names.get(speaker.name.casefold(), speaker.name)
        known = merged.get(name.casefold())
        if known is None:
            merged[name.casefold()] = replace(speaker, name=name)
        else:
            indices = tuple(sorted(set(known.quote_indices) | set(speaker.quote_indices)))
            merged[name.casefold()] = replace(known, quote_indices=indices)
    quotes = tuple(
        replace(q, speaker=names.get(q.speaker.casefold(), q.speaker)) if q.speaker else q
        for q in analysis.quotes
    )
    return replace(analysis, speakers=tuple(merged.values()), quotes=quotes)
