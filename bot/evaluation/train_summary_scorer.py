"""Fit the news ranker's scorer on editors' briefs, choosing its knobs by cross-validation.

    python -m bot.evaluation.train_summary_scorer \\
        --extractive ../shared/data/news/news_dev_briefs.jsonl \\
        --abstractive ../shared/data/summaries/cnndm_dev.jsonl

Every article is cleaned and parsed as ``analyze`` does it. A candidate sentence is labelled 1
when it is one of the editor's sentences (``--extractive`` data, matched as the reference
scorer matches them) or, for human highlights written in other words (``--abstractive``), when
it is in the greedy ROUGE oracle: the sentences that, added one by one, raise ROUGE-1 + ROUGE-2
against the highlights most.

The model is an L2-regularised logistic regression over ``features.FEATURE_NAMES``, fitted by
Newton's method in numpy: a few dozen numbers, no new dependency. Its knobs (the penalty, the
weight of the abstractive articles, how much the learned log-odds count next to the news prior,
and how much a pick pays for repeating the sentences ranked above it) are chosen by 5-fold
cross-validation over articles (never sentences: a fold holds unseen articles), scoring whole
summaries (ranking, then the summary rules): the best sentence precision on the extractive data
among the settings whose cross-validated ROUGE-1 on the abstractive data stays at or above
LEAD-3's. The file written holds the weights and the numbers, on the data fitted and
cross-validated.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from bot.evaluation.summaries import sentence_precision
from bot.models import Article
from bot.nlp.analyze import AnalysisOptions, prepare_text
from bot.nlp.model import load_pipeline
from bot.nlp.summarize import RANKED_LIMIT, select_summary
from bot.nlp.summarize.features import FEATURE_NAMES, headline_words, sentence_features
from bot.nlp.summarize.news import SCORER_FILE, NewsScorer, rank_news, similarity_matrix
from bot.nlp.summarize.sentences import Candidate, candidate_sentences

STRENGTHS = (3.0, 10.0, 30.0)
"""The L2 penalties tried (on standardised features)."""
ABSTRACTIVE_WEIGHTS = (0.5, 1.0)
"""How much an article labelled by the ROUGE oracle counts next to one an editor labelled."""
LEARNED_WEIGHTS = (0.0, 0.05, 0.1, 0.2, 0.4, 1.0)
"""How much the learned log-odds count next to the hand-built news prior (0: the prior alone)."""
REDUNDANCY_WEIGHTS = (0.4, 0.8)
"""How much a pick pays for its similarity to the sentences ranked above it (MMR's lambda)."""
FOLDS = 5
REQUIRED_ROUGE_GAIN = 0.0
"""Cross-validated ROUGE-1 over LEAD-3 (points) a setting must keep on the abstractive data."""
ORACLE_SENTENCES = 3


@dataclass
class Example:
    """One article: its candidates, their features and the editor's choice."""

    id: str
    extractive: bool
    candidates: list[Candidate]
    title_words: list[str]
    features: np.ndarray
    labels: np.ndarray
    reference: list[str]
    lead: list[str]
    """LEAD-3 as ``briefbot eval summaries`` takes it: the parse's first three sentences."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extractive", type=Path, action="append", default=[])
    parser.add_argument("--abstractive", type=Path, action="append", default=[])
    parser.add_argument("--out", type=Path, default=_shipped_path())
    args = parser.parse_args(argv)
    logging.getLogger("absl").setLevel(logging.WARNING)
    examples = [
        *(e for path in args.extractive for e in load_examples(path, extractive=True)),
        *(e for path in args.abstractive for e in load_examples(path, extractive=False)),
    ]
    report = train(examples)
    scorer = report.pop("scorer")
    trained_on = [p.name for p in [*args.extractive, *args.abstractive]]
    args.out.write_text(scorer.to_json(**report, trained_on=trained_on), "utf-8")
    print(json.dumps(report, indent=1))
    return 0


def _shipped_path() -> Path:
    return Path(__file__).resolve().parents[1] / "nlp" / "summarize" / SCORER_FILE


def load_examples(path: Path, *, extractive: bool) -> list[Example]:
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    options = AnalysisOptions()
    texts = []
    for record in records:
        article = Article(text=record["text"], title=record.get("title") or "")
        article, body = prepare_text(article, options)
        record["title"] = article.title
        texts.append(body)
    docs = load_pipeline().pipe(texts, batch_size=16)
    return build_examples(records, list(docs), extractive=extractive)


def build_examples(
    records: Sequence[dict], docs: Sequence[Doc], *, extractive: bool
) -> list[Example]:
    scorer = _rouge()
    examples = []
    for record, doc in zip(records, docs, strict=True):
        candidates = candidate_sentences(doc)
        if not candidates:
            continue
        title_words = headline_words(record.get("title") or "")
        reference = [str(s) for s in record["reference"] if str(s).strip()]
        features = sentence_features(candidates, title_words, similarity_matrix(candidates))
        if extractive:
            labels = [sentence_precision([c.text], reference) for c in candidates]
        else:
            labels = _oracle_labels(candidates, reference, scorer)
        examples.append(
            Example(
                str(record["id"]),
                extractive,
                candidates,
                title_words,
                features,
                np.asarray(labels, dtype=float),
                reference,
                [sent.text.strip() for sent in doc.sents if sent.text.strip()][:3],
            )
        )
    return examples


def _oracle_labels(candidates: Sequence[Candidate], reference: list[str], scorer: Any) -> list[int]:
    """The greedy ROUGE oracle: add the sentence that raises R1 + R2 most, until none does."""
    target = "\n".join(reference)
    picked: list[int] = []
    best = 0.0
    while len(picked) < ORACLE_SENTENCES:
        gains = {}
        for i in range(len(candidates)):
            if i not in picked:
                summary = "\n".join(candidates[j].text for j in sorted([*picked, i]))
                scores = scorer.score(target, summary)
                gains[i] = scores["rouge1"].fmeasure + scores["rouge2"].fmeasure
        if not gains or max(gains.values()) <= best:
            break
        choice = max(gains, key=gains.__getitem__)
        best = gains[choice]
        picked.append(choice)
    return [int(i in picked) for i in range(len(candidates))]


def train(examples: Sequence[Example]) -> dict[str, Any]:
    """Choose the knobs by cross-validation; fit on all examples with them."""
    extractive = [e for e in examples if e.extractive]
    abstractive = [e for e in examples if not e.extractive]
    folds = [extractive[k::FOLDS] + abstractive[k::FOLDS] for k in range(FOLDS)]
    rouge = _rouge()
    lead = {e.id: _rouge1(rouge, e, e.lead) for e in abstractive}
    results = {}
    for strength, weight in itertools.product(STRENGTHS, ABSTRACTIVE_WEIGHTS):
        fitted = [
            fit([e for i, fold in enumerate(folds) if i != k for e in fold], strength, weight)
            for k in range(FOLDS)
        ]
        for learned, redundancy in itertools.product(LEARNED_WEIGHTS, REDUNDANCY_WEIGHTS):
            summaries = [
                (e, summarize_example(e, replace(fitted[k], weight=learned, redundancy=redundancy)))
                for k in range(FOLDS)
                for e in folds[k]
            ]
            results[(strength, weight, learned, redundancy)] = _measure(summaries, rouge, lead)
    allowed = [k for k, r in results.items() if r["rouge1_gain"] >= REQUIRED_ROUGE_GAIN]
    if allowed:
        best = max(allowed, key=lambda k: (results[k]["precision"], results[k]["rouge1_gain"]))
    else:  # No setting keeps the bar: the one that comes closest.
        best = max(results, key=lambda k: (results[k]["rouge1_gain"], results[k]["precision"]))
    scorer = replace(fit(examples, best[0], best[1]), weight=best[2], redundancy=best[3])
    on_fitted = _measure([(e, summarize_example(e, scorer)) for e in examples], rouge, lead)
    return {
        "scorer": scorer,
        "articles": {"extractive": len(extractive), "abstractive": len(abstractive)},
        "l2": best[0],
        "abstractive_weight": best[1],
        "learned_weight": best[2],
        "redundancy_weight": best[3],
        "cross_validated": results[best],
        "fitted": on_fitted,
        "cross_validated_grid": {
            f"l2={k[0]} abstractive={k[1]} learned={k[2]} redundancy={k[3]}": v
            for k, v in results.items()
        },
    }


def _measure(
    summaries: list[tuple[Example, list[str]]], rouge: Any, lead: dict[str, float]
) -> dict[str, float]:
    """Sentence precision on extractive data; ROUGE-1 gain over LEAD-3 on abstractive data."""
    precision = [sentence_precision(s, e.reference) for e, s in summaries if e.extractive]
    gains = [_rouge1(rouge, e, s) - lead[e.id] for e, s in summaries if not e.extractive]
    return {
        "precision": round(100 * float(np.mean(precision)), 2) if precision else 0.0,
        "rouge1_gain": round(100 * float(np.mean(gains)), 2) if gains else 0.0,
    }


def fit(examples: Sequence[Example], strength: float, weight: float = 1.0) -> NewsScorer:
    """L2-regularised, weighted logistic regression by Newton's method on standardised features."""
    features = np.vstack([e.features for e in examples])
    labels = np.concatenate([e.labels for e in examples])
    sample = np.concatenate(
        [np.full(len(e.labels), 1.0 if e.extractive else weight) for e in examples]
    )
    mean, scale = features.mean(axis=0), features.std(axis=0)
    constant = scale < 1e-9
    mean[constant], scale[constant] = 0.0, 1.0
    x = (features - mean) / scale
    penalty = np.full(x.shape[1], strength)
    penalty[list(FEATURE_NAMES).index("bias")] = 0.0
    weights = np.zeros(x.shape[1])
    for _ in range(30):
        probability = 1.0 / (1.0 + np.exp(-(x @ weights)))
        gradient = x.T @ (sample * (probability - labels)) + penalty * weights
        curvature = sample * probability * (1 - probability)
        hessian = (x * curvature[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(len(weights))
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return NewsScorer(weights, mean, scale)


def summarize_example(example: Example, scorer: NewsScorer) -> list[str]:
    """The summary ``analyze`` would give with this scorer: ranking, then the summary rules."""
    options = AnalysisOptions()
    order = rank_news(example.candidates, example.title_words, scorer)
    ranked = [example.candidates[i].as_summary_sentence() for i in order[:RANKED_LIMIT]]
    summary = select_summary(ranked, sentences=options.sentences, words=options.words)
    return [s.text for s in summary]


def _rouge1(rouge: Any, example: Example, summary: list[str]) -> float:
    return float(rouge.score("\n".join(example.reference), "\n".join(summary))["rouge1"].fmeasure)


def _rouge() -> Any:
    from rouge_score import rouge_scorer  # a dev dependency: training is a developer's job

    return rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)


if __name__ == "__main__":
    raise SystemExit(main())
