"""One speaker per person: the who-said-what digest, speakers ordered by prominence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.models import Quote, Speaker, SpeakerKind
from bot.nlp.quotes.descriptions import role_with_organisation
from bot.nlp.quotes.names import MentionKind
from bot.nlp.quotes.people import People
from bot.nlp.quotes.repeats import words_key

_SPEAKER_KINDS: dict[str, SpeakerKind] = {
    "person": "person",
    "organization": "organization",
    "nominal": "unknown",
}


@dataclass(frozen=True)
class SpeakerRef:
    """A resolved speaker at one quote: canonical name, kind, the words used, a role if given."""

    name: str
    kind: MentionKind
    written: str
    role: str | None = None


def group_speakers(
    quotes: Sequence[Quote], refs: Sequence[SpeakerRef | None], people: People
) -> list[Speaker]:
    """Group quotes by canonical speaker name; most quoted (then first quoted) speaker first."""
    order: list[str] = []
    members: dict[str, list[int]] = {}
    aliases: dict[str, list[str]] = {}
    roles: dict[str, str | None] = {}
    kinds: dict[str, SpeakerKind] = {}
    listed: set[tuple[str, str]] = set()
    for index, ref in enumerate(refs):
        if ref is None or quotes[index].kind == "other":
            continue
        words = (ref.name, words_key(quotes[index].text))
        if words in listed:
            continue  # the same words quoted again: listed once under their speaker
        listed.add(words)
        if ref.name not in members:
            order.append(ref.name)
            members[ref.name] = []
            aliases[ref.name] = []
            roles[ref.name] = None
            kinds[ref.name] = _SPEAKER_KINDS.get(ref.kind, "unknown")
        members[ref.name].append(index)
        written = ref.written.strip()
        if _new_alias(ref, written, aliases[ref.name]):
            aliases[ref.name].append(written)
        roles[ref.name] = roles[ref.name] or ref.role
    for name in order:
        role = roles[name] or (people.role(name) if kinds[name] == "person" else None)
        roles[name] = role_with_organisation(role, people) if role else None
    speakers = [
        Speaker(
            name=name,
            aliases=tuple(aliases[name]),
            role=roles[name],
            kind=kinds[name],
            quote_indices=tuple(members[name]),
        )
        for name in order
    ]
    return sorted(speakers, key=lambda s: (-_weight(s, quotes), s.quote_indices[0]))


_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}


def _new_alias(ref: SpeakerRef, written: str, known: list[str]) -> bool:
    """Whether the words used at one quote add a name the speaker was not yet known by."""
    return (
        ref.kind != "pronoun"
        and bool(written)
        and written != ref.name
        and written not in known
        and written.lower() not in _PRONOUNS
    )


def _weight(speaker: Speaker, quotes: Sequence[Quote]) -> float:
    """Prominence: how much the article quotes them, direct quotes counting double."""
    return sum(2.0 if quotes[i].kind == "direct" else 1.0 for i in speaker.quote_indices)
