"""The sentences a summary may use, read once from the parse with the words rankers compare.

Every ranker (ours and sumy's) works from these candidates, so all of them see the same
sentences, the same filtering and the same words: differences in their scores come from the
ranking alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.models import SummarySentence
from bot.nlp.clean import is_boilerplate

MIN_WORDS = 5
"""Shorter sentences are datelines, captions or fragments, never a summary line."""


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

    def as_summary_sentence(self) -> SummarySentence:
        return SummarySentence(self.text, self.start, self.end, self.index)


def candidate_sentences(doc: Doc) -> list[Candidate]:
    """The article's sentences in order, without fragments and boilerplate."""
    candidates: list[Candidate] = []
    for index, (paragraph, sent) in enumerate(_sentences(doc)):
        candidate = _candidate(index, paragraph, sent)
        if candidate is not None:
            candidates.append(candidate)
    return candidates


def _sentences(doc: Doc) -> Iterator[tuple[int, Span]]:
    """spaCy's sentences, also cut at paragraph breaks, each with its paragraph number.

    The parser sometimes runs a heading or a caption line into the next paragraph's first
    sentence; a blank line always ends a sentence in the text we cleaned.
    """
    paragraph = 0
    for sent in doc.sents:
        begin = sent.start
        for token in sent:
            if token.is_space and "\n\n" in token.text:
                if token.i > begin:
                    yield paragraph, doc[begin : token.i]
                paragraph += 1
                begin = token.i + 1
        if sent.end > begin:
            yield paragraph, doc[begin : sent.end]


def _candidate(index: int, paragraph: int, sent: Span) -> Candidate | None:
    tokens = [t for t in sent if not (t.is_punct or t.is_space)]
    if len(tokens) < MIN_WORDS:
        return None
    raw = sent.text
    text = raw.strip()
    if is_boilerplate(text):
        return None
    start = sent.start_char + (len(raw) - len(raw.lstrip()))
    words = tuple(t.lemma_.lower() or t.lower_ for t in tokens)
    content = tuple(word for word, token in zip(words, tokens, strict=True) if _is_content(token))
    return Candidate(index, paragraph, text, start, start + len(text), words, content)


def _is_content(token: Token) -> bool:
    """Words that say what a sentence is about: not stop words, not bare numbers or symbols."""
    return not token.is_stop and any(c.isalpha() for c in token.text)
