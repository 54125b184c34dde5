"""One person of an article: the names, gender evidence and roles of a cluster, and a sighting.

``People`` (people.py) builds the clusters from the parse; this module holds what one cluster
knows about itself, so the gender rules sit in one place: a given name decides unless the
article's own honorifics and pronouns clearly say otherwise.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from bot.nlp.quotes.given_names import given_name_gender


@dataclass
class Person:
    """One person's cluster of mentions."""

    key: str
    names: Counter[str] = field(default_factory=Counter)
    gender_votes: Counter[str] = field(default_factory=Counter)
    named_votes: Counter[str] = field(default_factory=Counter)
    """Pronouns right after the full name ("Rakeyia Scott … her husband"), counted only when
    another person shares the surname: evidence the relative's bare-surname mentions cannot
    blur."""
    roles: list[str] = field(default_factory=list)
    stated_gender: str | None = None
    """The gender the given name states ("Donald"), unless the article's own evidence says
    otherwise: then the cluster holds two people of one surname and the name cannot decide."""
    last_seen: int = 0
    first_seen: int = 0
    seen: list[int] = field(default_factory=list)
    """Token indices of every mention, in order: who was named last before a given point."""

    def recency(self, at: int) -> int:
        """The last mention before ``at`` (-1 when the person is only named later)."""
        index = bisect_left(self.seen, at)
        return self.seen[index - 1] if index else -1

    @property
    def name(self) -> str:
        """The canonical name: the fullest form the article uses (at most four words)."""
        return max(self.names, key=lambda n: (min(len(n.split()), 4), self.names[n]))

    @property
    def first_name(self) -> str | None:
        words = self.name.split()
        return words[0].lower() if len(words) > 1 else None

    def fits(self, gender: str) -> float:
        """How well a pronoun of ``gender`` fits: 1 unless the evidence says otherwise.

        A given name the article does not contradict decides outright ("she" is never Donald).
        Other evidence is soft (pronoun votes can be wrong in an article about several people),
        so a mismatch lowers the score by how one-sided the votes are instead of excluding.
        One-sided votes after the full name win over the cluster's: bare "Scott" may be her
        husband.
        """
        if self.stated_gender is not None:
            return 1.0 if self.stated_gender == gender else 0.0
        decisive = len(self.named_votes) == 1
        votes = self.named_votes if decisive else self.gender_votes
        same = votes[gender]
        other = votes.total() - same
        if other <= same:
            return 1.0
        return (same + 0.5) / (same + other + 1)

    @property
    def gender(self) -> str | None:
        """The given name's gender, else what honorifics and pronouns voted for."""
        if self.stated_gender is not None:
            return self.stated_gender
        if not self.gender_votes:
            return None
        (best, count), *rest = [*self.gender_votes.most_common(2), ("", 0)]
        return best if count > rest[0][1] else None


def uncontradicted(stated: str | None, person: Person) -> str | None:
    """The given name's gender unless the honorifics and pronouns clearly say the other."""
    if stated is None:
        return None
    same = person.gender_votes[stated]
    other = person.gender_votes.total() - same
    return None if other > 2 * same + 2 else stated


def honorific_or_name_gender(person: Person) -> str | None:
    """The gender known while the clusters are still being built ("Mr. Obama", "Michelle"):
    a listed given name, else what the votes so far say."""
    return given_name_gender(person.name) or person.gender


@dataclass(frozen=True)
class Sighting:
    """A mention of a person at one place: the salience model's unit."""

    person: str
    token: int
    sentence: int
    paragraph: int
    subject: bool
    speaker: bool = False
    full_name: bool = False
