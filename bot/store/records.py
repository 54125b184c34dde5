"""What the store hands back: typed rows, independent of the database behind the interface."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.models import Analysis, Quote


@dataclass(frozen=True)
class ArticleRecord:
    """One stored article (its analysis is stored apart, per summarizer)."""

    id: int
    canonical_url: str
    """The first address the article was stored under, by whichever scope: internal, never
    shown to a scope (a scope sees its own ``Submission.url``)."""
    content_hash: str
    title: str
    byline: str
    published: str
    site_name: str
    source: str
    fetched_at: datetime


@dataclass(frozen=True)
class CachedAnalysis:
    """A stored analysis and when it was computed; stale when its engine version is older."""

    analysis: Analysis
    engine_version: str
    created_at: datetime


@dataclass(frozen=True)
class QuoteRecord:
    """A stored quote with what a "who said" answer shows next to it."""

    id: int
    quote: Quote
    speaker: str | None
    role: str | None
    article_id: int
    title: str
    url: str
    """The address the asking scope submitted the article under ("" if none)."""
    published: str
    """The date the article states, else the date it was first stored (``YYYY-MM-DD``)."""


@dataclass(frozen=True)
class Submission:
    """An article as submitted in a scope: when (latest), and the address the scope gave it."""

    article_id: int
    scope_key: str
    submitted_at: datetime
    url: str = ""
    """The canonical URL of the scope's latest submission by link; "" if only ever text or
    files. Never the article's own ``canonical_url``, which may be another scope's link."""


@dataclass(frozen=True)
class SpeakerTally:
    """A speaker as quoted in one scope: the stored name, its kind and how many quotes."""

    name: str
    kind: str = "person"
    """``person``, ``organization`` or ``unknown`` (``bot.models.SpeakerKind``)."""
    quotes: int = 0
