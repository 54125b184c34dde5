"""Direct, partial or other: what kind of quoted stretch a quote is.

A direct quote stands as its own clause (it opens a paragraph, follows a colon or comma, or is
followed by "she said"); a partial one is a fragment under a speech verb (called the plan a
"costly detour"); everything else (scare quotes, titles, terms) is ``other`` and has no speaker.
A fragment whose speaker cannot be named becomes ``other`` too (see ``extract_quotes``): a few
words say little without whose words they are, while a whole statement still informs.
"""

from __future__ import annotations

from bot.models import QuoteKind

_CLAUSE_OPENERS = (":", ",", "—", "–", "―", "-", "(", ";")
_SENTENCE_ENDS = (".", "!", "?", "…")


def opens_clause(text: str, paragraph_start: int, open_at: int) -> bool:
    """Whether a quote starts where a sentence or a reported clause can start."""
    lead = _lead(text, paragraph_start, open_at)
    return not lead or lead.endswith(_CLAUSE_OPENERS + _SENTENCE_ENDS)


def opens_sentence(text: str, paragraph_start: int, open_at: int) -> bool:
    """Whether a quote starts a new sentence after others in its paragraph."""
    return _lead(text, paragraph_start, open_at).endswith(_SENTENCE_ENDS)


def _lead(text: str, paragraph_start: int, open_at: int) -> str:
    """The end of the paragraph's words before a quote, without a closing mark they may end in.

    Read backwards from the quote, so a paragraph of thousands of quotes is not copied for each.
    """
    end = open_at
    while end > paragraph_start and text[end - 1].isspace():
        end -= 1
    while end > paragraph_start and text[end - 1] in _CLOSING_MARKS:
        end -= 1
    return text[max(paragraph_start, end - _LEAD_CHARS) : end]


_LEAD_CHARS = 8
"""Callers look only at how the lead ends."""


_CLOSING_MARKS = "\"”’'»"
"""A sentence may end inside a quote mark: ‘… on NBC's "Meet the Press." "You don't …"’."""


def classify(
    inner: str,
    *,
    opens: bool,
    attributed: bool,
    own_cue: bool,
    headline: bool = False,
    after_title_word: bool = False,
) -> QuoteKind:
    """The kind of a quote from its shape and whether a cue attributes it.

    ``opens``: the quote starts a clause; ``attributed``: some speaker was found (own cue,
    colon, neighbouring quote); ``own_cue``: a cue in the quote's own sentence; ``headline``:
    the quote is in the title line, where every word is capitalised anyway;
    ``after_title_word``: the quote follows a word that introduces titles ("the book “…”").
    A capitalised quote under a speech verb is a name someone was called ("Miss Piggy"). A
    fragment is partial only under its own cue: one that merely follows someone's quote is a
    word being talked about ("“Sovereignty” is the word of the year").
    """
    words = inner.split()
    if not attributed or not words:
        return "other"
    if not headline and _looks_like_title(words) and not (own_cue and not after_title_word):
        return "other"
    sentence_like = len(words) >= 4 or inner.rstrip().endswith((*_SENTENCE_ENDS, ","))
    if opens and sentence_like:
        return "direct"
    return "partial" if own_cue else "other"


def _looks_like_title(words: list[str]) -> bool:
    """A title or name in quotes ("The Art of the Deal", "Morning Joe"): every long word is
    capitalised, and so is some content word after the first. The first word is capitalised in
    any sentence, so "Neither do I." is not a title, nor is "proud to be a Democrat"."""
    if not 2 <= len(words) <= 8:
        return False
    bare = [w.strip(",.;:!?") for w in words]
    long_words = [w for w in bare if len(w) > 3]
    content = [w for w in bare[1:] if len(w) > 2 and w.lower() not in _TITLE_SMALL_WORDS]
    return bool(content) and all(w[:1].isupper() for w in long_words + content)


_TITLE_SMALL_WORDS = frozenset(
    "the and for but nor with from into onto upon over under about".split()  # noqa: SIM905
)


_TITLE_INTRODUCERS = frozenset(
    """
    in on at of from titled entitled called named dubbed book film movie show song album
    series play novel program programme column essay article report is was are were be
    """.split()  # noqa: SIM905
)


def follows_title_word(text: str, paragraph_start: int, open_at: int) -> bool:
    """Whether the word before a quote introduces a title: in “…”, the book “…”."""
    end = open_at
    while end > paragraph_start and text[end - 1].isspace():
        end -= 1
    start = end
    while start > paragraph_start and not text[start - 1].isspace():
        start -= 1
    if start == end:
        return False
    word = text[start:end].strip(",")
    return word.lower() in _TITLE_INTRODUCERS or _owner_of_a_title(word)


def _owner_of_a_title(word: str) -> bool:
    """ "MSNBC’s “Morning Joe”", "CBS's "Face the Nation"": a capitalised owner before quoted
    capitalised words names a show, a book or a column, not what someone said."""
    owner = word.removesuffix("'s").removesuffix("’s")
    return owner != word and owner[:1].isupper()
