"""The name behind a description: "the group" is the WeWorkers Coalition, "the actress" is
Mary Ortiz, "the officer" is Lt. Col. Ana Ruiz.

News writing names a speaker once and then describes them ("the company", "the actor", "the
doctors"). A reader of the digest wants one entry under the name, so a definite description
goes to the name the article ties to it, in this order of evidence:

1. a tie the article writes out: an appositive ("The group, WeWorkers Coalition, …";
   "Ana Ruiz, a career Army officer"), or "a group called …";
2. the one person whose stated role ends in the noun ("the mayor" after "Mayor Ed Lee");
3. for an epithet of what someone is known as (actor, singer, coach, the 46-year-old), the
   person the text is about at that point (the most salient subject, of a fitting gender);
4. for an organisation word (the company, the group, the firm), the organisation named last in
   the sentences before, else the one the article is about.

Indefinite descriptions ("a senior official", "one commenter") stay descriptions: the article
did not name them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from bot.nlp.quotes.agents import PERSON_NOUNS, can_speak
from bot.nlp.quotes.names import (
    ORGANISATION_WORDS,
    MentionKind,
    is_title,
    mention_for,
    tidy_name,
)

if TYPE_CHECKING:
    from bot.nlp.quotes.people import People

EPITHETS = frozenset(
    """
    actor actress singer songwriter rapper musician star comedian filmmaker director producer
    author novelist writer poet artist designer chef athlete player coach manager captain
    quarterback pitcher striker goalkeeper golfer boxer skater swimmer
    billionaire entrepreneur founder mogul tycoon businessman businesswoman
    """.split()  # noqa: SIM905
)
"""What a person is known as, used as a stand-in for their name ("said the actor")."""

EPITHET_GENDER = {"actress": "female", "businesswoman": "female", "businessman": "male"}

BUSINESS_NOUNS = frozenset(
    """
    company firm retailer startup start-up label maker manufacturer carrier airline chain
    insurer lender brand publisher studio giant corporation bank
    """.split()  # noqa: SIM905
)
"""What a news article calls the business it is about ("the retailer said"): these go to the
organisation the article names. Other organisation words ("the group", "the board") go to a
name only where the article ties one to them."""

ORGANISATION_NOUNS = (
    ORGANISATION_WORDS | BUSINESS_NOUNS | frozenset({"band", "charity", "nonprofit", "operator"})
)
"""Words for a company or group ("the band"); the last resort of "it" and "they"."""

SAME_NOUNS = {
    "doctor": "physician", "physician": "doctor", "firm": "company", "company": "firm",
    "lawyer": "attorney", "attorney": "lawyer", "organisation": "organization",
    "organization": "organisation", "startup": "company", "label": "company",
}  # fmt: skip
"""Words news writing uses in turn for one referent ("the physicians" … "the doctors")."""

_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_NAMING_VERBS = frozenset({"call", "name", "dub", "know"})
_WINDOW_SENTENCES = 6
_ORG_WINDOW_SENTENCES = 1
_MIN_SALIENCE = 0.2
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class Named:
    """The name a description stands for, and whether it is a person or an organisation."""

    name: str
    kind: MentionKind


@dataclass(frozen=True)
class _Tie:
    at: int
    noun: str
    named: Named
    noun_at: int
    modifiers: frozenset[str] = frozenset()


def find_ties(doc: Doc, quoted: set[int]) -> list[_Tie]:
    """Every description the article ties to a name outside quotes, in document order."""
    ties: list[_Tie] = []
    for token in doc:
        if token.i in quoted or token.dep_ not in ("appos", "oprd", "attr"):
            continue
        pair = _tied_pair(token)
        if pair is None:
            continue
        noun, name = pair
        named = _name_of(name)
        if named is not None and noun.lemma_.lower() in ORGANISATION_NOUNS:
            named = Named(named.name, "organization")  # "the group, WeWorkers Coalition"
        if named is None:
            continue
        ties.append(_Tie(min(noun.i, name.i), noun.lemma_.lower(), named, noun.i, modifiers(noun)))
        for member in _members(noun):  # "a group of seven doctors": the doctors too
            ties.append(_Tie(min(noun.i, name.i), member.lemma_.lower(), named, member.i))
    return ties


def _tied_pair(token: Token) -> tuple[Token, Token] | None:
    """(description noun, name) for an appositive or a "called X" naming, else None."""
    head = token.head
    if token.dep_ == "appos":
        relative = _subject_before_relative(head, token) if _is_name(token) else None
        if relative is not None:
            return relative
        if _is_name(token) and head.pos_ == "NOUN":
            return head, token
        if token.pos_ == "NOUN" and _is_name(head):
            return token, head
        return None
    if head.lemma_.lower() in _NAMING_VERBS and head.dep_ == "acl" and _is_name(token):
        return head.head, token  # "a group called Safe Streets"
    return None


def _members(noun: Token) -> list[Token]:
    """ "doctors" in "a group of seven doctors"."""
    if noun.lemma_.lower() not in ORGANISATION_NOUNS:
        return []
    return [
        member
        for prep in noun.rights
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for member in prep.children
        if member.dep_ == "pobj" and member.tag_ == "NNS"
    ]


def _subject_before_relative(noun: Token, name: Token) -> tuple[Token, Token] | None:
    """ "The company that runs the show, Bright Lights Productions, denies …": the parser hangs
    the name on the object inside the relative clause; it names the subject it closes."""
    clause = noun.head
    if clause.dep_ != "relcl" or clause.head.dep_ not in _SUBJECT_DEPS:
        return None
    after = name.right_edge.i + 1
    doc = name.doc
    if after + 1 < len(doc) and doc[after].text == "," and doc[after + 1].i == clause.head.head.i:
        return clause.head, name
    return None


def _is_name(token: Token) -> bool:
    """A name of someone who can speak, not a place ("(D-Newport News)") nor a date."""
    if token.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "FAC"):
        return False
    before = token.doc[token.i - 1] if token.i else None
    bracketed = any(t.text == "(" for t in token.lefts) or (
        before is not None and before.text == "("
    )
    return not bracketed and (token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG"))


def _name_of(token: Token) -> Named | None:
    mention = mention_for(token)
    if mention is None or mention.kind not in ("person", "organization"):
        return None
    return Named(mention.name, mention.kind)


def definite(token: Token) -> bool:
    """ "the actor", "the 'Pose' actor", "this company": a description of one the reader
    already knows, as opposed to "an actor" or "actors"."""
    dets = [c for c in token.lefts if c.dep_ == "det"]
    if not dets or dets[0].lower_ not in _DEFINITE:
        return False
    return not any(c.dep_ in ("relcl", "appos", "acl") for c in token.rights)


def resolve_description(token: Token, people: People) -> Named | None:
    """The name a definite description at ``token`` stands for, or None to keep it."""
    own = [tie.named for tie in people.ties if tie.noun_at == token.i]
    if own:
        return _canonical(own[0], people)
    if not definite(token) or not (can_speak(token) or is_title(token)):
        return None  # "the admiral" is someone; "the dispute centers on" is a parse slip
    noun = token.lemma_.lower()
    tied = _tie_before(token, people.ties, noun)
    if tied is not None:
        return _canonical(tied, people)
    person = people.by_role(noun, token.i)
    if person is not None and _fits_roles(token, person.roles):
        return Named(person.name, "person")
    if noun in EPITHETS or token.lower_ in EPITHETS or _aged(token):
        return _salient_person(token, people)
    if noun in BUSINESS_NOUNS:
        return _organisation_before(token, people)
    return None


def _canonical(named: Named, people: People) -> Named:
    return Named(people.canonical(named.name), "person") if named.kind == "person" else named


def modifiers(noun: Token) -> frozenset[str]:
    """The words that say which one: "Democratic" in "the Democratic front-runner"."""
    return frozenset(c.lower_ for c in noun.lefts if c.dep_ in ("amod", "compound"))


def _fits_roles(token: Token, roles: list[str]) -> bool:
    """ "the Wisconsin Republican" is not "Republican Donald Trump": the description's own
    words must be in one of the person's roles."""
    which = modifiers(token)
    return any(which <= {w.lower() for w in role.split()} for role in roles)


def _tie_before(token: Token, ties: list[_Tie], noun: str) -> Named | None:
    """The name the article last tied to this noun before ``token`` ("the group"), never one
    tied with other words ("the Republican front-runner" is not "the Democratic" one)."""
    nouns = {noun, SAME_NOUNS.get(noun, noun)}
    which = modifiers(token)
    found = [
        tie.named
        for tie in ties
        if tie.noun in nouns and tie.at < token.i and which <= tie.modifiers
    ]
    if not found:
        return None
    names = {n.name for n in found}
    return found[-1] if len(names) == 1 or noun not in PERSON_NOUNS else None


def _aged(token: Token) -> bool:
    """ "the 46-year-old"."""
    return token.lower_ == "old" and token.i > 1 and token.nbor(-1).text == "-"


def _salient_person(token: Token, people: People) -> Named | None:
    """The person the text is about at ``token``: named most recently as a subject or a
    speaker, with a gender that does not contradict the epithet ("the actress")."""
    gender = EPITHET_GENDER.get(token.lower_)
    sentence = people.sentence_of[token.i]
    scores: Counter[str] = Counter()
    for sighting in people.sightings_before(token.i, _WINDOW_SENTENCES):
        weight = (2.0 if sighting.subject else 0.7) + (1.5 if sighting.speaker else 0.0)
        if _subordinate(people.doc[sighting.token]):
            weight *= 0.5  # "Holt said that Kim was expecting": the text is about Holt
        weight *= 0.5 ** (sentence - sighting.sentence) * _prominence(people, sighting.person)
        scores[sighting.person] = max(scores[sighting.person], weight)
    ranked = [
        (score, key)
        for key, score in scores.most_common()
        if gender is None or people.persons[key].fits(gender) > 0.5
    ]
    if not ranked or ranked[0][0] < _MIN_SALIENCE:
        return None
    if len(ranked) > 1 and ranked[1][0] > ranked[0][0] / 2:
        return None  # two people in view: "the actor" could be either
    return Named(people.persons[ranked[0][1]].name, "person")


def _subordinate(token: Token) -> bool:
    """A mention inside a clause that another clause reports or qualifies."""
    return token.head.dep_ in ("ccomp", "advcl", "relcl", "acl", "xcomp")


def _prominence(people: People, key: str) -> float:
    """An epithet stands for the person the article is about: one named ten times outweighs
    one named in passing in the last sentence."""
    return 1.0 + min(people.persons[key].names.total(), 10) / 5


def _organisation_before(token: Token, people: People) -> Named | None:
    """The organisation named in the last sentences before ``token``, else the one the
    article names most (at least twice, twice as often as any other)."""
    sentence = people.sentence_of[token.i]
    known = [(at, name) for at, name in people.organisations if people.canonical(name) == name]
    # an "organisation" that is a person's surname ("Husted") is the tagger's slip
    organisations = [
        (at, name)
        for at, name in known
        if at < token.i and sentence - people.sentence_of[at] <= _ORG_WINDOW_SENTENCES
    ]
    named = Counter(name for _, name in known)
    latest = {
        name: at
        for at, name in organisations
        if named[name] >= 2 or people.doc[at].dep_ in _SUBJECT_DEPS
    }
    if latest:  # named once in passing ("analysts surveyed by Refinitiv") is no subject
        return Named(max(latest, key=lambda n: (named[n], latest[n])), "organization")
    counts = named.most_common(2)
    if counts and counts[0][1] >= 2 and (len(counts) == 1 or counts[0][1] >= 2 * counts[1][1]):
        return Named(counts[0][0], "organization")
    return None


_OWNED_ROLE = re.compile(r"^(?:the|its|their) (\w+)['’]s? (.+)$", re.IGNORECASE)


def role_with_organisation(role: str, people: People) -> str:
    """ "the company's chief operating officer" → "chief operating officer of Northwind" when
    the article is about one organisation; the role as written otherwise."""
    owned = _OWNED_ROLE.match(role)
    if owned is None or owned[1].lower() not in ORGANISATION_NOUNS:
        return role
    counts = Counter(name for _, name in people.organisations).most_common(2)
    if not counts or (len(counts) > 1 and counts[0][1] < 2 * counts[1][1]):
        return role
    return f"{owned[2]} of {counts[0][0]}"


def organisations_named(doc: Doc, quoted: set[int]) -> list[tuple[int, str]]:
    """Where the article names an organisation outside quotes: (head token index, name)."""
    found = []
    for entity in doc.ents:
        if entity.label_ != "ORG" or entity.root.i in quoted:
            continue
        words = list(entity)
        if words and words[0].lower_ == "the":
            words = words[1:]
        name = tidy_name("".join(t.text_with_ws for t in words))
        if name:
            found.append((entity.root.i, name))
    return found
