"""Quotes a reader lists although no quotation mark encloses them.

Two layouts carry someone's words without marks: an interview or panel transcript, where each
turn opens with its speaker's label ("Prof. Lund: …", "Q: …" / "A: …"), and a tweet or post
embedded in its own paragraph and signed on the line below ("— Nordic Labs (@nordiclabs)
May 3, 2024"). Both are read on the characters, before any parse, like the marked quotes; the
result is a ``QuotedSpan`` per turn or post plus where its speaker is named, so the rest of the
pipeline treats them like any other quote.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bot.nlp.quotes.marks import QuotedSpan


@dataclass(frozen=True)
class UnmarkedQuote:
    """A stretch of someone's words without marks and the character span of the speaker's name
    (``None`` for an answer whose speaker is the interviewee the introduction names)."""

    span: QuotedSpan
    name: tuple[int, int] | None


_TURN_LABEL = re.compile(
    r"(?P<label>(?:(?:Prof|Dr|Mr|Mrs|Ms|Sen|Rep|Gov)\.\s)?"
    r"[A-Z][\w'’\-]*\.?(?:\s[A-Z][\w'’\-]*\.?){0,2}):[ \t\u00a0]+(?=\S)"
)
"""A speaker label opening a paragraph: "Prof. Lund: ", "NORA BLAKE: ", "Q: "."""
_QUESTION_LABELS = frozenset({"q", "question"})
_ANSWER_LABELS = frozenset({"a", "answer"})
_INTERVIEW_WORDS = re.compile(
    r"\b(?:interview\w*|spoke|speaks|talked|talks|conversation|Q&A|transcript|asked|sat down)\b",
    re.IGNORECASE,
)
"""Words of the introduction that make "A:" someone's answers rather than an FAQ's."""
_MIN_TURNS = 4
"""Labelled paragraphs a transcript needs: fewer is a list of headed items, not a dialogue."""
_NOT_SPEAKERS = frozenset(
    """
    note update updated correction clarification disclosure photo photos video source sources
    read watch listen related more see also tags tag category categories credit credits
    warning step tip bonus pros cons verdict price specs score rating path option level
    date time location where when address phone email website ingredients developer publisher
    platform platforms genre runtime cast director format
    """.split()  # noqa: SIM905
)
"""Label words that head a paragraph without anyone speaking it."""


def find_unmarked_quotes(text: str, marked: list[QuotedSpan]) -> list[UnmarkedQuote]:
    """Transcript turns and signed posts in ``text`` that no marked quote already covers."""
    found = _transcript_turns(text) + _signed_posts(text)
    return [quote for quote in found if not _overlaps(quote.span, marked)]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _transcript_turns(text: str) -> list[UnmarkedQuote]:
    """Each labelled turn of a dialogue (two or more speakers, at least one speaking twice)."""
    labelled: list[tuple[int, int, re.Match[str]]] = []
    for start, end in _paragraphs(text):
        label = _TURN_LABEL.match(text, start, end)
        if label is not None and _speaker_label(label["label"]):
            labelled.append((start, end, label))
    names = Counter(_key(label["label"]) for _, _, label in labelled)
    if len(labelled) < _MIN_TURNS or len(names) < 2 or names.most_common(1)[0][1] < 2:
        return []
    interview = _INTERVIEW_WORDS.search(text, 0, labelled[0][0]) is not None
    turns = []
    for start, end, label in labelled:
        key = _key(label["label"])
        if key in _ANSWER_LABELS and not interview:
            continue  # an FAQ's answers: nobody the article introduces is speaking
        inner_end = len(text[start:end].rstrip()) + start
        body = text[label.end() : inner_end]
        if key in _QUESTION_LABELS or not _spoken(body):
            continue  # the interviewer's question: the publication asks, nobody is quoted
        span = QuotedSpan(
            start=label.end(), end=inner_end, open_at=start, close_end=None, family="double"
        )
        if key in _ANSWER_LABELS:
            turns.append(UnmarkedQuote(span, None))
        else:
            turns.append(UnmarkedQuote(span, label.span("label")))
    return turns


def _speaker_label(label: str) -> bool:
    words = label.replace(".", " ").split()
    return (
        bool(words)
        and words[-1].lower() not in _NOT_SPEAKERS
        and not any(w.isdigit() for w in words)
    )


def _spoken(body: str) -> bool:
    """A turn says something: a few words, not a figure ("Clinton: 1,769 delegates")."""
    return len(body.split()) >= _MIN_TURN_WORDS and not body[:1].isdigit()


_MIN_TURN_WORDS = 3


def _key(label: str) -> str:
    """ "Prof. Lund" and "Lund" are one speaker: the label's last word, lower case."""
    return label.replace(".", " ").split()[-1].lower()


_SIGNATURE = re.compile(
    r"[—―–-]{1,2}[ \t\u00a0]*(?P<name>[A-Z][^\n()@]{0,60}?)[ \t\u00a0]*\(@\w{1,30}\)"
    r"[^\n]{0,40}$",
    re.MULTILINE,
)
"""The line an embedded tweet ends with: "— Name (@handle) May 3, 2024"."""
_MEDIA_LINK = re.compile(r"\s*(?:pic\.twitter\.com/\S+|https?://\S+)\s*$")


def _signed_posts(text: str) -> list[UnmarkedQuote]:
    """A post in its own paragraph, signed by the next line, or at the end of its own line."""
    posts = []
    paragraphs = _paragraphs(text)
    for index, (start, end) in enumerate(paragraphs):
        signature = _SIGNATURE.search(text, start, end)
        if signature is None or signature.end() != end:
            continue
        if signature.start() > start:  # "Post text — Name (@handle) date" on one line
            body = (start, signature.start())
        elif index > 0:
            body = paragraphs[index - 1]
        else:
            continue
        words_start = _after_markup(text, *body)
        words_end = _strip_links(text, words_start, body[1])
        if len(text[words_start:words_end].split()) < 3:
            continue
        span = QuotedSpan(  # the post's links stay inside: they describe nobody
            start=words_start, end=words_end, open_at=body[0], close_end=body[1], family="double"
        )
        posts.append(UnmarkedQuote(span, signature.span("name")))
    return posts


def _after_markup(text: str, start: int, end: int) -> int:
    """Where a post's words begin, after an embed's opening tag (<tweet author="@x" …>)."""
    tag = _OPENING_TAG.match(text, start, end)
    return tag.end() if tag is not None else start


_OPENING_TAG = re.compile(r"\s*<[a-zA-Z][^<>\n]*>\s*")


def _strip_links(text: str, start: int, end: int) -> int:
    """The end of a post's words, before its trailing picture or web link."""
    stretch = text[start:end]
    while True:
        link = _MEDIA_LINK.search(stretch)
        if link is None or link.start() == 0:
            return start + len(stretch.rstrip())
        stretch = stretch[: link.start()]


def _overlaps(span: QuotedSpan, marked: list[QuotedSpan]) -> bool:
    return any(m.open_at < span.end and span.start < m.outer_end for m in marked)
