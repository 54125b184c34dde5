"""Everyone the article names: one cluster per person, with full name, gender and role.

Built once per document from the named entities. "Finance Minister Anna Lindqvist", "Ms.
Lindqvist" and "Lindqvist" share a surname and become one cluster named "Anna Lindqvist", female
(from the honorific), role "Finance Minister". Gender also comes from the pronouns the article
uses right after a name when no other person is in sight; no name lists are involved.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from bot.nlp.quotes.names import (
    PRONOUN_GENDER,
    honorific_gender,
    is_title,
    strip_name,
)

_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@dataclass
class Person:
    """One person's cluster of mentions."""

    key: str
    names: Counter[str] = field(default_factory=Counter)
    gender_votes: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    first: int = 0

    @property
    def name(self) -> str:
        """The canonical name: the fullest form the article uses (at most four words)."""
        return max(self.names, key=lambda n: (min(len(n.split()), 4), self.names[n]))

    def fits(self, gender: str) -> float:
        """How well a pronoun of ``gender`` fits: 1 unless the evidence says otherwise.

        Evidence is soft (pronoun votes can be wrong in an article about several people), so a
        mismatch lowers the score by how one-sided the votes are instead of excluding.
        """
        same = self.gender_votes[gender]
        other = sum(self.gender_votes.values()) - same
        if other <= same:
            return 1.0
        return (same + 0.5) / (same + other + 1)

    @property
    def gender(self) -> str | None:
        if not self.gender_votes:
            return None
        (best, count), *rest = [*self.gender_votes.most_common(2), ("", 0)]
        return best if count > rest[0][1] else None


@dataclass(frozen=True)
class Sighting:
    """A mention of a person at one place: the salience model's unit."""

    person: str
    token: int
    sentence: int
    paragraph: int
    subject: bool
    speaker: bool = False


class People:
    """The persons of one document and where each is mentioned."""

    def __init__(self, doc: Doc, sentence_of: list[int], paragraph_of: list[int]) -> None:
        self.doc = doc
        self.sentence_of = sentence_of
        self.paragraph_of = paragraph_of
        self.persons: dict[str, Person] = {}
        self.sightings: list[Sighting] = []
        self._first_names: dict[str, set[str]] = defaultdict(set)
        for entity in doc.ents:
            if entity.label_ == "PERSON":
                self._add(entity)
        self._vote_pronoun_genders()

    def _add(self, entity: Span) -> None:
        start = entity.start
        while start > 0 and is_title(self.doc[start - 1]) and entity.start - start < 4:
            start -= 1
        titles, name = strip_name(list(self.doc[start : entity.end]))
        name = [t for t in name if t.is_alpha or "." in t.text or "-" in t.text]
        if not name:
            return
        key = self._register(name, titles, entity.start)
        role = _role_of(titles, entity)
        if role:
            self.persons[key].roles.append(role)
        subject = any(t.dep_ in _SUBJECT_DEPS for t in entity)
        self._sight(key, entity.root.i, subject)

    def _register(self, name: list[Token], titles: list[Token], first: int) -> str:
        key = name[-1].lower_
        person = self.persons.get(key)
        if person is None:
            person = self.persons[key] = Person(key, first=first)
        person.names["".join(t.text_with_ws for t in name).strip()] += 1
        gender = honorific_gender(titles)
        if gender:
            person.gender_votes[gender] += 3
        if len(name) > 1:
            self._first_names[name[0].lower_].add(key)
        return key

    def _sight(self, key: str, token: int, subject: bool, speaker: bool = False) -> None:
        self.sightings.append(
            Sighting(
                key,
                token,
                self.sentence_of[token],
                self.paragraph_of[token],
                subject,
                speaker,
            )
        )

    def add_speaker(self, name: str, token: int) -> str:
        """Record a named speaker found at a cue; returns its canonical name.

        The parser does not tag every name as a person ("Warren said"), but whoever speaks
        is a candidate for the pronouns that follow.
        """
        key = self.key_for(name)
        if key is None:
            words = name.split()
            key = words[-1].lower()
            person = self.persons.setdefault(key, Person(key, first=token))
            person.names[name] += 1
            if len(words) > 1:
                self._first_names[words[0].lower()].add(key)
        self._sight(key, token, subject=True, speaker=True)
        return self.persons[key].name

    def _vote_pronoun_genders(self) -> None:
        """A he/she right after a sentence naming exactly one person tells that person's gender."""
        by_sentence: dict[int, set[str]] = defaultdict(set)
        for sighting in self.sightings:
            by_sentence[sighting.sentence].add(sighting.person)
        for token in self.doc:
            gender = PRONOUN_GENDER.get(token.lower_)
            if gender is None:
                continue
            sentence = self.sentence_of[token.i]
            window = by_sentence.get(sentence, set()) | by_sentence.get(sentence - 1, set())
            if len(window) == 1:
                self.persons[next(iter(window))].gender_votes[gender] += 1

    def key_for(self, name: str) -> str | None:
        """The cluster a name belongs to: by surname, or by a first name used alone."""
        words = name.split()
        if not words:
            return None
        last = words[-1].lower()
        if last in self.persons:
            return last
        if len(words) == 1:
            keys = self._first_names.get(last, set())
            if len(keys) == 1:
                return next(iter(keys))
        return None

    def canonical(self, name: str) -> str:
        """The full name of the person ``name`` refers to, or ``name`` itself."""
        key = self.key_for(name)
        return self.persons[key].name if key else name

    def role(self, name: str) -> str | None:
        key = self.key_for(name)
        if key is None or not self.persons[key].roles:
            return None
        return Counter(self.persons[key].roles).most_common(1)[0][0]

    def gender(self, name: str) -> str | None:
        key = self.key_for(name)
        return self.persons[key].gender if key else None

    def note_gender(self, name: str, gender: str | None) -> None:
        key = self.key_for(name)
        if key and gender:
            self.persons[key].gender_votes[gender] += 3

    def sightings_before(self, token: int, sentences: int) -> list[Sighting]:
        """Mentions in the ``sentences`` sentences up to ``token``, in document order."""
        sentence = self.sentence_of[token]
        return [s for s in self.sightings if s.token < token and sentence - s.sentence <= sentences]


def _role_of(titles: list[Token], entity: Span) -> str | None:
    """A role from the titles before a name or an appositive after it."""
    words = [t.text for t in titles if t.lower_ not in ("the", "a", "an", "mr.", "ms.", "mrs.")]
    words = [w for w in words if w.lower().rstrip(".") not in ("mr", "ms", "mrs", "miss")]
    if words:
        return " ".join(words)
    root = entity.root
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i and child.pos_ != "PROPN":
            phrase = entity.doc[child.left_edge.i : child.right_edge.i + 1].text.strip(" ,")
            if 0 < len(phrase) <= 80:
                return phrase
    return None
