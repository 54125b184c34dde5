"""Numbered migrations: a new database gets them all, an old one upgrades in place, a newer
one is refused, and a migration that fails leaves the schema as it was."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.errors import StoreError
from bot.models import LOCAL_SCOPE, Article
from bot.store import SqliteStore
from bot.store.keys import content_hash
from bot.store.schema import bundled_migrations, migrations_in, split_statements
from bot.store.sqlite import stamp
from tests.store.articles import analysis_with_quotes

MIGRATIONS = Path(__file__).parents[2] / "bot" / "store" / "migrations"


def _versions(path: Path) -> list[int]:
    with sqlite3.connect(path) as db:
        return [row[0] for row in db.execute("SELECT version FROM schema_migrations ORDER BY 1")]


def _stage(folder: Path, extra: dict[str, str]) -> Path:
    """A migrations folder holding the real migrations plus the given extra files."""
    folder.mkdir()
    for path in MIGRATIONS.glob("*.sql"):
        shutil.copy(path, folder / path.name)
    for name, sql in extra.items():
        (folder / name).write_text(sql)
    return folder


async def test_a_new_database_gets_every_bundled_migration_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    store = await SqliteStore.open(path)
    journal = await (await store.connection.execute("PRAGMA journal_mode")).fetchone()
    foreign = await (await store.connection.execute("PRAGMA foreign_keys")).fetchone()
    await store.close()
    assert _versions(path) == [m.version for m in bundled_migrations()]
    assert journal[0] == "wal" and foreign[0] == 1
    with sqlite3.connect(path) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "analyses", "quotes", "quotes_fts", "speakers", "submissions"} <= tables


async def test_an_older_database_is_upgraded_in_place_and_keeps_its_data(tmp_path: Path) -> None:
    staged = _stage(
        tmp_path / "migrations",
        {"0900_flags.sql": "ALTER TABLE articles ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;"},
    )
    path = tmp_path / "old.db"
    old = await SqliteStore.open(path, migrations=migrations_in(staged), upto=1)
    analysis = analysis_with_quotes("Old", [("A", "kept words here")])
    article = Article(text=analysis.text, title=analysis.title)
    article_id = await old.save_analysis(article, content_hash(article.text), analysis)
    # Written as the 0001 code did: submissions had no url column then.
    await old.connection.execute(
        "INSERT INTO submissions (scope_key, article_id, submitted_at) VALUES (?, ?, ?)",
        (LOCAL_SCOPE.key, article_id, stamp(datetime.now(UTC))),
    )
    await old.close()
    assert _versions(path) == [1]

    upgraded = await SqliteStore.open(path, migrations=migrations_in(staged))
    flagged = await (await upgraded.connection.execute("SELECT flagged FROM articles")).fetchall()
    found = await upgraded.search_quotes(["kept", "words"], LOCAL_SCOPE.key, 5)
    await upgraded.close()
    assert _versions(path) == [*(m.version for m in bundled_migrations()), 900]
    assert flagged == [(0,)]
    assert [q.article_id for q in found] == [article_id]


async def test_a_database_from_a_newer_briefbot_is_refused(tmp_path: Path) -> None:
    staged = _stage(tmp_path / "migrations", {"0999_future.sql": "CREATE TABLE future (x);"})
    path = tmp_path / "future.db"
    await (await SqliteStore.open(path, migrations=migrations_in(staged))).close()
    with pytest.raises(StoreError, match="newer than this Briefbot understands"):
        await SqliteStore.open(path)


async def test_a_failing_migration_changes_nothing(tmp_path: Path) -> None:
    staged = _stage(
        tmp_path / "migrations",
        {"0901_broken.sql": "CREATE TABLE half (x);\nINSERT INTO no_such_table VALUES (1);"},
    )
    path = tmp_path / "broken.db"
    with pytest.raises(StoreError, match="cannot be opened"):
        await SqliteStore.open(path, migrations=migrations_in(staged))
    with sqlite3.connect(path) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "half" not in tables and "articles" not in tables


def test_triggers_stay_whole_when_a_script_is_split() -> None:
    sql = (MIGRATIONS / "0001_initial.sql").read_text()
    statements = split_statements(sql)
    triggers = [s for s in statements if s.startswith("CREATE TRIGGER")]
    assert len(triggers) == 3
    assert all(s.rstrip().endswith("END;") for s in triggers)
