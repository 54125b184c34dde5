"""Extractive summaries from one parse: rank the sentences, then apply the summary rules.

``rank_sentences`` runs one ranker (our news ranker by default, the lead, or one of sumy's
algorithms) over the filtered sentences of a parsed article; ``select_summary`` turns a
ranking into a summary. ``Analysis.ranked`` stores the ranking, so another summary length is a
call to ``select_summary`` and never a new parse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from spacy.tokens import Doc

from bot.errors import InputError
from bot.models import SummarySentence
from bot.nlp.summarize.features import headline_words
from bot.nlp.summarize.news import rank_news
from bot.nlp.summarize.selection import opens_on_missing_antecedent, select_summary
from bot.nlp.summarize.sentences import Candidate, candidate_sentences
from bot.nlp.summarize.sumy_rankers import SUMY_SUMMARIZERS, rank_with_sumy

Ranker = Callable[[Sequence[Candidate], Sequence[str]], list[int]]
"""Takes the candidates and the title's words; returns candidate positions, best first."""


def rank_lead(candidates: Sequence[Candidate], title_words: Sequence[str] = ()) -> list[int]:
    """The article's own order: the baseline every news summarizer must beat."""
    return list(range(len(candidates)))


RANKERS: dict[str, Ranker] = {
    "news": rank_news,
    "lead": rank_lead,
    **{name: partial(rank_with_sumy, name) for name in SUMY_SUMMARIZERS},
}

ALGORITHMS: tuple[str, ...] = tuple(RANKERS)
"""Every algorithm name ``--algorithm`` accepts; ``news`` is the default."""

RANKED_LIMIT = 10
CANDIDATE_LIMIT = 500
"""Sentences a ranker compares, from the start (a 10,000-word article has about 500): rankers
compare every pair, so time and memory grow with the square of this."""

__all__ = [
    "ALGORITHMS",
    "RANKED_LIMIT",
    "opens_on_missing_antecedent",
    "rank_sentences",
    "select_summary",
    "summarize",
]


def rank_sentences(
    doc: Doc, *, algorithm: str = "news", title: str = "", limit: int = RANKED_LIMIT
) -> list[SummarySentence]:
    """The ``limit`` best sentences of ``doc`` by ``algorithm``, best first.

    Sentences under five words and boilerplate never appear, whatever the algorithm.
    """
    ranker = RANKERS.get(algorithm)
    if ranker is None:
        raise InputError(f"Unknown algorithm {algorithm!r}; choose one of: {', '.join(RANKERS)}.")
    candidates = candidate_sentences(doc)[:CANDIDATE_LIMIT]
    if not candidates:
        return []
    title_words = headline_words(title)
    order = ranker(candidates, title_words)
    return [candidates[i].as_summary_sentence() for i in order[:limit]]


def summarize(
    doc: Doc, *, sentences: int = 3, words: int = 90, algorithm: str = "news", title: str = ""
) -> list[SummarySentence]:
    """The summary of ``doc``: ``select_summary`` over ``rank_sentences``."""
    ranked = rank_sentences(doc, algorithm=algorithm, title=title)
    return select_summary(ranked, sentences=sentences, words=words)
