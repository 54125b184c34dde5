"""Fixtures for the briefing tests: a hand-wound clock and a window of written articles."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.store.sqlite import SqliteStore
from tests.briefing.stories import Written, write_window


class FakeClock:
    """A clock that only moves when a test moves it."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def set(self, moment: datetime) -> None:
        self.current = moment.astimezone(UTC)

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 26, 6, 0, tzinfo=UTC))


WINDOW_END = datetime(2026, 11, 26, 7, 0, tzinfo=UTC)


@pytest.fixture
def window() -> list[Written]:
    """Fifty articles on ten stories, submitted over the 24 hours before ``WINDOW_END``."""
    return write_window(WINDOW_END)


class Crash(BaseException):
    """The process dies here: nothing after this line runs, no ``except Exception`` sees it."""


class FakeChannels:
    """Discord's side of scheduled briefings: messages per channel, and the ways sending fails.

    Each briefing takes ``pages`` messages, posted and recorded one by one the way the real
    sender does, each with its page's footer. ``find_sent`` reads the channel back the way the
    real sender reads its history: a message whose footer contains the marker.
    """

    def __init__(self) -> None:
        self.messages: list[tuple[int, str]] = []
        self.pages = 1
        self.fail_with: Exception | None = None
        """Raised by posting, from page ``fail_from_page`` on."""
        self.fail_from_page = 1
        self.history_fails_with: Exception | None = None
        """Raised by reading the channel back."""
        self.crash_before_delivery = False
        self.crash_after_delivery = False
        self.crash_after_page: int | None = None
        """The process dies once Discord has this page (from 1)…"""
        self.crash_before_recording = False
        """…before it was recorded, rather than just after."""
        self.delay = 0.0

    def in_channel(self, channel_id: int) -> list[str]:
        return [marker for channel, marker in self.messages if channel == channel_id]

    async def send(self, delivery, briefing) -> int:
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.crash_before_delivery:
            raise Crash
        first = 0
        for page in range(await delivery.pages.begin(self.pages), self.pages):
            if self.fail_with is not None and page + 1 >= self.fail_from_page:
                raise self.fail_with
            footer = delivery.only_page(page, self.pages).marker
            self.messages.append((delivery.channel_id, footer))
            first = first or len(self.messages)
            if page + 1 == self.crash_after_page and self.crash_before_recording:
                raise Crash
            await delivery.pages.posted(page, len(self.messages))
            if page + 1 == self.crash_after_page:
                raise Crash
        if self.crash_after_delivery:
            raise Crash
        return first

    async def find_sent(self, delivery) -> int | None:
        if self.history_fails_with is not None:
            raise self.history_fails_with
        for number, (channel, footer) in enumerate(self.messages, start=1):
            if channel == delivery.channel_id and delivery.marker in footer:
                return number
        return None


@pytest.fixture
def channels() -> FakeChannels:
    return FakeChannels()


@pytest.fixture
def database(tmp_path) -> str:
    return str(tmp_path / "briefbot.db")


@pytest.fixture
async def store(database):
    opened = await SqliteStore.open(database)
    yield opened
    await opened.close()
