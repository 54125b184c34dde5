"""Who stands behind a text or an "it": a statement speaks for whoever issued it.

"Big Machine have denied it. Now they have put out another statement. “…,” it says": the
speaker is Big Machine, not "the statement" and not nobody. A text's issuer is the author its
phrase names ("the IMF's report", "a letter signed by seven physicians"), else the subject of
the verb that put it out ("they have put out a statement"), else the organisation the last
sentences are about. "It" and "they" go the same way: to the organisation (or the text, and so
its issuer) that the last sentences have as their subject.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from bot.nlp.quotes.agents import TEXT_NOUNS, can_speak, text_author
from bot.nlp.quotes.descriptions import (
    ORGANISATION_NOUNS,
    Named,
    definite,
    resolve_description,
)
from bot.nlp.quotes.names import mention_for

if TYPE_CHECKING:
    from bot.nlp.quotes.people import People

_WINDOW_SENTENCES = 2
_REACH = 400
"""Tokens back at most, quoted ones included, whatever the sentences: in one sentence of
thousands of "“Yes,” they said", reading back to its start for each is quadratic."""
_MAX_HOPS = 6
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass"})
_GROUP_PRONOUNS = frozenset({"it", "they", "we"})
_ISSUING_VERBS = frozenset(
    {"issue", "release", "publish", "post", "put", "send", "sign", "file", "share", "announce"}
    | {"write", "tweet", "email", "submit", "circulate", "distribute"}
)
"""Verbs that put a text out: only their subject issued "the statement" read next."""
ISSUED_TEXTS = frozenset(
    {"statement", "letter", "release", "memo", "memorandum", "email", "e-mail", "note"}
    | {"message", "tweet", "post", "report", "filing", "complaint", "notice", "announcement"}
)
"""Texts someone issues; a column, a website or a poll is not one the last subject put out."""


def issuer_of(text: Token, people: People, hops: int = 0) -> Named | None:
    """The person or organisation behind a text noun ("the statement"), or None."""
    author = text_author(text) or _signer(text)
    if author is not None:
        return named_speaker(author, people, hops + 1)
    putter = _putter(text)
    if putter is not None:
        named = named_speaker(putter, people, hops + 1)
        if named is not None:
            return named
    if not definite(text) or text.lemma_.lower() not in ISSUED_TEXTS:
        return None  # "a Homeland Security memo" is a new text, not one issued just before
    return _subject_before(text, people, plural=True, hops=hops + 1, issuing=True)


def group_antecedent_named(pronoun: Token, people: People, hops: int = 0) -> Named | None:
    """The organisation (or text issuer) an "it", "they" or "we" speaker stands for."""
    if pronoun.lower_ not in _GROUP_PRONOUNS:
        return None
    return _subject_before(pronoun, people, plural=pronoun.lower_ != "it", hops=hops)


def named_speaker(token: Token, people: People, hops: int = 0) -> Named | None:
    """The name for a token that points at a speaker: a name, a description the article ties
    to a name, a group pronoun, or a text (its issuer)."""
    if hops > _MAX_HOPS:
        return None
    if token.lower_ in _GROUP_PRONOUNS:
        return group_antecedent_named(token, people, hops + 1)
    mention = mention_for(token)
    if mention is None or mention.kind == "pronoun":
        return None
    if mention.kind != "nominal":
        return Named(mention.name, mention.kind)
    if token.lemma_.lower() in TEXT_NOUNS:
        return issuer_of(token, people, hops + 1)
    described = resolve_description(token, people)
    if described is not None:
        return described
    return None


def _signer(text: Token) -> Token | None:
    """ "a letter signed by seven physicians": the signers wrote it."""
    for child in text.rights:
        if child.dep_ == "acl" and child.lemma_.lower() in ("sign", "write", "issue", "author"):
            for agent in (c for c in child.children if c.dep_ == "agent"):
                objects = [g for g in agent.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return None


def _putter(text: Token) -> Token | None:
    """ "they have put out another statement", "Northwind issued a statement": the subject of
    the verb whose object the text is."""
    verb = text.head
    if text.dep_ not in _OBJECT_DEPS or verb.pos_ not in ("VERB", "AUX"):
        return None
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    return None


def _subject_before(
    at: Token, people: People, plural: bool, hops: int, issuing: bool = False
) -> Named | None:
    """The organisation heading a clause in the last sentences before ``at``: a name the
    article does not give a person, an organisation word, or a text (for its issuer). For a
    text's issuer only a subject that says or issues something counts ("Northwind announced
    …"): one that merely holds money or requires things is what the text is about."""
    doc = people.doc
    sentence = people.sentence_of[at.i]
    section = people.section_of[at.i]
    crossed = 0  # sentences of narration passed; a long quote in between does not count
    for i in range(at.i - 1, max(-1, at.i - 1 - _REACH), -1):
        if people.section_of[i] != section:
            return None
        if i in people.quoted:
            continue
        if people.sentence_of[i] != sentence:
            sentence = people.sentence_of[i]
            crossed += 1
            if crossed > _WINDOW_SENTENCES:
                return None
        token = doc[i]
        if token.lemma_.lower() in TEXT_NOUNS and token.pos_ == "NOUN" and not plural:
            return issuer_of(token, people, hops + 1)
        if token.dep_ not in _SUBJECT_DEPS:
            continue
        if issuing:
            if token.head.lemma_.lower() not in _ISSUING_VERBS:
                continue
            named = named_speaker(token, people, hops + 1)  # a person may send a letter too
            if named is not None:
                return named
            continue
        if _organisation(token, people, plural) or (plural and _many(token)):
            return named_speaker(token, people, hops + 1)
        if plural and token.lower_ in ("they", "we") and hops < _MAX_HOPS:
            return group_antecedent_named(token, people, hops + 1)
    return None


def _many(token: Token) -> bool:
    """A plural subject: "officials", or a name with a plural verb ("Grey Harbour have
    denied …", as British papers write of a company or a band)."""
    if token.tag_ in ("NNS", "NNPS"):
        return True
    verb = token.head
    verbs = [verb, *(c for c in verb.children if c.dep_ == "aux")]
    return token.pos_ == "PROPN" and any(v.tag_ == "VBP" for v in verbs)


def _organisation(token: Token, people: People, plural: bool) -> bool:
    """An organisation's name or word. "They" may also be a one-word name the article took
    for a person's ("Politifact"), never someone it gives a full name ("Jon Husted")."""
    if token.ent_type_ == "ORG":
        return True
    if token.pos_ == "PROPN":
        if token.ent_type_ not in ("", "NORP"):
            return False
        if not people.knows(token.text):
            return True
        return plural and len(people.canonical(token.text).split()) == 1
    return (
        token.pos_ == "NOUN"
        and token.lemma_.lower() in ORGANISATION_NOUNS
        and can_speak(token)  # "the dispute centers on …" is a parse slip, not a centre
        and (plural == (token.tag_ == "NNS") or _named_here(token, people))
    )  # "the court" is an "it", "the unions" a "they"; a company with its name either


def _named_here(token: Token, people: People) -> bool:
    return any(tie.noun_at == token.i for tie in people.ties)
