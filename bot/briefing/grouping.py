"""Which articles tell the same story: shared names plus similar wording, clustered.

Two signals, both computed over the window's own articles so that rare words and rare names
count most: a TF-IDF cosine over the words of each article's title and opening, and an
IDF-weighted overlap of the names it mentions (quoted speakers and capitalised phrases such as
people and places). A shared name alone ("Berlin") or shared vocabulary alone ("rates rose") is
not enough; both together are. Articles are then joined by average-linkage clustering, which,
unlike joining any two similar articles, does not chain unrelated stories through one bridge.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.models import Analysis

TEXT_WEIGHT = 0.55
NAME_WEIGHT = 0.45
SAME_STORY = 0.28
"""Average similarity above which two groups of articles are one story (tuned on the tests)."""
OPENING_CHARS = 2500
"""News puts the story in its first paragraphs; later ones drift to background and asides."""

_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[0-9]+(?:[.,][0-9]+)?")
_NAME = re.compile(
    r"(?<![\w’'])(?:[A-Z][\w’'.-]*[a-z0-9])(?:\s+(?:(?:de|da|del|der|van|von|al|bin|la|le)\s+)?"
    r"[A-Z][\w’'.-]*[a-z0-9])*"
)
_SENTENCE_END = frozenset('.!?:;"“”\n')

_STOP_WORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each even few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just last later like made make many may me might more most much must my myself new no nor
    not now of off on once one only or other our ours ourselves out over own per said same says she
    should since so some still such than that the their theirs them themselves then there these
    they this those through to too two under until up upon us very was we were what when where
    which while who whom why will with would year years yet you your yours yourself told according
    week day days monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december mr mrs ms dr"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True)
class ArticleFeatures:
    """What grouping looks at in one article: weighted words and the names it mentions."""

    words: Counter[str]
    names: frozenset[str]


def article_features(analysis: Analysis, fallback_text: str = "") -> ArticleFeatures:
    """Words and names of one article; the title counts twice, the opening once."""
    body = (analysis.text or fallback_text)[:OPENING_CHARS]
    words = Counter(_words(analysis.title) * 2 + _words(body))
    names = set(_names(analysis.title)) | set(_names(body))
    for speaker in analysis.speakers:
        if speaker.kind != "unknown":
            names.add(_normalise_name(speaker.name))
    return ArticleFeatures(words=words, names=frozenset(n for n in names if n))


def similarity_matrix(features: Sequence[ArticleFeatures]) -> np.ndarray:
    """Pairwise story similarity in [0, 1]: words and names, each weighted by rarity."""
    n = len(features)
    if n == 0:
        return np.zeros((0, 0))
    word_vectors = _tfidf_rows([f.words for f in features])
    name_vectors = _tfidf_rows([Counter(dict.fromkeys(f.names, 1)) for f in features])
    text = word_vectors @ word_vectors.T
    names = name_vectors @ name_vectors.T
    combined = TEXT_WEIGHT * text + NAME_WEIGHT * names
    np.fill_diagonal(combined, 1.0)
    return combined


def cluster(similarity: np.ndarray, threshold: float = SAME_STORY) -> list[list[int]]:
    """Average-linkage clusters of article indices; each cluster lists its members in order."""
    n = similarity.shape[0]
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    if n < 2:
        return list(groups.values())
    linkage = similarity.astype(float).copy()
    np.fill_diagonal(linkage, -np.inf)
    sizes = np.ones(n)
    while True:
        best = int(np.argmax(linkage))
        i, j = divmod(best, n)
        if linkage[i, j] < threshold:
            break
        # Average linkage: the merged row is the size-weighted mean of the two rows.
        merged = (sizes[i] * linkage[i] + sizes[j] * linkage[j]) / (sizes[i] + sizes[j])
        linkage[i, :] = merged
        linkage[:, i] = merged
        linkage[i, i] = -np.inf
        linkage[j, :] = -np.inf
        linkage[:, j] = -np.inf
        sizes[i] += sizes[j]
        groups[i].extend(groups.pop(j))
    return [sorted(members) for _, members in sorted(groups.items())]


def group_articles(features: Sequence[ArticleFeatures]) -> tuple[list[list[int]], np.ndarray]:
    """Cluster articles into stories; also returns the similarity matrix for later ranking."""
    similarity = similarity_matrix(features)
    return cluster(similarity), similarity


def word_overlap(first: str, second: str) -> float:
    """Share of content words two sentences have in common (0 to 1), to avoid repeating."""
    a, b = set(_words(first)), set(_words(second))
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _tfidf_rows(rows: Sequence[Counter[str]]) -> np.ndarray:
    """Unit-length TF-IDF rows (sublinear term frequency) over the given documents."""
    vocabulary: dict[str, int] = {}
    document_frequency: Counter[str] = Counter()
    for row in rows:
        document_frequency.update(row.keys())
        for term in row:
            vocabulary.setdefault(term, len(vocabulary))
    matrix = np.zeros((len(rows), max(1, len(vocabulary))))
    total = len(rows)
    for r, row in enumerate(rows):
        for term, count in row.items():
            df = document_frequency[term]
            if df == total and total > 1:
                continue  # in every article: says nothing about which story it tells
            idf = math.log((1 + total) / (1 + df)) + 1.0
            matrix[r, vocabulary[term]] = (1.0 + math.log(count)) * idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def _words(text: str) -> list[str]:
    """Lower-cased content words with a crude plural fold ("rates" and "rate" match)."""
    words = []
    for word in _WORD.findall(text.lower().replace("’", "'")):
        word = word.removesuffix("'s")
        if word in STOP_WORDS or len(word) < 3:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return words


def _names(text: str) -> list[str]:
    """Capitalised phrases (people, places, organisations), minus sentence-initial words."""
    names = []
    for match in _NAME.finditer(text):
        phrase = match.group(0)
        tokens = phrase.split()
        while tokens and tokens[0].lower() in STOP_WORDS:
            tokens.pop(0)
        if not tokens:
            continue
        if len(tokens) == 1 and tokens[0] == phrase and _starts_sentence(text, match.start()):
            continue  # "Officials said…": capitalised only because a sentence starts there
        names.append(_normalise_name(" ".join(tokens)))
    return names


def _starts_sentence(text: str, position: int) -> bool:
    before = text[max(0, position - 8) : position].rstrip(" \t")
    return (not before and position < 8) or (bool(before) and before[-1] in _SENTENCE_END)


def _normalise_name(name: str) -> str:
    return re.sub(r"['’]s$", "", name.strip()).casefold()
