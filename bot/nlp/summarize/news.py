"""Our default ranker, built for news of every kind: a news prior plus a learned correction.

News puts what matters first, so the lead is a strong baseline, and on wire copy the lede is the
news. But features, science pieces and columns open on a scene, a question or a pun, and the
point sits in a later "nut" paragraph. The score of a sentence has two parts:

- a hand-built news prior (``prior_scores``): a flat prior over the first few sentences (a
  lede opens on a hook as often as on the fact), PACSUM-style directed centrality (Zheng &
  Lapata 2019: a sentence that later sentences elaborate is central), a length preference and
  a penalty for quoted speech;
- a learned correction: what an editor also looks at (the headline as the statement of the
  point, the nut paragraph, specifics over scene-setting, whether the sentence stands alone),
  as ``features.py`` numbers weighed by a logistic regression trained on editors' briefs
  (``news_scorer.json``, fitted by ``python -m bot.evaluation.train_summary_scorer``, which
  also chooses by cross-validation how much the correction counts).

The ranking is then built greedily, each pick discounted by its similarity to the sentences
above it (maximal marginal relevance), so the summary does not say one thing twice.

Similarity is the cosine of tf-idf vectors over content lemmas, with inverse *sentence*
frequency from the article itself: no corpus statistics, no extra model, no second parse.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from bot.nlp.summarize.features import FEATURE_NAMES, sentence_features
from bot.nlp.summarize.sentences import Candidate
from bot.nlp.summarize.standalone import is_bare_quote

SCORER_FILE = "news_scorer.json"
REDUNDANCY_WEIGHT = 0.4
"""How much a pick's score drops per unit of cosine similarity to a sentence ranked above it,
when the scorer file does not say (the trainer chooses it by cross-validation)."""


@dataclass(frozen=True)
class PriorWeights:
    """The hand-built news prior's weights, tuned on the CNN/DailyMail dev set.

    Its parts are features (``opening_plateau``, ``directed_centrality``, ``length_fit``,
    ``speech``), so the learned correction sees them too.
    """

    centrality_weight: float = 0.5
    headline_weight: float = 0.1
    """Bonus for the sentence closest to the headline (scaled by its share of the best match).
    Hand-set: on the dev sets 0.1 changes no score and breaks ties towards the headline's
    point; 0.2 and more cost sentence precision and ROUGE (README, "Summaries")."""
    length_weight: float = 0.2
    speech_weight: float = 0.3
    """Penalty per share of the sentence that is quoted speech: summaries report, quotes colour."""


PRIOR = PriorWeights()


@dataclass(frozen=True)
class NewsScorer:
    """A linear scorer over ``FEATURE_NAMES``: standardised features times coefficients."""

    coefficients: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    weight: float = 1.0
    """How much the learned log-odds count next to the news prior."""
    redundancy: float = REDUNDANCY_WEIGHT
    """How much a pick pays per unit of similarity to a sentence ranked above it."""

    def score(self, features: np.ndarray) -> np.ndarray:
        """The log-odds that an editor would put each sentence in the brief."""
        return ((features - self.mean) / self.scale) @ self.coefficients

    def to_json(self, **extra: object) -> str:
        data = {
            "features": list(FEATURE_NAMES),
            "weight": self.weight,
            "redundancy": self.redundancy,
            "coefficients": [round(float(v), 6) for v in self.coefficients],
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            **extra,
        }
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


@cache
def shipped_scorer() -> NewsScorer:
    """The scorer shipped in the package; its feature list must match the code's."""
    data = json.loads(resources.files(__package__).joinpath(SCORER_FILE).read_text("utf-8"))
    if tuple(data["features"]) != FEATURE_NAMES:
        raise RuntimeError(f"{SCORER_FILE} was trained on other features: retrain it.")
    return NewsScorer(
        np.asarray(data["coefficients"]),
        np.asarray(data["mean"]),
        np.asarray(data["scale"]),
        float(data["weight"]),
        float(data.get("redundancy", REDUNDANCY_WEIGHT)),
    )


def rank_news(
    candidates: Sequence[Candidate],
    title_words: Sequence[str] = (),
    scorer: NewsScorer | None = None,
) -> list[int]:
    """Positions in ``candidates``, best first.

    ``title_words`` are the headline's words when the page or the user gave one: the headline
    states the point, so a sentence that says the same counts for more.
    """
    if not candidates:
        return []
    scorer = scorer or shipped_scorer()
    similarity = similarity_matrix(candidates)
    features = sentence_features(candidates, title_words, similarity)
    scores = prior_scores(candidates, features) + scorer.weight * scorer.score(features)
    order = _diversified_order(scores, similarity, scorer.redundancy)
    return _with_speakers_after_quotes(order, candidates)


def prior_scores(candidates: Sequence[Candidate], features: np.ndarray) -> np.ndarray:
    """The hand-built news prior: opening plateau, directed centrality, the headline's point,
    length, less speech."""
    column = {name: features[:, i] for i, name in enumerate(FEATURE_NAMES)}
    title = column["title"]
    best_title = title.max() if len(title) else 0.0
    return (
        column["opening_plateau"]
        + PRIOR.centrality_weight * column["directed_centrality"]
        + PRIOR.headline_weight * (title / best_title if best_title > 0 else title)
        + PRIOR.length_weight * column["length_fit"]
        - PRIOR.speech_weight * column["speech"]
    )


def similarity_matrix(candidates: Sequence[Candidate]) -> np.ndarray:
    """Cosine similarity of tf-idf vectors, with idf over the article's own sentences.

    Only words that two sentences share can add to their similarity, so the matrix multiplied
    holds those words alone; every word still counts in a sentence's norm.
    """
    counts = [Counter(candidate.content) for candidate in candidates]
    frequency = Counter(word for sentence in counts for word in sentence)
    idf_of = np.log((1 + len(candidates)) / (1 + np.arange(len(candidates) + 1))) + 1.0
    shared = {word: column for column, word in enumerate(w for w, f in frequency.items() if f > 1)}
    matrix = np.zeros((len(candidates), max(len(shared), 1)))
    norms = np.ones(len(candidates))
    for row, sentence in enumerate(counts):
        squares = 0.0
        for word, count in sentence.items():
            weight = count * idf_of[frequency[word]]
            squares += weight * weight
            if word in shared:
                matrix[row, shared[word]] = weight
        norms[row] = np.sqrt(squares) or 1.0
    matrix /= norms[:, None]
    similarity = matrix @ matrix.T
    np.fill_diagonal(similarity, 0.0)
    return similarity


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


def _with_speakers_after_quotes(order: list[int], candidates: Sequence[Candidate]) -> list[int]:
    """Put the sentence after a bare quote right behind it: it names who spoke the quote."""
    result: list[int] = []
    for position in order:
        if position in result:
            continue
        result.append(position)
        following = position + 1
        if (
            following < len(candidates)
            and candidates[following].index == candidates[position].index + 1
            and is_bare_quote(candidates[position].text)
            and following not in result
        ):
            result.append(following)
    return result
