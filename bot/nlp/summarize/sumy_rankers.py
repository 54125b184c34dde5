"""sumy's summarizers, fed with spaCy's sentences and words instead of sumy's NLTK tokenizer.

sumy's own tokenizer needs NLTK's punkt data, which we never download. sumy only asks a
tokenizer for a sentence's words, so each sumy ``Sentence`` gets a tokenizer that already knows
them: the lemmas of the parse we have. A summarizer returns its top N in article order; we pass
a callable as N that records the full list sumy sorted by score, which is the ranking we need.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from bot.nlp.summarize.sentences import Candidate

SUMY_SUMMARIZERS: dict[str, type] = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
    "edmundson": EdmundsonSummarizer,
    "sumbasic": SumBasicSummarizer,
    "kl": KLSummarizer,
}

STIGMA_WORDS = frozenset(
    [
        "allegedly",
        "apparently",
        "hardly",
        "maybe",
        "might",
        "perhaps",
        "reportedly",
        "rumour",
        "rumor",
        "seemingly",
        "supposedly",
        "click",
        "subscribe",
        "newsletter",
        "advertisement",
    ]
)
"""Edmundson's "stigma" cue words: hedges and site furniture that mark a weak sentence."""

EDMUNDSON_KEY_WORDS = 10
"""Edmundson's "bonus" words are the title's words plus the article's most frequent ones."""


class _KnownWords:
    """A sumy tokenizer for one sentence whose words spaCy has already found."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self._words = words

    def to_words(self, text: str) -> tuple[str, ...]:
        return self._words


def rank_with_sumy(
    name: str, candidates: Sequence[Candidate], title_words: Sequence[str] = ()
) -> list[int]:
    """Positions in ``candidates``, best first, as sumy's ``name`` summarizer scores them."""
    sentences = [Sentence(c.text, _KnownWords(c.words)) for c in candidates]
    paragraphs: dict[int, list[Sentence]] = {}
    for candidate, sentence in zip(candidates, sentences, strict=True):
        paragraphs.setdefault(candidate.paragraph, []).append(sentence)
    groups = list(paragraphs.values())
    if title_words and groups:
        heading = Sentence(" ".join(title_words), _KnownWords(tuple(title_words)), is_heading=True)
        groups[0] = [heading, *groups[0]]
    document = ObjectDocumentModel([Paragraph(group) for group in groups])

    ranked: list[Any] = []

    def keep_everything(infos: list[Any]) -> list[Any]:
        ranked.extend(infos)
        return infos

    summarizer = _build(name, candidates, title_words)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # LSA warns on documents with few distinct words.
        summarizer(document, keep_everything)
    position = {id(sentence): i for i, sentence in enumerate(sentences)}
    order = [position[id(info.sentence)] for info in ranked]
    seen = set(order)
    # A summarizer may abstain (LSA on a text with no content words): keep the article's order.
    return order + [i for i in range(len(sentences)) if i not in seen]


def _build(
    name: str, candidates: Sequence[Candidate], title_words: Sequence[str]
) -> Callable[..., Any]:
    summarizer = SUMY_SUMMARIZERS[name]()
    if name == "edmundson":
        frequent = Counter(w for c in candidates for w in c.content)
        summarizer.bonus_words = {w for w in title_words if w not in STOP_WORDS} | {
            w for w, _ in frequent.most_common(EDMUNDSON_KEY_WORDS)
        }
        summarizer.stigma_words = STIGMA_WORDS
        summarizer.null_words = STOP_WORDS
    else:
        summarizer.stop_words = STOP_WORDS
    return summarizer
