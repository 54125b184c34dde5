"""From a speaker's head token to the words that name it, without titles and appositives.

"Rep. G.K. Butterfield (D-N.C.), head of the caucus" names G.K. Butterfield: the parser gives
the head token; this module keeps the name's own tokens and sets the titles aside as a role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Span, Token

from bot.nlp.quotes.cues import SPEECH_VERBS
from bot.nlp.quotes.titles import (
    HONORIFICS,
    ORGANISATION_WORDS,
    SUFFIXES,
    TITLES,
    is_title,
    looks_like_organisation,
    with_article,
    with_titles_before,
)

MentionKind = Literal["person", "organization", "nominal", "pronoun"]

PRONOUN_GENDER = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}  # fmt: skip
_NAME_DEPS = {"compound", "flat", "nmod", "amod", "npadvmod"}
_NOMINAL_DEPS = {"det", "amod", "compound", "poss", "nummod", "case", "nmod", "quantmod"}
_PERSONISH = {"PERSON"}
_NOT_SPEAKERS = {"TIME"}
"""A clock time heading a live-blog item ("5:45 p.m.") is never who spoke."""
_ORGANISATIONS = {"ORG", "NORP", "GPE", "FAC"}
_SURE_ORGANISATIONS = {"NORP", "GPE"}
"""Labels the small model gets right; its ORG and FAC often land on people's names."""


@dataclass(frozen=True)
class Mention:
    """How the article names a speaker at one attribution.

    ``name`` is the name without titles ("G.K. Butterfield"), ``written`` the phrase as the
    article has it, ``role`` the titles found before the name ("Rep."), ``head`` the token index.
    """

    name: str
    written: str
    kind: MentionKind
    head: int
    role: str | None = None
    gender: str | None = None


def strip_name(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """Split a name phrase into its title words and the name itself."""
    tokens = [t for t in tokens if t.text not in ("'s", "’s", "'", "’")]
    start = 0
    while start < len(tokens) - 1 and (
        is_title(tokens[start]) or tokens[start].is_punct or _glued_verb(tokens[start])
    ):
        start += 1
    if start == len(tokens) - 1 and tokens[start].lower_ in ("the", "a", "an"):
        start += 1
    name = _up_to_a_break(tokens[start:])
    while name and (name[-1].lower_ in SUFFIXES or name[-1].is_punct):
        name = name[:-1]
    return tokens[:start], name


def _up_to_a_break(name: list[Token]) -> list[Token]:
    """ "Taylor Swift, her former record label and …": the recogniser ran a name into the
    words after it; the name ends at a comma, a bracket or a conjunction."""
    for index, token in enumerate(name):
        if index == 0:
            continue
        if token.text in (",", "(", ";") or token.pos_ == "CCONJ":
            return name[:index]
    return name


def _glued_verb(token: Token) -> bool:
    """ "Said Ellis: …": a reporting verb the entity recogniser took for a first name (Edward
    Said, tagged as a name, stays)."""
    return token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS


def honorific_gender(tokens: list[Token]) -> str | None:
    """Gender stated by an honorific just before a name (Mr., Ms., Mrs.)."""
    for token in tokens:
        gender = HONORIFICS.get(token.lower_.rstrip("."))
        if gender:
            return gender
    return None


def entity_of(token: Token) -> Span | None:
    """The named entity a token belongs to, if any."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def mention_for(token: Token) -> Mention | None:
    """The mention headed by ``token`` (a subject, an agent or the object of "according to")."""
    if token.pos_ == "PRON" or token.lower_ in PRONOUN_GENDER:
        return Mention(token.text, token.text, "pronoun", token.i)
    person = _named_after_roles(token)
    if person is not None:
        named = _named(person.root, person.root)
        start = min([token.i] + [c.left_edge.i for c in token.lefts if not c.is_punct])
        roles = token.doc[start : person.start].text.strip(" ,")
        return replace(named, role=roles or named.role)
    appositive = _named_appositive(token)
    if token.pos_ not in ("PROPN",) and appositive is not None and token.ent_type_ == "":
        named = _named(appositive, token)
        return replace(named, role=named.role or _description(token))
    if token.ent_type_ in _NOT_SPEAKERS:
        return None
    if token.pos_ == "PROPN" or token.ent_type_ in _PERSONISH | _ORGANISATIONS:
        named = _named(token, token)
        return _nominal(token) if _title_only(named, token) else named
    if token.pos_ in ("NOUN", "NUM", "ADJ", "X"):
        return _nominal(token)
    return None


def _title_only(named: Mention, token: Token) -> bool:
    """ "The United Nations High Commissioner for Human Rights said": a title with no name
    in it is a description of an unnamed person, never a person called "Commissioner"."""
    words = named.name.split()
    doc = token.doc
    return (
        bool(words)
        and token.ent_type_ not in ("PERSON", "ORG")
        and words[-1].lower().rstrip(".") in TITLES
        and token.lower_.rstrip(".") in TITLES
        and not any(t.ent_type_ == "PERSON" for t in doc[token.left_edge.i : token.i + 1])
    )


def _named_after_roles(token: Token) -> Span | None:
    """ "chairman, CEO and president Craig Menear said": the parser made the first role word
    the subject; the speaker is the person the list of roles ends in."""
    if token.pos_ != "NOUN" or token.lower_ not in TITLES:
        return None
    end = token.right_edge
    entity = entity_of(end)
    if entity is None or end.ent_type_ != "PERSON" or entity.end - 1 != end.i:
        return None
    between = token.doc[token.i : entity.start]
    if any(t.pos_ in ("VERB", "AUX", "ADP") or t.is_quote for t in between):
        return None
    return entity


def _named_appositive(token: Token) -> Token | None:
    """ "The city's chief engineer, Tomasz Nowak": the name set beside a description, never
    one the parser hung on it from inside a quote ("Reid: 'Never underestimate Trump'")."""
    for child in token.children:
        if child.dep_ == "appos" and (child.pos_ == "PROPN" or child.ent_type_ == "PERSON"):
            between = token.doc[min(token.i, child.i) : max(token.i, child.i)]
            if not any(t.is_quote for t in between):
                return child
    for child in token.rights:  # "His former partner at Lenox, Lawrence B. Cummings, called"
        if child.dep_ != "prep":
            continue
        for inner in (g for g in child.children if g.dep_ == "pobj"):
            for named in inner.children:
                between = token.doc[token.i : named.i]
                if (
                    named.dep_ == "appos"
                    and named.ent_type_ == "PERSON"
                    and not any(t.is_quote for t in between)
                ):
                    return named
    return None


def _named(token: Token, written_head: Token) -> Mention:
    entity = entity_of(token)
    if entity is not None and token.i < entity.end and entity.label_ in _PERSONISH:
        tokens = with_titles_before(list(entity))
        inner_titles, name = strip_name(list(entity))
        titles = tokens[: entity.start - tokens[0].i] + inner_titles
    else:
        tokens = _compound_chain(token)
        titles, name = strip_name(tokens)
    if not name:
        name = [token]
    label = (entity.label_ if entity is not None else "") or token.ent_type_
    kind: MentionKind = "organization" if _organisation(label, name, token) else "person"
    written = token.doc[min(tokens[0].i, written_head.i) : max(tokens[-1].i, written_head.i) + 1]
    role = role_from(titles, token)
    joined = _join(name)
    text = tidy_name(joined) or joined
    if kind == "organization" and text.lower().startswith("the "):
        text = text[4:]
    shown = tidy_name(written.text) or written.text
    return Mention(text, shown, kind, token.i, role=role, gender=honorific_gender(titles))


def _organisation(label: str, name: list[Token], token: Token) -> bool:
    """A recognised group or nation, a name with an organisation word, or a name after "the"."""
    if label in _ORGANISATIONS and (label in _SURE_ORGANISATIONS or looks_like_organisation(name)):
        return True
    return label not in _PERSONISH and with_article(token)


def _compound_chain(token: Token) -> list[Token]:
    doc = token.doc
    start = token.i
    while start > 0 and doc[start - 1].dep_ in _NAME_DEPS and doc[start - 1].head.i >= token.i - 1:
        if doc[start - 1].pos_ not in ("PROPN", "NOUN", "ADJ") and not doc[start - 1].is_title:
            break
        if doc[start - 1].pos_ == "ADJ" and doc[start - 1].is_lower:
            break  # "an angry Hollande"
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].dep_ in ("flat", "compound") and doc[end].head.i == token.i:
        end += 1
    return list(doc[start:end])


def _nominal(token: Token) -> Mention:
    """ "the 34-year-old mother of three": the whole phrase up to a comma or relative clause."""
    doc = token.doc
    start = token.i
    for child in token.lefts:
        if child.dep_ in _NOMINAL_DEPS:
            start = min(start, child.left_edge.i if child.dep_ == "poss" else child.i)
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in ("relcl", "appos", "punct") or child.text in (",", "("):
            break
        if child.dep_ in _POSTMODIFIER_DEPS or _reduced_relative(child):
            end = child.right_edge.i + 1
        elif child.dep_ == "acl":
            break
    breaks = [t.i for t in doc[token.i + 1 : end] if t.text in _PHRASE_BREAKS or t.is_quote]
    end = min([end, *breaks])  # "a longtime adviser to Trump, who declined to be named"
    if end - start > _MAX_NOMINAL or any(t.is_quote for t in doc[start:end]):
        end = token.i + 1
    phrase = doc[start:end]
    return Mention(_lower_determiner(phrase), phrase.text, "nominal", token.i)


_POSTMODIFIER_DEPS = frozenset({"prep", "cc", "conj", "compound", "nummod", "amod"})
"""What a description keeps after its noun: "a source close to the campaign", "an aide to X"."""
_PHRASE_BREAKS = frozenset({",", "(", "—", "–", "―", ";", ":"})
_MAX_NOMINAL = 12
"""Longer descriptions are cut back to their noun: a speaker label, not a paragraph."""


def _reduced_relative(child: Token) -> bool:
    """ "a source involved in the talks", "accounts linked to the group": a participle that
    says which source, not the reporting verb itself (that one governs the noun, not the other
    way round)."""
    return (
        child.dep_ == "acl"
        and child.tag_ == "VBN"
        and child.lemma_.lower() not in SPEECH_VERBS
        and not child.left_edge.i <= child.head.head.i <= child.right_edge.i
    )


def _description(noun: Token) -> str:
    """ "The city's chief engineer" in "The city's chief engineer, Tomasz Nowak, said"."""
    doc = noun.doc
    start = min([noun.i] + [c.left_edge.i for c in noun.lefts if c.dep_ in _NOMINAL_DEPS])
    return _lower_determiner(doc[start : noun.i + 1])


def _lower_determiner(words: Span) -> str:
    """ "The mayor" and "the mayor" are one speaker: a leading article is written lower case,
    and so is a common word capitalised only because it opens the sentence ("Federal
    prosecutors alleged" is said by federal prosecutors)."""
    first = words[0]
    if len(words) > 1 and first.pos_ == "DET":
        return first.lower_ + first.whitespace_ + words[1:].text
    if _capital_only_for_the_sentence(first):
        return (first.lower_ + first.whitespace_ + words[1:].text).strip()
    return words.text


def _capital_only_for_the_sentence(word: Token) -> bool:
    """A common word capitalised because it opens a sentence or a line; one the article also
    capitalises elsewhere is a name ("Reid: …" in a headline, "Reid said")."""
    return (
        _opens_sentence(word)
        and word.is_title
        and word.pos_ in ("NOUN", "ADJ", "NUM")
        and not word.ent_type_
        and not any(t.text == word.text and not _opens_sentence(t) for t in word.doc)
        and (word.pos_ == "NOUN" or not word.lower_.endswith(_PROPER_ADJECTIVE_ENDINGS))
    )


_PROPER_ADJECTIVE_ENDINGS = ("an", "ese", "ish", "ic", "i")
"""Endings of adjectives of peoples and parties (Libertarian, Chinese, British, Democratic,
Israeli), which keep their capital."""


def _opens_sentence(word: Token) -> bool:
    if word.i == word.sent.start or word.i == 0:
        return True
    before = word.nbor(-1)
    return "\n" in before.text_with_ws or before.is_quote or before.text in (".", ":", "—")


def role_from(titles: list[Token], head: Token) -> str | None:
    """A role from the titles before a name ("Finance Minister") or an appositive after it
    ("the director of a research institute"); honorifics are not roles."""
    words = [t for t in titles if t.lower_.rstrip(".") not in _NOT_ROLES]
    if words:
        return _join(words)
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.i < head.i:
        return _description(head.head) if _names_a_person(head.head) else None
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i and _names_a_person(child):
            phrase = head.doc[child.left_edge.i : child.right_edge.i + 1].text.strip(" ,")
            if 0 < len(phrase) <= 80:
                return phrase
    return None


def _names_a_person(noun: Token) -> bool:
    """ "a former NASA administrator", "his wife": an appositive that says what a person is,
    not a list that merely follows the name ("Taylor Swift, her former record label and …")
    nor an organisation."""
    if noun.pos_ not in ("NOUN", "ADJ") or any(c.dep_ == "conj" for c in noun.children):
        return False
    return noun.lemma_.lower() not in ORGANISATION_WORDS | _THINGS


_THINGS = frozenset({"label", "company", "firm", "brand", "website", "show", "film", "album"})


_NOT_ROLES = {*HONORIFICS, "dr", "prof", "mx", "messrs", "the", "a", "an"}
"""Honorifics say how to address a person, not what they do: "Dr." is never a role."""


_MARKUP_EDGES = re.compile(r"^[^\w(]+|[^\w.)]+$")


def tidy_name(name: str) -> str:
    """A name without markup or punctuation glued to its edges: web copy leaves remnants such
    as ``">Sanders`` that the tokenizer keeps in one token."""
    return _MARKUP_EDGES.sub("", name).strip()


def _join(tokens: list[Token]) -> str:
    parts = []
    for token in tokens:
        parts.append(token.text + token.whitespace_)
    return "".join(parts).strip()
