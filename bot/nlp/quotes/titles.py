"""Title and organisation words: what may stand before a name, and what names a group.

"Finance Minister", "Secretary of State", "Sen.", "Dr." precede names; "Dr." and "Mr." are
honorifics (they say how to address someone, never what they do). An all-capital acronym or a
name with "Committee" or "Bank" in it names an organisation. Shared by the name finder
(names.py), the cluster builder (people.py) and the description resolver.
"""

from __future__ import annotations

from spacy.tokens import Token

HONORIFICS = {
    "mr": "male",
    "mister": "male",
    "sir": "male",
    "ms": "female",
    "mrs": "female",
    "miss": "female",
    "madam": "female",
    "dame": "female",
    "lady": "female",
    "lord": "male",
}
TITLES = {
    *HONORIFICS,
    "dr", "prof", "professor", "rep", "reps", "sen", "sens", "gov", "gen", "lt", "col", "sgt",
    "capt", "adm", "maj", "cpl", "pvt", "rev", "hon", "pres", "president", "senator",
    "representative", "congressman", "congresswoman", "governor", "secretary", "speaker",
    "judge", "justice", "minister", "mayor", "chairman", "chairwoman", "chair", "chief",
    "director", "ambassador", "attorney", "general", "commissioner", "sheriff", "officer",
    "pastor", "father", "bishop", "cardinal", "pope", "king", "queen", "prince", "princess",
    "coach", "candidate", "nominee", "leader", "spokesman", "spokeswoman", "spokesperson",
    "former", "vice", "prime", "deputy", "state", "assistant", "acting", "then", "the", "a",
    "an", "u.s.", "us", "republican", "democratic", "democrat", "gop", "presidential",
    "sheikh", "rabbi", "imam", "detective", "inspector", "councilman", "councilwoman",
    "assemblyman", "assemblywoman", "delegate", "lawmaker", "founder", "ceo", "executive",
    "host", "anchor", "correspondent", "reporter", "analyst", "economist",
    "strategist", "pollster", "adviser", "advisor", "aide", "manager", "chairperson",
    "councillor", "councilor", "alderman", "alderwoman", "supervisor", "trustee", "chancellor",
    "premier", "superintendent", "mp", "mep",
    "actor", "actress", "singer", "songwriter", "rapper", "musician", "filmmaker", "producer",
    "author", "novelist", "writer", "poet", "artist", "designer", "chef", "comedian",
    "captain", "defenseman", "winger", "goalie", "quarterback", "lawyer", "physician",
    "surgeon", "scientist", "researcher", "engineer", "entrepreneur", "investor",
    "billionaire", "activist", "journalist", "columnist", "editor", "astronaut",
    "psychologist", "historian", "admiral", "colonel", "lieutenant", "sergeant", "commander",
}  # fmt: skip
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
ORGANISATION_WORDS = frozenset(
    """
    department committee house party council court agency office university institute
    association union bank group company corporation corp inc llc co news times post
    journal network foundation fund campaign administration ministry government senate
    congress police army navy commission board center centre service bureau club team
    school college church coalition alliance organization organisation tv radio press
    media magazine pentagon caucus federation society league trust authority
    """.split()  # noqa: SIM905
)


def looks_like_organisation(name: list[Token]) -> bool:
    """An all-capital acronym or a name with an organisation word ("Justice Department")."""
    return any(t.lower_.strip(".") in ORGANISATION_WORDS for t in name) or (
        len(name) == 1 and name[0].is_upper and len(name[0].text) > 1
    )


def with_article(token: Token) -> bool:
    """ "The Wild still rank last": a name after "the" is a team, a band or a firm, never a
    person."""
    return any(child.dep_ == "det" and child.lower_ == "the" for child in token.lefts)


def is_title(token: Token) -> bool:
    """A title or honorific word that precedes names ("Sen.", "Finance Minister", "former")."""
    return token.lower_.rstrip(".") in TITLES or token.lower_ in TITLES


def with_titles_before(tokens: list[Token]) -> list[Token]:
    """Entity tokens plus the title words just before them ("Finance Minister" + name)."""
    doc = tokens[0].doc
    while len(tokens) > 1 and tokens[0].is_punct:
        tokens = tokens[1:]  # an entity that swallowed the period of "Capt."
    start = tokens[0].i
    while start > 0 and tokens[0].i - start < _MAX_TITLE_WORDS:
        before = doc[start - 1]
        if before.text == "." and start > 1 and is_title(doc[start - 2]):
            start -= 2  # "Capt" "." split by the tokenizer
        elif start < tokens[0].i and _title_connector(before):
            start -= 2  # "Secretary of State": the whole title, not "State"
        elif is_title(before) or _title_compound(before, tokens):
            start -= 1
        else:
            break
    return list(doc[start : tokens[-1].i + 1])


def _title_connector(before: Token) -> bool:
    """ "of" in "Secretary of State", "for" in "Minister for Europe": the title goes on past
    it when a capitalised title word stands on both sides."""
    if before.lower_ not in ("of", "for") or before.i == 0:
        return False
    title, taken = before.nbor(-1), before.nbor(1)
    return is_title(title) and title.text[:1].isupper() and taken.text[:1].isupper()


def _title_compound(token: Token, name: list[Token]) -> bool:
    """A capitalised compound before the name that is part of a title ("Finance" Minister)."""
    return (
        token.dep_ == "compound"
        and token.head.i <= name[-1].i
        and token.is_title
        and token.ent_type_ not in ("PERSON",)
        and token.i >= name[0].i - 3
    )


_MAX_TITLE_WORDS = 5
