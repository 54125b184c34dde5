""" "Who said …?" forgives how a line is remembered, and says so when nothing matches."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from bot.errors import InputError
from bot.models import LOCAL_SCOPE
from bot.service import Service
from bot.store import whosaid
from tests.store.articles import analysis_with_quotes, store_analysis

TAX = "We will not raise the fuel tax while families are still paying off last winter's bills"
FERRY = "The ferry will run every twenty minutes from the first of June"
FLOOD = "Nobody who lives by the river should have to move their furniture upstairs every spring"


@pytest.fixture
async def quoted(service: Service) -> Service:
    """A store holding three articles' quotes, with speakers, roles and some filler quotes."""
    await store_analysis(
        service.store,
        analysis_with_quotes(
            "Fuel tax frozen for another year",
            [("Ana Lindqvist", TAX), ("Tom Reyes", "The budget has room for it, barely")],
            roles={"Ana Lindqvist": "Finance Minister"},
        ),
        LOCAL_SCOPE,
    )
    await store_analysis(
        service.store,
        analysis_with_quotes("Harbour ferry timetable", [("Marta Gil", FERRY)]),
        LOCAL_SCOPE,
    )
    await store_analysis(
        service.store,
        analysis_with_quotes("Flood defences delayed", [("Ana Lindqvist", FLOOD)]),
        LOCAL_SCOPE,
    )
    filler = [
        (f"Speaker {i}", f"Number {i} of the filler quotes talks about {topic} and little else")
        for i, topic in enumerate(["parking", "schools", "rail fares", "bus lanes", "taxes"])
    ]
    await store_analysis(service.store, analysis_with_quotes("Filler", filler), LOCAL_SCOPE)
    return service


@pytest.mark.parametrize(
    "remembered",
    [
        f'"{TAX}"',  # straight quote marks
        f"“{TAX}”",  # curly ones
        f"«{TAX.upper()}»",  # guillemets, shouting
        "we will not raise the fuel tax, while families are still paying off last winters bills!",
        "we won't raise the fuel tax while families are still paying last winter's bills",
        "we will not increase the fuel tax while families are paying off last winter's bills",
        "raise the fuel tax",  # a three-word fragment (plus one)
        "paying off last winter's",
    ],
)
async def test_the_remembered_line_finds_its_speaker(quoted: Service, remembered: str) -> None:
    answer = await quoted.whosaid(remembered, LOCAL_SCOPE)
    assert answer.matches, answer
    best = answer.matches[0]
    assert best.speaker == "Ana Lindqvist"
    assert best.role == "Finance Minister"
    assert best.quote.text == TAX
    assert best.title == "Fuel tax frozen for another year"
    assert best.quote.context.startswith('"We will not raise')
    assert best.published == datetime.now(UTC).date().isoformat()
    assert best.score >= 75


async def test_word_order_changes_are_forgiven(quoted: Service) -> None:
    answer = await quoted.whosaid("every twenty minutes the ferry will run", LOCAL_SCOPE)
    assert answer.matches[0].speaker == "Marta Gil"


async def test_no_match_comes_with_the_closest_near_misses(quoted: Service) -> None:
    answer = await quoted.whosaid("the ferry will sail twice an hour all summer long", LOCAL_SCOPE)
    assert answer.matches == []
    assert answer.near_misses
    assert answer.near_misses[0].speaker == "Marta Gil"
    assert all(miss.score < 75 for miss in answer.near_misses)


async def test_a_line_nobody_said_anything_like_has_no_matches(quoted: Service) -> None:
    answer = await quoted.whosaid("quantum chromodynamics explains the proton's spin", LOCAL_SCOPE)
    assert answer.matches == [] and answer.near_misses == []


async def test_a_line_sharing_no_stored_word_is_scored_off_the_event_loop(
    quoted: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fallback scores up to 2,000 recent quotes: CPU work the event loop must not wait on."""
    scanned: list[int] = []
    recent_quotes = quoted.store.recent_quotes

    async def recording_recent_quotes(scope_key: str, limit: int) -> list:
        found = await recent_quotes(scope_key, limit)
        scanned.append(len(found))
        return found

    scoring_threads: set[int] = set()
    real_score = whosaid.match_score

    def recording_score(line: str, quote: str) -> float:
        scoring_threads.add(threading.get_ident())
        return real_score(line, quote)

    monkeypatch.setattr(quoted.store, "recent_quotes", recording_recent_quotes)
    monkeypatch.setattr(whosaid, "match_score", recording_score)

    await quoted.whosaid("zorblat quixvane thrumple", LOCAL_SCOPE)

    assert scanned and scanned[0] > 0, "the recent-quotes fallback was not reached"
    assert scoring_threads and threading.get_ident() not in scoring_threads


@pytest.mark.parametrize("too_short", ["", "   ", "fuel tax", "“fuel… tax!”"])
async def test_fewer_than_three_words_are_refused(quoted: Service, too_short: str) -> None:
    with pytest.raises(InputError, match="at least 3 words"):
        await quoted.whosaid(too_short, LOCAL_SCOPE)


@pytest.mark.parametrize(
    "name", ["Ana Lindqvist", "ana lindqvist", "Lindqvist", "Finance Minister Ana Lindqvist"]
)
async def test_quotes_by_speaker_answer_to_any_alias(quoted: Service, name: str) -> None:
    found = await quoted.quotes_by_speaker(name, LOCAL_SCOPE)
    assert sorted(m.quote.text for m in found) == sorted([TAX, FLOOD])
    assert {m.title for m in found} == {
        "Fuel tax frozen for another year",
        "Flood defences delayed",
    }


async def test_an_unknown_speaker_has_no_quotes(quoted: Service) -> None:
    assert await quoted.quotes_by_speaker("Nobody Atall", LOCAL_SCOPE) == []


async def test_top_speakers_count_quotes_in_the_window(quoted: Service) -> None:
    week_ago = datetime.now(UTC) - timedelta(days=7)
    old = analysis_with_quotes(
        "Old news", [("Marta Gil", f"Old line number {i} here") for i in range(5)]
    )
    await store_analysis(quoted.store, old, LOCAL_SCOPE, at=week_ago - timedelta(days=1))

    recent = await quoted.top_speakers(LOCAL_SCOPE, since=week_ago)
    assert recent[0] == ("Ana Lindqvist", 2)
    assert dict(recent)["Marta Gil"] == 1
    ever = await quoted.top_speakers(LOCAL_SCOPE)
    assert ever[0] == ("Marta Gil", 6)


async def test_suggestions_complete_the_words_typed_so_far(quoted: Service) -> None:
    assert await quoted.suggest_quotes(LOCAL_SCOPE, "fuel ta") == [TAX]
    assert await quoted.suggest_quotes(LOCAL_SCOPE, "twenty min") == [FERRY]
    assert await quoted.suggest_quotes(LOCAL_SCOPE, "zebra crossing") == []
    latest = await quoted.suggest_quotes(LOCAL_SCOPE, "", limit=3)
    assert len(latest) == 3 and all(len(text) <= 100 for text in latest)


async def test_a_quote_sharing_only_small_words_is_no_near_miss(service: Service) -> None:
    meetings = "The meeting times will be posted on the website every quarter so residents can plan"
    evening = "We expect the meetings to start at seven in the evening"
    await store_analysis(
        service.store,
        analysis_with_quotes("Council timetable", [("Ines Park", meetings), ("Ola Berg", evening)]),
        LOCAL_SCOPE,
    )

    answer = await service.whosaid("the quarterly earnings beat analyst expectations", LOCAL_SCOPE)

    assert answer.matches == [] and answer.near_misses == []
