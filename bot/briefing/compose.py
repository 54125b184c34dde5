"""Compose a briefing from the articles a server analyzed in a window.

Articles are grouped into stories (``grouping``), stories are ranked by how many sources tell
them, how recent they are and how prominent the people quoted in them are, and each story is
told once: a headline, one or two summary sentences that do not repeat each other, its best
quote and a link to every source. "Quotes of the day" and "Most quoted" close the briefing.
Everything here is pure: data in, a ``Briefing`` out, so both faces render the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

import numpy as np

from bot.briefing.grouping import article_features, group_articles, word_overlap
from bot.briefing.speakers import full_names, with_full_names
from bot.briefing.types import Briefing, BriefingQuote, Source, SpeakerCount, Story
from bot.models import Analysis, Article, Quote
from bot.store.records import SpeakerTally

MAX_STORIES = 10
QUOTES_OF_THE_DAY = 5
MOST_QUOTED = 8
SUMMARY_SENTENCES = 2
SUMMARY_CHARS = 420
"""Past this, a second summary sentence would turn a briefing item into an article."""
REPEATS = 0.5
"""Word overlap at which a candidate summary sentence is said to repeat one already chosen."""
_DANGLING_OPENERS = ("he ", "she ", "it ", "they ", "this ", "that ", "these ", "but ", "and ")


class AnalyzedArticle(Protocol):
    """What composing needs of one analyzed article (``bot.service.AnalysisResult`` has it)."""

    @property
    def article(self) -> Article: ...

    @property
    def analysis(self) -> Analysis: ...

    @property
    def submitted_at(self) -> datetime: ...


@dataclass(frozen=True)
class _Candidate:
    """A quote with what ranks it: its own strength and its speaker's prominence."""

    quote: Quote
    item: AnalyzedArticle
    strength: float


def compose_briefing(
    items: Sequence[AnalyzedArticle],
    since: datetime,
    until: datetime,
    *,
    max_stories: int = MAX_STORIES,
    known_speakers: Sequence[SpeakerTally] = (),
) -> Briefing:
    """The briefing for ``items`` (the articles analyzed between ``since`` and ``until``);
    ``known_speakers`` are the scope's other names that may give a person's full name."""
    articles = _prepared(items, known_speakers)
    if not articles:
        return Briefing(since=since, until=until, article_count=0)
    counts = speaker_counts(articles)
    prominence = _prominence(counts)
    features = [article_features(a.analysis, a.article.text) for a in articles]
    groups, similarity = group_articles(features)
    stories = [
        _story([articles[i] for i in group], similarity[np.ix_(group, group)], prominence)
        for group in groups
    ]
    stories = [replace(s, score=s.score + _recency(s.latest, since, until)) for s in stories]
    ranked = sorted(stories, key=lambda s: (-s.score, s.headline))
    shown = ranked[:max_stories]
    used = {s.quote.text for s in shown if s.quote}
    return Briefing(
        since=since,
        until=until,
        article_count=len(articles),
        stories=tuple(shown),
        story_count=len(ranked),
        quotes_of_the_day=_quotes_of_the_day(articles, prominence, exclude=used),
        most_quoted=tuple(counts[:MOST_QUOTED]),
    )


def speaker_counts(items: Sequence[AnalyzedArticle]) -> list[SpeakerCount]:
    """People quoted in ``items``, most quoted first: quotes and distinct articles each."""
    quotes: dict[str, int] = {}
    articles: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for item in items:
        seen: set[str] = set()
        for speaker in item.analysis.speakers:
            if speaker.kind == "unknown" or not speaker.quote_indices:
                continue
            key = speaker.name.casefold()
            spelling.setdefault(key, speaker.name)
            quotes[key] = quotes.get(key, 0) + len(speaker.quote_indices)
            if key not in seen:
                articles[key] = articles.get(key, 0) + 1
                seen.add(key)
    ranked = sorted(quotes, key=lambda k: (-quotes[k], -articles[k], spelling[k]))
    return [SpeakerCount(spelling[k], quotes[k], articles[k]) for k in ranked]


@dataclass(frozen=True)
class _Item:
    """An analyzed article as composing sees it, with speakers under their full names."""

    article: Article
    analysis: Analysis
    submitted_at: datetime


def _prepared(
    items: Sequence[AnalyzedArticle], known: Sequence[SpeakerTally]
) -> list[AnalyzedArticle]:
    """One entry per article, oldest first, each person under one name across the window."""
    unique = _unique(items)
    names = full_names((item.analysis for item in unique), known)
    return [
        _Item(item.article, with_full_names(item.analysis, names), item.submitted_at)
        for item in unique
    ]


def _unique(items: Sequence[AnalyzedArticle]) -> list[AnalyzedArticle]:
    """One entry per article (the latest submission wins), oldest first."""
    latest: dict[str, AnalyzedArticle] = {}
    for item in items:
        key = (
            item.article.canonical_url
            or item.analysis.url
            or item.article.url
            or f"text:{hash(item.analysis.text or item.article.text)}"
        )
        if key not in latest or latest[key].submitted_at < item.submitted_at:
            latest[key] = item
    return sorted(latest.values(), key=lambda a: a.submitted_at)


def _prominence(counts: Sequence[SpeakerCount]) -> dict[str, float]:
    """Each speaker's quote count relative to the most quoted person of the window (0 to 1)."""
    if not counts:
        return {}
    top = max(c.quotes for c in counts)
    return {c.name.casefold(): c.quotes / top for c in counts}


def _recency(latest: datetime | None, since: datetime, until: datetime) -> float:
    span = (until - since).total_seconds()
    if latest is None or span <= 0:
        return 0.0
    return min(1.0, max(0.0, (latest - since).total_seconds() / span))


def _story(
    members: list[AnalyzedArticle], similarity: np.ndarray, prominence: dict[str, float]
) -> Story:
    """Tell one story: its most central article leads, the others add and corroborate.

    The score counts sources plus up to 1.5 for the most prominent person quoted; the caller
    adds up to 1 for recency.
    """
    centrality = similarity.mean(axis=1) if len(members) > 1 else np.ones(1)
    order = sorted(
        range(len(members)), key=lambda i: (-centrality[i], -members[i].submitted_at.timestamp())
    )
    ordered = [members[i] for i in order]
    lead = ordered[0]
    headline = _headline(lead)
    candidates = [_candidate(q, item, prominence) for item in ordered for q in _quotes_of(item)]
    best = max(candidates, key=lambda c: c.strength, default=None)
    people = _people(ordered)
    score = len(ordered) + 1.5 * max((prominence.get(p.casefold(), 0.0) for p in people), default=0)
    return Story(
        headline=headline,
        summary=_summary(ordered, headline),
        quote=_briefing_quote(best) if best else None,
        sources=tuple(_source(item) for item in ordered),
        people=people,
        latest=max(item.submitted_at for item in ordered),
        score=score,
    )


def _headline(item: AnalyzedArticle) -> str:
    title = (item.analysis.title or item.article.title).strip()
    if title:
        return title
    first = item.analysis.summary[0].text if item.analysis.summary else item.article.text
    words = first.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")


def _summary(ordered: list[AnalyzedArticle], headline: str) -> tuple[str, ...]:
    """Up to two sentences: the lead article's first, then the best one that adds something."""
    chosen: list[str] = []
    for position, item in enumerate(ordered):
        sentences = [s.text.strip() for s in item.analysis.summary if s.text.strip()]
        for rank, sentence in enumerate(sentences):
            if (position == 0 and rank == 0) or _adds_to(sentence, chosen, headline):
                chosen.append(sentence)
                break
        if len(chosen) == SUMMARY_SENTENCES or sum(map(len, chosen)) > SUMMARY_CHARS / 2:
            break
    if len(chosen) < SUMMARY_SENTENCES and sum(map(len, chosen)) <= SUMMARY_CHARS / 2:
        for sentence in (s.text.strip() for s in ordered[0].analysis.summary[1:]):
            if _adds_to(sentence, chosen, headline):
                chosen.append(sentence)
                break
    while len(chosen) > 1 and sum(map(len, chosen)) > SUMMARY_CHARS:
        chosen.pop()
    return tuple(chosen)


def _adds_to(sentence: str, chosen: list[str], headline: str) -> bool:
    """A sentence worth adding: it stands alone and repeats neither the headline nor a pick."""
    if not sentence or sentence.lower().startswith(_DANGLING_OPENERS):
        return False
    if sentence[0] in "\"“'‘":
        return False  # a quote belongs in the quote slot, with its speaker
    if word_overlap(sentence, headline) >= 0.8:
        return False
    return all(word_overlap(sentence, other) < REPEATS for other in chosen)


def _quotes_of(item: AnalyzedArticle) -> list[Quote]:
    """An article's quotes worth showing: its key quotes, with a named speaker."""
    quotes = item.analysis.quotes
    keys = [quotes[i] for i in item.analysis.key_quotes if 0 <= i < len(quotes)]
    return [q for q in keys if q.speaker and len(q.text.split()) >= 4]


def _candidate(quote: Quote, item: AnalyzedArticle, prominence: dict[str, float]) -> _Candidate:
    """Rank a quote: sure attribution, a whole direct quote, a readable length, a known name."""
    keys = item.analysis.key_quotes
    index = item.analysis.quotes.index(quote)
    rank = keys.index(index) if index in keys else len(keys)
    length = len(quote.text)
    strength = (
        quote.confidence
        + (0.3 if quote.kind == "direct" else 0.0)
        + 0.3 / (1 + rank)
        + (0.2 if 40 <= length <= 260 else -0.2)
        + 0.4 * prominence.get((quote.speaker or "").casefold(), 0.0)
    )
    return _Candidate(quote=quote, item=item, strength=strength)


def _briefing_quote(candidate: _Candidate) -> BriefingQuote:
    item = candidate.item
    return BriefingQuote(
        text=candidate.quote.text.strip(),
        speaker=candidate.quote.speaker or "",
        source_title=(item.analysis.title or item.article.title).strip(),
        source_url=item.article.url or item.analysis.url,
        confidence=candidate.quote.confidence,
    )


def _people(ordered: list[AnalyzedArticle]) -> tuple[str, ...]:
    return tuple(c.name for c in speaker_counts(ordered))


def _source(item: AnalyzedArticle) -> Source:
    return Source(
        title=(item.analysis.title or item.article.title).strip() or "Untitled",
        url=item.article.url or item.analysis.url,
        site_name=item.article.site_name,
        submitted_at=item.submitted_at,
    )


def _quotes_of_the_day(
    items: Sequence[AnalyzedArticle], prominence: dict[str, float], exclude: set[str]
) -> tuple[BriefingQuote, ...]:
    """The strongest key quotes of the window, one per speaker, not already shown above."""
    candidates = sorted(
        (_candidate(q, item, prominence) for item in items for q in _quotes_of(item)),
        key=lambda c: -c.strength,
    )
    picked: list[BriefingQuote] = []
    speakers: set[str] = set()
    texts = set(exclude)
    for candidate in candidates:
        speaker = (candidate.quote.speaker or "").casefold()
        text = candidate.quote.text.strip()
        if speaker in speakers or text in texts:
            continue
        picked.append(_briefing_quote(candidate))
        speakers.add(speaker)
        texts.add(text)
        if len(picked) == QUOTES_OF_THE_DAY:
            break
    return tuple(picked)
