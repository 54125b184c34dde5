"""``briefbot eval quotes``: quote spans and speakers against gold quote-attribution data.

Predictions are written in the reference scorer's shape, and the numbers are computed with the
reference scorer itself (``../shared/eval/score_quotes.py``) when it is there, so the table and
the scorer can never disagree; otherwise a small implementation of the same two metrics is used.
"""

from __future__ import annotations

import importlib.util
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from bot.errors import InputError
from bot.nlp.model import load_pipeline
from bot.nlp.quotes import extract_quotes

SCORER_PATHS = (Path("../shared/eval/score_quotes.py"),)
"""Where the reference scorer lives relative to the project; also looked up next to the data."""

Record = dict[str, Any]


def run(data: Path, out: Path | None, limit: int | None) -> int:
    """Predict quotes for every article, print the table, return 0 when no article failed."""
    gold = _read(data, limit)
    predictions, failed, parse_seconds, quote_seconds = _predict(gold)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as handle:
            for record in predictions:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    scores = score(gold, predictions, data)
    added = 100 * quote_seconds / parse_seconds if parse_seconds else 0.0
    print(f"{'metric':28s} {'P':>6s} {'R':>6s} {'F1':>6s}   tp/pred/gold")
    for label, key in (
        ("quote span (overlap)", "span_overlap"),
        ("quote+speaker (name)", "span_overlap+speaker_name"),
    ):
        row = scores[key]
        print(
            f"{label:28s} {row['p']:6.1f} {row['r']:6.1f} {row['f1']:6.1f}   "
            f"{row['tp']}/{row['pred']}/{row['gold']}"
        )
    print(f"articles: {len(gold)}  failed: {failed}")
    print(
        f"time: parse {parse_seconds:.2f} s, quotes {quote_seconds:.2f} s "
        f"(+{added:.1f} % of the parse)"
    )
    return 0 if failed == 0 else 1


def _read(data: Path, limit: int | None) -> list[Record]:
    if not data.is_file():
        raise InputError(f"No quote data at {data}: give a JSONL file of gold records.")
    records = []
    with data.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                records.append(json.loads(line))
            if limit is not None and len(records) >= limit:
                break
    return records


def _predict(gold: list[Record]) -> tuple[list[Record], int, float, float]:
    """Parse with ``nlp.pipe`` (the offsets must match the gold text, so no cleaning)."""
    nlp = load_pipeline()
    predictions: list[Record] = []
    failed = 0
    parse_seconds = quote_seconds = 0.0
    docs = nlp.pipe((record["text"] for record in gold), batch_size=16)
    for record in gold:
        started = time.perf_counter()
        doc = next(docs)
        parsed = time.perf_counter()
        try:
            quotes, _ = extract_quotes(doc)
        except Exception:  # an article that crashes the extractor is counted, not fatal
            failed += 1
            quotes = []
        done = time.perf_counter()
        parse_seconds += parsed - started
        quote_seconds += done - parsed
        predictions.append(
            {
                "id": record["id"],
                "quotes": [
                    {"quote": q.text, "speaker": q.speaker or "", "start": q.start}
                    for q in quotes
                    if q.kind != "other"
                ],
            }
        )
    return predictions, failed, parse_seconds, quote_seconds


def score(gold: list[Record], predictions: list[Record], data: Path) -> dict[str, Any]:
    """The reference scorer's numbers, or the same metrics computed here when it is absent."""
    scorer = _reference_scorer(data)
    if scorer is not None:
        result: dict[str, Any] = scorer.score(gold, predictions)
        return result
    return _own_score(gold, predictions)


def _reference_scorer(data: Path) -> ModuleType | None:
    candidates = [*SCORER_PATHS, data.resolve().parent.parent.parent / "eval/score_quotes.py"]
    for path in candidates:
        if path.is_file():
            spec = importlib.util.spec_from_file_location("score_quotes", path)
            if spec is None or spec.loader is None:
                continue
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    return None


_EDGE = set("\"'“”‘’„«»`´ \t\n\r\u00a0,.;:!?—–-…()[]")
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"}
_PRONOUNS = {"he", "she", "they", "i", "we", "him", "her", "them", "it", "you", "his", "hers"}
_NAME_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’\-.]*")


def _own_score(gold: list[Record], predictions: list[Record]) -> dict[str, Any]:
    """span_overlap and +speaker(name), as the reference scorer defines them (offsets given)."""
    by_id = {record["id"]: record for record in predictions}
    tp = spk = n_pred = n_gold = 0
    for record in gold:
        text = record["text"]
        golds = [(_trim(text, q["start"], q["end"]), q) for q in record.get("quotes", [])]
        preds = [
            (_trim(text, q["start"], q["start"] + len(q["quote"])), q)
            for q in by_id.get(record["id"], {}).get("quotes", [])
        ]
        n_gold += len(golds)
        n_pred += len(preds)
        for g, p in _greedy(golds, preds):
            tp += 1
            spk += _same_speaker(preds[p][1].get("speaker", ""), golds[g][1].get("speaker", ""))
    return {
        "span_overlap": _prf(tp, n_pred, n_gold),
        "span_overlap+speaker_name": _prf(spk, n_pred, n_gold),
    }


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _greedy(golds: list[Any], preds: list[Any]) -> Iterator[tuple[int, int]]:
    pairs = []
    for gi, ((ga, gb), _) in enumerate(golds):
        for pi, ((pa, pb), _) in enumerate(preds):
            overlap = min(gb, pb) - max(ga, pa)
            if overlap > 0 and overlap >= 0.5 * min(gb - ga, pb - pa):
                pairs.append((overlap, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            yield gi, pi


def _same_speaker(predicted: str, gold: str) -> bool:
    """Surnames equal, an unnamed or pronoun prediction never right (the reference's rule)."""
    surname = _surname(predicted)
    return bool(surname) and surname not in _PRONOUNS and surname == _surname(gold)


def _surname(name: str) -> str:
    name = re.sub(r"\([^)]*\)", " ", name or "")
    name = re.sub(r"(?:'s|’s)\b", "", name).split(",")[0]
    words = [w.lower().strip(".'’-") for w in _NAME_WORD.findall(name)]
    words = [w for w in words if w and w not in _SUFFIXES]
    return words[-1] if words else ""


def _prf(tp: int, pred: int, gold: int) -> dict[str, Any]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": 100 * p, "r": 100 * r, "f1": 100 * f, "tp": tp, "pred": pred, "gold": gold}
