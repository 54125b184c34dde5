"""An analysis is stored as the same compact JSON as ever, and a row is decoded once per process
but read afresh as soon as anyone rewrites it."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from bot.models import LOCAL_SCOPE, Analysis, Article, SummarySentence
from bot.store import CachedAnalysis, SqliteStore
from bot.store.analysis_json import DecodedAnalyses
from bot.store.keys import content_hash
from bot.store.sqlite_scopes import _INSERT_SUBMISSION
from tests.store.articles import analysis_with_quotes, store_analysis


def _accented() -> Analysis:
    analysis = analysis_with_quotes(
        "Café owners “relieved” as the Zürich council backs Ørsted's plan",
        [("José Núñez", "We can finally plan the summer — and it's about time"), (None, "naïve")],
        roles={"José Núñez": "owner of Café Ñandú"},
    )
    return replace(analysis, summary=(SummarySentence("Ça va très bien.", 0, 16, 0),))


def _stored_json(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[0] for row in db.execute("SELECT data FROM analyses")]


async def test_a_saved_analysis_is_stored_as_the_same_compact_json_and_reads_back(
    tmp_path: Path,
) -> None:
    path = tmp_path / "briefbot.db"
    analysis = _accented()
    store = await SqliteStore.open(path)
    article_id = await store_analysis(store, analysis, LOCAL_SCOPE)
    read_back = await store.load_analysis(article_id, analysis.algorithm)
    await store.close()

    # Exactly what Briefbot has always written: compact separators, accents and curly quotes
    # as themselves rather than \u escapes.
    expected = json.dumps(analysis.to_dict(), ensure_ascii=False, separators=(",", ":"))
    assert _stored_json(path) == [expected]
    assert "Zürich" in expected and "“relieved”" in expected
    assert Analysis.from_dict(json.loads(expected)) == analysis
    assert read_back is not None and read_back.analysis == analysis

    reopened = await SqliteStore.open(path)
    assert (await reopened.load_analysis(article_id, analysis.algorithm)) == read_back
    await reopened.close()


async def test_an_analysis_rewritten_by_another_process_is_read_afresh(tmp_path: Path) -> None:
    path = tmp_path / "briefbot.db"
    first = _accented()
    bot = await SqliteStore.open(path)
    cli = await SqliteStore.open(path)
    try:
        article_id = await store_analysis(bot, first, LOCAL_SCOPE)
        digest = content_hash(first.text)
        assert (await bot.load_analysis(article_id, "news")).analysis == first  # type: ignore[union-attr]

        second = replace(first, title="Café owners relieved", warnings=("recomputed",))
        await cli.save_analysis(Article(text=first.text), digest, second)

        found = await bot.find_cached("news", content_hash=digest)
        assert found is not None and found[1] is not None
        assert found[1].analysis == second
        assert (await bot.load_analysis(article_id, "news")).analysis == second  # type: ignore[union-attr]
        assert (await bot.latest_analysis(article_id)).analysis == second  # type: ignore[union-attr]
    finally:
        await bot.close()
        await cli.close()


def _row(title: str) -> CachedAnalysis:
    return CachedAnalysis(Analysis(title, "", ()), "1.1.0", datetime(2026, 1, 1, tzinfo=UTC))


def test_decoded_rows_are_bounded_by_count_and_by_size_least_recently_used_first() -> None:
    rows = DecodedAnalyses(max_rows=2, max_chars=100)
    one, two, three = ((n, "news", "1.1.0", f"t{n}") for n in (1, 2, 3))
    rows.put(one, _row("one"), 10)
    rows.put(two, _row("two"), 10)
    assert rows.get(one) == _row("one")  # now the most recently used
    rows.put(three, _row("three"), 10)
    assert (rows.get(one), rows.get(two), rows.get(three)) == (_row("one"), None, _row("three"))

    rows.put(two, _row("two"), 95)  # over the size budget with the others: they make room
    assert (len(rows), rows.get(two)) == (1, _row("two"))
    rows.put(one, _row("one"), 101)  # alone over the budget: never held
    assert (len(rows), rows.get(one)) == (1, None)


async def test_the_address_a_scope_sees_is_an_index_lookup_not_a_walk_of_its_history(
    tmp_path: Path,
) -> None:
    path = tmp_path / "briefbot.db"
    store = await SqliteStore.open(path)
    article_id = await store_analysis(store, _accented(), LOCAL_SCOPE)
    for _ in range(3):
        await store.add_submission(article_id, LOCAL_SCOPE.key, datetime.now(UTC))
    await store.close()
    params = (LOCAL_SCOPE.key, 0, 0, 0, "", "", "", LOCAL_SCOPE.key, article_id)
    with sqlite3.connect(path) as db:
        plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {_INSERT_SUBMISSION}", params)]
    assert any("USING INDEX submissions_scope_link" in step for step in plan), plan
