"""Option types the commands share: numbers refused by argparse, with their range, when absurd.

A number past what the database or the calendar can hold (``--days 100000000``) would
otherwise surface as an ``OverflowError`` deep in the store instead of a usage message.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

MAX_LISTED = 1_000
"""Most rows a listing command prints."""


def int_between(low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type`` for a whole number from ``low`` to ``high`` (inclusive)."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a whole number from {low:,} to {high:,}"
            )
        return value

    parse.__name__ = "number"
    return parse
