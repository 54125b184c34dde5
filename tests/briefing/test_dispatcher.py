"""Scheduled briefings: exactly once per channel and local date, through restarts and races."""

from __future__ import annotations

import asyncio
import multiprocessing
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.briefing.compose import compose_briefing
from bot.briefing.dispatcher import DeliveryError, Dispatcher
from bot.briefing.storage import BriefingStorage, Schedule
from bot.store.sqlite import SqliteStore
from tests.briefing.conftest import Crash, FakeChannels, FakeClock

CHANNEL = 111
GUILD = 7
GRACE = timedelta(minutes=120)


async def empty_briefing(scope, hours, now):
    return compose_briefing([], now - timedelta(hours=hours), now)


def dispatcher(store, channels, clock, **options) -> Dispatcher:
    compose = options.pop("compose", empty_briefing)
    return Dispatcher(
        BriefingStorage(store), compose, channels, grace=GRACE, clock=clock, **options
    )


async def schedule(store, clock, at="08:00", zone="Europe/Berlin", channel=CHANNEL) -> None:
    hours, minutes = map(int, at.split(":"))
    await BriefingStorage(store).save_schedule(
        Schedule(channel, GUILD, time(hours, minutes), zone), clock.now()
    )


async def restart(store: SqliteStore) -> SqliteStore:
    """The process died: its connection goes, a new process opens the same file."""
    await store.close()
    return await SqliteStore.open(store.path)


async def test_a_due_briefing_is_sent_once_and_never_again_that_day(store, channels, clock):
    clock.set(datetime(2026, 11, 26, 5, 0, tzinfo=UTC))  # 06:00 in Berlin
    await schedule(store, clock)
    bot = dispatcher(store, channels, clock)
    assert await bot.tick() == {}
    clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))  # 08:00 in Berlin
    assert await bot.tick() == {CHANNEL: "sent"}
    for _ in range(5):
        clock.advance(minutes=30)
        assert await bot.tick() == {}
    assert channels.in_channel(CHANNEL) == ["Daily briefing · 2026-11-26"]
    run = await BriefingStorage(store).run(CHANNEL, date(2026, 11, 26))
    assert run is not None and run.state == "sent" and run.message_id == 1


async def test_a_new_schedule_does_not_owe_todays_briefing_if_its_time_has_passed(
    store, channels, clock
):
    clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))  # 09:00 in Berlin, schedule for 08:00
    await schedule(store, clock)
    bot = dispatcher(store, channels, clock)
    assert await bot.tick() == {}
    clock.set(datetime(2026, 11, 27, 7, 0, tzinfo=UTC))
    assert await bot.tick() == {CHANNEL: "sent"}


async def test_restart_right_before_the_send_sends_it_once_after_the_lease(store, channels, clock):
    async def dies_while_composing(scope, hours, now):
        raise Crash

    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    await schedule(store, clock)
    clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
    with pytest.raises(Crash):
        await dispatcher(store, channels, clock, compose=dies_while_composing).tick()
    store = await restart(store)
    try:
        bot = dispatcher(store, channels, clock)
        clock.advance(minutes=1)
        assert await bot.tick() == {}  # the dead process's claim still looks alive
        clock.advance(minutes=5)
        assert await bot.tick() == {CHANNEL: "sent"}
        clock.advance(minutes=10)
        assert await bot.tick() == {}
        assert len(channels.in_channel(CHANNEL)) == 1
    finally:
        await store.close()


async def test_restart_right_after_the_send_does_not_repeat_it(store, channels, clock):
    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    await schedule(store, clock)
    clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
    assert await dispatcher(store, channels, clock).tick() == {CHANNEL: "sent"}
    store = await restart(store)
    try:
        for _ in range(4):
            clock.advance(minutes=10)
            assert await dispatcher(store, channels, clock).tick() == {}
        assert len(channels.in_channel(CHANNEL)) == 1
    finally:
        await store.close()


async def test_crash_after_delivery_but_before_the_mark_is_found_not_resent(store, channels, clock):
    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    await schedule(store, clock)
    clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
    channels.crash_after_delivery = True
    with pytest.raises(Crash):
        await dispatcher(store, channels, clock).tick()
    assert (await BriefingStorage(store).run(CHANNEL, date(2026, 11, 26))).state == "sending"
    channels.crash_after_delivery = False
    store = await restart(store)
    try:
        clock.advance(minutes=6)
        assert await dispatcher(store, channels, clock).tick() == {CHANNEL: "found"}
        run = await BriefingStorage(store).run(CHANNEL, date(2026, 11, 26))
        assert run.state == "sent" and run.message_id == 1 and run.attempts == 2
        assert len(channels.in_channel(CHANNEL)) == 1
    finally:
        await store.close()


async def test_crash_after_composing_before_delivery_is_sent_after_restart(store, channels, clock):
    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    await schedule(store, clock)
    clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
    channels.crash_before_delivery = True
    with pytest.raises(Crash):
        await dispatcher(store, channels, clock).tick()
    channels.crash_before_delivery = False
    store = await restart(store)
    try:
        clock.advance(minutes=6)
        assert await dispatcher(store, channels, clock).tick() == {CHANNEL: "sent"}
        assert len(channels.in_channel(CHANNEL)) == 1
    finally:
        await store.close()


PAGES = [f"Daily briefing · 2026-11-26 · Page {number} of 3" for number in (1, 2, 3)]


async def crash_while_paging(store, channels, clock, page: int, recorded: bool = True):
    """A three-page briefing is due; the process dies once Discord has ``page``."""
    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    await schedule(store, clock)
    clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
    channels.pages = 3
    channels.crash_after_page, channels.crash_before_recording = page, not recorded
    with pytest.raises(Crash):
        await dispatcher(store, channels, clock).tick()
    channels.crash_after_page, channels.crash_before_recording = None, False
    assert channels.in_channel(CHANNEL) == PAGES[:page]


@pytest.mark.parametrize(
    ("page", "recorded", "outcome"),
    [
        (1, True, "sent"),
        (1, False, "sent"),
        (2, True, "sent"),
        (2, False, "sent"),
        (3, True, "found"),
        (3, False, "found"),
    ],
)
async def test_a_crash_between_pages_posts_only_the_missing_pages_after_a_restart(
    store, channels, clock, page, recorded, outcome
):
    await crash_while_paging(store, channels, clock, page, recorded)
    store = await restart(store)
    try:
        clock.advance(minutes=1)
        assert await dispatcher(store, channels, clock).tick() == {}  # the lease still holds
        clock.advance(minutes=5)
        assert await dispatcher(store, channels, clock).tick() == {CHANNEL: outcome}
        clock.advance(minutes=10)
        assert await dispatcher(store, channels, clock).tick() == {}
        assert channels.in_channel(CHANNEL) == PAGES
        run = await BriefingStorage(store).run(CHANNEL, date(2026, 11, 26))
        assert run.state == "sent" and run.message_id == 1
        assert (run.page_count, run.pages_sent, run.attempts) == (3, 3, 2)
    finally:
        await store.close()


async def test_the_missing_pages_continue_the_same_briefing_composed_for_the_same_window(
    store, channels, clock
):
    windows = []

    async def recorded_briefing(scope, hours, now):
        windows.append(now)
        return await empty_briefing(scope, hours, now)

    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    await schedule(store, clock)
    clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
    channels.pages, channels.crash_after_page = 3, 1
    with pytest.raises(Crash):
        await dispatcher(store, channels, clock, compose=recorded_briefing).tick()
    channels.crash_after_page = None
    store = await restart(store)
    try:
        clock.advance(minutes=20)
        resumed = dispatcher(store, channels, clock, compose=recorded_briefing)
        assert await resumed.tick() == {CHANNEL: "sent"}
        assert windows == [datetime(2026, 11, 26, 7, 0, tzinfo=UTC)] * 2
        assert channels.in_channel(CHANNEL) == PAGES
    finally:
        await store.close()


async def test_a_transient_failure_between_pages_resends_only_the_missing_pages(
    store, channels, clock
):
    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    await schedule(store, clock)
    clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
    channels.pages, channels.fail_from_page = 3, 2
    channels.fail_with = DeliveryError("Discord answered 503; I will retry.", permanent=False)
    bot = dispatcher(store, channels, clock)
    assert await bot.tick() == {CHANNEL: "failed"}
    assert channels.in_channel(CHANNEL) == PAGES[:1]
    channels.fail_with = None
    clock.advance(minutes=1)
    assert await bot.tick() == {CHANNEL: "sent"}
    assert channels.in_channel(CHANNEL) == PAGES


async def test_a_channel_that_cannot_be_read_after_a_crash_is_retried_not_posted_to_twice(
    store, channels, clock
):
    await crash_while_paging(store, channels, clock, page=2, recorded=False)
    store = await restart(store)
    try:
        clock.advance(minutes=6)
        unreadable = DeliveryError("Discord answered 503; I will retry.", permanent=False)
        channels.history_fails_with = unreadable
        assert await dispatcher(store, channels, clock).tick() == {CHANNEL: "failed"}
        assert channels.in_channel(CHANNEL) == PAGES[:2]
        channels.history_fails_with = None
        clock.advance(minutes=1)
        assert await dispatcher(store, channels, clock).tick() == {CHANNEL: "sent"}
        assert channels.in_channel(CHANNEL) == PAGES
    finally:
        await store.close()


async def test_a_briefing_cut_short_by_a_crash_is_not_finished_after_the_grace_period(
    store, channels, clock
):
    await crash_while_paging(store, channels, clock, page=1)
    store = await restart(store)
    try:
        clock.advance(hours=3)
        assert await dispatcher(store, channels, clock).tick() == {CHANNEL: "skipped"}
        assert channels.in_channel(CHANNEL) == PAGES[:1]
        run = await BriefingStorage(store).run(CHANNEL, date(2026, 11, 26))
        assert run.state == "skipped" and "missed by 3 h 0 min" in run.detail
    finally:
        await store.close()


async def test_two_dispatchers_resuming_one_briefing_post_each_missing_page_once(
    database, store, channels, clock
):
    await crash_while_paging(store, channels, clock, page=1, recorded=False)
    await store.close()
    first, second = await SqliteStore.open(database), await SqliteStore.open(database)
    try:
        clock.advance(minutes=6)
        channels.delay = 0.05
        outcomes = await asyncio.gather(
            dispatcher(first, channels, clock).tick(), dispatcher(second, channels, clock).tick()
        )
        assert sorted(o.get(CHANNEL, "") for o in outcomes) in (["", "sent"], ["sent", "taken"])
        assert channels.in_channel(CHANNEL) == PAGES
    finally:
        await first.close()
        await second.close()


async def test_two_dispatchers_on_one_database_file_send_once(database, channels, clock):
    first, second = await SqliteStore.open(database), await SqliteStore.open(database)
    try:
        clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
        await schedule(first, clock)
        clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
        channels.delay = 0.05
        outcomes = await asyncio.gather(
            dispatcher(first, channels, clock).tick(), dispatcher(second, channels, clock).tick()
        )
        assert sorted(o.get(CHANNEL, "") for o in outcomes) in (["", "sent"], ["sent", "taken"])
        assert len(channels.in_channel(CHANNEL)) == 1
    finally:
        await first.close()
        await second.close()


async def test_a_dispatcher_that_composed_past_its_lease_does_not_send_after_a_takeover(
    store, channels, clock
):
    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    await schedule(store, clock)
    clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
    composing, taken_over = asyncio.Event(), asyncio.Event()

    async def slow_briefing(scope, hours, now):
        composing.set()
        await taken_over.wait()
        return await empty_briefing(scope, hours, now)

    slow = dispatcher(store, channels, clock, compose=slow_briefing, owner="A")
    first = asyncio.create_task(slow.tick())
    await composing.wait()
    clock.advance(minutes=6)  # A is still composing when its lease runs out
    assert await dispatcher(store, channels, clock, owner="B").tick() == {CHANNEL: "sent"}
    taken_over.set()
    assert await first == {CHANNEL: "taken"}
    assert channels.in_channel(CHANNEL) == ["Daily briefing · 2026-11-26"]
    run = await BriefingStorage(store).run(CHANNEL, date(2026, 11, 26))
    assert run is not None and run.state == "sent" and run.claimed_by == "B"


async def test_sending_renews_the_lease_so_a_late_send_is_not_taken_over(store, channels, clock):
    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    await schedule(store, clock)
    clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
    sending, delivered = asyncio.Event(), asyncio.Event()

    class SlowChannels(FakeChannels):
        async def send(self, delivery, briefing) -> int:
            if not sending.is_set():  # only the first send is slow
                sending.set()
                await delivered.wait()
            return await super().send(delivery, briefing)

    async def slow_briefing(scope, hours, now):
        clock.advance(minutes=4)  # composing takes most of the lease
        return await empty_briefing(scope, hours, now)

    slow_channels = SlowChannels()
    first = asyncio.create_task(
        dispatcher(store, slow_channels, clock, compose=slow_briefing, owner="A").tick()
    )
    await sending.wait()
    clock.advance(minutes=2)  # past the claim's lease, within the one "sending" renewed
    assert await dispatcher(store, slow_channels, clock, owner="B").tick() == {}
    delivered.set()
    assert await first == {CHANNEL: "sent"}
    assert len(slow_channels.in_channel(CHANNEL)) == 1


async def test_a_briefing_missed_within_the_grace_period_is_sent_late(store, channels, clock):
    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    await schedule(store, clock)
    clock.set(datetime(2026, 11, 26, 8, 59, tzinfo=UTC))  # 1 h 59 min late
    assert await dispatcher(store, channels, clock).tick() == {CHANNEL: "sent"}


async def test_a_briefing_missed_beyond_the_grace_period_is_skipped_and_recorded(
    store, channels, clock, caplog
):
    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    await schedule(store, clock)
    clock.set(datetime(2026, 11, 26, 10, 0, tzinfo=UTC))  # 3 h late
    assert await dispatcher(store, channels, clock).tick() == {CHANNEL: "skipped"}
    assert channels.messages == []
    run = await BriefingStorage(store).run(CHANNEL, date(2026, 11, 26))
    assert run.state == "skipped" and "missed by 3 h 0 min" in run.detail
    assert "skipping briefing" in caplog.text
    clock.set(datetime(2026, 11, 27, 7, 0, tzinfo=UTC))
    assert await dispatcher(store, channels, clock).tick() == {CHANNEL: "sent"}


async def test_a_deleted_channel_pauses_the_schedule_with_the_reason(store, channels, clock):
    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    await schedule(store, clock)
    clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
    channels.fail_with = DeliveryError("The channel was deleted.", permanent=True)
    bot = dispatcher(store, channels, clock)
    assert await bot.tick() == {CHANNEL: "paused"}
    paused = await BriefingStorage(store).schedule(CHANNEL)
    assert paused.paused_reason == "The channel was deleted."
    channels.fail_with = None
    clock.advance(minutes=10)
    assert await bot.tick() == {}
    assert channels.messages == []
    # Scheduling the channel again resumes it, and today's briefing is still owed.
    clock.advance(minutes=5)
    await schedule(store, FakeClock(datetime(2026, 11, 26, 6, 0, tzinfo=UTC)))
    assert await bot.tick() == {CHANNEL: "sent"}


async def test_a_transient_failure_is_retried_on_the_next_pass(store, channels, clock):
    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    await schedule(store, clock)
    clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
    channels.fail_with = DeliveryError("Discord answered 503.", permanent=False)
    bot = dispatcher(store, channels, clock)
    assert await bot.tick() == {CHANNEL: "failed"}
    assert (await BriefingStorage(store).schedule(CHANNEL)).last_error == "Discord answered 503."
    channels.fail_with = None
    clock.advance(minutes=1)
    assert await bot.tick() == {CHANNEL: "sent"}
    assert (await BriefingStorage(store).schedule(CHANNEL)).last_error is None


async def test_a_briefing_discord_refuses_is_skipped_for_the_day_not_retried(
    store, channels, clock
):
    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    await schedule(store, clock)
    clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
    refused = "Discord refused this briefing (HTTP 400); today's was skipped."
    channels.fail_with = DeliveryError(refused, permanent=False, retry=False)
    bot = dispatcher(store, channels, clock)
    assert await bot.tick() == {CHANNEL: "skipped"}
    assert (await BriefingStorage(store).schedule(CHANNEL)).last_error == refused
    channels.fail_with = None
    clock.advance(minutes=1)
    assert await bot.tick() == {}
    assert channels.messages == []


@pytest.mark.parametrize(
    ("zone", "first_day", "at", "expected_local"),
    [
        ("Europe/Berlin", datetime(2026, 3, 27, tzinfo=UTC), "08:00", ["08:00"] * 4),
        ("America/New_York", datetime(2026, 3, 6, tzinfo=UTC), "08:00", ["08:00"] * 4),
        ("Europe/Berlin", datetime(2026, 10, 23, tzinfo=UTC), "08:00", ["08:00"] * 4),
        ("America/New_York", datetime(2026, 10, 30, tzinfo=UTC), "08:00", ["08:00"] * 4),
        # Skipped on the spring-forward night: 03:00 that day, 02:30 the others.
        (
            "Europe/Berlin",
            datetime(2026, 3, 27, tzinfo=UTC),
            "02:30",
            ["02:30", "02:30", "03:00", "02:30"],
        ),
        # Repeated on the fall-back night: once.
        ("America/New_York", datetime(2026, 10, 30, tzinfo=UTC), "01:30", ["01:30"] * 4),
    ],
)
async def test_four_days_across_a_dst_change_send_one_briefing_a_day_at_local_time(
    store, channels, zone, first_day, at, expected_local
):
    clock = FakeClock(first_day)
    await schedule(store, clock, at=at, zone=zone)
    bot = dispatcher(store, channels, clock)
    sent_at = []
    for _ in range(4 * 24 * 6):  # every 10 minutes for four days
        clock.advance(minutes=10)
        if (await bot.tick()).get(CHANNEL) == "sent":
            sent_at.append(clock.now())
    local = [moment.astimezone(ZoneInfo(zone)).strftime("%H:%M") for moment in sent_at]
    assert local == expected_local
    assert len({m.astimezone(ZoneInfo(zone)).date() for m in sent_at}) == 4
    assert len(channels.messages) == 4


class FileChannels(FakeChannels):
    """Discord's side shared by processes: every message is a line appended to one file."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.delay = 0.05

    async def send(self, delivery, briefing) -> int:
        await asyncio.sleep(self.delay)
        with self.path.open("a") as log:
            log.write(f"{delivery.channel_id} {delivery.marker}\n")
        return 1

    async def find_sent(self, delivery) -> int | None:
        return None


def race_in_a_process(database: str, messages: str, barrier) -> None:
    """One bot process: open the database, wait for the other, then run one pass."""

    async def main() -> None:
        store = await SqliteStore.open(database)
        try:
            clock = FakeClock(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
            barrier.wait()
            await dispatcher(store, FileChannels(Path(messages)), clock).tick()
        finally:
            await store.close()

    asyncio.run(main())


async def test_two_bot_processes_racing_for_one_schedule_send_once(database, tmp_path, clock):
    store = await SqliteStore.open(database)
    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    await schedule(store, clock)
    await store.close()
    messages = tmp_path / "messages.txt"
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    processes = [
        context.Process(target=race_in_a_process, args=(database, str(messages), barrier))
        for _ in range(2)
    ]
    for process in processes:
        process.start()
    for process in processes:
        await asyncio.to_thread(process.join, 60)
    assert [p.exitcode for p in processes] == [0, 0]
    assert messages.read_text().splitlines() == [f"{CHANNEL} Daily briefing · 2026-11-26"]
