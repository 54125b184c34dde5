"""How both drivers store times: UTC ISO-8601 text of one fixed width, so text order is time
order and a row copies from one database to the other as it is."""

from __future__ import annotations

from datetime import UTC, datetime


def stamp(moment: datetime) -> str:
    """A time as stored: UTC, fixed width, so text order is time order."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def unstamp(text: str) -> datetime:
    """Inverse of ``stamp`` (``fromisoformat`` reads the same text as a ``strptime`` with
    ``stamp``'s format, some twenty times faster: one runs on every cache hit)."""
    return datetime.fromisoformat(text)
