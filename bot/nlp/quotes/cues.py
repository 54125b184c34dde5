"""Attribution cues: the words that say someone said something, and who their subject is.

Works on the parse of the sentence(s) around a quote, skipping every quoted token (words inside
quotes are the speaker's, not the reporter's): "X said", "said X, the …", "according to X",
"X's warning", a colon introduction, and "That was the verdict of X" after a quote.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

SPEECH_VERBS = frozenset(
    """
    say tell add ask write warn argue insist note recall tweet explain reply respond declare
    conclude state report claim continue describe call announce admit acknowledge suggest
    promise pledge urge complain observe remark comment mention predict boast joke quip muse
    shout yell scream chant cry whisper mutter testify confirm deny assert contend maintain
    emphasize emphasise stress point concede vow agree disagree counter retort answer query
    wonder lament deplore praise criticize criticise accuse blast slam attack charge fire
    snap huff scoff sneer gush exclaim proclaim pronounce recount tout caution reiterate
    repeat clarify elaborate interject post read thunder rail decry dismiss
    label dub term brand characterize characterise hail predict estimate speculate reason
    believe think feel hope fear worry say plead beg demand order instruct advise recommend
    propose offer concur affirm allege acknowledge assure reassure inform notify announce
    signal hint imply indicate reveal disclose divulge put sum summarize summarise quote
    cite paraphrase echo mock ridicule tease taunt jab needle chide scold rebuke reprimand
    lash denounce condemn applaud laud thank apologize apologise concede confess liken
    compare rate nickname question refer blame fault lambast defend portray depict threaten
    challenge rank dismiss vow bemoan acknowledge opine posit surmise relate retell
    pray plead testify sing shout rant rave muse grumble gripe whine fume speak
    beam smile laugh grin sigh shrug nod bark gasp chuckle marvel exult cheer crow
    """.split()  # noqa: SIM905
)
"""Lemmas of verbs that report speech or writing; kept broad because a missed cue costs more
than a rare false one (quotes without any cue nearby are rarely attributed)."""

NOUN_CUES = frozenset(
    """
    statement remark remarks word words warning comment comments tweet post message letter
    email interview speech testimony response reply answer note memo claim assertion argument
    announcement admission verdict view assessment explanation description quote
    """.split()  # noqa: SIM905
)
"""Nouns whose owner is the speaker: "Lindqvist's warning that …", "the verdict of X"."""

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_SPEAKING_PASSIVES = frozenset({"quote", "cite", "record", "hear"})
"""Passives whose subject still speaks ("X was quoted as saying"); in "Rubio was asked …" or
"the name was announced" the passive subject is spoken to or spoken about."""
_CLAUSE_DEPS = frozenset({"conj", "advcl", "xcomp", "ccomp", "pcomp", "acl", "relcl", "parataxis"})
_INVERTED_DEPS = frozenset({"dobj", "attr", "npadvmod", "nsubj", "appos", "oprd", "dep"})


@dataclass(frozen=True)
class Cue:
    """The words that attribute a quote and the head token of the speaker they name."""

    text: str
    token: int
    speaker: int | None
    method: str


def speech_cues(tokens: Iterable[Token]) -> list[Token]:
    """Reporting verbs and "according" among ``tokens``."""
    found = []
    for token in tokens:
        lemma = token.lemma_.lower()
        if (
            (token.pos_ in ("VERB", "AUX") and lemma in SPEECH_VERBS)
            or token.lower_ == "according"
            or (token.pos_ == "NOUN" and lemma in NOUN_CUES)
        ):
            found.append(token)
    return found


def speaker_of(cue: Token, quoted: set[int]) -> int | None:
    """The head token of the speaker a cue names, climbing from participles to their clause."""
    if cue.lower_ == "according":
        return _according_to(cue)
    if cue.pos_ == "NOUN":
        return _noun_cue_owner(cue, quoted)
    if cue.dep_ == "compound" and cue.head.i > cue.i and cue.head.pos_ == "PROPN":
        return cue.head.i  # "Said Ellis: “…”", the verb glued to the name after it
    verb = cue
    passive = False
    for _ in range(3):
        subject = _subject(verb, quoted, passive)
        if subject is not None:
            return subject
        if (
            verb.dep_ in _CLAUSE_DEPS
            and verb.head.i != verb.i
            and verb.head.pos_ in ("VERB", "AUX")
        ):
            passive = verb.dep_ == "xcomp"  # "Trump was prompted to say": Trump says it
            verb = verb.head
            continue
        if _after_preposition(verb):
            verb = verb.head.head  # "Obama closed by saying …", "before saying …"
            passive = True  # "After saying …, she was rushed to hospital": she said it
            continue
        if verb.dep_ == "relcl":
            return verb.head.i
        if verb.dep_ == "acl" and verb.head.head.pos_ in ("VERB", "AUX"):
            verb = verb.head.head  # "issued a statement calling it …": the issuer speaks
            continue
        break
    inverted = _inverted_subject(cue, quoted)
    if inverted is not None:
        return inverted
    orphan = _orphan_subject(cue, quoted)
    return orphan if orphan is not None else _participle_subject(cue, quoted)


def _after_preposition(verb: Token) -> bool:
    """A gerund under a preposition of a verb: "ended by saying", "paused before adding"."""
    preposition = verb.head
    return (
        verb.dep_ == "pcomp"
        and preposition.pos_ == "ADP"
        and preposition.dep_ == "prep"
        and preposition.head.pos_ in ("VERB", "AUX")
    )


def _subject(verb: Token, quoted: set[int], passive: bool = False) -> int | None:
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj" and g.i not in quoted]
            if objects:
                return objects[0].i
    for child in sorted(verb.children, key=lambda c: (_across_paragraph(c, verb), _place(c))):
        if child.dep_ in SUBJECT_DEPS and child.i not in quoted and not child.is_punct:
            if _is_time(child) or _label(child):
                continue  # "Saturday at the convention Sen. Warren said": not Saturday
            if child.dep_ == "nsubjpass" and not passive and verb.lemma_ not in _SPEAKING_PASSIVES:
                continue
            if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return verb.head.i
            return child.i
    return None


def _is_time(token: Token) -> bool:
    """A day or a date the parser took for a subject ("Saturday …, Warren said")."""
    return token.ent_type_ in ("DATE", "TIME") and token.pos_ in ("PROPN", "NUM")


def _label(token: Token) -> bool:
    """ "Editor's Note: An article … reported": a label the parser took for a subject."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        following is not None
        and following.text == ":"
        and token.lower_ in ("note", "update", "correction", "clarification", "disclosure")
    )


def _place(child: Token) -> bool:
    """ "in Salem, New Hampshire, Trump went after Bush": when the parser gives a verb a
    place and a name as subjects, the name is the one that acts."""
    return child.ent_type_ in ("GPE", "LOC")


def _across_paragraph(child: Token, verb: Token) -> bool:
    """Whether a paragraph break separates a word from its verb: the parser sometimes hangs a
    live-blog time stamp ("12:15 p.m.") on the first verb below it as a second subject."""
    start, end = sorted((child.i, verb.i))
    return any("\n" in token.text for token in child.doc[start:end])


def _inverted_subject(verb: Token, quoted: set[int]) -> int | None:
    """ "…," said Lindqvist: when the parser misses the inverted subject, take the name after."""
    if verb.tag_ == "VBG":
        return None
    for child in verb.rights:
        if child.i in quoted or child.i - verb.i > 4:
            continue
        named = child.pos_ == "PROPN" or child.ent_type_ in ("PERSON", "ORG")
        if child.dep_ in _INVERTED_DEPS and named:
            return child.i
    return None


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
_ORPHAN_DEPS = frozenset({"ROOT", "acl", "relcl", "advcl", "ccomp"})
"""Where a finite reporting verb left without a subject is a parse slip ("Bannon, who Beck
on Wednesday called “…”" hangs "called" on Bannon)."""


def _orphan_subject(verb: Token, quoted: set[int]) -> int | None:
    """ "…, her adviser, Jake Sullivan, said: “…”": when the parser hangs the speaker on some
    other word (as an appositive of the paper) and leaves the main reporting verb with no
    subject at all, the nearest person named before the verb in its sentence speaks."""
    if verb.dep_ not in _ORPHAN_DEPS or verb.tag_ not in _FINITE_TAGS:
        return None
    if any(
        (child.dep_ in SUBJECT_DEPS and not _is_time(child)) or child.dep_ == "expl"
        for child in verb.children
    ):
        return None
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        if token.i in quoted or "\n" in token.text:
            return None
        if token.ent_type_ == "PERSON":
            return token.i
    return None


def _participle_subject(verb: Token, quoted: set[int]) -> int | None:
    """ "Clinton seemed ready to riff on it, telling the crowd, “…”": when the parser hangs the
    participle on a verb inside the quote, the subject of the clause before the comma speaks."""
    if verb.tag_ != "VBG" or verb.i == 0 or verb.nbor(-1).text != ",":
        return None
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        if token.i in quoted or "\n" in token.text:
            return None
        if token.dep_ == "nsubj" and token.head.i < verb.i and token.head.i not in quoted:
            return token.i
    return None


def _according_to(cue: Token) -> int | None:
    for child in cue.children:
        if child.lower_ == "to":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0].i
    following = cue.nbor(1) if cue.i + 2 < len(cue.doc) else None
    if following is not None and following.lower_ == "to":
        return cue.nbor(2).i
    return None


def _noun_cue_owner(noun: Token, quoted: set[int]) -> int | None:
    """ "X's warning", "the verdict of X", "a statement from X": only an owner named with it."""
    for child in noun.children:
        if child.dep_ == "poss" and child.i not in quoted:
            return child.i
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from", "by"):
            objects = [g for g in child.children if g.dep_ == "pobj" and g.i not in quoted]
            if objects and (objects[0].pos_ == "PROPN" or objects[0].ent_type_):
                return objects[0].i
    return None


def cue_text(token: Token) -> str:
    """The cue as a reader would quote it: the verb with its particle ("according to")."""
    if token.lower_ == "according":
        return "according to"
    return token.text


def sentence_span(doc: Doc, start_char: int, end_char: int) -> Span:
    """The sentences overlapping a character range (a quote may straddle a parser boundary)."""
    first = doc.char_span(start_char, end_char, alignment_mode="expand")
    if first is None or len(first) == 0:
        return doc[0:0]
    return doc[first[0].sent.start : first[-1].sent.end]


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
    if named_first and not any(t.lemma_.lower() in SPEECH_VERBS for t in window):
        # “…,” Nate Silver, the polling guru who founded a site, tweeted: a long appositive
        window, closed = _trail(doc, after, quoted, _LONG_TRAIL)
    finite = [t for t in window if t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG", "VBN")]
    verbs = [t for t in finite if t.lemma_.lower() in SPEECH_VERBS]
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
    subject = _named_subject(verb, before)
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
    for token in doc[after:]:
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
_DASHES = ("―", "—", "–", "--")
_RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "that", "which"})
_ABBREVIATED_TITLES = frozenset(
    """
    mr mrs ms dr prof rep sen gov gen lt col sgt capt adm maj cpl pvt cmdr rev hon supt det
    """.split()  # noqa: SIM905
)
"""Titles written with a period the tokenizer may split off ("Capt." → "Capt", ".")."""
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
            )
            return child if named else None
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
