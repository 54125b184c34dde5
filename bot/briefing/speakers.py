"""One name per person across a window: "Okafor" in one article is "Amara Okafor" in another.

The engine resolves names within an article; a briefing spans many, where a surname alone or
a titled name ("President Okafor": an article that never gave the first name, or a missed
alias) would otherwise count as a second person in "Most quoted". The names are linked by
``bot.speaker_identity`` — a short name becomes the one full name that fits it, never one of two
people sharing the surname — over the window's speakers and the fuller names the scope's
older articles gave (``known``), so the briefing shows the names "who said" shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from bot.models import Analysis, Speaker
from bot.speaker_identity import link_speakers
from bot.store.records import SpeakerTally


def full_names(analyses: Iterable[Analysis], known: Iterable[SpeakerTally] = ()) -> dict[str, str]:
    """Every speaker name seen (case-folded) mapped to the name to show for it."""
    spoken = [
        SpeakerTally(speaker.name, speaker.kind, len(speaker.quote_indices))
        for analysis in analyses
        for speaker in analysis.speakers
        if speaker.kind != "unknown"
    ]
    people = link_speakers([*spoken, *known])
    return {s.name.casefold(): people.shown(s.name) or s.name for s in spoken}


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
