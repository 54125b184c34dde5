"""Engine benchmark: what our analysis adds on top of the spaCy parse, throughput, memory.

Run: ``.venv/bin/python bench/bench_engine.py [--repeats 5] [--batch 40]``

For generated news articles of about 500, 1,000 and 5,000 words it times

- the bare parse, ``nlp(text)``;
- cleaning and validation (``prepare_text``) and everything after the parse (``analyze_doc``:
  summary ranking, summary rules, quotes and speakers, key quotes), each on its own, so the
  noise of a shared machine in the parse does not swamp the few milliseconds we add;
- the full analysis as their sum, and full / parse (the goal is ≤ 1.15: the engine should
  cost little beyond spaCy). Then
it runs ``analyze_many`` (one ``nlp.pipe`` over a batch) on ~1,000-word articles for articles
per second, and reports the process's peak resident memory. Times are medians over repeats.

The articles are generated here from a fixed seed, with quotes, names, numbers and paragraphs
like real news; no shared data set is read, so the numbers can be reproduced anywhere.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable

from bot.models import Article
from bot.nlp.analyze import AnalysisOptions, analyze_doc, analyze_many, prepare_text
from bot.nlp.model import load_pipeline

SIZES = (500, 1_000, 5_000)
RATIO_GOAL = 1.15

FIRST = ("Maria", "James", "Aisha", "Tom", "Elena", "David", "Priya", "Samuel", "Nora", "Omar")
LAST = ("Lopez", "Carter", "Okafor", "Brennan", "Novak", "Reid", "Sharma", "Hughes", "Kim")
ROLES = ("the mayor", "a council spokesperson", "the union leader", "the chief engineer")
PLACES = ("Westport", "the northern district", "the harbour", "the old town", "Riverside")
THINGS = ("the new bridge", "the housing plan", "the school budget", "the ferry service",
          "the water treatment plant", "the bus network", "the flood defences")  # fmt: skip
VERBS = ("approved", "delayed", "criticised", "defended", "announced", "reviewed", "funded")
WHEN = ("on Monday", "last week", "this morning", "after a long debate", "in March")
CUES = ("said", "told reporters", "added", "warned", "explained")
OPINIONS = (
    "This is the most important decision the town has made in a generation",
    "We cannot keep asking families to wait for another year",
    "Nobody expected the costs to rise this quickly",
    "The figures simply do not add up for the people who live here",
)


def make_article(words: int, rng: random.Random) -> str:
    """A news-like article of about ``words`` words, in paragraphs of two to four sentences."""
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = [_sentence(rng) for _ in range(rng.randint(2, 4))]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


def _sentence(rng: random.Random) -> str:
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    kind = rng.random()
    if kind < 0.25:
        return f"“{rng.choice(OPINIONS)},” {person} {rng.choice(CUES)}."
    if kind < 0.4:
        return (
            f"{rng.choice(ROLES).capitalize()} said the council had {rng.choice(VERBS)} "
            f"{rng.choice(THINGS)} {rng.choice(WHEN)}."
        )
    if kind < 0.6:
        return (
            f"The cost of {rng.choice(THINGS)} rose to {rng.randint(2, 90)} million pounds, "
            f"up {rng.randint(3, 40)} percent on the estimate from {rng.randint(2015, 2024)}."
        )
    return (
        f"{person}, who has lived in {rng.choice(PLACES)} for {rng.randint(2, 40)} years, "
        f"{rng.choice(VERBS)} {rng.choice(THINGS)} {rng.choice(WHEN)} and asked for a vote."
    )


def median_seconds(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def peak_rss_mib() -> float:
    """Peak resident set size of this process (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per size (median)")
    parser.add_argument("--batch", type=int, default=40, help="articles in the throughput run")
    args = parser.parse_args(argv)

    rng = random.Random(20261126)
    nlp = load_pipeline()
    options = AnalysisOptions()
    nlp("Warm the pipeline up once before timing anything.")

    print(
        f"{'article':>14s} {'parse ms':>9s} {'clean ms':>9s} {'after-parse ms':>15s} "
        f"{'full ms':>8s} {'ratio':>6s}"
    )
    worst = 0.0
    for size in SIZES:
        article = Article(text=make_article(size, rng))
        prepared, text = prepare_text(article, options)
        doc = nlp(text)
        analysis = analyze_doc(prepared, doc, options)
        parse = median_seconds(lambda t=text: nlp(t), args.repeats)
        clean = median_seconds(lambda a=article: prepare_text(a, options), args.repeats)
        after = median_seconds(lambda p=prepared, d=doc: analyze_doc(p, d, options), args.repeats)
        full = clean + parse + after
        ratio = full / parse
        worst = max(worst, ratio)
        print(
            f"{analysis.word_count:>8,d} words {1000 * parse:9.1f} {1000 * clean:9.2f} "
            f"{1000 * after:15.1f} {1000 * full:8.1f} {ratio:6.3f}"
        )

    batch = [Article(text=make_article(1_000, rng)) for _ in range(args.batch)]
    started = time.perf_counter()
    results = list(analyze_many(batch, options, nlp))
    elapsed = time.perf_counter() - started
    print(
        f"throughput: {len(results) / elapsed:.1f} articles/s "
        f"({args.batch} articles of ~1,000 words through analyze_many / nlp.pipe)"
    )
    print(f"peak RSS: {peak_rss_mib():.0f} MiB")
    verdict = "met" if worst <= RATIO_GOAL else "NOT met"
    print(f"goal: analysis/parse ≤ {RATIO_GOAL} at every size: {verdict} (worst {worst:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
