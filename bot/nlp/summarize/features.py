"""What an editor looks at in a sentence, as numbers: the inputs of the learned news scorer.

Each feature is one signal an editor uses when choosing a brief: where the sentence sits (the
lede, a paragraph's opening), whether it states the headline's point, how central it is to the
rest of the article, whether it carries specifics (numbers, names, the day of the event) or sets
a scene (a first-person voice, a question), and whether it can stand alone. Features that only
make sense against the rest of the article (how close to the headline, how central) are scaled
within the article, so a short wire item and a long feature speak the same language.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from bot.nlp.summarize.sentences import Candidate
from bot.nlp.summarize.standalone import is_question, needs_context

FEATURE_NAMES: tuple[str, ...] = (
    "bias",
    "first",
    "second",
    "third",
    "position",
    "opening_plateau",
    "lede_paragraph",
    "paragraph_position",
    "opens_paragraph",
    "title",
    "title_best",
    "title_x_first",
    "centrality",
    "forward_centrality",
    "directed_centrality",
    "length",
    "length_fit",
    "short",
    "long",
    "speech",
    "opens_on_quote",
    "question",
    "needs_context",
    "pronoun_subject",
    "scene_lede",
    "numbers",
    "names",
    "personal",
    "reporting",
    "news_time",
    "wire_lede",
    "colon_end",
)

OPENING_SENTENCES = 4
"""News ledes open on a hook as often as on the fact: the first few sentences share one prior."""
SHORT_WORDS = 10
IDEAL_WORDS = 15
LONG_WORDS = 45
"""Sentences longer than this are increasingly likely to be captions run together."""
EDGE_THRESHOLD = 0.1
"""Share of the similarity range below which an edge is ignored (PACSUM's beta)."""
FORWARD_WEIGHT = 1.0
BACKWARD_WEIGHT = -0.2
"""Similarity to earlier sentences counts against centrality: following up is not leading."""
STEM_CHARS = 5
"""Title and sentence words match on their first characters: "pleads" meets "pleaded"."""

_OPENING_MARK = re.compile(r"""(?:^|(?<=[\s(\[—–-]))['‘"“](?=\S)""")
_CLOSING_MARK = re.compile(r"""(?<=\S)['’"”](?=[\s,.;:!?)\]—–-]|$)""")
"""A quoted stretch runs from an opening mark after a space to the first closing mark before a
space or punctuation on the same line (so the apostrophes of "don't" and "Clinton's" are not
taken for quotes)."""


@dataclass(frozen=True)
class _Article:
    """The per-article signals each sentence's row reads."""

    title: np.ndarray
    best_title: float
    centrality: np.ndarray
    forward: np.ndarray
    directed: np.ndarray
    paragraphs: list[int]
    wire: bool


def sentence_features(
    candidates: Sequence[Candidate], title_words: Sequence[str], similarity: np.ndarray
) -> np.ndarray:
    """One row of ``FEATURE_NAMES`` values per candidate."""
    title = _title_similarity(candidates, title_words)
    article = _Article(
        title=title,
        best_title=float(title.max()) if len(title) else 0.0,
        centrality=_scaled(similarity.sum(axis=1)),
        forward=_scaled(np.triu(similarity, k=1).sum(axis=1)),
        directed=directed_centrality(similarity),
        paragraphs=_paragraph_ranks(candidates),
        wire=bool(candidates) and bool(candidates[0].dateline),
    )
    rows = [_row(i, candidates, article) for i in range(len(candidates))]
    return np.asarray(rows, dtype=float).reshape(len(candidates), len(FEATURE_NAMES))


def _row(i: int, candidates: Sequence[Candidate], article: _Article) -> tuple[float, ...]:
    """The features of candidate ``i``, in ``FEATURE_NAMES`` order."""
    candidate = candidates[i]
    words = len(candidate.words)
    text = candidate.text
    opens_paragraph = i == 0 or candidates[i - 1].paragraph != candidate.paragraph
    return (
        1.0,
        float(i == 0),
        float(i == 1),
        float(i == 2),
        1.0 / (1.0 + i),
        1.0 / (1.0 + max(i - OPENING_SENTENCES, 0)),
        float(article.paragraphs[i] == 0),
        1.0 / (1.0 + article.paragraphs[i]),
        float(opens_paragraph),
        article.title[i],
        float(article.best_title > 0 and article.title[i] >= article.best_title - 1e-9),
        article.title[i] * (i == 0),
        article.centrality[i],
        article.forward[i],
        article.directed[i],
        float(np.log1p(words) / np.log1p(40)),
        _length_fit(words),
        float(words < SHORT_WORDS),
        float(words > LONG_WORDS),
        _speech_share(text),
        float(text[:1] in "\"“‘'"),
        float(is_question(text)),
        float(needs_context(text)),
        float(candidate.pronoun_subject),
        float(i == 0 and candidate.names + candidate.numbers == 0),
        min(candidate.numbers, 3) / 3,
        min(candidate.names, 4) / 4,
        float(candidate.personal > 0),
        float(candidate.reporting),
        float(candidate.news_time),
        float(article.wire and i == 0),
        float(text.endswith(":")),
    )


def stems(words: Sequence[str]) -> list[str]:
    return [word[:STEM_CHARS] for word in words]


def _title_similarity(candidates: Sequence[Candidate], title_words: Sequence[str]) -> np.ndarray:
    """Share of the headline's content words (weighted by rarity in the article) a sentence has."""
    title = set(stems(title_words))
    if not title:
        return np.zeros(len(candidates))
    sentence_stems = [set(stems(c.content)) for c in candidates]
    frequency = Counter(stem for stems_of in sentence_stems for stem in stems_of)
    total = len(candidates)
    weight = {stem: np.log((1 + total) / (1 + frequency[stem])) + 1.0 for stem in title}
    norm = sum(weight[stem] for stem in sorted(title))
    # Sums in a fixed order: set order changes between processes, and ties must not.
    return np.asarray(
        [sum(weight[stem] for stem in sorted(title & found)) / norm for found in sentence_stems]
    )


def directed_centrality(similarity: np.ndarray) -> np.ndarray:
    """PACSUM-style centrality (Zheng & Lapata 2019), scaled to [0, 1].

    A sentence that many *later* sentences go on to elaborate is central; similarity to
    *earlier* sentences counts a little against it, because it then follows up rather than
    introduces.
    """
    count = len(similarity)
    if count < 2:
        return np.zeros(count)
    low, high = similarity.min(), similarity.max()
    edges = np.where(similarity > low + EDGE_THRESHOLD * (high - low), similarity, 0.0)
    later = np.triu(edges, k=1).sum(axis=1)
    earlier = np.tril(edges, k=-1).sum(axis=1)
    return _scaled(FORWARD_WEIGHT * later + BACKWARD_WEIGHT * earlier)


def _length_fit(words: int) -> float:
    """1 near the ideal length, falling off for fragments and for run-on caption blocks."""
    if words <= IDEAL_WORDS:
        return float(np.sqrt(words / IDEAL_WORDS))
    return 1.0 if words <= LONG_WORDS else LONG_WORDS / words


def _paragraph_ranks(candidates: Sequence[Candidate]) -> list[int]:
    ranks: list[int] = []
    seen: dict[int, int] = {}
    for candidate in candidates:
        ranks.append(seen.setdefault(candidate.paragraph, len(seen)))
    return ranks


def _scaled(values: np.ndarray) -> np.ndarray:
    spread = values.max() - values.min() if len(values) else 0.0
    return (values - values.min()) / spread if spread > 0 else np.zeros(len(values))


def _speech_share(text: str) -> float:
    """The share of a sentence's characters that sit inside quotation marks.

    Marks are found once each and paired by bisection: a lazy regex from every opening mark
    to its closer rescans the rest of the line for each of thousands of unclosed marks.
    """
    closers = [match.start() for match in _CLOSING_MARK.finditer(text)]
    if not closers:
        return 0.0
    breaks = [at for at, char in enumerate(text) if char == "\n"] if "\n" in text else []
    quoted = resume = 0
    for match in _OPENING_MARK.finditer(text):
        opened = match.start()
        if opened < resume:
            continue
        nearest = bisect_left(closers, opened + 2)
        if nearest == len(closers):
            break
        closed = closers[nearest]
        line_break = bisect_left(breaks, opened)
        if line_break < len(breaks) and breaks[line_break] < closed:
            continue
        quoted += closed + 1 - opened
        resume = closed + 1
    return quoted / max(len(text), 1)


def headline_words(title: str) -> list[str]:
    """The headline's content words, without the site name pages attach ("… | ZDNet")."""
    segments = _TITLE_SEPARATOR.split(title)
    while len(segments) > 1 and len(segments[-1].split()) <= SITE_NAME_MAX_WORDS:
        segments.pop()
    words = _TITLE_WORD.findall(" ".join(segments).lower())
    return [word for word in words if word not in STOP_WORDS and not word.isdigit()]


SITE_NAME_MAX_WORDS = 4
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
_TITLE_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
