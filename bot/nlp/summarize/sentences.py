"""The sentences a summary may use, read once from the parse with the words rankers compare.

Every ranker (ours and sumy's) works from these candidates, so all of them see the same
sentences, the same filtering and the same words: differences in their scores come from the
ranking alone. Each candidate also carries the few facts about its tokens that an editor looks
at (numbers, names, who the subject is, first-person voice), read here so that no ranker has to
walk the parse again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.models import SummarySentence
from bot.nlp.clean import dateline_length, is_boilerplate

MIN_WORDS = 5
"""Shorter sentences are datelines, captions or fragments, never a summary line."""

DATELINE_PARAGRAPHS = 2
"""A dateline opens one of the first paragraphs (the first may be a kicker or a byline)."""

_CLOSING_MARKS = frozenset({'"', "”", "’", "'", ")", "]", "»"})
_QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»"})
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
    """The article's sentences in order, without fragments and boilerplate."""
    candidates: list[Candidate] = []
    names = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ in _NAME_LABELS]
    for index, (paragraph, sent) in enumerate(_sentences(doc)):
        candidate = _candidate(index, paragraph, sent, names)
        if candidate is not None:
            candidates.append(candidate)
    return candidates


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
    tokens = [t for t in sent if not (t.is_punct or t.is_space)]
    if len(tokens) < MIN_WORDS:
        return None
    raw = sent.text
    text = raw.strip()
    if is_boilerplate(text):
        return None
    start = sent.start_char + (len(raw) - len(raw.lstrip()))
    dateline = ""
    cut = dateline_length(text) if paragraph < DATELINE_PARAGRAPHS else 0
    if cut:
        dateline, text, start = text[:cut].strip(), text[cut:], start + cut
        tokens = [t for t in tokens if t.idx >= start]
    words = tuple(t.lemma_.lower() or t.lower_ for t in tokens)
    content = tuple(word for word, token in zip(words, tokens, strict=True) if _is_content(token))
    return Candidate(
        index,
        paragraph,
        text,
        start,
        start + len(text),
        words,
        content,
        dateline=dateline,
        numbers=sum(1 for t in tokens if t.like_num or t.text[:1] in "$€£%"),
        names=len({name for begin, end, name in names if begin >= start and end <= sent.end_char}),
        personal=_personal_words(sent),
        reporting=any(t.lemma_.lower() in _REPORTING_LEMMAS for t in tokens),
        news_time=any(word in _NEWS_TIME for word in words),
        pronoun_subject=_has_pronoun_subject(sent),
    )


def _personal_words(sent: Span) -> int:
    """First- and second-person words said in the writer's own voice (outside quotes)."""
    inside = False
    count = 0
    for token in sent:
        if token.text in _QUOTE_MARKS:
            inside = token.text in {"“", "«"} or (token.text == '"' and not inside)
            continue
        lower = token.lower_
        if not inside and (lower in _FIRST_PERSON or lower in _SECOND_PERSON):
            count += 1
    return count


def _has_pronoun_subject(sent: Span) -> bool:
    root = sent.root
    return any(
        child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ in _PRONOUN_SUBJECTS
        for child in root.children
    )


def _is_content(token: Token) -> bool:
    """Words that say what a sentence is about: not stop words, not bare numbers or symbols."""
    return not token.is_stop and any(c.isalpha() for c in token.text)
