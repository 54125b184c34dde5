"""Engine benchmark: what our analysis adds on top of the spaCy parse, throughput, memory.

Run: ``.venv/bin/python bench/bench_engine.py [--repeats 5] [--batch 40] [--part all]``

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

The second part (``--part shapes``) times pastes built to be slow: deep nesting, thousands of
quote marks in one sentence, thousands of short “…,” said X pairs and one huge sentence, each
at 2,000, 20,000 and 200,000 characters. Every run is a fresh process, so its peak resident
memory is its own; the engine runs in lenient mode (``strict=False``), which analyses what the
bot and the CLI refuse outright (the huge sentence), to show the worst case. The goal: time
per character flat as the input grows ×10, and every peak under 1 GiB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bot.config import MAX_TEXT_CHARS
from bot.errors import InputError
from bot.models import Article
from bot.nlp.analyze import AnalysisOptions, analyze_doc, analyze_many, prepare_text
from bot.nlp.model import load_pipeline
from bot.nlp.parse import parse as parse_text

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
    """Peak resident set size of this process (Linux reports KiB, macOS bytes).

    On Linux the high-water mark of this program's own memory (``VmHWM``): ``ru_maxrss``
    survives ``exec`` and would report the parent's peak for a child started by this benchmark.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        status = ""
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


SHAPE_SIZES = (2_000, 20_000, 200_000)
FLAT_GOAL = 1.5
"""Time per character at the largest size over that at the middle one: at most this."""
RSS_GOAL_MIB = 1024


def nested_quotes(chars: int) -> str:
    """“Level ‘Level “Level … : quotes opened inside quotes, never closed, after a colon."""
    levels = (chars - 60) // 7
    marks = "“‘"
    inner = "".join(f"{marks[i % 2]}Level " for i in range(levels))
    return "Mayor Ana Ruiz said: " + inner + "down.\n\nThe vote was put off."


def thousands_of_marks(chars: int) -> str:
    """“yes” “yes” … : one sentence holding a quote every six characters."""
    return "Mayor Ana Ruiz said " + " ".join(["“yes”"] * ((chars - 40) // 6)) + " and left."


def short_pairs(chars: int) -> str:
    """“We will win number 17,” said Ana Ruiz. … : thousands of attributed quotes."""
    pairs, number = [], 0
    while sum(len(p) + 1 for p in pairs) < chars - 45:
        pairs.append(f"“We will win number {number},” said Ana Ruiz.")
        number += 1
    return " ".join(pairs)


def huge_sentence(chars: int) -> str:
    """One sentence of ``chars`` characters, ending in a full stop."""
    words = "the council met again and talked about the harbour "
    return "Ana Ruiz said " + (words * (chars // len(words) + 1))[: chars - 16] + "."


SHAPES: dict[str, Callable[[int], str]] = {
    "deep nesting": nested_quotes,
    "marks in one sentence": thousands_of_marks,
    "short quote pairs": short_pairs,
    "one huge sentence": huge_sentence,
}


def measure_shape(shape: str, chars: int) -> dict[str, float]:
    """One adversarial paste through the whole engine, in this (fresh) process."""
    nlp = load_pipeline()
    nlp("Warm the pipeline up once before timing anything.")
    options = AnalysisOptions(strict=False, max_chars=MAX_TEXT_CHARS)
    text = SHAPES[shape](chars)
    started = time.perf_counter()
    article, body = prepare_text(Article(text=text), options)
    cleaned = time.perf_counter()
    doc = parse_text(nlp, body)
    parsed = time.perf_counter()
    analysis = analyze_doc(article, doc, options)
    done = time.perf_counter()
    strict_started = time.perf_counter()
    try:
        prepare_text(Article(text=text), AnalysisOptions(max_chars=MAX_TEXT_CHARS))
        refused = False
    except InputError:
        refused = True
    return {
        "chars": len(text),
        "clean": cleaned - started,
        "parse": parsed - cleaned,
        "after": done - parsed,
        "total": done - started,
        "quotes": len(analysis.quotes),
        "rss": peak_rss_mib(),
        "refused_ms": 1000 * (time.perf_counter() - strict_started) if refused else -1.0,
    }


def run_shapes() -> bool:
    """Each shape at each size in a fresh process; print the table, return whether goals hold."""
    print(
        f"{'shape':<22} {'chars':>8} {'quotes':>7} {'parse s':>8} {'after s':>8} "
        f"{'µs/char':>8} {'peak RSS':>9}"
    )
    flat = low_memory = True
    for shape in SHAPES:
        per_char: list[float] = []
        for chars in SHAPE_SIZES:
            row = _in_fresh_process(shape, chars)
            per_char.append(1e6 * row["total"] / row["chars"])
            low_memory &= row["rss"] < RSS_GOAL_MIB
            print(
                f"{shape:<22} {row['chars']:>8,.0f} {row['quotes']:>7,.0f} {row['parse']:>8.2f} "
                f"{row['after']:>8.2f} {per_char[-1]:>8.1f} {row['rss']:>5.0f} MiB"
                + (
                    f"  (strict: refused in {row['refused_ms']:.1f} ms)"
                    if row["refused_ms"] >= 0
                    else ""
                )
            )
        growth = per_char[-1] / per_char[-2]
        flat &= growth <= FLAT_GOAL
        print(f"{'':<22} µs/char ×{growth:.2f} from 20,000 to 200,000 characters")
    print(
        f"goal: µs/char grows at most ×{FLAT_GOAL} per ×10 of input: "
        f"{'met' if flat else 'NOT met'}; every peak RSS < {RSS_GOAL_MIB} MiB: "
        f"{'met' if low_memory else 'NOT met'}"
    )
    return flat and low_memory


def _in_fresh_process(shape: str, chars: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, str(Path(__file__)), "--one", shape, str(chars)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per size (median)")
    parser.add_argument("--batch", type=int, default=40, help="articles in the throughput run")
    parser.add_argument("--part", choices=("all", "articles", "shapes"), default="all")
    parser.add_argument("--one", nargs=2, metavar=("SHAPE", "CHARS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_shape(args.one[0], int(args.one[1]))))
        return 0
    if args.part in ("all", "articles"):
        run_articles(args)
    if args.part in ("all", "shapes"):
        if args.part == "all":
            print()
        run_shapes()
    return 0


def run_articles(args: argparse.Namespace) -> None:
    """Generated news articles: the engine's cost beside the parse, throughput, memory."""
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


if __name__ == "__main__":
    sys.exit(main())
