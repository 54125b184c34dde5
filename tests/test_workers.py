"""One bad job never takes the pool down: crashes and hangs fail alone, and the pool goes on."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from bot.errors import AnalysisFailedError, BusyError
from bot.workers import WorkerPool


def square(number: int) -> int:
    return number * number


def crash() -> None:
    os._exit(1)


def hang(seconds: float) -> str:
    time.sleep(seconds)
    return "late"


def worker_pid() -> int:
    return os.getpid()


def fail() -> None:
    raise ValueError("boom")


@pytest.fixture
async def pool():
    workers = WorkerPool(workers=1, queue_limit=4, timeout=3.0, model="")
    yield workers
    await workers.close()


async def test_job_runs_in_another_process(pool: WorkerPool) -> None:
    assert await pool.run(square, 7) == 49
    assert await pool.run(worker_pid) != os.getpid()


async def test_a_crashing_job_fails_alone_and_the_pool_recovers(pool: WorkerPool) -> None:
    with pytest.raises(AnalysisFailedError, match="crashed"):
        await pool.run(crash)
    assert await pool.run(square, 3) == 9


async def test_a_hanging_job_is_stopped_and_the_pool_recovers(pool: WorkerPool) -> None:
    pool.timeout = 1.0
    with pytest.raises(AnalysisFailedError, match="too long"):
        await pool.run(hang, 30)
    pool.timeout = 10.0
    assert await pool.run(square, 4) == 16


async def test_a_job_in_flight_when_another_crashes_is_retried() -> None:
    pool = WorkerPool(workers=2, queue_limit=4, timeout=10.0, model="")
    try:
        await asyncio.gather(pool.run(square, 1), pool.run(square, 1))  # both workers up
        slow = asyncio.ensure_future(pool.run(hang, 1.0))
        await asyncio.sleep(0.3)
        with pytest.raises(AnalysisFailedError):
            await pool.run(crash)
        assert await slow == "late"
    finally:
        await pool.close()


async def test_job_errors_are_raised_to_the_caller(pool: WorkerPool) -> None:
    with pytest.raises(ValueError, match="boom"):
        await pool.run(fail)
    assert await pool.run(square, 2) == 4


async def test_a_full_queue_says_busy() -> None:
    pool = WorkerPool(workers=1, queue_limit=1, timeout=10.0, model="")
    try:
        first = asyncio.ensure_future(pool.run(hang, 0.5))
        await asyncio.sleep(0.05)
        with pytest.raises(BusyError, match="busy"):
            await pool.run(square, 2)
        assert await first == "late"
    finally:
        await pool.close()


async def test_time_waiting_in_the_queue_does_not_count_against_the_limit() -> None:
    pool = WorkerPool(workers=1, queue_limit=8, timeout=2.5, model="")
    try:
        await pool.run(square, 1)  # the worker is up before the clock matters
        results = await asyncio.gather(*(pool.run(hang, 1.0) for _ in range(4)))
        assert results == ["late"] * 4
    finally:
        await pool.close()
