"""The clause right after a quote: “…,” Chief Chuck Jordan said Monday / “…,” said Jordan.

Read on the surface, not the parse, because the parser often mangles the clause that follows a
closing quote mark; also the signature dash (“…” ― Carla Sanchez).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.nlp.quotes.cues import SPEECH_VERBS

_SKIPPED_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL"})
_TRAIL_LIMIT = 12
_SHORT_TRAIL = 6
"""A clause this short closing a sentence after a quote is its attribution whatever the verb."""


def trailing_cue(
    doc: Doc, after: int, quoted: set[int], whole: bool = False
) -> tuple[Token, int] | None:
    """“…,” Chief Chuck Jordan said Monday / “…,” said Jordan: the cue clause after a quote.

    Read on the surface because the parser often mangles the clause right after a quote: the
    speaker is the first name-like chunk, before the verb or right after it. After a ``whole``
    quote (one that opens its sentence) a short closing clause attributes it whatever its verb.
    """
    dash = _signature_dash(doc, after)
    if dash is not None and dash.i + 1 < len(doc):
        named = _chunk_head(_up_to_comma(list(doc[dash.i + 1 : dash.i + 7])))
        if named is not None and (named.pos_ == "PROPN" or named.ent_type_ == "PERSON"):
            return dash, named.i
    window, closed = _trail(doc, after, quoted, _TRAIL_LIMIT)
    named_first = _named_first(window)
    if named_first and not any(_speech(t) for t in window):
        # “…,” Nate Silver, the polling guru who founded a site, tweeted: a long appositive
        window, closed = _trail(doc, after, quoted, _LONG_TRAIL)
    finite = [t for t in window if t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG", "VBN")]
    verbs = [t for t in finite if _speech(t)]
    if not verbs and named_first:  # the tagger reads "…, Nate Silver, the guru who …, tweeted"
        verbs = [  # as a participle after a long appositive
            t for t in window if t.pos_ == "VERB" and t.tag_ == "VBN" and _speech(t)
        ]
    if not verbs and whole and closed and len(window) <= _SHORT_TRAIL and len(finite) == 1:
        verb = finite[0]  # “…,” Trump shot back. / “…,” an angry Hollande retaliated.
        named = _named_subject(verb, [t for t in window if t.i < verb.i])
        return (verb, named.i) if named is not None and verb.pos_ == "VERB" else None
    if not verbs:
        return None
    verb = verbs[0]
    before = [t for t in window if t.i < verb.i]
    if len(before) > _SHORT_TRAIL and any(t in finite for t in before) and not named_first:
        return None  # “…,” while others penned letters that called him …: a clause of its own
    subject = _named_subject(verb, before) or _person_before(before)
    if subject is not None:
        return verb, subject.i
    if any(not t.is_punct for t in before):
        head = _chunk_head(_up_to_comma(before), stop_at_preposition=True)
    else:
        rest = [t for t in window if t.i > verb.i]
        head = _chunk_head(_up_to_comma(rest), stop_at_preposition=True)
    return (verb, head.i) if head is not None else None


def _trail(doc: Doc, after: int, quoted: set[int], limit: int) -> tuple[list[Token], bool]:
    """Up to ``limit`` unquoted tokens after a quote, to the end of its sentence; whether the
    sentence ended within them."""
    window: list[Token] = []
    for token in doc[after : after + _TRAIL_REACH]:
        if token.text == "." and token.i > 0 and doc[token.i - 1].lower_ in _ABBREVIATED_TITLES:
            continue  # "said Navy Capt. Jeff Davis": the abbreviation's period ends nothing
        if token.text in (".", ";", "!", "?") or "\n" in token.text:
            return window, True
        if token.i not in quoted:
            window.append(token)
        if len(window) >= limit:
            break
    return window, False


def _speech(token: Token) -> bool:
    return token.lemma_.lower() in SPEECH_VERBS


def _named_first(window: list[Token]) -> bool:
    """Whether the clause after a quote opens with a person's name ("…,” Nate Silver, …)."""
    words = [t for t in window if not t.is_punct]
    return bool(words) and words[0].ent_type_ == "PERSON"


_LONG_TRAIL = 24
_TRAIL_REACH = 400
"""Tokens read after a quote at most, quoted ones included: past a run of thousands of quotes
there is no clause to find, and reading on for each of them is quadratic."""
_DASHES = ("―", "—", "–", "--")
_RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "that", "which"})
_ABBREVIATED_TITLES = frozenset(
    """
    mr mrs ms dr prof rep sen gov gen lt col sgt capt adm maj cpl pvt cmdr rev hon supt det
    """.split()  # noqa: SIM905
)
"""Titles written with a period the tokenizer may split off ("Capt." → "Capt", "."). Only
abbreviations, not ``names.TITLES``: "…,” said the President." does end its sentence."""
_PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})


def _signature_dash(doc: Doc, after: int) -> Token | None:
    """The dash after a quote ("…” ― Name"), also when the tokenizer glued it to the mark."""
    at = after
    while at < len(doc) and doc[at].is_space and "\n" not in doc[at].text:
        at += 1  # “…”\u00a0― Name: a no-break space before the dash
    if at < len(doc) and doc[at].text in _DASHES:
        return doc[at]
    glued = doc[after - 1] if 0 < after <= len(doc) else None
    if glued is not None and len(glued.text) > 1 and glued.text.endswith(_DASHES):
        return glued
    return None


def _named_subject(verb: Token, before: list[Token]) -> Token | None:
    """ "…," and donations rose, Gilbert said: when the parser found a named or pronoun
    subject of the cue among the words before it, that subject speaks, not the first chunk."""
    inside = {t.i for t in before}
    for child in verb.children:
        if child.dep_ == "nsubj" and child.i in inside:
            named = (
                child.pos_ == "PROPN"
                or child.ent_type_ == "PERSON"
                or child.lower_ in _PERSONAL_PRONOUNS
                or child.right_edge.ent_type_ == "PERSON"  # "chairman and CEO Ana Ruiz said"
            )
            return child if named else None
    return None


def _person_before(before: list[Token]) -> Token | None:
    """ "…,” chairman, CEO and president Craig Menear said": a person's name right before the
    verb speaks, however long the run of titles before it (the parser hangs them anywhere)."""
    for at, token in reversed(list(enumerate(before))):
        if token.ent_type_ in _SKIPPED_ENTITIES or token.pos_ == "ADV":
            continue
        if token.ent_type_ != "PERSON":
            return None
        rest = [t for t in before[:at] if t.ent_type_ != "PERSON"]
        return None if rest and rest[-1].pos_ == "ADP" else token  # "prosecutors for X said"
    return None


def _up_to_comma(tokens: list[Token]) -> list[Token]:
    kept: list[Token] = []
    for token in tokens:
        if "\n" in token.text or (token.text in (",", "(", "—", "–", "―") and kept):
            break
        if not token.is_punct:
            kept.append(token)
    return kept


def _chunk_head(tokens: list[Token], stop_at_preposition: bool = False) -> Token | None:
    """The last noun-like word of a short chunk, skipping dates and adverbs ("said Monday")."""
    head = None
    for token in tokens:
        if token.ent_type_ in _SKIPPED_ENTITIES:
            continue
        if stop_at_preposition and token.pos_ == "ADP" and head is not None:
            break
        if token.lower_ in _RELATIVE_PRONOUNS and head is not None:
            break  # "said a data expert who has worked for …": the expert, not "who"
        if token.pos_ in ("PROPN", "NOUN", "PRON") or token.is_title:
            head = token
    return head
