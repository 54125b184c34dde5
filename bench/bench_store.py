"""Store benchmark: cache hits against cold analyses, "who said" over 100k quotes, size on disk.

Run: ``.venv/bin/python bench/bench_store.py [--quotes 100000] [--queries 300]
[--postgres postgresql://…]``; with ``--postgres`` (a server's URL; the bench creates a database
on it and drops it after) the cache and "who said" measures run on PostgreSQL too, in a column
beside SQLite's. ``.ci/with-postgres bash -c '… --postgres "$BRIEFBOT_TEST_POSTGRES"'`` runs it
on a throwaway server.

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
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timedelta
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bot.config import Settings
from bot.models import LOCAL_SCOPE, Analysis, Article, Quote, Speaker
from bot.service import Service
from bot.store import SqliteStore, open_database
from bot.store.fulltext import STOP_WORDS
from bot.store.keys import content_hash
from bot.store.pg_connection import is_postgres_url
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


async def bench_cache(database: str, cold_runs: int, hit_runs: int) -> dict[str, float]:
    settings = Settings(database=database, workers=0)
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


async def bench_whosaid(database: str, quote_count: int, queries: int) -> dict[str, float]:
    settings = Settings(database=database, workers=0)
    gen = QuoteGenerator()
    store = await open_database(settings.database)
    per_article = 10
    started = time.perf_counter()
    stored: list[str] = []
    for index in range(quote_count // per_article):
        analysis = generated_article(gen, index, per_article)
        article = Article(text=analysis.text, title=analysis.title)
        article_id = await store.save_analysis(article, content_hash(analysis.text), analysis)
        await store.add_submission(article_id, LOCAL_SCOPE.key, _now())
        stored.extend(q.text for q in analysis.quotes)
    if is_postgres_url(database):  # what autovacuum does soon after a bulk load
        async with store.transaction() as db:
            await db.execute("ANALYZE")
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
        "bytes": await _size(settings.database),
    }


async def _size(database: str) -> int:
    if not is_postgres_url(database):
        return os.path.getsize(database)
    store = await open_database(database)
    try:
        return int((await store.stats(""))["database_bytes"])
    finally:
        await store.close()


@asynccontextmanager
async def postgres_database(server: str, name: str) -> AsyncIterator[str]:
    """A new database on the server for one measure (dropped after): its URL."""
    admin = await asyncpg.connect(server)
    try:
        await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await admin.execute(f"CREATE DATABASE {name}")
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await admin.close()


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


async def measure(database: str, args: argparse.Namespace, name: str) -> dict[str, float]:
    """The cache and "who said" measures on one driver (each on a database of its own)."""
    if is_postgres_url(database):
        async with postgres_database(database, f"briefbot_bench_cache_{os.getpid()}") as url:
            cache = await bench_cache(url, args.cold, args.hits)
        async with postgres_database(database, f"briefbot_bench_quotes_{os.getpid()}") as url:
            whosaid = await bench_whosaid(url, args.quotes, args.queries)
    else:
        cache = await bench_cache(str(Path(database) / "cache.db"), args.cold, args.hits)
        whosaid = await bench_whosaid(str(Path(database) / "quotes.db"), args.quotes, args.queries)
    print(f"measured {name}", flush=True)
    return {**cache, **{f"whosaid_{k}": v for k, v in whosaid.items()}}


def rows(m: dict[str, float], size: dict[str, float] | None, quotes: int) -> list[tuple[str, str]]:
    """One column of the table: the measures of one driver."""
    column = [
        ("cold analysis p50 (sample article)", f"{m['cold_p50']:.0f} ms"),
        ("cache hit p50", f"{m['hit_p50']:.2f} ms"),
        ("cache hit p95", f"{m['hit_p95']:.2f} ms"),
        ("cache hit speed-up (p50)", f"{m['cold_p50'] / m['hit_p50']:,.0f}×"),
        (f"whosaid p50 ({quotes:,} quotes)", f"{m['whosaid_p50']:.1f} ms"),
        (f"whosaid p95 ({quotes:,} quotes)", f"{m['whosaid_p95']:.1f} ms"),
        ("whosaid right quote first", f"{m['whosaid_top1']:.1%}"),
        (f"speakers listing p50 ({quotes:,} quotes)", f"{m['whosaid_speakers_p50']:.0f} ms"),
        (f"corpus build ({quotes // 10:,} articles)", f"{m['whosaid_build_s']:.0f} s"),
        (f"db size, {quotes:,} quotes", f"{m['whosaid_bytes'] / 1e6:.0f} MB"),
    ]
    if size is not None:
        label = (
            f"db size per 1,000 articles ({size['chars']:,.0f} chars, {size['quotes']:.0f} quotes)"
        )
        column.append((label, f"{size['bytes_per_1000'] / 1e6:.1f} MB"))
    return column


GOALS = {
    "cache hit p50": "≤ 2 ms",
    "cache hit speed-up (p50)": "≥ 100×",
}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--cold", type=int, default=5)
    parser.add_argument("--hits", type=int, default=500)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--postgres", help="a PostgreSQL server's URL: measure it too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = await measure(tmp, args, "SQLite")
        size = await bench_size(Path(tmp), args.articles)
    columns = [("SQLite", rows(sqlite, size, args.quotes))]
    if args.postgres:
        postgres = await measure(args.postgres, args, "PostgreSQL")
        columns.append(("PostgreSQL", rows(postgres, None, args.quotes)))
    goals = {**GOALS, f"whosaid p95 ({args.quotes:,} quotes)": "≤ 20 ms"}
    names = [name for name, _ in columns[0][1]]
    values = [dict(column) for _, column in columns]
    width = max(len(n) for n in names)
    header = " | ".join(f"{title:>10}" for title, _ in columns)
    print(f"| {'measure':<{width}} | {header} | {'goal':<7} |")
    print(f"|{'-' * (width + 2)}|" + "|".join("-" * 12 for _ in columns) + f"|{'-' * 9}|")
    for name in names:
        cells = " | ".join(f"{v.get(name, '—'):>10}" for v in values)
        print(f"| {name:<{width}} | {cells} | {goals.get(name, ''):<7} |")


if __name__ == "__main__":
    asyncio.run(main())
