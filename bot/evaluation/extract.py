"""``briefbot eval extract``: article extraction on saved pages, scored the benchmarks' own way.

Every page goes through ``extract_page`` — the bot's own path — as a ``FetchedPage`` built from
the saved file, so charset handling, the readability fallback and the teaser check are measured
too; a page the bot refuses counts as an empty extraction. Two benchmarks, each with its metric:

* ScrapingHub: 4-word shingles of the extracted text against the true body, precision and
  recall averaged over pages, F1 from those averages.
* trafilatura's set: whitespace-normalised substring match of the snippets a page must (and
  must not) contain, counts summed over the corpus; plus headline exact match, and dates: the
  share right on dated pages, the share right on all annotated pages (undated ones must come
  out empty), and how many undated pages got a date anyway.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.errors import BriefbotError, InputError
from bot.ingest.extract import extract_page, prepare
from bot.ingest.page import FetchedPage
from bot.models import Article

TARGETS = "targets: ScrapingHub F1 ≥ 0.96, title ≥ 0.68, date ≥ 0.85, every page < 2000 ms"
_TOKEN = re.compile(r"\w+")


@dataclass
class Page:
    """One saved page and its gold annotation."""

    key: str
    url: str
    html: bytes
    gold: dict[str, Any]


@dataclass
class Result:
    """What the bot extracted from one page, and how long it took."""

    page: Page
    article: Article | None
    refused: str = ""
    wall_ms: float = 0.0
    cpu_ms: float = 0.0


@dataclass
class Report:
    """One benchmark's numbers, ready to print."""

    name: str
    metric: str
    precision: float
    recall: float
    f1: float
    results: list[Result] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)


def run(data: Path, out: Path | None, limit: int | None) -> int:
    """Score every benchmark found under ``data``; print one table; 0 unless a page crashed."""
    loaders = {"scrapinghub": _scrapinghub_pages, "trafilatura": _trafilatura_pages}
    found = [name for name in loaders if (data / name).is_dir()]
    if not found:
        raise InputError(
            f"No extraction benchmarks under {data} (expected scrapinghub/, trafilatura/)."
        )
    started = time.perf_counter()
    prepare()
    print(f"start-up (once per worker process): {time.perf_counter() - started:.1f} s")
    reports = []
    for name in found:
        results = [_extract(page) for page in loaders[name](data / name, limit)]
        scorer = _score_scrapinghub if name == "scrapinghub" else _score_trafilatura
        reports.append(scorer(results))
    _print(reports)
    if out is not None:
        _write(out, reports)
    return 0


def _scrapinghub_pages(folder: Path, limit: int | None) -> Iterator[Page]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth)[:limit]:
        html = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        yield Page(key, truth[key].get("url", ""), html, truth[key])


def _trafilatura_pages(folder: Path, limit: int | None) -> Iterator[Page]:
    annotations = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    for url in list(annotations)[:limit]:
        gold = annotations[url]
        for sub in ("eval", "cache"):
            path = folder / sub / f"{gold['file']}.gz"
            if path.is_file():
                yield Page(gold["file"], url.strip(), gzip.decompress(path.read_bytes()), gold)
                break


def _extract(page: Page) -> Result:
    fetched = FetchedPage(page.url, page.url, 200, "text/html", page.html, None)
    started, started_cpu = time.perf_counter(), time.process_time()
    try:
        article, refused = extract_page(fetched), ""
    except BriefbotError as error:
        article, refused = None, error.message
    wall = 1000 * (time.perf_counter() - started)
    cpu = 1000 * (time.process_time() - started_cpu)
    return Result(page, article, refused, wall, cpu)


def _text(result: Result) -> str:
    return result.article.text if result.article else ""


def _score_scrapinghub(results: list[Result]) -> Report:
    precisions, recalls = [], []
    for result in results:
        tp, fp, fn = _shingle_counts(result.page.gold.get("articleBody", ""), _text(result))
        if tp + fp > 0:
            precisions.append(1.0 if fp == fn == 0 else tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(1.0 if fp == fn == 0 else tp / (tp + fn))
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    return Report(
        "scrapinghub", "4-gram shingles", precision, recall, _f1(precision, recall), results
    )


def _shingle_counts(true: str, predicted: str) -> tuple[float, float, float]:
    """Shingle TP/FP/FN for one page, normalised to sum to 1 so long pages weigh no more."""
    gold, guess = _shingles(true), _shingles(predicted)
    tp = sum((gold & guess).values())
    fp = sum((guess - gold).values())
    fn = sum((gold - guess).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def _score_trafilatura(results: list[Result]) -> Report:
    tp = fp = fn = 0
    titles_right = titles = 0
    dated_right = dated = annotated_right = annotated = invented = undated = 0
    for result in results:
        gold, text = result.page.gold, _normalise(_text(result))
        hits = [_normalise(snippet) in text for snippet in gold.get("with", [])]
        tp += sum(hits)
        fn += len(hits) - sum(hits)
        fp += sum(_normalise(snippet) in text for snippet in gold.get("without", []))
        article = result.article
        if gold.get("title"):
            titles += 1
            titles_right += _normalise(article.title if article else "") == _normalise(
                gold["title"]
            )
        if "date" in gold:
            predicted = (article.published if article else "")[:10]
            annotated += 1
            annotated_right += predicted == gold["date"]
            if gold["date"]:
                dated += 1
                dated_right += predicted == gold["date"]
            else:
                undated += 1
                invented += bool(predicted)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    report = Report("trafilatura", "snippets", precision, recall, _f1(precision, recall), results)
    report.extra = {
        "title": f"{titles_right / max(1, titles):.3f} ({titles_right}/{titles})",
        "date (dated pages)": f"{dated_right / max(1, dated):.3f} ({dated_right}/{dated})",
        "date (all annotated)": f"{annotated_right / max(1, annotated):.3f} "
        f"({annotated_right}/{annotated})",
        "invented dates": f"{invented} of {undated} undated pages",
    }
    return report


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _print(reports: list[Report]) -> None:
    header = f"{'benchmark':12s} {'pages':>5s} {'metric':16s} {'P':>6s} {'R':>6s} {'F1':>6s}"
    header += f" {'ms mean':>8s} {'ms max':>7s} {'cpu max':>8s} {'refused':>7s}"
    print(header)
    for report in reports:
        wall = [result.wall_ms for result in report.results]
        cpu = [result.cpu_ms for result in report.results]
        refused = sum(1 for result in report.results if result.article is None)
        print(
            f"{report.name:12s} {len(report.results):5d} {report.metric:16s} "
            f"{report.precision:6.3f} {report.recall:6.3f} {report.f1:6.3f} "
            f"{statistics.fmean(wall):8.1f} {max(wall):7.0f} {max(cpu):8.0f} {refused:7d}"
        )
    for report in reports:
        for label, value in report.extra.items():
            print(f"{report.name} {label}: {value}")
    print(TARGETS)


def _write(out: Path, reports: list[Report]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for report in reports:
            for result in report.results:
                record = {
                    "benchmark": report.name,
                    "id": result.page.key,
                    "url": result.page.url,
                    "refused": result.refused,
                    "wall_ms": round(result.wall_ms, 1),
                    **(result.article.to_dict() if result.article else {}),
                }
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
