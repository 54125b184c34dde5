"""The typed data every layer passes around, defined once and serialised to JSON for the cache.

All types are frozen: an ``Analysis`` is computed once per article and engine version and then
only read, so nothing downstream may change it in place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ENGINE_VERSION = "1.2.0"
"""Bumped whenever the analysis output changes, so cached analyses are recomputed lazily."""

QuoteKind = Literal["direct", "partial", "other"]
SpeakerKind = Literal["person", "organization", "unknown"]


@dataclass(frozen=True)
class Article:
    """An article's text and what is known about where it came from."""

    text: str
    title: str = ""
    url: str = ""
    canonical_url: str = ""
    byline: str = ""
    published: str = ""
    """ISO date (``YYYY-MM-DD``) or date-time the page states; empty when it states none."""
    site_name: str = ""
    language: str = ""
    source: Literal["text", "url", "file"] = "text"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class SummarySentence:
    """One extracted sentence with its character offsets in the cleaned article text."""

    text: str
    start: int
    end: int
    index: int = -1
    """The sentence's position among the article's sentences (-1 when unknown), so a summary
    can be rebuilt from a ranking alone and can tell whether a sentence's antecedent is in it."""


@dataclass(frozen=True)
class Quote:
    """A quoted stretch of the article and who said it.

    ``start``/``end`` are offsets of the inner text (without the marks) in the cleaned text.
    ``speaker`` is the canonical name of the speaker cluster, or ``None`` when it cannot be
    resolved (reported as unknown rather than guessed).
    """

    text: str
    start: int
    end: int
    kind: QuoteKind = "direct"
    speaker: str | None = None
    mention: str | None = None
    cue: str | None = None
    confidence: float = 0.0
    context: str = ""
    """The sentence (or sentences) around the quote, for "who said" answers."""

    @property
    def shown(self) -> str:
        """The quote as shown on its own: a closing comma belongs to the attribution.

        News style puts it inside the marks ("…for less," Brennan said), but a digest line
        ending on a comma reads as cut off.
        """
        text = self.text.strip()
        return text[:-1].rstrip() if text.endswith(",") and len(text) > 1 else text


@dataclass(frozen=True)
class Speaker:
    """One person or organisation quoted in an article, with every name the article used."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    kind: SpeakerKind = "person"
    quote_indices: tuple[int, ...] = ()
    """Indices into ``Analysis.quotes``."""


@dataclass(frozen=True)
class Analysis:
    """Everything the engine says about one article; the unit the cache stores."""

    title: str
    url: str
    summary: tuple[SummarySentence, ...]
    ranked: tuple[SummarySentence, ...] = ()
    """Up to 10 best sentences in rank order, so another summary length needs no new analysis."""
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    key_quotes: tuple[int, ...] = ()
    """Indices into ``quotes`` of the few quotes that matter most, best first."""
    word_count: int = 0
    language: str = "en"
    algorithm: str = "news"
    warnings: tuple[str, ...] = ()
    byline: str = ""
    published: str = ""
    text: str = field(default="", repr=False)
    """The cleaned text all offsets refer to."""
    engine_version: str = ENGINE_VERSION

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; the stable output of ``briefbot analyze --format json``."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Rebuild an analysis from ``to_dict`` output (as read back from the cache)."""
        return cls(
            title=data.get("title", ""),
            url=data.get("url", ""),
            summary=tuple(SummarySentence(**s) for s in data.get("summary", ())),
            ranked=tuple(SummarySentence(**s) for s in data.get("ranked", ())),
            quotes=tuple(Quote(**q) for q in data.get("quotes", ())),
            speakers=tuple(
                Speaker(
                    name=s["name"],
                    aliases=tuple(s.get("aliases", ())),
                    role=s.get("role"),
                    kind=s.get("kind", "person"),
                    quote_indices=tuple(s.get("quote_indices", ())),
                )
                for s in data.get("speakers", ())
            ),
            key_quotes=tuple(data.get("key_quotes", ())),
            word_count=data.get("word_count", 0),
            language=data.get("language", "en"),
            algorithm=data.get("algorithm", "news"),
            warnings=tuple(data.get("warnings", ())),
            byline=data.get("byline", ""),
            published=data.get("published", ""),
            text=data.get("text", ""),
            engine_version=data.get("engine_version", ENGINE_VERSION),
        )


@dataclass(frozen=True)
class Scope:
    """Whose data a query may see: one Discord server, one user's DMs, or the local CLI.

    Every stored submission carries a scope and every query runs inside one, so one server
    never sees another server's articles or quotes.
    """

    kind: Literal["guild", "dm", "local"]
    id: int = 0

    @property
    def key(self) -> str:
        """The string stored in the database: ``guild:123``, ``dm:456`` or ``local``."""
        return "local" if self.kind == "local" else f"{self.kind}:{self.id}"

    @classmethod
    def parse(cls, key: str) -> Scope:
        """Inverse of ``key``."""
        if key == "local":
            return cls("local")
        kind, _, ident = key.partition(":")
        if kind not in ("guild", "dm") or not ident.isdigit():
            raise ValueError(f"not a scope: {key!r}")
        return cls(kind, int(ident))  # type: ignore[arg-type]


LOCAL_SCOPE = Scope("local")
