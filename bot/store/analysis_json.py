"""An analysis as the store keeps it: one JSON text per row, and the rows already decoded.

Encoding a long article's analysis takes 15–25 ms of CPU, so a write encodes in a thread, off
the event loop. Most of it is ``to_dict`` (Python, which the thread interleaves with the loop);
``json.dumps`` is one C call that keeps the GIL for its few milliseconds wherever it runs.
Decoding even the short sample's takes about 0.07 ms, a third of a whole cache hit, so a read
decodes each stored row once per process and then reuses the result.
"""

from __future__ import annotations

import json
from collections import OrderedDict

from bot.models import Analysis
from bot.store.records import CachedAnalysis

RowKey = tuple[int, str, str, str]
"""``(article id, algorithm, engine version, created_at)``: what names one stored row's data.

Every save stamps ``created_at`` anew, so data rewritten by this process or another (a newer
engine, a refresh, a CLI run next to the bot) arrives under a new key and is decoded afresh.
"""


def encode_analysis(analysis: Analysis) -> str:
    """The JSON stored for an analysis: compact, not ASCII-escaped (CPU work; run it in a
    thread)."""
    return json.dumps(analysis.to_dict(), ensure_ascii=False, separators=(",", ":"))


class DecodedAnalyses:
    """A bounded, least-recently-used memory of decoded rows, by ``RowKey``.

    What it holds is exactly what the stored JSON decodes to, shared by every scope: an
    ``Analysis`` is frozen, and its ``url`` is the stored one (whoever stored the article
    first), which the service always replaces with the asking scope's own address. Nothing
    here ever carries a scope's link.
    """

    def __init__(self, max_rows: int = 256, max_chars: int = 8_000_000) -> None:
        self.max_rows = max_rows
        self.max_chars = max_chars
        """The budget for the JSON text behind the rows kept, a proxy for their memory."""
        self._rows: OrderedDict[RowKey, tuple[CachedAnalysis, int]] = OrderedDict()
        self._chars = 0

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, key: RowKey) -> CachedAnalysis | None:
        """The row decoded earlier under ``key``, if it is still held."""
        held = self._rows.get(key)
        if held is None:
            return None
        self._rows.move_to_end(key)
        return held[0]

    def put(self, key: RowKey, cached: CachedAnalysis, chars: int) -> None:
        """Hold a row just decoded from ``chars`` characters of JSON, dropping the least
        recently used rows past the budget (a row alone over the budget is not held)."""
        if chars > self.max_chars or key in self._rows:
            return
        self._rows[key] = (cached, chars)
        self._chars += chars
        while len(self._rows) > self.max_rows or self._chars > self.max_chars:
            _, (_, dropped) = self._rows.popitem(last=False)
            self._chars -= dropped
