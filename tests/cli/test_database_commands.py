"""``briefbot db check`` and ``briefbot db migrate``: a real SQLite file copied into a real
PostgreSQL database, checked table by table, re-run, interrupted and completed."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import pytest

from bot.models import Article
from bot.store.keys import content_hash
from bot.store.postgres import PostgresStore
from bot.store.schema import bundled_migrations
from bot.store.sqlite import SqliteStore
from bot.store.tables import TABLES
from bot.store.whosaid import find_quotes
from tests.cli.conftest import Run
from tests.cli.filled_database import GUILD, fill, quote_text
from tests.store.articles import analysis_with_quotes

ARTICLES = 12
ONE = ("--batch", "1")


async def _table_rows(url_or_path: str, table: str) -> list[tuple]:
    """Every row of a table in key order, as plain tuples, from either database."""
    spec = next(t for t in TABLES if t.name == table)
    sql = f"SELECT {', '.join(spec.columns)} FROM {table} ORDER BY {', '.join(spec.key)}"
    if url_or_path.startswith("postgresql://"):
        connection = await asyncpg.connect(url_or_path)
        try:
            return [tuple(row) for row in await connection.fetch(sql)]
        finally:
            await connection.close()
    store = await SqliteStore.open(url_or_path)
    try:
        return [tuple(row) for row in await store.read(sql)]
    finally:
        await store.close()


async def _counts(url: str) -> dict[str, int]:
    connection = await asyncpg.connect(url)
    try:
        return {t.name: await connection.fetchval(f"SELECT COUNT(*) FROM {t.name}") for t in TABLES}
    finally:
        await connection.close()


async def _until_quotes_copied(url: str, count: int, process: subprocess.Popen) -> None:
    """Watch the target (one connection, polled every millisecond) until it holds ``count``
    quotes; fails if the copy ends first."""
    connection = await asyncpg.connect(url)
    try:
        deadline = time.monotonic() + 60
        while await connection.fetchval("SELECT COUNT(*) FROM quotes") < count:
            assert process.poll() is None and time.monotonic() < deadline, "it ran to the end"
            await asyncio.sleep(0.001)
    finally:
        await connection.close()


@pytest.fixture
def filled(database: Path) -> str:
    asyncio.run(fill(str(database), ARTICLES))
    return str(database)


async def _answers_alike(path: str, url: str) -> None:
    """ "Who said" finds the same quotes in both, and new rows get ids after the copied ones."""
    source, target = await SqliteStore.open(path), await PostgresStore.open(url)
    try:
        line = quote_text(7, 2).replace("regatta", "races")
        on_sqlite, _ = await find_quotes(source, line, GUILD.key, 3)
        on_postgres, _ = await find_quotes(target, line, GUILD.key, 3)
        assert [m.record.id for m in on_postgres] == [m.record.id for m in on_sqlite]
        assert on_postgres[0].record.quote.text == quote_text(7, 2)
        fresh = analysis_with_quotes("After the move", [("Mira Okafor", "A new line after it")])
        new_id = await target.save_analysis(
            Article(text=fresh.text), content_hash(fresh.text), fresh
        )
        assert new_id == ARTICLES + 1
    finally:
        await source.close()
        await target.close()


def test_migrate_copies_every_table_and_the_copy_answers_the_same(
    briefbot: Run, filled: str, postgres_url: str
) -> None:
    code, out, err = briefbot(
        "db", "migrate", "--from", filled, "--to", postgres_url, "--batch", "5"
    )

    assert code == 0, err
    assert "every table matches" in out
    assert f"{ARTICLES * 4:,}/{ARTICLES * 4:,}" in err  # the quotes' progress line
    for table in TABLES:
        copied = asyncio.run(_table_rows(postgres_url, table.name))
        assert copied == asyncio.run(_table_rows(filled, table.name)), table.name
        assert copied, f"the filled database has rows in {table.name}"
    asyncio.run(_answers_alike(filled, postgres_url))


def test_running_migrate_again_adds_nothing(briefbot: Run, filled: str, postgres_url: str) -> None:
    assert briefbot("db", "migrate", "--from", filled, "--to", postgres_url)[0] == 0
    before = asyncio.run(_counts(postgres_url))

    code, _, err = briefbot("db", "migrate", "--from", filled, "--to", postgres_url)

    assert code == 0, err
    assert asyncio.run(_counts(postgres_url)) == before
    assert before["quotes"] == ARTICLES * 4


def test_a_migrate_killed_half_way_completes_on_the_next_run(
    briefbot: Run, tmp_path: Path, postgres_url: str
) -> None:
    big = str(tmp_path / "big.db")
    asyncio.run(fill(big, 150))
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "db", "migrate", "--from", big, "--to", postgres_url, *ONE],
        env={**os.environ, "PYTHONPATH": os.getcwd()},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        asyncio.run(_until_quotes_copied(postgres_url, 50, process))
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    partial = asyncio.run(_counts(postgres_url))["quotes"]
    assert 0 < partial < 600, "killed in the middle of the quotes"

    code, _, err = briefbot("db", "migrate", "--from", big, "--to", postgres_url)

    assert code == 0, err
    assert asyncio.run(_table_rows(postgres_url, "quotes")) == asyncio.run(
        _table_rows(big, "quotes")
    )


async def _store_another_article(url: str) -> None:
    other = await PostgresStore.open(url)
    mine = analysis_with_quotes("Another bot's article", [("Someone Else", "Not from that file")])
    await other.save_analysis(Article(text=mine.text), content_hash(mine.text), mine)
    await other.close()


def test_a_target_holding_other_data_is_refused_unless_replaced(
    briefbot: Run, filled: str, postgres_url: str
) -> None:
    asyncio.run(_store_another_article(postgres_url))

    code, _, err = briefbot("db", "migrate", "--from", filled, "--to", postgres_url)
    assert code == 5 and "already holds other data" in err and "--replace" in err
    assert asyncio.run(_counts(postgres_url))["articles"] == 1

    code, _, err = briefbot("db", "migrate", "--from", filled, "--to", postgres_url, "--replace")
    assert code == 0, err
    assert asyncio.run(_table_rows(postgres_url, "articles")) == asyncio.run(
        _table_rows(filled, "articles")
    )


def test_migrate_refuses_what_it_cannot_copy(briefbot: Run, tmp_path: Path) -> None:
    missing = str(tmp_path / "none.db")
    code, _, err = briefbot("db", "migrate", "--from", missing, "--to", "postgresql://h/x")
    assert code == 2 and "existing SQLite file" in err
    code, _, err = briefbot("db", "migrate", "--from", missing, "--to", "b.db")
    assert code == 2 and "postgresql:// URL" in err


def test_check_names_the_database_its_schema_version_and_row_counts(
    briefbot: Run, filled: str, postgres_url: str
) -> None:
    code, out, _ = briefbot("db", "check")
    assert code == 0
    assert f"Database: {filled} (SQLite)" in out
    newest = max(m.version for m in bundled_migrations())
    assert f"Schema version: {newest} of {newest} (up to date)" in out
    assert [line.split() for line in out.splitlines() if "quotes" in line] == [
        ["quotes", f"{ARTICLES * 4}"]
    ]

    code, out, _ = briefbot("db", "check", "--database", postgres_url)
    assert code == 0
    newest = max(m.version for m in bundled_migrations("pg_migrations"))
    assert "(PostgreSQL)" in out and f"Schema version: {newest} of {newest} (up to date)" in out
    assert "password" not in out


def test_check_of_an_unreachable_server_says_so(briefbot: Run, tmp_path: Path) -> None:
    url = f"postgresql://nobody:secret@/briefbot?host={tmp_path}"
    code, _, err = briefbot("db", "check", "--database", url)
    assert code == 5 and "cannot be reached" in err
    assert "secret" not in err and "Traceback" not in err
