"""The sentences a summary may use, read once from the parse with the words rankers compare.

Every ranker (ours and sumy's) works from these candidates, so all of them see the same
sentences, the same filtering and the same words: differences in their scores come from the
ranking alone. Each candidate also carries the few facts about its tokens that an editor looks
at (numbers, names, who the subject is, first-person voice), read here so that no ranker has to
walk the parse again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from bot.models import SummarySentence
from bot.nlp.clean import dateline_length, is_boilerplate

MIN_WORDS = 5
"""Shorter sentences are datelines, captions or fragments, never a summary line."""

TEASER_ANSWER_WORDS = 12
"""Shorter sentences after a question ("Residents are about to find out.") lean on it."""
DATELINE_PARAGRAPHS = 2
"""A dateline opens one of the first paragraphs (the first may be a kicker or a byline)."""

_CLOSING_MARKS = frozenset({'"', "”", "’", "'", ")", "]", "»"})
_QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»"})
_OPENING_QUOTES = frozenset({"“", "«"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "ours", "myself"})
_SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})
_REPORTING_LEMMAS = frozenset(
    {"say", "tell", "announce", "report", "confirm", "accord", "state", "add", "claim"}
)
_NEWS_TIME = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "today", "yesterday", "tonight",
    }
)  # fmt: skip
_PRONOUN_SUBJECTS = frozenset(
    {"he", "she", "it", "they", "this", "that", "these", "those", "i", "we", "you"}
)


@dataclass(frozen=True)
class Candidate:
    """One sentence of the article that may go into a summary."""

    index: int
    """Position among all of the article's sentences (before filtering)."""
    paragraph: int
    text: str
    start: int
    end: int
    words: tuple[str, ...]
    """Lower-cased lemmas of every word token (no punctuation or spaces)."""
    content: tuple[str, ...]
    """The subset of ``words`` that carries meaning: no stop words, no bare numbers."""
    dateline: str = ""
    """A wire dateline ("WASHINGTON (AP) —") cut from the front of ``text``; wire copy's lede."""
    numbers: int = 0
    names: int = 0
    """Named people, organisations and places: specifics, where a scene has none."""
    personal: int = 0
    """First- and second-person words outside quotation marks: a column's or a scene's voice."""
    reporting: bool = False
    """A reporting verb ("said", "told", "according to"): news attributes what it states."""
    news_time: bool = False
    """A weekday or "today": the day of the event is in the sentence that reports it."""
    pronoun_subject: bool = False
    """The main clause's subject is a pronoun: it needs a sentence before it."""

    def as_summary_sentence(self) -> SummarySentence:
        return SummarySentence(self.text, self.start, self.end, self.index)


def candidate_sentences(doc: Doc) -> list[Candidate]:
    """The article's sentences in order, without fragments, boilerplate, the middle of longer
    quotes ("All of my thoughts became musical." inside a speaker's three sentences) and the
    short answer to a teaser question ("Residents are about to find out.")."""
    candidates: list[Candidate] = []
    names = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ in _NAME_LABELS]
    quote_open = False
    last_paragraph = -1
    after_question = False
    for index, (paragraph, sent) in enumerate(_sentences(doc)):
        if paragraph != last_paragraph:
            quote_open, last_paragraph = False, paragraph
        leans_on_quote = quote_open
        quote_open = _quote_open_after(sent.text, quote_open)
        candidate = None if leans_on_quote else _candidate(index, paragraph, sent, names)
        if candidate is not None and not (after_question and _answers_teaser(candidate)):
            candidates.append(candidate)
        after_question = sent.text.rstrip(" \n\"”’')").endswith("?")
    return candidates


def _answers_teaser(candidate: Candidate) -> bool:
    """A short sentence without specifics right after a question only answers the teaser."""
    return len(candidate.words) < TEASER_ANSWER_WORDS and candidate.numbers == 0


def _quote_open_after(text: str, open_before: bool) -> bool:
    """Whether a quotation is still open after ``text`` (curly marks, or straight ones paired)."""
    opened = text.rfind("“")
    closed = text.rfind("”")
    if opened != -1 or closed != -1:
        return opened > closed
    return open_before != (text.count('"') % 2 == 1)


def _sentences(doc: Doc) -> Iterator[tuple[int, Span]]:
    """spaCy's sentences, also cut at paragraph breaks, each with its paragraph number.

    The parser sometimes runs a heading or a caption line into the next paragraph's first
    sentence; a blank line always ends a sentence in the text we cleaned. A closing quotation
    mark the parser left at the head of the next sentence goes back to the sentence it closes.
    """
    pieces: list[tuple[int, int, int]] = []
    paragraph = 0
    for sent in doc.sents:
        begin = sent.start
        for token in sent:
            if token.is_space and "\n\n" in token.text:
                if token.i > begin:
                    pieces.append((paragraph, begin, token.i))
                paragraph += 1
                begin = token.i + 1
        if sent.end > begin:
            pieces.append((paragraph, begin, sent.end))
    for number, (paragraph, begin, end) in enumerate(pieces):
        if number + 1 < len(pieces) and pieces[number + 1][0] == paragraph:
            end = _take_closing_marks(doc, end, pieces[number + 1][2])
        if number > 0 and pieces[number - 1][0] == paragraph:
            begin = _take_closing_marks(doc, begin, end)
        if end > begin:
            yield paragraph, doc[begin:end]


def _take_closing_marks(doc: Doc, position: int, limit: int) -> int:
    """The position after the closing marks that sit at ``position`` without a space before."""
    while (
        position < limit
        and doc[position].text in _CLOSING_MARKS
        and position > 0
        and not doc[position - 1].whitespace_
    ):
        position += 1
    return position


def _candidate(
    index: int, paragraph: int, sent: Span, names: list[tuple[int, int, str]]
) -> Candidate | None:
    raw = sent.text
    text = raw.strip()
    start = sent.start_char + (len(raw) - len(raw.lstrip()))
    cut = dateline_length(text) if paragraph < DATELINE_PARAGRAPHS else 0
    dateline, text, start = text[:cut].strip(), text[cut:], start + cut
    reading = _read_tokens(sent, start)
    if len(reading.words) < MIN_WORDS or is_boilerplate(text):
        return None
    end = start + len(text)
    return Candidate(
        index,
        paragraph,
        text,
        start,
        end,
        tuple(reading.words),
        tuple(reading.content),
        dateline=dateline,
        numbers=reading.numbers,
        names=len({name for begin, stop, name in names if begin >= start and stop <= end}),
        personal=reading.personal,
        reporting=reading.reporting,
        news_time=any(word in _NEWS_TIME for word in reading.words),
        pronoun_subject=reading.pronoun_subject,
    )


@dataclass
class _Reading:
    """What one pass over a sentence's tokens collects."""

    words: list[str] = field(default_factory=list)
    content: list[str] = field(default_factory=list)
    numbers: int = 0
    personal: int = 0
    reporting: bool = False
    pronoun_subject: bool = False


def _read_tokens(sent: Span, start: int) -> _Reading:
    """Words, lemmas and voice of the tokens at or after ``start``, in one pass (it is hot)."""
    reading = _Reading()
    inside_quote = False
    for token in sent:
        text = token.text
        if text in _QUOTE_MARKS:
            inside_quote = text in _OPENING_QUOTES or (text == '"' and not inside_quote)
            continue
        if token.is_punct or token.is_space or token.idx < start:
            continue
        lemma = token.lemma_.lower() or token.lower_
        reading.words.append(lemma)
        if not token.is_stop and any(c.isalpha() for c in text):
            reading.content.append(lemma)
        if token.like_num or text[:1] in "$€£%":
            reading.numbers += 1
        lower = token.lower_
        if not inside_quote and (lower in _FIRST_PERSON or lower in _SECOND_PERSON):
            reading.personal += 1
        if lemma in _REPORTING_LEMMAS:
            reading.reporting = True
        if token.dep_ in _SUBJECTS and lower in _PRONOUN_SUBJECTS and token.head.dep_ == "ROOT":
            reading.pronoun_subject = True
    return reading
