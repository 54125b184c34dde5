"""Everyone the article names: one cluster per person, with full name, gender and role.

Built once per document from the named entities. "Finance Minister Anna Lindqvist", "Ms.
Lindqvist" and "Lindqvist" share a surname and become one cluster named "Anna Lindqvist", female
(from the honorific), role "Finance Minister". Two people may share a surname (Donald and Ivanka
Trump): a bare surname then goes to the one of them last mentioned, or the one whose gender
the honorific states. Gender also comes from the pronouns the article uses right after a name
when no other person is in sight, and from a common given name (our own short lists in
given_names.py, no third-party name data).
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter, defaultdict

from spacy.tokens import Doc, Span, Token

from bot.nlp.quotes.cues import SPEECH_VERBS
from bot.nlp.quotes.descriptions import find_ties, organisations_named, resolve_description
from bot.nlp.quotes.given_names import given_name_gender
from bot.nlp.quotes.names import (
    PRONOUN_GENDER,
    honorific_gender,
    is_title,
    looks_like_organisation,
    role_from,
    strip_name,
    tidy_name,
    with_article,
    with_titles_before,
)
from bot.nlp.quotes.person import (
    Person,
    Sighting,
    honorific_or_name_gender,
    uncontradicted,
)

_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_MODIFIER_DEPS = {"compound", "poss", "amod", "nmod"}
_INVERTED_DEPS = {"dobj", "attr", "npadvmod", "appos", "dep"}
_SENTENCE_OPENING = 3
"""A name within the first tokens of its sentence is treated as its subject (the parser often
misses subjects that carry long appositives: "Gov. Ed Rendell, R-Pa., despite …")."""


def _names_the_subject(name: Token) -> bool:
    """ "The minister of the economy, Mr. Guajardo Villarreal, argues …": a name in apposition
    to the subject is the subject."""
    return name.dep_ == "appos" and name.head.dep_ in _SUBJECT_DEPS


class People:
    """The persons of one document and where each is mentioned (outside quotes)."""

    def __init__(
        self,
        doc: Doc,
        sentence_of: list[int],
        paragraph_of: list[int],
        section_of: list[int],
        quoted: set[int],
    ) -> None:
        self.doc = doc
        self.sentence_of = sentence_of
        self.paragraph_of = paragraph_of
        self.section_of = section_of
        self.quoted = quoted
        self.persons: dict[str, Person] = {}
        self.sightings: list[Sighting] = []
        self._by_surname: dict[str, list[str]] = defaultdict(list)
        self._by_first_name: dict[str, set[str]] = defaultdict(set)
        for entity in doc.ents:
            if entity.label_ == "PERSON" or _titled_name(entity):
                self._add(entity)
        for token in doc:
            if token.i in quoted or not _name_subject(token):
                continue
            reporting = speaks(token) and not looks_like_organisation([token])
            sentence_initial = token.i == token.sent.start and not reporting
            untagged = token.ent_type_ == "" or reporting
            if self.knows(token.text) or (untagged and not sentence_initial):
                self._add(_name_chain(token))
        self.sightings.sort(key=lambda s: s.token)
        self.ties = find_ties(doc, quoted)
        self.organisations = organisations_named(doc, quoted)
        self._sight_descriptions()
        self._vote_pronoun_genders()
        for person in self.persons.values():
            person.stated_gender = uncontradicted(given_name_gender(person.name), person)

    def _add(self, entity: Span) -> None:
        tokens = with_titles_before(list(entity))
        start = tokens[0].i
        inner_titles, name = strip_name(list(entity))
        titles = tokens[: entity.start - start] + inner_titles
        while name and name[-1].lemma_.lower() in SPEECH_VERBS:
            name = name[:-1]  # "Obama Says" in a headline
        words = [t.text for t in name if t.is_alpha or "." in t.text or "-" in t.text]
        if not words:
            return
        full = tidy_name("".join(t.text_with_ws for t in name))
        if not full:
            return
        gender = honorific_gender(titles)
        role = role_from(titles, entity.root)
        person = self._register(full, entity.start, gender, role)
        if role:
            person.roles.append(role)
        if entity.root.i in self.quoted:
            return
        root = entity.root
        opening = start - root.sent.start < _SENTENCE_OPENING and root.dep_ not in _MODIFIER_DEPS
        subject = root.dep_ in _SUBJECT_DEPS or opening or _names_the_subject(root)
        reporting = speaks(root)
        self._sight(person, root.i, subject or reporting, reporting, len(words) > 1)

    def _register(self, full: str, at: int, gender: str | None, role: str | None = None) -> Person:
        """The cluster a name joins (created when new), with the name counted in."""
        person = self._find(full, gender, at, role)
        if person is None:
            key = full.lower()
            person = self.persons[key] = Person(key, first_seen=at)
            words = full.split()
            self._by_surname[surname(full)].append(key)
            if len(words) > 1:
                self._by_first_name[words[0].lower()].add(key)
        elif len(full.split()) > 1 and len(person.name.split()) > 1:
            self._by_first_name[full.split()[0].lower()].add(person.key)
        person.names[full] += 1
        person.last_seen = max(person.last_seen, at)
        insort(person.seen, at)
        if gender:
            person.gender_votes[gender] += 3
        return person

    def _find(
        self,
        name: str,
        gender: str | None = None,
        at: int | None = None,
        role: str | None = None,
    ) -> Person | None:
        """The person a name refers to at token ``at``: same surname, compatible first name,
        gender and title, and among several the one named last before ``at``."""
        words = name.split()
        if not words:
            return None
        candidates = [self.persons[k] for k in self._by_surname.get(surname(name), ())]
        if len(words) > 1:
            first = words[0].lower()
            lowered = name.lower()
            stated = given_name_gender(name)
            candidates = [
                p
                for p in candidates
                if (
                    p.first_name in (first, None)
                    or lowered.endswith(" " + p.name.lower())
                    or p.name.lower().endswith(" " + lowered)  # "Guajardo Villarreal"
                )
                and (stated is None or honorific_or_name_gender(p) in (stated, None))
            ]
        else:
            if gender:
                fitting = [p for p in candidates if honorific_or_name_gender(p) in (gender, None)]
                candidates = fitting or [p for p in candidates if not given_name_gender(p.name)]
            if role:
                titled = [p for p in candidates if _shares_title(p, role)]
                candidates = titled or candidates
        if candidates:
            point = len(self.doc) if at is None else at
            if len(words) > 1 or len(candidates) == 1:
                return max(candidates, key=lambda p: (p.recency(point), -p.first_seen))
            return self._likeliest(candidates, point)
        if len(words) > 1:
            return None
        by_first = self._by_first_name.get(words[0].lower(), set())
        return self.persons[next(iter(by_first))] if len(by_first) == 1 else None

    def _likeliest(self, candidates: list[Person], point: int) -> Person:
        """Who a bare surname shared by several people means at ``point``: one named in the
        last sentences, else the one the article names most (an article about Carly Fiorina
        that mentions her husband once still means her by "Fiorina")."""
        sentence = self.sentence_of[min(point, len(self.doc) - 1)]
        recent = [
            p
            for p in candidates
            if p.recency(point) >= 0 and sentence - self.sentence_of[p.recency(point)] <= 1
        ]
        if recent:
            return max(recent, key=lambda p: p.recency(point))
        return max(candidates, key=lambda p: (p.names.total(), p.recency(point)))

    def _sight(
        self, person: Person, token: int, subject: bool, speaker: bool = False, full: bool = False
    ) -> None:
        self.sightings.append(
            Sighting(
                person.key,
                token,
                self.sentence_of[token],
                self.paragraph_of[token],
                subject,
                speaker,
                full,
            )
        )

    def _sight_descriptions(self) -> None:
        """ "The actress was not looking for work. “…,” she said": a description the article
        ties to a person is a mention of that person, so the pronoun after it is theirs."""
        for token in self.doc:
            if token.i in self.quoted or token.dep_ not in _SUBJECT_DEPS or token.pos_ != "NOUN":
                continue
            named = resolve_description(token, self)
            person = self._find(named.name) if named and named.kind == "person" else None
            if person is not None:
                self.add_sighting(person, token.i, speaks(token))

    def _vote_pronoun_genders(self) -> None:
        """A he/she right after a sentence naming exactly one person tells that person's gender."""
        by_sentence: dict[int, set[str]] = defaultdict(set)
        full_names: dict[int, set[str]] = defaultdict(set)
        for sighting in self.sightings:
            if sighting.subject:
                by_sentence[sighting.sentence].add(sighting.person)
                if sighting.full_name:
                    full_names[sighting.sentence].add(sighting.person)
        for token in self.doc:
            gender = PRONOUN_GENDER.get(token.lower_)
            if gender is None or token.i in self.quoted:
                continue
            sentence = self.sentence_of[token.i]
            window = by_sentence.get(sentence, set()) | by_sentence.get(sentence - 1, set())
            if len(window) == 1:
                person = self.persons[next(iter(window))]
                person.gender_votes[gender] += 1
                shared = len(self._by_surname[surname(person.name)]) > 1
                if shared and person.key in full_names[sentence] | full_names[sentence - 1]:
                    person.named_votes[gender] += 1

    def add_speaker(
        self, name: str, token: int, gender: str | None = None, role: str | None = None
    ) -> str:
        """Record a named speaker found at a cue; returns its canonical name.

        The parser does not tag every name as a person ("Warren said"), but whoever speaks
        is a candidate for the pronouns that follow.
        """
        person = self._find(name, gender, token, role) or self._register(name, token, gender, role)
        if gender:
            person.gender_votes[gender] += 3
        if role:
            person.roles.append(role)
        person.last_seen = max(person.last_seen, token)
        insort(person.seen, token)
        self._sight(person, token, subject=True, speaker=True)
        return person.name

    def knows(self, name: str) -> bool:
        """Whether ``name`` is a person the article names elsewhere."""
        return self._find(name) is not None

    def by_role(self, noun: str, before: int) -> Person | None:
        """The one person named before ``before`` whose role ends in ``noun`` ("the mayor");
        None when several fit, since guessing between two senators is worse than "the senator"."""
        noun = noun.lower()
        fitting = [
            p
            for p in self.persons.values()
            if p.first_seen < before
            and any(role.lower().rstrip(".").split()[-1:] == [noun] for role in p.roles)
        ]
        return fitting[0] if len(fitting) == 1 else None

    def canonical(self, name: str) -> str:
        """The full name of the person ``name`` refers to, or ``name`` itself."""
        person = self._find(name)
        return person.name if person else name

    def role(self, name: str) -> str | None:
        person = self._find(name)
        if person is None or not person.roles:
            return None
        return Counter(person.roles).most_common(1)[0][0]

    def add_sighting(self, person: Person, token: int, speaker: bool) -> None:
        """A mention found after the fact (a resolved pronoun subject), kept in token order."""
        sighting = Sighting(
            person.key, token, self.sentence_of[token], self.paragraph_of[token], True, speaker
        )
        insort(self.sightings, sighting, key=lambda s: s.token)
        person.last_seen = max(person.last_seen, token)
        insort(person.seen, token)

    def sightings_before(self, token: int, sentences: int) -> list[Sighting]:
        """Mentions in the ``sentences`` sentences up to ``token``, in document order."""
        sentence = self.sentence_of[token]
        end = bisect_left(self.sightings, token, key=lambda s: s.token)
        section = self.section_of[token]
        start = end
        while (
            start > 0
            and sentence - self.sightings[start - 1].sentence <= sentences
            and self.section_of[self.sightings[start - 1].token] == section
        ):
            start -= 1
        return self.sightings[start:end]


def surname(name: str) -> str:
    """The word a bare mention of the person would use: the last one, after any hyphen."""
    parts = re.split(r"[\s\-‐–]+", name.strip().lower())
    parts = [p.strip(".,'’") for p in parts if p.strip(".,'’")]
    return parts[-1] if parts else ""


def _shares_title(person: Person, role: str) -> bool:
    words = {w.lower().rstrip(".") for w in role.split()}
    return any(words & {w.lower().rstrip(".") for w in known.split()} for known in person.roles)


def _titled_name(entity: Span) -> bool:
    """ "Hewlett-Packard CEO Carly Fiorina": a two- or three-word proper name right after a
    capitalised title is a person, whatever label the recogniser gave it."""
    if entity.start == 0 or not 2 <= len(entity) <= 3:
        return False
    title = entity.doc[entity.start - 1]
    return (
        is_title(title)
        and title.text[:1].isupper()
        and title.lower_ not in ("the", "a", "an")
        and all(t.pos_ == "PROPN" and t.is_title for t in entity)
        and not looks_like_organisation(list(entity))
    )


def _name_subject(token: Token) -> bool:
    """A proper-noun subject the entity recogniser missed or mislabelled ("Ham said …")."""
    return (
        token.dep_ in _SUBJECT_DEPS
        and token.pos_ == "PROPN"
        and token.ent_type_ not in _NEVER_PEOPLE
        and token.text[:1].isupper()
        and not with_article(token)
    )


_NEVER_PEOPLE = frozenset(
    {"PERSON", "GPE", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL"}
    | {"ORDINAL", "LANGUAGE", "LAW"}
)
"""Labels under which a subject is surely not a person the recogniser missed (PERSON ones are
registered already)."""


def speaks(token: Token) -> bool:
    """The subject of a reporting verb, before it ("X said") or after it ("noted X")."""
    head = token.head
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in SPEECH_VERBS:
        return False
    return token.dep_ in _SUBJECT_DEPS or (token.dep_ in _INVERTED_DEPS and token.i > head.i)


def _name_chain(token: Token) -> Span:
    """The proper nouns ending at ``token`` ("Norman Ham"), as a span."""
    start = token.i
    doc = token.doc
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].ent_type_ != "PERSON"
        and not is_title(doc[start - 1])
    ):
        start -= 1
    return doc[start : token.i + 1]
