"""He said, she said: a pronoun speaker goes to the most salient compatible person.

Salience, not nearness: subjects count more than objects, the person quoted last counts most,
and it fades sentence by sentence. So in a paragraph about Mr. Lindqvist, "he asked" is
Lindqvist's even when another man was named in between as an object. A person whose known
gender differs from the pronoun's is never chosen; when nobody fits, the speaker is unknown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Token

from bot.nlp.quotes.names import PRONOUN_GENDER
from bot.nlp.quotes.people import People

WINDOW_SENTENCES = 6
_DECAY = 0.6
_SUBJECT_WEIGHT = 2.0
_OBJECT_WEIGHT = 0.7
_SPEAKER_WEIGHT = 2.5
_MIN_SCORE = 0.15


@dataclass(frozen=True)
class RecentSpeaker:
    """A person already found quoting, with where the attribution sits."""

    name: str
    token: int
    sentence: int


def resolve_pronoun(
    pronoun: Token, people: People, recent: list[RecentSpeaker], sentence_of: list[int]
) -> str | None:
    """The canonical name a personal pronoun refers to, or None when no one fits."""
    gender = PRONOUN_GENDER.get(pronoun.lower_)
    if gender is None:
        return None
    sentence = sentence_of[pronoun.i]
    scores: dict[str, float] = defaultdict(float)
    for sighting in people.sightings_before(pronoun.i, WINDOW_SENTENCES):
        weight = _SUBJECT_WEIGHT if sighting.subject else _OBJECT_WEIGHT
        scores[people.persons[sighting.person].name] += weight * _DECAY ** (
            sentence - sighting.sentence
        )
    for speaker in recent:
        distance = sentence - speaker.sentence
        if speaker.token < pronoun.i and 0 <= distance <= WINDOW_SENTENCES:
            scores[speaker.name] += _SPEAKER_WEIGHT * _DECAY**distance
    compatible = {
        name: score
        for name, score in scores.items()
        if people.gender(name) in (None, gender) and score >= _MIN_SCORE
    }
    if not compatible:
        return None
    best = max(compatible, key=lambda name: compatible[name])
    people.note_gender(best, gender) if people.gender(best) is None else None
    return best
