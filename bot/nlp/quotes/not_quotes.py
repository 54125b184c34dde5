"""Quoted stretches that are nobody's words: titles, names, terms, scare quotes, lyrics, dreams.

People paste reviews, features and entertainment news, where quotation marks mostly set off
the names of things: “Glasgow” the song, the “Pose” actor, a program called “Green Run”, the
word “We”, a writer's scare quotes around the “reset”. Listing those as quotes invents a
speaker for a title. Each check here reads the words around the marks (and the parse where the
words alone cannot tell) and names the reason a stretch is not someone's words, or says
nothing (fragments in a clause of the writer's own are ``scare_quotes``'s question). A term
someone used under a speech verb of their own ("what the chief executive dubbed the ‘new
Ledger’") passes every check: it stays that person's partial quote.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from bot.nlp.quotes.layout import DocLayout
from bot.nlp.quotes.repeats import alone_on_its_line, pull_quotes
from bot.nlp.quotes.scare_quotes import inner_root, reported

TITLE_NOUNS = frozenset(
    """
    book novel memoir biography film movie documentary show series sitcom drama episode season
    song single album record track ballad anthem hymn musical play opera podcast programme
    program column essay article headline newsletter magazine newspaper game app
    competition contest franchise adaptation script poem painting exhibition exhibit
    """.split()  # noqa: SIM905
)
"""Nouns that introduce the title of a work: "the book “…”", "an episode of “…”"."""

MENTION_NOUNS = frozenset(
    """
    word words term terms phrase phrases expression slogan motto tagline catchphrase hashtag
    nickname moniker label brand name acronym buzzword jargon trademark password
    """.split()  # noqa: SIM905
)
"""Nouns after which a quoted stretch is a word being talked about: "the word “We”"."""

SIGN_NOUNS = frozenset(
    """
    sign signs placard banner poster billboard shirt t-shirt sweatshirt hat cap sticker
    bumper mug badge button graffiti slogan motto tagline chant
    """.split()  # noqa: SIM905
)
"""What words are written on or shouted as, with no one speaking: "signs reading “…”"."""
_SIGN_REACH = 4

_NAMING_PARTICIPLES = frozenset(
    "called named dubbed titled entitled nicknamed labeled labelled branded termed known".split()  # noqa: SIM905
)
"""A participle that gives a thing its name ("a song called “…”", "a prison dubbed the “…”");
active with a subject of its own ("she called it “…”") it reports that subject's words."""

_LINKS = frozenset("of on like as including from in".split())  # noqa: SIM905
"""Words that may stand between a title noun and the title: "an episode of “…”"."""

_DETERMINERS = frozenset("the a an its his her their our my your this that".split())  # noqa: SIM905
_SONG_CUES = frozenset("sing chant hum croon rap serenade".split())  # noqa: SIM905
"""Sung or chanted words are lyrics and chants, not anybody's statement."""

_IMAGINING_MODALS = frozenset("would might could may should must".split())  # noqa: SIM905
_THINKING_VERBS = frozenset("think wonder imagine ask muse tell say feel".split())  # noqa: SIM905
_GENERIC_SUBJECTS = frozenset(
    "you one anyone someone everyone everybody anybody somebody nobody".split()  # noqa: SIM905
)
_WORD = re.compile(r"[\w’'&.-]+")
_LIST_JOIN = re.compile(r"\s*(?:,|and|or|&)?\s*$")


def not_quote_reasons(layout: DocLayout, cue_tokens: list[int | None]) -> list[str | None]:
    """Per quoted stretch, why it is nobody's words (None: it may be a quote).

    ``cue_tokens`` holds the cue that attributes each stretch, an inherited one included
    (the second half of a sung line is sung too). A name or title found once is a name
    wherever the same words stand in quotes again ("an episode of “DWTS”" … "said on “DWTS”").
    """
    reasons = [why_not_a_quote(layout, i, cue) for i, cue in enumerate(cue_tokens)]
    for index in pull_quotes(layout):
        reasons[index] = reasons[index] or "a pull quote"
    names = {
        _words_of(layout, i)
        for i, r in enumerate(reasons)
        if r in _NAME_REASONS and _name_shaped(layout, i, _NAME_WORDS)
    }
    for index, reason in enumerate(reasons):
        if reason is None and _words_of(layout, index) in names:
            reasons[index] = "a name"
    return reasons


_NAME_REASONS = frozenset({"a name", "a title", "a name before a noun", "a term being mentioned"})
_NAME_WORDS = 6
_HEADING_WORDS = 12


def _words_of(layout: DocLayout, index: int) -> str:
    span = layout.spans[index]
    return " ".join(re.findall(r"\w+", layout.text[span.start : span.end].lower()))


def why_not_a_quote(layout: DocLayout, index: int, cue_token: int | None) -> str | None:
    """Why the ``index``-th quoted stretch is nobody's words, or None when it may be a quote."""
    if cue_token is not None and layout.doc[cue_token].lemma_.lower() in _SONG_CUES:
        return "lyrics or a chant"
    if _possessive_term(layout, index):
        return "a term being mentioned"
    if alone_on_its_line(layout, index) and _name_shaped(layout, index, _HEADING_WORDS):
        return "a heading"
    if _on_a_sign(layout, index):
        return "a sign or a slogan"
    for check in (_named_by_lead, _modifies_a_noun, _in_a_list_of_titles, _single_quoted_title):
        reason = check(layout, index)
        if reason is not None:
            return reason
    if _imagined(layout, index):
        return "imagined speech"
    return None


def _on_a_sign(layout: DocLayout, index: int) -> bool:
    """ "signs reading “…”", "a hat that said “…”", "chants of “…”", "the slogan “…”": words
    written on a thing or shouted by a crowd, introduced right before the marks."""
    for token in _lead_tokens(layout, index, _SIGN_REACH):
        if token.lemma_.lower() in SIGN_NOUNS or token.lower_ in SIGN_NOUNS:
            return True
        if token.lower_ not in _SIGN_LINKS:
            return False
    return False


_SIGN_LINKS = frozenset(
    """
    reading read reads saying said says that which with the words bearing emblazoned
    proclaiming of : , —
    """.split()  # noqa: SIM905
)


def _possessive_term(layout: DocLayout, index: int) -> bool:
    """The “whistleblower’s” identity: one word quoted with its possessive ending is a term
    the writer holds at a distance, never anyone's words."""
    span = layout.spans[index]
    inner = layout.text[span.start : span.end]
    return len(inner.split()) == 1 and inner.lower().endswith(("'s", "’s"))


def _lead_tokens(layout: DocLayout, index: int, count: int) -> list[Token]:
    """Up to ``count`` tokens before the opening mark, nearest first, within the paragraph."""
    first, _ = layout.token_ranges[index]
    span = layout.spans[index]
    p_start, _ = layout.paragraph_bounds(span.open_at)
    found: list[Token] = []
    for i in range(first - 1, -1, -1):
        token = layout.doc[i]
        if token.idx < p_start or len(found) >= count:
            break
        if token.is_space or (token.is_quote and i in layout.quoted):
            break
        found.append(token)
    return found


def _named_by_lead(layout: DocLayout, index: int) -> str | None:
    """ "his book “…”", "an episode of “…”", "the word “…”", "so-called “…”", "a sample
    called “…”": the words before the marks say a name, a title or a term follows."""
    lead = _lead_tokens(layout, index, 4)
    if lead and lead[0].lower_ in _DETERMINERS:
        lead = lead[1:]  # "dubbed the “…”"
    if not lead:
        return None
    word = lead[0]
    if word.lower_ in ("so-called", "called") and _so_called(lead):
        return "a term being mentioned"
    if word.lower_ in _NAMING_PARTICIPLES and _names_a_thing(word):
        return "a name"
    if word.lower_ == "as" and len(lead) > 1 and lead[1].lower_ == "known":
        return "a name"
    if word.lower_ in ("on", "in") and _name_shaped(layout, index) and _fragment(layout, index):
        return "a title"  # said on “Morning Joe”, wrote in “The Art of the Deal”
    if word.lower_ in _LINKS and len(lead) > 1:
        word = lead[1]
    if word.pos_ in ("NOUN", "PROPN") and word.lemma_.lower() in TITLE_NOUNS:
        return "a title" if _name_shaped(layout, index) else None
    if word.pos_ in ("NOUN", "PROPN") and word.lemma_.lower() in MENTION_NOUNS:
        return "a term being mentioned"
    return None


def _so_called(lead: list[Token]) -> bool:
    """ "so-called" as one token or "so called" as two."""
    return lead[0].lower_ == "so-called" or (len(lead) > 1 and lead[1].lower_ == "so")


def _names_a_thing(verb: Token) -> bool:
    """ "a script called “…”", "the prison, dubbed the “…” by soldiers", "was named “…”": the
    naming verb has no speaking subject of its own (a participle or a passive)."""
    if verb.tag_ not in ("VBN", "VBD") or verb.dep_ in ("conj", "relcl"):
        return False  # "…, called her “…”", "who Beck called “…”": a subject elsewhere
    if verb.tag_ == "VBD" and not _participle_after_all(verb):
        return False
    if any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return False  # "called her “…”": someone was called that by the subject
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    active = [c for c in subjects if c.dep_ == "nsubj"]
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return not active and not (auxiliaries & {"has", "have", "had"})


def _participle_after_all(verb: Token) -> bool:
    """ "the jail, dubbed the “…” by its guards": a past form the tagger took for a finite
    verb is a participle when a comma sets it off or "by" names who did the naming. A finite
    verb whose subject the parser lost ("who Okafor on Friday called “…”") is neither."""
    previous = verb.doc[verb.i - 1] if verb.i > 0 else None
    by_agent = any(c.dep_ == "agent" or c.lower_ == "by" for c in verb.children)
    return by_agent or (previous is not None and previous.text == ",")


def _modifies_a_noun(layout: DocLayout, index: int) -> str | None:
    """The “Pose” actor, a “Green Run” test: a capitalised name used before a noun."""
    span = layout.spans[index]
    if span.close_end is None:
        return None
    inner = layout.text[span.start : span.end]
    if not inner[:1].isupper() or len(inner.split()) > 5 or inner[-1:] in ",.;:!?":
        return None
    _, last = layout.token_ranges[index]
    if last >= len(layout.doc):
        return None
    following = layout.doc[last]
    if following.is_space or following.idx != span.close_end + 1:
        return None
    lower_noun = following.pos_ == "NOUN" and following.text.islower()
    return "a name before a noun" if lower_noun else None


def _in_a_list_of_titles(layout: DocLayout, index: int) -> str | None:
    """ "(“The Discovery,” “The One I Love”)": capitalised names listed together, or a name
    in brackets after a person, are titles of works."""
    if not _name_shaped(layout, index):
        return None
    span = layout.spans[index]
    text = layout.text
    p_start, p_end = layout.paragraph_bounds(span.open_at)
    before = text[p_start : span.open_at].rstrip()
    if before.endswith("("):
        return "a title"
    if layout.paragraph_of(span.open_at) == 0:
        return None  # a headline capitalises every word, quotes and all
    for other in (index - 1, index + 1):
        if not 0 <= other < len(layout.spans) or not _name_shaped(layout, other):
            continue
        near = layout.spans[other]
        if not p_start <= near.open_at < p_end:
            continue
        if other < index and near.close_end is not None:
            between = text[near.close_end : span.open_at]
        elif other > index and span.close_end is not None:
            between = text[span.close_end : near.open_at]
        else:
            continue
        if len(between) <= 6 and _LIST_JOIN.fullmatch(between):
            return None if reported(layout, index) else "a title"
    return None


def _fragment(layout: DocLayout, index: int) -> bool:
    """A few words that do not make a sentence of their own."""
    span = layout.spans[index]
    inner = layout.text[span.start : span.end].rstrip(",.;:!? ")
    return len(inner.split()) <= _NAME_WORDS


def _single_quoted_title(layout: DocLayout, index: int) -> str | None:
    """ "the studio renewed ‘Harbour Lights’": capitalised words in single marks in running
    text are a title written the headline way, unless someone was called that ("Trump called
    her ‘Miss Piggy’"). Headlines quote this way too, so they are left to the other checks."""
    span = layout.spans[index]
    if span.family != "single" or layout.paragraph_of(span.open_at) == 0:
        return None
    if not _name_shaped(layout, index, _NAME_WORDS) or _called(layout, index):
        return None
    return "a title"


_NAMING_VERBS = frozenset("call dub name term label brand nickname describe refer".split())  # noqa: SIM905


def _called(layout: DocLayout, index: int) -> bool:
    """Whether a naming verb governs the stretch within two steps: “called her ‘…’”."""
    first, last = layout.token_ranges[index]
    if last <= first:
        return False
    node = inner_root(layout, first, last)
    for _ in range(_CALLED_REACH):
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in _NAMING_VERBS:
            return True
    return False


_CALLED_REACH = 3


def _name_shaped(layout: DocLayout, index: int, most: int = 8) -> bool:
    """Every word of at least four letters capitalised, the first one too, up to ``most``."""
    span = layout.spans[index]
    words = _WORD.findall(layout.text[span.start : span.end])
    if not 1 <= len(words) <= most or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or len(w) < 4 for w in words)


def _imagined(layout: DocLayout, index: int) -> bool:
    """ "you might think, “…”", "will be left to wonder: “…”": a thought or a question put in
    the mouth of nobody in particular, or of someone in a might-be."""
    lead = _lead_tokens(layout, index, 3)
    verbs = [t for t in lead if t.pos_ in ("VERB", "AUX")]
    if not lead or lead[0].text not in (",", ":") or not verbs:
        return False
    verb = verbs[0]
    chain = [verb]
    while chain[-1].dep_ in ("conj", "xcomp", "advcl") and len(chain) < 4:
        chain.append(chain[-1].head)
    words = [c for node in chain for c in node.children if c.i not in layout.quoted]
    modals = {c.lower_ for c in words if c.dep_ == "aux"}
    generic = any(c.lower_ in _GENERIC_SUBJECTS for c in words if c.dep_ in ("nsubj", "nsubjpass"))
    thinking = verb.lemma_.lower() in _THINKING_VERBS
    if generic and (modals & _IMAGINING_MODALS or thinking):
        return True
    musing = thinking and verb.lemma_.lower() != "say"
    return musing and bool(modals & (_IMAGINING_MODALS | {"will"}))
