"""``briefbot eval summaries``: ROUGE of our summaries, the lead and sumy's, on one parse each.

Every story is cleaned and parsed once, the way ``analyze`` does it (``nlp.pipe``); every
system then ranks the same parsed sentences, so the table compares rankers and nothing else.
Scores use Google's ``rouge-score`` with the settings of ``../shared/eval/score_summaries.py``
(Porter stemming, F1 averaged over stories, summary sentences joined by newlines for ROUGE-Lsum),
so the ``news`` row equals what that scorer prints for the ``--out`` file.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from bot.errors import BriefbotError, InputError
from bot.models import Article
from bot.nlp.analyze import AnalysisOptions, prepare_text
from bot.nlp.model import load_pipeline
from bot.nlp.summarize import rank_sentences, select_summary

DEFAULT = "news"
SUMY_SHOWN = ("lexrank", "textrank", "lsa", "luhn", "edmundson", "sumbasic", "kl")
TARGET_R1_GAIN = 1.0
"""The bar on abstractive highlights (CNN/DailyMail): the default beats LEAD-3 by a full ROUGE-1
point and loses on nothing."""
BRIEF_TARGET_R1_GAIN = 3.0
BRIEF_TARGET_PRECISION = 70.0
"""The bars on editors' extractive briefs: most of our sentences are the editor's own, and
ROUGE-1 well above the lead."""
ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")
_TOKEN = re.compile(r"[a-z0-9]+")

Record = dict[str, Any]
Summarizer = Callable[[Doc, str], list[str]]
"""Takes the parse and the headline (empty when the data has none); returns the summary."""


@dataclass
class SystemScore:
    """Running totals of one system over the stories."""

    f1: dict[str, float] = field(default_factory=lambda: dict.fromkeys(ROUGE_TYPES, 0.0))
    sentence_precision: float = 0.0
    words: int = 0
    seconds: float = 0.0


def run(data: Path, out: Path | None, limit: int | None) -> int:
    """Score every system on ``data``, print one table, write the default's predictions."""
    scorer = _rouge_scorer()
    gold = _read(data, limit)
    options = AnalysisOptions()
    nlp = load_pipeline()
    texts, failed = _prepared_texts(gold, options)
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse_seconds = time.perf_counter() - started

    systems = _systems(options)
    totals = {name: SystemScore() for name in systems}
    predictions: list[Record] = []
    for record, doc in zip(gold, docs, strict=True):
        reference = "\n".join(record["reference"])
        for name, summarizer in systems.items():
            started = time.process_time()  # CPU time: other work on the machine does not count
            summary = summarizer(doc, record["title"])
            totals[name].seconds += time.process_time() - started
            totals[name].words += sum(len(sentence.split()) for sentence in summary)
            scores = scorer.score(reference, "\n".join(summary))
            for kind in ROUGE_TYPES:
                totals[name].f1[kind] += scores[kind].fmeasure
            totals[name].sentence_precision += sentence_precision(summary, record["reference"])
            if name == DEFAULT:
                predictions.append({"id": str(record["id"]), "summary": summary})

    if out is not None:
        _write(out, predictions)
    _print_table(totals, len(gold), parse_seconds, extractive=_extractive(gold, texts))
    if failed:
        print(f"stories refused by the engine (scored as empty summaries): {failed}")
    return 0 if failed == 0 else 1


def _prepared_texts(gold: list[Record], options: AnalysisOptions) -> tuple[list[str], int]:
    """Each story cleaned as ``analyze`` cleans it; a story the engine refuses becomes empty."""
    texts: list[str] = []
    failed = 0
    for record in gold:
        record["title"] = str(record.get("title") or "")
        try:
            article = Article(text=str(record["text"]), title=record["title"])
            article, text = prepare_text(article, options)
            record["title"] = article.title
            texts.append(text)
        except InputError:
            texts.append("")
            failed += 1
    return texts, failed


def _systems(options: AnalysisOptions) -> dict[str, Summarizer]:
    """Our default, the bare lead, the lead under our summary rules, and sumy's algorithms."""

    def ranked_by(algorithm: str) -> Summarizer:
        def summarize(doc: Doc, title: str) -> list[str]:
            ranked = rank_sentences(doc, algorithm=algorithm, title=title)
            summary = select_summary(ranked, sentences=options.sentences, words=options.words)
            return [sentence.text for sentence in summary]

        return summarize

    return {
        DEFAULT: ranked_by(DEFAULT),
        "lead-3": _lead_three,
        "lead": ranked_by("lead"),
        **{name: ranked_by(name) for name in SUMY_SHOWN},
    }


def _lead_three(doc: Doc, title: str = "") -> list[str]:
    """The standard LEAD-3 baseline: the first three sentences of the parse, no rules."""
    sentences = (sentence.text.strip() for sentence in doc.sents)
    return [sentence for sentence in sentences if sentence][:3]


def _extractive(gold: list[Record], texts: list[str]) -> bool:
    """Whether the references are sentences of the articles (an editor's brief), not
    highlights written in other words: most of them stand in the text as written."""
    found = total = 0
    for record, text in zip(gold, texts, strict=True):
        for sentence in record["reference"]:
            total += 1
            found += sentence.strip() in text
    return total > 0 and found >= 0.8 * total


def _print_table(
    totals: dict[str, SystemScore], count: int, parse_seconds: float, *, extractive: bool
) -> None:
    labels = {
        DEFAULT: "news (ours, default)",
        "lead-3": "LEAD-3",
        "lead": "lead + summary rules",
    }
    print(
        f"{'system':22s} {'R1':>6s} {'R2':>6s} {'RLsum':>6s} {'sentP':>6s} {'words':>6s} "
        f"{'cpu ms/art':>11s}"
    )
    for name, total in totals.items():
        r1, r2, rlsum = (100 * total.f1[kind] / count for kind in ROUGE_TYPES)
        label = labels.get(name, f"sumy {name}")
        print(
            f"{label:22s} {r1:6.2f} {r2:6.2f} {rlsum:6.2f} "
            f"{100 * total.sentence_precision / count:6.2f} {total.words / count:6.1f} "
            f"{1000 * total.seconds / count:11.2f}"
        )
    print(
        f"stories: {count}; one parse each with nlp.pipe: {parse_seconds:.1f} s "
        f"({1000 * parse_seconds / count:.0f} ms/article); cpu ms/art above is ranking + rules"
    )
    target = _brief_target_line if extractive else _target_line
    print(target(totals["news"], totals["lead-3"], count))


def _brief_target_line(ours: SystemScore, lead: SystemScore, count: int) -> str:
    gain = 100 * (ours.f1["rouge1"] - lead.f1["rouge1"]) / count
    precision = 100 * ours.sentence_precision / count
    met = precision >= BRIEF_TARGET_PRECISION and gain >= BRIEF_TARGET_R1_GAIN - 1e-9
    return (
        f"target (editor's sentences ≥ {BRIEF_TARGET_PRECISION:.0f} %, R1 ≥ LEAD-3 + "
        f"{BRIEF_TARGET_R1_GAIN:.1f}): {'met' if met else 'NOT met'} — sentence precision "
        f"{precision:.2f} %, R1 {gain:+.2f}"
    )


def _target_line(ours: SystemScore, lead: SystemScore, count: int) -> str:
    gain = {kind: 100 * (ours.f1[kind] - lead.f1[kind]) / count for kind in ROUGE_TYPES}
    met = gain["rouge1"] >= TARGET_R1_GAIN - 1e-9 and gain["rouge2"] >= 0 and gain["rougeLsum"] >= 0
    return (
        f"target (R1 ≥ LEAD-3 + {TARGET_R1_GAIN:.1f}, R2 and RLsum ≥ LEAD-3): "
        f"{'met' if met else 'NOT met'} — R1 {gain['rouge1']:+.2f}, R2 {gain['rouge2']:+.2f}, "
        f"RLsum {gain['rougeLsum']:+.2f}"
    )


def sentence_precision(summary: Sequence[str], reference: Sequence[str]) -> float:
    """Share of the summary's sentences that are the editor's, as ``score_summaries.py`` counts.

    Meaningful where the reference is extractive (``news_dev_briefs.jsonl``): a sentence counts
    when it lies inside a reference sentence, or holds one that covers 80 % of its words (an
    editor who left a dateline out).
    """
    mine = [_normalised(sentence) for sentence in summary]
    mine = [sentence for sentence in mine if sentence.strip()]
    theirs = [n for n in (_normalised(sentence) for sentence in reference) if n.strip()]
    if not mine or not theirs:
        return 0.0
    return sum(is_editors(sentence, theirs) for sentence in mine) / len(mine)


def is_editors(normalised: str, reference: Sequence[str]) -> bool:
    """One normalised sentence against normalised reference sentences (the scorer's match)."""
    words = len(normalised.split())
    return any(
        normalised in other or (other in normalised and len(other.split()) >= 0.8 * words)
        for other in reference
    )


def _normalised(sentence: str) -> str:
    return " " + " ".join(_TOKEN.findall(sentence.lower())) + " "


def _rouge_scorer() -> Any:
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        raise BriefbotError(
            "Scoring summaries needs the rouge-score package: pip install -e '.[dev]'."
        ) from None
    logging.getLogger("absl").setLevel(logging.WARNING)  # "Using default tokenizer." per run
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)


def _read(data: Path, limit: int | None) -> list[Record]:
    """Gold stories: ``{"id", "text", "reference": [sentence, ...]}`` per line, and ``title``
    where the data has the page's headline (``news_dev_briefs.jsonl``): the ranker reads it as
    ``analyze`` reads a page's title."""
    if not data.is_file():
        raise InputError(f"No summary data at {data}: give a JSONL file of stories.")
    records: list[Record] = []
    with data.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            records.append(_record(line, number, data))
            if limit is not None and len(records) >= limit:
                break
    if not records:
        raise InputError(f"{data} holds no stories.")
    return records


def _record(line: str, number: int, data: Path) -> Record:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        raise InputError(f"{data}, line {number}: not valid JSON.") from None
    if not isinstance(record, dict) or not {"id", "text", "reference"} <= record.keys():
        raise InputError(f"{data}, line {number}: a story needs id, text and reference.")
    reference = record["reference"]
    if isinstance(reference, str):
        reference = reference.split("\n")
    record["reference"] = _non_empty(reference)
    return record


def _non_empty(sentences: Sequence[Any]) -> list[str]:
    """Reference sentences as the reference scorer reads them: strings, blank ones dropped."""
    return [str(sentence) for sentence in sentences if str(sentence).strip()]


def _write(out: Path, predictions: list[Record]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for record in predictions:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
