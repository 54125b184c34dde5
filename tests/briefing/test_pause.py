"""The loops' pause between passes: a sleep that a wake-up cuts short, and never misses one."""

from __future__ import annotations

import asyncio

from bot.briefing.pause import Pause


async def test_a_wake_up_ends_a_long_pause_at_once() -> None:
    pause = Pause()
    sleeping = asyncio.create_task(pause.pause(3600))
    await asyncio.sleep(0.01)

    pause.wake()

    await asyncio.wait_for(sleeping, 1)


async def test_a_wake_up_while_the_loop_is_busy_makes_the_next_pause_end_at_once() -> None:
    pause = Pause()
    pause.wake()  # the loop was busy with a pass

    await asyncio.wait_for(pause.pause(3600), 1)


async def test_a_pause_nobody_wakes_lasts_its_time() -> None:
    pause = Pause()
    loop = asyncio.get_running_loop()
    started = loop.time()

    await pause.pause(0.05)

    assert loop.time() - started >= 0.05


async def test_cancelling_a_pause_cancels_its_sleep() -> None:
    pause = Pause()
    before = len(asyncio.all_tasks())
    sleeping = asyncio.create_task(pause.pause(3600))
    await asyncio.sleep(0.01)

    sleeping.cancel()
    await asyncio.gather(sleeping, return_exceptions=True)
    await asyncio.sleep(0)

    assert len(asyncio.all_tasks()) == before
