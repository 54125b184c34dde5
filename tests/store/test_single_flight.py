"""Single flight: overlapping calls share one run, its result and its error; a caller that
gives up does not cancel the run for the others."""

from __future__ import annotations

import asyncio

import pytest

from bot.single_flight import SingleFlight


async def test_overlapping_calls_share_one_run() -> None:
    flights: SingleFlight[int] = SingleFlight()
    runs = 0

    async def work() -> int:
        nonlocal runs
        runs += 1
        await asyncio.sleep(0.05)
        return 42

    assert await asyncio.gather(*(flights.run("k", work) for _ in range(5))) == [42] * 5
    assert runs == 1 and flights.shared == 4
    assert await flights.run("k", work) == 42
    assert runs == 2  # the next call after the run ended starts afresh


async def test_different_keys_run_apart() -> None:
    flights: SingleFlight[str] = SingleFlight()

    async def echo(value: str) -> str:
        await asyncio.sleep(0.01)
        return value

    results = await asyncio.gather(
        flights.run("a", lambda: echo("a")), flights.run("b", lambda: echo("b"))
    )
    assert results == ["a", "b"] and flights.shared == 0


async def test_every_waiter_gets_the_error() -> None:
    flights: SingleFlight[int] = SingleFlight()

    async def fail() -> int:
        await asyncio.sleep(0.02)
        raise ValueError("bad article")

    results = await asyncio.gather(
        flights.run("k", fail), flights.run("k", fail), return_exceptions=True
    )
    assert [type(r) for r in results] == [ValueError, ValueError]


async def test_a_caller_that_gives_up_does_not_cancel_the_run_for_others() -> None:
    flights: SingleFlight[str] = SingleFlight()

    async def slow() -> str:
        await asyncio.sleep(0.1)
        return "done"

    impatient = asyncio.create_task(flights.run("k", slow))
    patient = asyncio.create_task(flights.run("k", slow))
    await asyncio.sleep(0.02)
    impatient.cancel()
    with pytest.raises(asyncio.CancelledError):
        await impatient
    assert await patient == "done"


async def test_close_cancels_runs_in_flight() -> None:
    flights: SingleFlight[str] = SingleFlight()
    started = asyncio.Event()

    async def forever() -> str:
        started.set()
        await asyncio.sleep(3600)
        return "never"

    waiter = asyncio.create_task(flights.run("k", forever))
    await started.wait()
    await flights.close()
    with pytest.raises(asyncio.CancelledError):
        await waiter
