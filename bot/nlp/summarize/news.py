"""Our default ranker, built for news: a position prior, directed centrality, no repeats.

News puts what matters first, so the lead is a strong baseline that plain centrality rankers
lose to. We keep the lead's prior and add what it cannot see:

- the prior is flat over the first few sentences: a lede opens on a hook as often as on the
  fact, so *which* of the opening sentences to keep is left to the other signals;
- directed centrality (as in PACSUM, Zheng & Lapata 2019): a sentence that many *later*
  sentences go on to elaborate is central; similarity to *earlier* sentences counts a little
  against it, because it then follows up rather than introduces;
- a length preference, so fragments and glued-together captions sink, and a penalty for
  quoted speech: a summary reports what happened, quotes only colour it;
- redundancy removal: the ranking is built greedily and each pick is discounted by its
  similarity to the sentences already ranked above it (maximal marginal relevance).

Similarity is the cosine of tf-idf vectors over content lemmas, with inverse *sentence*
frequency from the article itself: no corpus statistics, no extra model, no second parse.
The weights were tuned on the CNN/DailyMail dev set only; see the README for the numbers.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.nlp.summarize.sentences import Candidate

_OPENING_MARK = re.compile(r"""(?:^|(?<=[\s(\[—–-]))['‘"“](?=\S)""")
_CLOSING_MARK = re.compile(r"""(?<=\S)['’"”](?=[\s,.;:!?)\]—–-]|$)""")
"""A quoted stretch runs from an opening mark after a space to the first closing mark before a
space or punctuation on the same line (so the apostrophes of "don't" and "Clinton's" are not
taken for quotes)."""


@dataclass(frozen=True)
class NewsWeights:
    """The ranker's few parameters, tuned on the CNN/DailyMail dev set (see the README)."""

    position_plateau: int = 4
    """The first sentences share the top prior: news ledes open on a hook as often as a fact."""
    position_decay: float = 1.0
    """Past the plateau, the prior at position p is 1 / (1 + p - plateau) ** position_decay."""
    centrality_weight: float = 0.5
    forward_weight: float = 1.0
    """Weight of similarity to later sentences in the directed centrality."""
    backward_weight: float = -0.2
    """Weight of similarity to earlier sentences (negative: following up is not leading)."""
    edge_threshold: float = 0.1
    """Share of the similarity range below which an edge is ignored (PACSUM's beta)."""
    ideal_words: int = 15
    long_words: int = 45
    """Sentences longer than this are increasingly likely to be captions run together."""
    length_weight: float = 0.2
    speech_weight: float = 0.3
    """Penalty per share of the sentence that is quoted speech: summaries report, quotes colour."""
    redundancy_weight: float = 0.4


DEFAULT_WEIGHTS = NewsWeights()


def rank_news(
    candidates: Sequence[Candidate],
    title_words: Sequence[str] = (),
    weights: NewsWeights = DEFAULT_WEIGHTS,
) -> list[int]:
    """Positions in ``candidates``, best first.

    ``title_words`` are accepted for the common ranker signature but not used: headlines are
    often written for clicks, and the article's own structure says more about what matters.
    """
    count = len(candidates)
    if count == 0:
        return []
    similarity = _similarity(candidates)
    scores = (
        _position_prior(count, weights)
        + weights.centrality_weight * _directed_centrality(similarity, weights)
        + weights.length_weight * _length_fit(candidates, weights)
        - weights.speech_weight * np.asarray([_speech_share(c.text) for c in candidates])
    )
    return _diversified_order(scores, similarity, weights.redundancy_weight)


def _position_prior(count: int, weights: NewsWeights) -> np.ndarray:
    past_plateau = np.maximum(np.arange(count, dtype=float) - weights.position_plateau, 0.0)
    return 1.0 / (1.0 + past_plateau) ** weights.position_decay


def _similarity(candidates: Sequence[Candidate]) -> np.ndarray:
    """Cosine similarity of tf-idf vectors, with idf over the article's own sentences."""
    vocabulary: dict[str, int] = {}
    for candidate in candidates:
        for word in candidate.content:
            vocabulary.setdefault(word, len(vocabulary))
    matrix = np.zeros((len(candidates), max(len(vocabulary), 1)))
    for row, candidate in enumerate(candidates):
        for word, count in Counter(candidate.content).items():
            matrix[row, vocabulary[word]] = count
    document_frequency = (matrix > 0).sum(axis=0)
    idf = np.log((1 + len(candidates)) / (1 + document_frequency)) + 1.0
    matrix *= idf
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    matrix /= norms[:, None]
    similarity = matrix @ matrix.T
    np.fill_diagonal(similarity, 0.0)
    return similarity


def _directed_centrality(similarity: np.ndarray, weights: NewsWeights) -> np.ndarray:
    """PACSUM-style centrality, scaled to [0, 1]."""
    count = len(similarity)
    if count < 2:
        return np.zeros(count)
    low, high = similarity.min(), similarity.max()
    edges = np.where(similarity > low + weights.edge_threshold * (high - low), similarity, 0.0)
    later = np.triu(edges, k=1).sum(axis=1)
    earlier = np.tril(edges, k=-1).sum(axis=1)
    centrality = weights.forward_weight * later + weights.backward_weight * earlier
    spread = centrality.max() - centrality.min()
    return (centrality - centrality.min()) / spread if spread > 0 else np.zeros(count)


def _length_fit(candidates: Sequence[Candidate], weights: NewsWeights) -> np.ndarray:
    """1 near the ideal length, falling off for fragments and for run-on caption blocks."""
    fits = []
    for candidate in candidates:
        words = len(candidate.words)
        if words <= weights.ideal_words:
            fits.append(math.sqrt(words / weights.ideal_words))
        elif words <= weights.long_words:
            fits.append(1.0)
        else:
            fits.append(weights.long_words / words)
    return np.asarray(fits)


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


def _diversified_order(scores: np.ndarray, similarity: np.ndarray, penalty: float) -> list[int]:
    """Greedy maximal marginal relevance: each pick pays for its overlap with earlier picks.

    Ties go to the earlier sentence (``argmax`` returns the first maximum).
    """
    order: list[int] = []
    overlap = np.zeros(len(scores))
    taken = np.zeros(len(scores), dtype=bool)
    for _ in range(len(scores)):
        best = int(np.argmax(np.where(taken, -np.inf, scores - penalty * overlap)))
        order.append(best)
        taken[best] = True
        overlap = np.maximum(overlap, similarity[best])
    return order
