"""He said, she said: a pronoun speaker goes to the most salient compatible person.

Salience, not nearness: a person's best recent mention counts, subjects more than objects and
speakers most; the current paragraph counts more than the ones before, and everything fades
sentence by sentence. So in a paragraph about Mr. Lindqvist, "he asked" is Lindqvist's even
when another man was named in between as an object. Gender evidence (honorifics, pronouns used
with the name) weighs against a person of the other gender; when nobody fits, the speaker is
unknown rather than guessed.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Token

from bot.nlp.quotes.names import ORGANISATION_WORDS, PRONOUN_GENDER
from bot.nlp.quotes.people import People, speaks
from bot.nlp.quotes.person import Person, Sighting

WINDOW_SENTENCES = 6
_SUBJECT_PRONOUNS = frozenset({"he", "she"})
_DECAY = 0.5
_SUBJECT_WEIGHT = 2.0
_OBJECT_WEIGHT = 0.7
_SPEAKER_WEIGHT = 1.5
_SAME_PARAGRAPH = 3.0
_MIN_SCORE = 0.05
"""Below this a candidate is too faint to name: the speaker stays unknown. Sentences inside a
long quote count toward the fading, so the floor sits low enough for "Lindqvist is not
interested. “<five sentences>,” she said"."""
_CLEAR_LEAD = 2.0
"""A resolution this far ahead of the runner-up also tells the person's gender."""


def follow_pronoun_subjects(people: People) -> dict[int, str]:
    """Resolve every he/she subject outside quotes, in order, each one feeding salience.

    "Rendell said … He added … he said": the chain keeps the person the paragraph is about
    salient, so a later pronoun does not drift to someone merely named in between.
    Returns token index → person key.
    """
    resolved: dict[int, str] = {}
    for token in people.doc:
        if token.lower_ not in _SUBJECT_PRONOUNS or token.i in people.quoted:
            continue
        if token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        ranked = _ranked(token, people)
        if not ranked:
            continue
        person = ranked[0][1]
        resolved[token.i] = person.key
        people.add_sighting(person, token.i, speaks(token))
        if len(ranked) == 1 or ranked[0][0] >= _CLEAR_LEAD * ranked[1][0]:
            person.gender_votes[PRONOUN_GENDER[token.lower_]] += 1
    return resolved


def resolve_pronoun(pronoun: Token, people: People, chained: dict[int, str]) -> str | None:
    """The canonical name a personal pronoun refers to, or None when no one fits."""
    key = chained.get(pronoun.i)
    if key is not None:
        return people.persons[key].name
    person = best_person(pronoun, people)
    return person.name if person is not None else None


def best_person(pronoun: Token, people: People) -> Person | None:
    """The most salient person a he/she pronoun can refer to."""
    ranked = _ranked(pronoun, people)
    return ranked[0][1] if ranked else None


def _ranked(pronoun: Token, people: People) -> list[tuple[float, Person]]:
    """Compatible candidates for a he/she pronoun, most salient first."""
    gender = PRONOUN_GENDER.get(pronoun.lower_)
    if gender is None:
        return []
    sentence = people.sentence_of[pronoun.i]
    paragraph = people.paragraph_of[pronoun.i]
    scores: dict[str, float] = defaultdict(float)
    sightings = people.sightings_before(pronoun.i, WINDOW_SENTENCES)
    for sighting in sightings + _untagged_subjects(pronoun, people, sightings):
        scores[sighting.person] = max(
            scores[sighting.person], _salience(sighting, sentence, paragraph, people.doc)
        )
    compatible = {
        key: score * people.persons[key].fits(gender)
        for key, score in scores.items()
        if score * people.persons[key].fits(gender) >= _MIN_SCORE
    }
    return sorted(
        ((score, people.persons[key]) for key, score in compatible.items()),
        key=lambda pair: -pair[0],
    )


_UNTAGGED_REACH = 2
"""Sentences back (quoted ones count) in which an untagged main-clause subject is looked for."""


def _untagged_subjects(pronoun: Token, people: People, sightings: list[Sighting]) -> list[Sighting]:
    """Main-clause subjects of this sentence and the ones before that the tagger did not take
    for names ("Figgins declined to say whether Thomas slept. “…,” he said"), when the article
    names that person elsewhere: the subject of the main clause is who "he" continues."""
    seen = {sighting.token for sighting in sightings}
    doc = people.doc
    sentence = people.sentence_of[pronoun.i]
    found = []
    section = people.section_of[pronoun.i]
    for i in range(pronoun.i - 1, -1, -1):
        if sentence - people.sentence_of[i] > _UNTAGGED_REACH or people.section_of[i] != section:
            break
        token = doc[i]
        if i in seen or i in people.quoted or token.dep_ != "nsubj":
            continue
        if token.head.dep_ != "ROOT" and not (i > 0 and "\n" in doc[i - 1].text):
            continue  # a main clause, or one opening its paragraph that the parse ran on into
        person = _described(token, people) or _named(token, people)
        if person is not None:
            found.append(
                Sighting(person.key, i, people.sentence_of[i], people.paragraph_of[i], True)
            )
    return found


def _named(token: Token, people: People) -> Person | None:
    if not token.is_title or token.pos_ == "PRON" or _organisation(token):
        return None
    if not people.knows(token.text):
        return None
    name = people.canonical(token.text)
    return next((p for p in people.persons.values() if p.name == name), None)


def _organisation(token: Token) -> bool:
    """ "Right Wing Watch first reported" is no "he"; a lone surname the tagger took for an
    organisation ("Figgins declined …") still is."""
    if token.ent_type_ in ("PERSON", ""):
        return False
    entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return token.ent_type_ != "ORG" or entity is None or len(entity) > 1 or token.is_upper


def _described(token: Token, people: People) -> Person | None:
    """ "the actress" for the one person the article gave that role ("actress Mary Lund")."""
    determiners = [t.lower_ for t in token.lefts if t.dep_ == "det"]
    if token.pos_ != "NOUN" or determiners != ["the"]:
        return None
    person = people.by_role(token.lemma_, token.i)
    if person is not None:
        return person
    titled = {  # "Oscar-winning actress Mary Lund": the noun written as the name's title
        named.key: named
        for earlier in people.doc[: token.i]
        if earlier.lemma_ == token.lemma_ and earlier.dep_ == "compound"
        for named in [_named(earlier.head, people)]
        if named is not None
    }
    return next(iter(titled.values())) if len(titled) == 1 else None


def _salience(sighting: Sighting, sentence: int, paragraph: int, doc: Doc) -> float:
    weight = _SPEAKER_WEIGHT if sighting.speaker else 0.0
    if sighting.subject and not _subordinate_name(doc[sighting.token]):
        weight += _SUBJECT_WEIGHT
    else:
        weight += _OBJECT_WEIGHT
    if sighting.paragraph == paragraph:
        weight *= _SAME_PARAGRAPH
    return weight * _DECAY ** (sentence - sighting.sentence)


_SUBORDINATE_DEPS = frozenset({"advcl", "ccomp", "relcl", "acl", "csubj", "pcomp"})
"""Clauses inside another: "When Mr. Lund asked …, Mr. Berg said no. He …" is Berg, the
subject of the main clause; Lund only heads the "when" clause."""


def _subordinate_name(token: Token) -> bool:
    """Whether a name is the subject of a clause that a conjunction or a wh-word subordinates
    ("when Lund asked", "whether Lund slept", "that Lund had warned her"). A pronoun there
    ("Lund said he was hopeful") only continues whoever the text is about, and a clause with
    no such word is as likely the parser's slip as a subordinate one."""
    if token.pos_ == "PRON":
        return False
    verb = token.head
    for _ in range(5):
        if verb.dep_ == "ROOT" or verb.head.i == verb.i:
            return False
        if verb.dep_ in _SUBORDINATE_DEPS | {"conj"} and _introduced(verb):
            return True
        if verb.dep_ not in _SUBORDINATE_DEPS | {"conj", "xcomp"}:
            return False
        verb = verb.head
    return False


def _introduced(verb: Token) -> bool:
    """A clause opened by a conjunction ("that", "whether", "because") or a wh-word ("when",
    "where", "which"); "the remarks Clinton made" opens with neither and stays about her."""
    return any(
        child.dep_ == "mark" or child.tag_ in ("WRB", "WDT", "WP", "WP$") for child in verb.children
    )


_GROUP_WINDOW = 2
"""Sentences back in which "it said" / "they said" look for the organisation or group."""
_GROUP_REACH = 250
"""Tokens back at most, whatever the sentences: in one sentence of thousands of "they said",
reading back to its start for each is quadratic."""


def group_antecedent(pronoun: Token, people: People) -> Token | None:
    """The subject an "it" or "they" speaker stands for: the nearest organisation (it) or
    organisation or plural noun (they) heading a clause in the last sentences."""
    plural = pronoun.lower_ == "they"
    if not plural and pronoun.lower_ != "it":
        return None
    doc = people.doc
    sentence = people.sentence_of[pronoun.i]
    section = people.section_of[pronoun.i]
    for i in range(pronoun.i - 1, max(-1, pronoun.i - 1 - _GROUP_REACH), -1):
        if sentence - people.sentence_of[i] > _GROUP_WINDOW or people.section_of[i] != section:
            break
        token = doc[i]
        if token.dep_ not in ("nsubj", "nsubjpass") or i in people.quoted:
            continue
        if token.ent_type_ == "ORG" or (plural and token.tag_ in ("NNS", "NNPS")):
            return token
        if plural and _collective_name(token):
            return token
        named = _named_organisation(token) if plural else None
        if named is not None:
            return named
    return None


def _named_organisation(token: Token) -> Token | None:
    """ "The company that runs the awards, Dick Clark Productions, denies it. “…,” they said":
    a company word with the company's name beside it is the "they" of its statement."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in ORGANISATION_WORDS:
        return None
    names = [
        c
        for c in token.subtree
        if c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "ORG")
    ]
    own = [c for c in names if c.head.i == token.i]
    return (own or names or [None])[0]  # the parser often hangs the name on the clause's object


def _collective_name(token: Token) -> bool:
    """ "Big Machine have denied it": a name with a plural verb is an organisation spoken of
    as its people (British usage), the "they" of the next quote."""
    if token.pos_ != "PROPN" or token.ent_type_ in ("PERSON", "GPE", "NORP", "LOC"):
        return False
    verb = token.head
    verbs = [verb, *(child for child in verb.children if child.dep_ in ("aux", "auxpass"))]
    return any(v.tag_ == "VBP" or v.lower_ in ("are", "were") for v in verbs)
