"""Where things are in one document: sentences, paragraphs, sections and quoted tokens.

Computed once per article and shared by every step after the mark finder, so no step walks
the document again to ask which paragraph or sentence a token is in.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from bot.nlp.quotes.marks import QuotedSpan


class DocLayout:
    """Token, sentence and paragraph bookkeeping shared by all quotes of one document."""

    def __init__(
        self,
        doc: Doc,
        spans: list[QuotedSpan],
        text: str,
        unmarked: dict[int, tuple[int, int] | None] | None = None,
    ) -> None:
        self.doc = doc
        self.text = text
        """``doc.text``, kept because spaCy rebuilds that string on every access."""
        self.spans = spans
        self.unmarked = unmarked or {}
        """Span index → character span of the name that signs a quote without marks (a
        transcript label, a post's signature), or None for an interview answer ("A: …")."""
        self.sentence_of = [0] * len(doc)
        self.sentences = list(doc.sents)
        for index, sentence in enumerate(self.sentences):
            for i in range(sentence.start, sentence.end):
                self.sentence_of[i] = index
        self.paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        self.paragraph_starts = [start for start, _ in self.paragraphs] or [0]
        self.token_paragraph = [0] * len(doc)
        self.token_section = [0] * len(doc)
        paragraph_section = _sections(text, self.paragraphs)
        paragraph = 0
        for token in doc:
            while (
                paragraph + 1 < len(self.paragraph_starts)
                and token.idx >= self.paragraph_starts[paragraph + 1]
            ):
                paragraph += 1
            self.token_paragraph[token.i] = paragraph
            self.token_section[token.i] = paragraph_section[paragraph] if self.paragraphs else 0
        self.quoted: set[int] = set()
        self.token_ranges: list[tuple[int, int]] = []
        for span in spans:
            tokens = doc.char_span(span.open_at, span.outer_end, alignment_mode="expand")
            first, last = (tokens.start, tokens.end) if tokens is not None else (0, 0)
            self.token_ranges.append((first, last))
            self.quoted.update(range(first, last))

    def paragraph_of(self, char: int) -> int:
        """Index of the paragraph holding ``char`` (blank lines belong to the one before)."""
        return max(0, bisect_right(self.paragraph_starts, char) - 1)

    def paragraph_bounds(self, char: int) -> tuple[int, int]:
        if not self.paragraphs:
            return 0, len(self.text)
        return self.paragraphs[self.paragraph_of(char)]

    def free_tokens(self, first: int, last: int, p_start: int, p_end: int) -> list[Token]:
        """Unquoted tokens of ``[first, last)`` inside the paragraph ``[p_start, p_end)``."""
        doc = self.doc
        return [
            doc[i]
            for i in range(first, last)
            if i not in self.quoted and p_start <= doc[i].idx < p_end and not doc[i].is_space
        ]


_SECTION_BREAK = re.compile(r"[\s_*=#~.\-–—]+|\d{1,2}(?::\d\d)? ?[ap]\.?m\.?")
"""A paragraph that separates unrelated items: "___.", "* * *", or a live-blog "9:18 p.m."."""


def _sections(text: str, paragraphs: list[tuple[int, int]]) -> list[int]:
    """Section number of each paragraph; people named before a break are out of sight after."""
    sections = []
    section = 0
    for start, end in paragraphs:
        if _SECTION_BREAK.fullmatch(text, start, end):
            section += 1
        sections.append(section)
    return sections
