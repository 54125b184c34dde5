"""How fast the bot answers on Discord, measured through discord.py against a fake Discord.

    .venv/bin/python bench/bench_discord.py [--rounds 30] [--workers 2]

The real bot (real ``Service``, SQLite file, worker processes) is logged in to the tests' fake
Discord on 127.0.0.1, which serves from its own thread so that its work is not counted against
the bot's event loop; interactions are fed in as the gateway delivers them, and times are taken
when the fake Discord receives discord.py's HTTP requests. Three numbers:

* interaction → deferral ("thinking…"), which Discord needs within 3 s (target p95 ≤ 100 ms);
* interaction → final reply for a ~1,000-word pasted article, fresh and from the cache;
* the event loop's longest stall while 8 articles are analyzed at once (target ≤ 50 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import discord

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.client import Briefbot
from bot.config import Settings
from tests.discord.harness import BotDriver, FakeDiscord, fake_discord_in_thread
from tests.discord.payloads import GUILD_ID, option, slash_command

NAMES = ["Ana Ruiz", "Ben Okafor", "Chen Wei", "Dana Holt", "Eli Sorensen", "Fay Moreau"]
ROLES = ["the mayor", "a council member", "the port director", "a local nurse", "an economist"]
PLACES = ["harbor", "station", "library", "bridge", "market", "depot", "clinic", "school"]
VERBS = ["approved", "delayed", "funded", "reviewed", "opened", "closed", "moved", "studied"]


def pasted_article(seed: int, words: int = 1000, max_chars: int = 6000) -> str:
    """A distinct ~``words``-word news text that fits Discord's 6,000-character option."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    count = 0
    while count < words:
        name, role = rng.choice(NAMES), rng.choice(ROLES)
        place, verb = rng.choice(PLACES), rng.choice(VERBS)
        paragraph = (
            f"The city {verb} the {place} plan on day {rng.randint(1, 28)}. "
            f'"We did the work and the {place} is in good shape," said {name}, {role}. '
            f"Costs rose by {rng.randint(2, 40)} per cent, and a vote is due "
            f"in {rng.randint(2, 9)} weeks."
        )
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    text = "\n\n".join(paragraphs)
    while len(text) > max_chars:
        text = text.rsplit("\n\n", 1)[0]
    return text


class StallMonitor:
    """Measures how late the event loop wakes a task that asks to sleep for 5 ms."""

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _watch(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(self.interval)
            self.longest = max(self.longest, time.perf_counter() - before - self.interval)

    def __enter__(self) -> StallMonitor:
        self._task = asyncio.get_running_loop().create_task(self._watch())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def _timed(driver: BotDriver, text: str) -> tuple[float, float]:
    """(ms to the deferral, ms to the final reply) for one ``/summarize text:``."""
    payload = slash_command("summarize", [option("text", text)], user_id=driver.user_id)
    start = time.monotonic()
    requests = await driver.send(payload, timeout=300)
    defer = next(r for r in requests if r.path.endswith("/callback"))
    reply = next(r for r in requests if r.is_message)
    assert reply.message_data.get("embeds"), f"no summary: {reply.body}"
    return (defer.at - start) * 1000, (reply.at - start) * 1000


async def run(fake: FakeDiscord, rounds: int, workers: int) -> list[tuple[str, str, str]]:
    """Time the bot against ``fake``, which serves from another thread."""
    discord.http.Route.BASE = fake.api_base
    with tempfile.TemporaryDirectory() as folder:
        settings = replace(
            Settings.load(env_file=None),
            database=str(Path(folder) / "bench.db"),
            workers=workers,
            dev_guild_id=GUILD_ID,
            cooldown_uses=10_000,
        )
        bot = Briefbot(settings)
        await bot.login(fake.token)
        driver = BotDriver(bot, fake, 800_000_000_000_000_001)
        try:
            await _timed(driver, pasted_article(-1))  # Starts the workers and loads spaCy.
            defers, fresh, cached = [], [], []
            for seed in range(rounds):
                text = pasted_article(seed)
                to_defer, to_reply = await _timed(driver, text)
                defers.append(to_defer)
                fresh.append(to_reply)
                cached.append((await _timed(driver, text))[1])
            with StallMonitor() as idle:
                await asyncio.sleep(2)
            batch = [pasted_article(1000 + seed) for seed in range(8)]
            with StallMonitor() as monitor:
                started = time.monotonic()
                results = await asyncio.gather(*(_timed(driver, text) for text in batch))
                wall = (time.monotonic() - started) * 1000
            defers.extend(d for d, _ in results)
        finally:
            await bot.close()
    words = statistics.mean(len(pasted_article(s).split()) for s in range(rounds))
    return [
        (
            "interaction → deferral",
            f"p50 {_percentile(defers, 0.5):.1f} / p95 {_percentile(defers, 0.95):.1f} / "
            f"max {max(defers):.1f} ms",
            "p95 ≤ 100 ms",
        ),
        (
            f"→ final reply, ~{words:.0f}-word paste, fresh",
            f"p50 {_percentile(fresh, 0.5):.0f} / p95 {_percentile(fresh, 0.95):.0f} ms",
            "",
        ),
        (
            "→ final reply, same paste again (cache)",
            f"p50 {_percentile(cached, 0.5):.0f} / p95 {_percentile(cached, 0.95):.0f} ms",
            "",
        ),
        ("8 articles at once: all answered", f"{wall:.0f} ms", ""),
        ("8 articles at once: longest loop stall", f"{monitor.longest * 1000:.1f} ms", "≤ 50 ms"),
        ("(idle bot, 2 s: longest loop stall)", f"{idle.longest * 1000:.1f} ms", ""),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=30, help="articles timed one at a time")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    args = parser.parse_args()
    with fake_discord_in_thread() as fake:
        rows = asyncio.run(run(fake, args.rounds, args.workers))
    print(f"Briefbot on Discord — {args.workers} worker processes, {args.rounds} rounds\n")
    print("| measure | result | target |")
    print("|---|---|---|")
    for row in rows:
        print(f"| {' | '.join(row)} |")


if __name__ == "__main__":
    main()
