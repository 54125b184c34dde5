"""Store benchmark: cache hits against cold analyses, "who said" over 100k quotes, size on disk.

Run: ``.venv/bin/python bench/bench_store.py [--quotes 100000] [--queries 300]``

- Cache hit: ``Service.analyze_text`` of an article already stored (hash, lookup, submission
  insert; the stored JSON is decoded on the first hit only), against a cold analysis of a new
  article with the real engine (spaCy in a thread, as the CLI runs it).
- Who said: a generated corpus (``--quotes`` quotes, ten per article, words drawn from a
  Zipf-distributed synthetic vocabulary so full-text posting lists are as skewed as in real
  text: function words hold the head of the curve, content words take rank 100 and down),
  queried with perturbed quotes: a fragment, a changed word, a dropped word, other quote
  marks and case. Reports latency and how often the right quote came first.
- Size: the database bytes per 1,000 stored articles of the sample article's size, with their
  analyses and quote index.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from importlib import resources
from pathlib import Path

from bot.config import Settings
from bot.models import LOCAL_SCOPE, Analysis, Article, Quote, Speaker
from bot.service import Service
from bot.store import SqliteStore
from bot.store.fulltext import STOP_WORDS
from bot.store.keys import content_hash
from bot.workers import WorkerPool

LISTINGS = 7
"""``briefbot speakers`` runs timed over the whole corpus (each reads every quote of the week)."""

SYLLABLES = (
    "ba be bi bo bu da de di do ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu "
)
SYLLABLES += "ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo an en in on er "
SYLLABLES += "ar or el al il ost ing est ent ion ter ver con pro"


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    """Distinct pronounceable pseudo-words."""
    syllables = SYLLABLES.split()
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class QuoteGenerator:
    """Quotes as news prints them: 8–35 words, about 40 % function words, Zipf content words."""

    def __init__(self, seed: int = 7, size: int = 20_000) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng, size)
        # Function words hold the head of the Zipf curve, so content words start at rank 100.
        weights = [1 / (rank + 100) for rank in range(size)]
        self.cumulative = list(_accumulate(weights))
        self.stop = sorted(STOP_WORDS)

    def quote(self) -> str:
        count = self.rng.randint(8, 35)
        picked = []
        for _ in range(count):
            if self.rng.random() < 0.4:
                picked.append(self.rng.choice(self.stop))
            else:
                picked.append(self.rng.choices(self.words, cum_weights=self.cumulative)[0])
        return " ".join(picked).capitalize() + self.rng.choice([".", ",", "!", "?"])

    def person(self) -> str:
        first, last = self.rng.sample(self.words[2000:], 2)
        return f"{first.capitalize()} {last.capitalize()}"

    def remembered(self, quote: str) -> str:
        """How a reader half remembers a quote: a fragment, a word changed or dropped, marks."""
        words = quote.rstrip(".,!?").split()
        start = self.rng.randint(0, max(0, len(words) - 8))
        fragment = words[start : start + self.rng.randint(5, 10)]
        if len(fragment) > 5 and self.rng.random() < 0.5:
            fragment[self.rng.randrange(len(fragment))] = self.rng.choice(self.words)
        if len(fragment) > 5 and self.rng.random() < 0.5:
            del fragment[self.rng.randrange(len(fragment))]
        text = " ".join(fragment)
        return self.rng.choice(['"{}"', "“{}”", "{}", "'{}'"]).format(
            text.upper() if self.rng.random() < 0.2 else text
        )


def _accumulate(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def generated_article(gen: QuoteGenerator, index: int, quotes: int) -> Analysis:
    people = [gen.person() for _ in range(3)]
    built = []
    for position in range(quotes):
        text = gen.quote()
        built.append(
            Quote(text, 0, len(text), speaker=people[position % 3], context=f'"{text}" she said.')
        )
    speakers = tuple(
        Speaker(p, aliases=(p.split()[-1],), role="Minister" if i == 0 else None,
                quote_indices=tuple(range(i, quotes, 3)))
        for i, p in enumerate(people)
    )  # fmt: skip
    body = " ".join(q.text for q in built)
    return Analysis(f"Generated article {index}", "", (), quotes=tuple(built), speakers=speakers,
                    text=body)  # fmt: skip


async def bench_cache(folder: Path, cold_runs: int, hit_runs: int) -> dict[str, float]:
    settings = Settings(database=str(folder / "cache.db"), workers=0)
    sample = (resources.files("bot") / "samples" / "sample_article.txt").read_text()
    pool = WorkerPool(0, 4, 300, settings.spacy_model)
    service = await Service.open(settings, pool=pool)
    try:
        await service.analyze_text(sample + "\n\nWarm-up paragraph for the model.", LOCAL_SCOPE)
        cold = []
        for run in range(cold_runs):
            text = f"{sample}\n\nThis is variant number {run} of the article."
            started = time.perf_counter()
            result = await service.analyze_text(text, LOCAL_SCOPE)
            cold.append(time.perf_counter() - started)
            assert not result.cached
        hits = []
        for _ in range(hit_runs):
            started = time.perf_counter()
            result = await service.analyze_text(sample, LOCAL_SCOPE)
            hits.append(time.perf_counter() - started)
        assert result.cached
    finally:
        await service.close()
        await pool.close()
    return {
        "cold_p50": statistics.median(cold) * 1000,
        "hit_p50": statistics.median(hits[1:]) * 1000,
        "hit_p95": percentile(hits[1:], 0.95) * 1000,
    }


async def bench_whosaid(folder: Path, quote_count: int, queries: int) -> dict[str, float]:
    settings = Settings(database=str(folder / "quotes.db"), workers=0)
    gen = QuoteGenerator()
    store = await SqliteStore.open(settings.database)
    per_article = 10
    started = time.perf_counter()
    stored: list[str] = []
    for index in range(quote_count // per_article):
        analysis = generated_article(gen, index, per_article)
        article = Article(text=analysis.text, title=analysis.title)
        article_id = await store.save_analysis(article, content_hash(analysis.text), analysis)
        await store.add_submission(article_id, LOCAL_SCOPE.key, _now())
        stored.extend(q.text for q in analysis.quotes)
    build_seconds = time.perf_counter() - started
    await store.close()

    pool = WorkerPool(0, 4, 60, "")
    service = await Service.open(settings, pool=pool)
    latencies, right = [], 0
    rng = random.Random(11)
    try:
        for _ in range(queries):
            target = rng.choice(stored)
            line = gen.remembered(target)
            begun = time.perf_counter()
            answer = await service.whosaid(line, LOCAL_SCOPE)
            latencies.append(time.perf_counter() - begun)
            right += bool(answer.matches) and answer.matches[0].quote.text == target
        listings = []
        for _ in range(LISTINGS):
            begun = time.perf_counter()
            await service.top_speakers(LOCAL_SCOPE, since=_now() - timedelta(days=7))
            listings.append(time.perf_counter() - begun)
    finally:
        await service.close()
        await pool.close()
    return {
        "build_s": build_seconds,
        "p50": statistics.median(latencies) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "top1": right / queries,
        "speakers_p50": statistics.median(listings) * 1000,
        "bytes": os.path.getsize(settings.database),
    }


async def bench_size(folder: Path, articles: int) -> dict[str, float]:
    """Bytes per article for copies of the sample's real analysis, each with its own hash."""
    settings = Settings(database=str(folder / "size.db"), workers=0)
    sample = (resources.files("bot") / "samples" / "sample_article.txt").read_text()
    from bot.nlp.analyze import analyze

    analysis = analyze(Article(text=sample))
    store = await SqliteStore.open(settings.database)
    for index in range(articles):
        text = f"{sample}\n\nCopy {index}."
        copy = replace(analysis, text=text, title=f"{analysis.title} ({index})")
        article_id = await store.save_analysis(Article(text=text), content_hash(text), copy)
        await store.add_submission(article_id, LOCAL_SCOPE.key, _now())
    await store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    await store.close()
    size = os.path.getsize(settings.database)
    return {
        "bytes_per_1000": size / articles * 1000,
        "chars": len(sample),
        "quotes": len(analysis.quotes),
    }


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--cold", type=int, default=5)
    parser.add_argument("--hits", type=int, default=500)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cache = await bench_cache(folder, args.cold, args.hits)
        whosaid = await bench_whosaid(folder, args.quotes, args.queries)
        size = await bench_size(folder, args.articles)
    speedup = cache["cold_p50"] / cache["hit_p50"]
    rows = [
        ("cold analysis p50 (sample article)", f"{cache['cold_p50']:.0f} ms", ""),
        ("cache hit p50", f"{cache['hit_p50']:.2f} ms", "≤ 2 ms"),
        ("cache hit p95", f"{cache['hit_p95']:.2f} ms", ""),
        ("cache hit speed-up (p50)", f"{speedup:,.0f}×", "≥ 100×"),
        (f"whosaid p50 ({args.quotes:,} quotes)", f"{whosaid['p50']:.1f} ms", ""),
        (f"whosaid p95 ({args.quotes:,} quotes)", f"{whosaid['p95']:.1f} ms", "≤ 20 ms"),
        ("whosaid right quote first", f"{whosaid['top1']:.1%}", ""),
        (f"speakers listing p50 ({args.quotes:,} quotes)", f"{whosaid['speakers_p50']:.0f} ms", ""),
        (f"corpus build ({args.quotes // 10:,} articles)", f"{whosaid['build_s']:.0f} s", ""),
        (f"db size, {args.quotes:,} quotes", f"{whosaid['bytes'] / 1e6:.0f} MB", ""),
        (
            f"db size per 1,000 articles ({size['chars']:,.0f} chars, {size['quotes']:.0f} quotes)",
            f"{size['bytes_per_1000'] / 1e6:.1f} MB",
            "",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"| {'measure':<{width}} | {'result':>10} | {'goal':<7} |")
    print(f"|{'-' * (width + 2)}|{'-' * 12}|{'-' * 9}|")
    for name, value, goal in rows:
        print(f"| {name:<{width}} | {value:>10} | {goal:<7} |")


if __name__ == "__main__":
    asyncio.run(main())
