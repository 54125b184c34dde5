"""Fixtures for the briefing tests: a hand-wound clock and a window of written articles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

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
