"""Two bot processes on one PostgreSQL database, each answering 8 requests at once.

Run: ``.venv/bin/python bench/bench_scale.py --postgres postgresql://…`` (a server's URL; the
bench creates a database on it and drops it after), or on a throwaway server with
``.ci/with-postgres bash -c '.venv/bin/python bench/bench_scale.py --postgres
"$BRIEFBOT_TEST_POSTGRES"'``.

Each process is a ``Service`` with its own worker pool (``--workers`` processes, each loading
spaCy), as a bot process is. Both start together and send the same 8 new articles at once
(8 concurrent analyses each; the database's lock on each article makes one process analyse it
and the other wait for the cache), then 8 concurrent cache hits, then 8 concurrent "who said"
queries. A ticker in each process measures how late the event loop wakes (the loop stall), and
the same ticker in the idle process just before shows how much of that the machine itself adds
(a busy machine schedules a process late whatever it runs).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_store import percentile, postgres_database

from bot.config import Settings
from bot.models import Scope
from bot.service import Service
from bot.workers import WorkerPool

SCOPE = Scope("guild", 4242)
TICK = 0.005
IDLE_SECONDS = 3.0
"""How long each process measures its loop while idle, just before the requests start."""


class StallMeter:
    """How late the event loop wakes a task that sleeps ``TICK`` seconds, at worst."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            begun = time.perf_counter()
            await asyncio.sleep(TICK)
            self.worst = max(self.worst, time.perf_counter() - begun - TICK)

    async def stop(self) -> float:
        assert self._task is not None
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
        return self.worst


async def timed_all(calls: list) -> list[float]:
    async def one(call) -> float:
        begun = time.perf_counter()
        await call
        return time.perf_counter() - begun

    return list(await asyncio.gather(*(one(call) for call in calls)))


async def child(url: str, requests: int, workers: int, start_at: float) -> dict[str, float]:
    """One bot process's share of the load; its measures."""
    settings = Settings(database=url, workers=workers)
    pool = WorkerPool(workers, 64, 300, settings.spacy_model)
    service = await Service.open(settings, pool=pool)
    sample = (resources.files("bot") / "samples" / "sample_article.txt").read_text()
    try:
        await service.analyze_text(f"{sample}\n\nWarm-up {os.getpid()}.", Scope("dm", os.getpid()))
        idle = StallMeter()
        await asyncio.sleep(max(0.0, start_at - IDLE_SECONDS - time.time()))
        idle.start()
        await asyncio.sleep(max(0.0, start_at - time.time()))
        idle_stall = await idle.stop()
        meter = StallMeter()
        meter.start()
        texts = [f"{sample}\n\nThis is variant number {n} of the article." for n in range(requests)]
        cold = await timed_all([service.analyze_text(t, SCOPE) for t in texts])
        hits = await timed_all([service.analyze_text(t, SCOPE) for t in texts])
        lines = [
            "a lot of people told us it would never come",
            "it will pay for itself in nine years",
            "nobody asked the people who use this water",
            "we are not against solar power",
        ] * requests
        whosaid = await timed_all([service.whosaid(line, SCOPE) for line in lines[:requests]])
        stall = await meter.stop()
    finally:
        await service.close()
        await pool.close()
    return {
        "cold_p50": statistics.median(cold) * 1000,
        "cold_max": max(cold) * 1000,
        "hit_p50": statistics.median(hits) * 1000,
        "hit_p95": percentile(hits, 0.95) * 1000,
        "whosaid_p95": percentile(whosaid, 0.95) * 1000,
        "stall_ms": stall * 1000,
        "idle_stall_ms": idle_stall * 1000,
        "analyses": service.cache.misses - 1,
    }


async def parent(args: argparse.Namespace) -> None:
    async with postgres_database(args.postgres, f"briefbot_bench_scale_{os.getpid()}") as url:
        start_at = time.time() + args.warmup
        command = [sys.executable, __file__, "--child", url, "--requests", str(args.requests)]
        command += ["--workers", str(args.workers), "--start-at", str(start_at)]
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
        processes = [subprocess.Popen(command, stdout=subprocess.PIPE, env=env) for _ in range(2)]
        results = [json.loads(p.communicate()[0]) for p in processes]
    print(f"| measure ({args.requests} concurrent requests per process) | process 1 | process 2 |")
    print("|---|---|---|")
    for key, label in (
        ("cold_p50", "new article, p50 (analysed once across both)"),
        ("cold_max", "new article, slowest"),
        ("hit_p50", "cache hit p50"),
        ("hit_p95", "cache hit p95"),
        ("whosaid_p95", "who said p95"),
        ("stall_ms", "worst event-loop stall"),
        ("idle_stall_ms", "worst stall while idle, before (the machine's own noise)"),
    ):
        print(f"| {label} | {results[0][key]:.1f} ms | {results[1][key]:.1f} ms |")
    total = sum(int(r["analyses"]) for r in results)
    print(f"| analyses computed | {results[0]['analyses']:.0f} | {results[1]['analyses']:.0f} |")
    print(f"\n{total} analyses for {args.requests} new articles asked of both processes.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL server's URL")
    parser.add_argument("--requests", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="worker processes per bot")
    parser.add_argument("--warmup", type=float, default=45.0, help="seconds to start both")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--start-at", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measures = asyncio.run(child(args.child, args.requests, args.workers, args.start_at))
        print(json.dumps(measures))
    elif args.postgres:
        asyncio.run(parent(args))
    else:
        parser.error("--postgres is required")


if __name__ == "__main__":
    main()
