"""The one parse an article gets: bounded in memory, with sentences found in constant time.

spaCy's memory grows with the number of tokens it parses at once (about 17 KiB a token), and a
pasted wall of text may be 200,000 characters of quote marks: such a text is parsed in pieces
of about ``PIECE_TOKENS`` tokens, cut at paragraph breaks where possible, and the pieces are
joined back into one ``Doc`` whose text is exactly the input. Texts up to ``WHOLE_PARSE_CHARS``
and ``WHOLE_PARSE_TOKENS`` (every ordinary article) are parsed whole, so their analysis is the
same as it always was.

``token.sent`` walks the document to the sentence's edges on every call, which is quadratic in
a long sentence asked about many times; ``index_sentences`` answers it from a table instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

WHOLE_PARSE_CHARS = 50_000
"""Longer than almost any news article (about 8,000 words): these are parsed in one piece."""
WHOLE_PARSE_TOKENS = 15_000
"""About 12,000 words of prose; as many quote marks take a tenth of the characters."""
PIECE_TOKENS = 6_000
PIECE_CHARS = 20_000
"""The most characters parsed at once in a longer text (fewer where tokens are dense)."""

_PARAGRAPH_BREAK = re.compile(r"\n\n+")
_SENTENCE_BREAK = re.compile(r"[.!?。！？؟।]\s+")
_SPACE = re.compile(r"\s+")


def parse(nlp: Language, text: str) -> Doc:
    """Parse ``text`` in one piece, or in pieces joined back when it is very long.

    The pieces go through the pipeline one at a time: batched, they would cost the memory of
    parsing the whole text at once.
    """
    return next(parse_many(nlp, [text], batch_size=1))


def parse_many(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """One ``Doc`` per text, in order, through a single ``nlp.pipe`` over all their pieces."""
    texts = list(texts)
    pieces = [split_for_parsing(text) for text in texts]
    docs = nlp.pipe((piece for parts in pieces for piece in parts), batch_size=batch_size)
    for text, parts in zip(texts, pieces, strict=True):
        yield _joined([next(docs) for _ in parts], text)


def split_for_parsing(text: str) -> list[str]:
    """``text`` cut into pieces of at most ``PIECE_CHARS`` (one piece when it is short).

    A piece ends after a paragraph break if one falls in its second half, else after a
    sentence end, else at a space, else wherever the limit falls (a 20,000-character word).
    Pieces are shorter where tokens are dense (thousands of quote marks).
    """
    tokens = _estimated_tokens(text)
    if len(text) <= WHOLE_PARSE_CHARS and tokens <= WHOLE_PARSE_TOKENS:
        return [text]
    size = max(1_000, min(PIECE_CHARS, PIECE_TOKENS * len(text) // max(tokens, 1)))
    pieces = []
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _estimated_tokens(text: str) -> int:
    """About as many tokens as spaCy makes: words, and each punctuation mark on its own."""
    return sum(1 for _ in _TOKEN.finditer(text))


_TOKEN = re.compile(r"\w+|[^\w\s]")


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece from ``start`` ends: the last good break before ``limit``."""
    middle = start + (limit - start) // 2
    for pattern in (_PARAGRAPH_BREAK, _SENTENCE_BREAK, _SPACE):
        ends = [match.end() for match in pattern.finditer(text, middle, limit)]
        if ends:
            return ends[-1]
    return limit


def _joined(docs: list[Doc], text: str) -> Doc:
    doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
    if len(docs) > 1 and doc.text != text:
        raise AssertionError("the pieces of a long text do not join back into it")
    index_sentences(doc)
    return doc


def index_sentences(doc: Doc) -> Doc:
    """Make ``token.sent`` and ``span.sent`` table look-ups for ``doc`` (same answers)."""
    sentences = list(doc.sents)
    sentence_of = [0] * len(doc)
    for number, sentence in enumerate(sentences):
        sentence_of[sentence.start : sentence.end] = [number] * len(sentence)

    def token_sentence(token: Token) -> Span:
        return sentences[sentence_of[token.i]]

    def span_sentence(span: Span) -> Span:
        return sentences[sentence_of[min(span.start, len(sentence_of) - 1)]]

    doc.user_token_hooks["sent"] = token_sentence
    doc.user_span_hooks["sent"] = span_sentence
    return doc
