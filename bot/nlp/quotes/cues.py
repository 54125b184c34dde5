"""Attribution cues: the words that say someone said something, and who their subject is.

Works on the parse of the sentence(s) around a quote, skipping every quoted token (words inside
quotes are the speaker's, not the reporter's): "X said", "said X, the …", "according to X",
"X's warning", a colon introduction, and "That was the verdict of X" after a quote.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

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
    rip hammer snipe express pan knock trash skewer berate scoff
    """.split()  # noqa: SIM905
)
"""Lemmas of verbs that report speech or writing; kept broad because a missed cue costs more
than a rare false one (quotes without any cue nearby are rarely attributed)."""

NOUN_CUES = frozenset(
    """
    statement remark remarks word words warning comment comments tweet post message letter
    email interview speech testimony response reply answer note memo claim assertion argument
    announcement admission verdict view assessment explanation description quote
    criticism defense defence rejection regret praise promise pledge vow complaint insistence
    denial prediction apology jab quip boast plea
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


EDITORIAL_LABELS = frozenset(
    {"note", "update", "updated", "correction", "clarification", "disclosure"}
)
"""A paper's own labels before a colon ("Editor's Note: …", "Correction: …"): no speaker."""


def _label(token: Token) -> bool:
    """ "Editor's Note: An article … reported": a label the parser took for a subject."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is not None and following.text == ":" and token.lower_ in EDITORIAL_LABELS


def _place(child: Token) -> bool:
    """ "in Salem, New Hampshire, Trump went after Bush": when the parser gives a verb a
    place and a name as subjects, the name is the one that acts."""
    return child.ent_type_ in ("GPE", "LOC")


def _across_paragraph(child: Token, verb: Token) -> bool:
    """Whether a paragraph break separates a word from its verb: the parser sometimes hangs a
    live-blog time stamp ("12:15 p.m.") on the first verb below it as a second subject."""
    start, end = sorted((child.i, verb.i))
    breaks = _line_breaks(child.doc)
    return bisect_left(breaks, end) > bisect_left(breaks, start)


def _line_breaks(doc: Doc) -> list[int]:
    """Indices of the tokens that hold a line break, found once per document: a verb can have
    thousands of children, and rescanning the text between each of them and it is quadratic."""
    breaks = doc.user_data.get(_LINE_BREAKS)
    if breaks is None:
        breaks = doc.user_data[_LINE_BREAKS] = [t.i for t in doc if "\n" in t.text]
    return breaks


_LINE_BREAKS = ("briefbot", "line_breaks")


def _inverted_subject(verb: Token, quoted: set[int]) -> int | None:
    """ "…," said Lindqvist: when the parser misses the inverted subject, take the name after.

    Only where the verb can come first: after punctuation or at the start of its sentence.
    "Will described Trump as …" (a name the tagger took for a modal) is not Trump speaking.
    """
    if verb.tag_ == "VBG" or not _verb_first(verb):
        return None
    for child in verb.rights:
        if child.i in quoted or child.i - verb.i > 4:
            continue
        named = child.pos_ == "PROPN" or child.ent_type_ in ("PERSON", "ORG")
        if child.dep_ in _INVERTED_DEPS and named:
            return child.i
    return None


def _verb_first(verb: Token) -> bool:
    """Read back from the verb, not forward from its sentence's start (which may be far)."""
    doc, start = verb.doc, verb.sent.start
    before = next((doc[i] for i in range(verb.i - 1, start - 1, -1) if not doc[i].is_space), None)
    return before is None or before.is_punct


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
    return next((t.i for t in _words_back(verb, quoted) if t.ent_type_ == "PERSON"), None)


def _participle_subject(verb: Token, quoted: set[int]) -> int | None:
    """ "Clinton seemed ready to riff on it, telling the crowd, “…”" and "…, at one point
    calling the mayor a “liar”": when the parser hangs the participle on a verb inside the
    quote or on a noun, the nearest subject of a clause before it speaks."""
    if verb.tag_ != "VBG":
        return None
    return next(
        (
            t.i
            for t in _words_back(verb, quoted)
            if t.dep_ == "nsubj" and t.head.i < verb.i and t.head.i not in quoted
        ),
        None,
    )


def _words_back(verb: Token, quoted: set[int]) -> Iterator[Token]:
    """The words before ``verb`` in its sentence, nearest first, up to a quote or line break."""
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        if token.i in quoted or "\n" in token.text:
            return
        yield token


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
    for child in noun.children:  # "with Foreign Minister Ayman Safadi warning of …"
        if (
            child.dep_ in ("compound", "nsubj")
            and child.ent_type_ == "PERSON"
            and child.i not in quoted
        ):
            return child.i
    for child in noun.children:  # "the promise Mayor Ruiz made", "the words she chose"
        if child.dep_ in ("relcl", "acl") and _leaves_its_object_out(child):
            for subject in child.children:
                if subject.dep_ == "nsubj" and subject.i not in quoted and _names_someone(subject):
                    return subject.i
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from", "by"):
            objects = [g for g in child.children if g.dep_ == "pobj" and g.i not in quoted]
            if objects and (objects[0].pos_ == "PROPN" or objects[0].ent_type_):
                return objects[0].i
    return None


_OWNING_VERBS = frozenset(
    [
        "make",
        "give",
        "deliver",
        "offer",
        "issue",
        "utter",
        "write",
        "pen",
        "voice",
        "repeat",
        "send",
        "post",
        "use",
        "choose",
        "break",
        "keep",
    ]
)
"""Verbs whose subject owns the words the noun names ("the promise X made", "the words she
chose"); one who heard or read them did not say them."""


def _leaves_its_object_out(verb: Token) -> bool:
    """A clause that makes or says the noun it hangs on ("the promise X made"), not a content
    clause ("predictions that Stadia will be the …"), one with an object of its own, or one
    whose subject only met the words ("the promise the board heard")."""
    owning = verb.lemma_.lower() in _OWNING_VERBS or verb.lemma_.lower() in SPEECH_VERBS
    return owning and not any(c.dep_ in ("mark", "dobj", "attr", "ccomp") for c in verb.children)


def _names_someone(token: Token) -> bool:
    """A name or a personal pronoun: who made a promise, not "the promise nobody believed"."""
    return (
        token.pos_ == "PROPN"
        or token.ent_type_ in ("PERSON", "ORG")
        or token.lower_ in ("he", "she", "they", "we", "i")
    )


def cue_text(token: Token) -> str:
    """The cue as a reader would quote it: the verb with its particle ("according to")."""
    if token.lower_ == "according":
        return "according to"
    return token.text
