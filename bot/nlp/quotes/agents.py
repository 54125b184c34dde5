"""Who can speak: people, groups of people and organisations, never numbers, dates or things.

A reporting verb's subject is not always a speaker: "73 percent said …" reports a poll, "the
dispute centers on …" is a parse gone wrong, "Salem, New Hampshire, Trump said" a place the
parser took for the subject. Users read the speaker next to the quote, so a noun phrase that
cannot speak makes the speaker unknown instead. Texts are the exception: "the report said"
speaks for its author when the phrase names one ("the IMF's report", "a study by the Urban
Institute", "the Rove ad"), and for itself otherwise, as news writing has it ("the statement
said"). An organisation named before the text is as often its platform or subject as its
author ("the Amazon summary", "the FOIA reply"), so that text speaks as itself.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.quotes.names import ORGANISATION_WORDS

PERSON_NOUNS = frozenset(
    """
    man woman men women person people boy girl child children kid guy lady gentleman
    mother father parent son daughter brother sister wife husband spouse widow widower
    aunt uncle niece nephew cousin grandmother grandfather grandson granddaughter family
    friend colleague neighbour neighbor partner ally rival foe enemy critic fan
    chief head boss staff staffer aide adviser advisor official source insider confidant
    judge justice jury coach nurse doctor surgeon neurosurgeon physician pilot chef cop
    priest pastor nun monk rabbi imam bishop pope king queen prince princess monarch
    victim suspect witness defendant plaintiff accused guest host crowd audience public
    majority minority voter citizen resident native expert analyst economist scientist
    student graduate veteran delegate candidate nominee senator governor mayor president
    secretary minister leader lawmaker legislator politician diplomat envoy ambassador
    spokesman spokeswoman spokesperson representative congressman congresswoman
    chairman chairwoman chair executive founder owner heir heiress tycoon mogul magnate
    billionaire millionaire celebrity star actor actress comedian singer rapper artist
    author writer poet columnist journalist reporter correspondent editor anchor narrator
    announcer moderator panelist panellist agent officer soldier trooper marine sheriff
    deputy detective inspector attorney lawyer counsel prosecutor clerk teacher professor
    lecturer scholar historian surgeon dentist farmer worker employee colleague crew
    team squad panel couple pair duo trio group gang band chorus contingent delegation
    rally protest march vigil assembly congregation
    protester protestor demonstrator marcher activist supporter backer donor opponent
    member conservative liberal progressive moderate republican democrat independent
    other others one many several some few all both each either neither everyone
    someone somebody anyone anybody nobody everybody hundreds thousands dozens
    immigrant refugee migrant user commenter follower viewer listener reader caller
    questioner respondent participant attendee organizer organiser runner frontrunner
    contender challenger incumbent campaign operative strategist pollster consultant
    lobbyist investor developer designer surrogate heavyweight
    community leadership account outlet newspaper tabloid network station channel firm
    state city town county country nation village district province region parliament
    legislature native resident student president agent client patient respondent
    correspondent opponent dissident incumbent constituent superintendent adolescent
    applicant assistant consultant participant immigrant servant tenant defendant claimant
    lieutenant sergeant merchant descendant attendant informant litigant militant
    proponent exponent contestant entrant occupant inhabitant peasant regent
    """.split()  # noqa: SIM905
)
"""Nouns that name people or groups of people outright (lemmas, lower case)."""

_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ee", "man", "woman", "person")
"""Endings of nouns for who does something (commentator, economist, physician, attendee);
"-ant" and "-ent" name things as often (statement, argument), so those people are listed."""

_NOT_AGENTS = frozenset(
    """
    paper letter order number center centre banner water matter chapter answer power cover
    border computer register folder poster flyer trailer quarter corner filter sticker
    career temper wonder manner dinner summer winter weather chamber shelter theater theatre
    fever cancer layer prayer murder disorder offer rumor rumour character
    error mirror color colour factor sector motor favor favour labor labour honor honour
    tremor floor door indicator
    list wrist twist mist fist gist median
    """.split()  # noqa: SIM905
)
"""Words with an agent ending that name things ("the dispute centers", "the statement")."""

TEXT_NOUNS = frozenset(
    """
    report statement letter email e-mail memo memorandum release study survey poll
    analysis review audit lawsuit suit complaint filing brief ruling decision opinion order
    editorial article column story piece essay book paper document cable message note
    tweet post blog website site ad advertisement commercial video clip transcript
    summary projection estimate forecast petition resolution platform manifesto
    footnote passage version draft textbook playbook publication newsletter reply
    interview
    """.split()  # noqa: SIM905
)
"""Texts that speak in news writing ("the report said"): for their author when named."""


def can_speak(head: Token) -> bool:
    """Whether a common-noun phrase headed by ``head`` names a person, a group or an
    organisation (or a text that stands for one): "officials" and "a source close to X" can,
    "73 percent", "the dispute centers" and "the timeline of events" cannot."""
    lemma = head.lemma_.lower()
    word = head.lower_
    if head.ent_type_ in _NEVER_SPEAK or lemma == "percent":
        return False
    if lemma in PERSON_NOUNS or word in PERSON_NOUNS or lemma in TEXT_NOUNS:
        return True
    if lemma == "old" and head.i > 0 and head.nbor(-1).text == "-":
        return True  # "the 46-year-old"
    if lemma in _PORTIONS:
        return any(can_speak(member) for member in _of_objects(head))
    if head.is_title and not _opens_line(head):
        return True  # a name the tagger took for a common noun ("D’Souza", "Pew")
    if lemma in _NOT_AGENTS or word in _NOT_AGENTS:
        return False
    if lemma in ORGANISATION_WORDS or word in ORGANISATION_WORDS:
        return True
    last = lemma.rsplit("-", 1)[-1]
    return last in PERSON_NOUNS or last.endswith(_AGENT_SUFFIXES)


def _opens_line(word: Token) -> bool:
    """The first word of a sentence or a line, capitalised whatever it is ("Talk compared
    to …" in a headline)."""
    previous = word.nbor(-1) if word.i > 0 else None
    return word.i == word.sent.start or previous is None or "\n" in previous.text_with_ws


_PORTIONS = frozenset({"share", "half", "third", "portion", "handful", "number", "fraction"})
"""A part of a group speaks when the group does: "the share of Republicans saying …"."""


def _of_objects(head: Token) -> list[Token]:
    return [
        grand
        for child in head.rights
        if child.dep_ == "prep" and child.lower_ == "of"
        for grand in child.children
        if grand.dep_ == "pobj"
    ]


def speaking_head(head: Token) -> Token | None:
    """The noun that speaks when the parser picked a word inside its description: "one person
    with knowledge of the governor's dilemma" is the person, "an official who oversaw
    investigations" the official; None when no noun up the phrase can speak."""
    for _ in range(_CLIMB):
        if can_speak(head):
            return head
        above = _described(head)
        if above is None:
            return None
        head = above
    return head if can_speak(head) else None


def _described(word: Token) -> Token | None:
    """The noun a word helps describe: "knowledge" in "a person with knowledge", "the
    governor" in "the governor's dilemma", "investigations" an official oversaw."""
    above = word.head
    if word.dep_ == "pobj" and above.lower_ in _OWNING and above.head.pos_ in _NOUNS:
        return above.head
    if word.dep_ in ("dobj", "attr") and above.dep_ in ("relcl", "acl"):
        return above.head
    if word.dep_ in ("poss", "compound") and above.pos_ in _NOUNS:
        return above
    return None


_CLIMB = 4
_OWNING = frozenset({"of", "with", "to", "for"})
"""Prepositions of a description that says whose the speaker is, not where ("a man in a
shirt that read …" is not the shirt's voice, nor the man's)."""
_NOUNS = frozenset({"NOUN", "PROPN", "PRON"})


_NEVER_SPEAK = frozenset({"PERCENT", "MONEY", "QUANTITY", "TIME"})
"""Entity labels of a head that never speaks, whatever its noun: "73 percent said"."""


def text_author(head: Token) -> Token | None:
    """The author a text's phrase names: "the IMF's report", "the Rove ad", "a study by the
    Urban Institute"; None for an anonymous text ("the report said")."""
    if head.lemma_.lower() not in TEXT_NOUNS:
        return None
    for child in head.lefts:
        if child.dep_ == "poss" and (_named(child) or (child.pos_ == "NOUN" and can_speak(child))):
            return child
        if child.dep_ == "compound" and child.ent_type_ == "PERSON":
            return child
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            objects = [g for g in child.children if g.dep_ == "pobj" and _named(g)]
            # several authors ("a study by X and Y") leave the text speaking for them
            if objects and not any(g.dep_ == "conj" for g in objects[0].children):
                return objects[0]
    return None


def _named(token: Token) -> bool:
    if token.ent_type_ in ("DATE", "TIME", "GPE", "LOC"):
        return False  # "a Wednesday editorial", "a New York newspaper"
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "NORP")


def is_date(head: Token) -> bool:
    """ "said Tuesday": a day or a year the parser took for the speaker."""
    return head.ent_type_ in ("DATE", "TIME") and head.pos_ in ("PROPN", "NUM")


def is_place(head: Token) -> bool:
    """A place the parser made a subject, never a speaker: "in Salem, New Hampshire, Trump
    said", a dateline ("LONDON (Reuters) - …"), "White America". A country that is itself
    the subject ("Russia insisted …") speaks for its government and stays."""
    if head.ent_type_ == "LOC":
        return True
    if head.ent_type_ != "GPE":
        return False
    return _located(head) or _dateline(head) or _city_and_state(head)


_LOCATIVE = frozenset(
    {"in", "at", "from", "near", "across", "outside", "inside", "throughout", "to", "into"}
)


def _located(head: Token) -> bool:
    """ "in Orlando", "extradited to the United States": a place named as where something
    happened ("according to Russia" is a source, not a place)."""
    preposition = head.head
    return (
        head.dep_ == "pobj"
        and preposition.lower_ in _LOCATIVE
        and preposition.head.lower_ != "according"
    )


def _dateline(head: Token) -> bool:
    """ "LONDON (Reuters) -", "Washington (AFP) –": the place a story was filed from."""
    doc = head.doc
    start = head.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    opens = start == 0 or "\n" in doc[start - 1].text_with_ws
    after = doc[head.i + 1] if head.i + 1 < len(doc) else None
    return opens and (head.is_upper or (after is not None and after.text in ("(", "-", "—", "–")))


def _city_and_state(head: Token) -> bool:
    """ "Salem, New Hampshire," / "Berea, OH,": a state named after its town."""
    doc = head.doc
    start = head.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return start >= 2 and doc[start - 1].text == "," and doc[start - 2].ent_type_ == "GPE"
