"""The briefing as data: stories, quotes of the day and the most quoted people of a window.

A ``Briefing`` is composed once and then only rendered (markdown for the CLI, pages for
Discord), so it is frozen like every other model; it lives here rather than in ``bot.models``
because only the briefing package and its faces use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Source:
    """One article behind a story, as a link the reader can follow."""

    title: str
    url: str
    site_name: str = ""
    submitted_at: datetime | None = None


@dataclass(frozen=True)
class BriefingQuote:
    """A quote worth showing, with who said it and where it was printed."""

    text: str
    speaker: str
    source_title: str = ""
    source_url: str = ""
    confidence: float = 0.0


@dataclass(frozen=True)
class Story:
    """Several articles about the same event, told once."""

    headline: str
    summary: tuple[str, ...]
    """One or two sentences drawn from the story's articles, none repeating another."""
    quote: BriefingQuote | None
    sources: tuple[Source, ...]
    people: tuple[str, ...] = ()
    """Who is quoted in the story, most quoted first."""
    latest: datetime | None = None
    score: float = 0.0


@dataclass(frozen=True)
class SpeakerCount:
    """How often one person was quoted in the window, and in how many articles."""

    name: str
    quotes: int
    articles: int


@dataclass(frozen=True)
class Briefing:
    """What a server read in a window, grouped into stories and ranked."""

    since: datetime
    until: datetime
    article_count: int
    stories: tuple[Story, ...] = ()
    """The best-ranked stories; ``story_count`` says how many the window held in all."""
    story_count: int = 0
    quotes_of_the_day: tuple[BriefingQuote, ...] = ()
    most_quoted: tuple[SpeakerCount, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when no article was analyzed in the window."""
        return self.article_count == 0

    @property
    def hours(self) -> int:
        """The window's length in whole hours (at least 1), for "the last N hours"."""
        return max(1, round((self.until - self.since).total_seconds() / 3600))

    @property
    def window(self) -> str:
        """The window in words, as titles say it: "the last hour", "the last 24 hours"."""
        return "the last hour" if self.hours == 1 else f"the last {self.hours} hours"
