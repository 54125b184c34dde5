"""What must happen once happens once when several processes share one PostgreSQL database.

Each ``PostgresStore`` here has its own connection pools, as each bot process does; the
database alone (advisory locks, row locks, conditional writes) keeps them from doing twice what
must be done once. The same behaviour with real bot processes: ``test_two_processes``.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import asyncpg
import pytest
from spacy.language import Language

from bot.briefing.feed_storage import FeedStorage
from bot.briefing.storage import BriefingStorage
from bot.config import Settings
from bot.errors import StoreError
from bot.models import LOCAL_SCOPE, Article
from bot.service import Service
from bot.store.keys import content_hash
from bot.store.pg_connection import MIGRATION_LOCK
from bot.store.postgres import PRUNE_LOCK, PostgresStore
from bot.store.schema import bundled_migrations
from bot.workers import WorkerPool
from tests.scale.conftest import OpenStore
from tests.store.articles import BIKE_LANES, analysis_with_quotes, store_analysis

NOW = datetime(2026, 11, 26, 7, 0, tzinfo=UTC)


async def test_processes_starting_together_on_a_new_database_migrate_it_once(
    empty_postgres_url: str,
) -> None:
    stores = await asyncio.gather(*(PostgresStore.open(empty_postgres_url) for _ in range(4)))
    try:
        applied = await stores[0].read("SELECT version FROM schema_migrations ORDER BY version")
        assert [row[0] for row in applied] == [
            m.version for m in bundled_migrations("pg_migrations")
        ]
    finally:
        for store in stores:
            await store.close()


async def test_a_database_from_a_newer_briefbot_is_refused_in_the_sqlite_drivers_words(
    open_store: OpenStore, postgres_url: str, tmp_path
) -> None:
    store = await open_store()
    async with store.write() as sql:
        await sql.execute(
            "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (999, "future")
        )
    with pytest.raises(StoreError) as refused:
        await PostgresStore.open(postgres_url)
    newest = max(m.version for m in bundled_migrations("pg_migrations"))
    understood = f"has schema version 999, newer than this Briefbot understands (up to {newest})"
    assert understood in str(refused.value)
    assert "Upgrade Briefbot or set BRIEFBOT_DATABASE to another database." in str(refused.value)


async def test_migrations_wait_for_the_migration_lock(postgres_url: str) -> None:
    holder = await asyncpg.connect(postgres_url)
    await holder.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
    opening = asyncio.create_task(PostgresStore.open(postgres_url))
    await asyncio.sleep(0.3)
    assert not opening.done(), "opening waits while another process migrates"
    await holder.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
    await holder.close()
    await (await opening).close()


async def test_an_unreachable_server_is_named_without_its_password(tmp_path) -> None:
    with pytest.raises(StoreError, match="cannot be reached") as refused:
        await PostgresStore.open(f"postgresql://bot:hunter2@/briefbot?host={tmp_path}")
    assert "hunter2" not in str(refused.value) and "bot:***@" in str(refused.value)


async def test_two_processes_asked_for_one_article_at_once_analyse_it_once(
    postgres_url: str, nlp: Language
) -> None:
    settings = Settings(database=postgres_url, workers=0, analysis_timeout=120.0)
    pools = [WorkerPool(0, 4, settings.analysis_timeout, settings.spacy_model) for _ in range(2)]
    services = [await Service.open(settings, pool=pool) for pool in pools]
    try:
        results = await asyncio.gather(
            *(s.analyze_text(BIKE_LANES, LOCAL_SCOPE) for s in services for _ in range(3))
        )
        assert sum(s.cache.misses for s in services) == 1
        assert len({r.article_id for r in results}) == 1
        # One process computed it (its three callers share that run); the other waited for it
        # and read it from the cache.
        assert sorted(r.cached for r in results) == [False] * 3 + [True] * 3
    finally:
        for service, pool in zip(services, pools, strict=True):
            await service.close()
            await pool.close()


async def test_pruning_is_left_to_the_process_already_pruning(open_store: OpenStore) -> None:
    first, second = await open_store(), await open_store()
    old = analysis_with_quotes("Old", [("Lena Ford", "The old bridge will close in spring")])
    await first.save_analysis(Article(text=old.text), content_hash(old.text), old)
    holder = await asyncpg.connect(first.url)
    try:
        await holder.execute("SELECT pg_advisory_lock($1)", PRUNE_LOCK)
        assert await second.prune(NOW + timedelta(days=3650)) == 0
        assert (await second.stats("x"))["analyses"] == 1
        await holder.execute("SELECT pg_advisory_unlock($1)", PRUNE_LOCK)
    finally:
        await holder.close()
    assert await second.prune(NOW + timedelta(days=3650)) == 1


async def test_a_briefing_run_wanted_by_two_processes_is_claimed_once(
    open_store: OpenStore,
) -> None:
    storages = [BriefingStorage(await open_store()) for _ in range(2)]
    stale = NOW - timedelta(minutes=5)
    claims = await asyncio.gather(
        *(
            storage.claim(555, date(2026, 11, 26), NOW, f"process-{n}-{i}", NOW, stale)
            for n, storage in enumerate(storages)
            for i in range(5)
        )
    )
    taken = [claim for claim in claims if claim is not None]
    assert len(taken) == 1
    run = await storages[1].run(555, date(2026, 11, 26))
    assert run is not None and run.claimed_by == taken[0].claimed_by and run.attempts == 1


async def test_feed_entries_taken_by_two_processes_at_once_go_to_one_each(
    open_store: OpenStore,
) -> None:
    feeds = [FeedStorage(await open_store()) for _ in range(2)]
    feed = await feeds[0].add(42, "https://news.example/feed.xml", "News", 1, NOW)
    assert feed is not None
    entries = [(f"https://news.example/{n}", f"Story {n}") for n in range(40)]
    await feeds[0].add_entries(42, feed.id, entries, NOW)

    taken = await asyncio.gather(
        *(f.claim_entries(7, NOW, NOW - timedelta(minutes=10)) for f in feeds for _ in range(4))
    )

    claimed = [entry for batch in taken for entry in batch]
    assert len(claimed) == len(set(claimed)) == 40


async def test_a_due_feed_is_polled_by_one_of_two_processes(open_store: OpenStore) -> None:
    feeds = [FeedStorage(await open_store()) for _ in range(2)]
    feed = await feeds[0].add(42, "https://news.example/feed.xml", "News", 1, NOW)
    assert feed is not None
    due = [await f.due(NOW + timedelta(minutes=1)) for f in feeds]
    assert [d[0].id for d in due] == [feed.id, feed.id]

    won = await asyncio.gather(
        *(f.claim_poll(d[0], NOW + timedelta(minutes=31)) for f, d in zip(feeds, due, strict=True))
    )

    assert sorted(won) == [False, True]


async def test_scoped_answers_stay_in_their_scope_on_a_shared_database(
    open_store: OpenStore,
) -> None:
    first, second = await open_store(), await open_store()
    said = analysis_with_quotes("Harbour", [("Mira Okafor", "The harbour will reopen in May")])
    await store_analysis(first, said, LOCAL_SCOPE)
    assert await second.search_quotes(["harbour", "reopen"], LOCAL_SCOPE.key, 5)
    assert await second.search_quotes(["harbour", "reopen"], "guild:1", 5) == []
