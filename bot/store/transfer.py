"""Moving up: copy a SQLite database into PostgreSQL, table by table, in batches.

Every batch is one transaction on the target and inserts with ``ON CONFLICT DO NOTHING`` on the
table's key, so the copy is safe to re-run: a run killed half-way left whole batches behind, and
the next run adds only what is missing. Ids are copied as they are (a quote still points at its
article), and PostgreSQL's id sequences are then moved past them. The counts of every table
are compared at the end.

A target that holds rows the source does not (another bot's data, or a database used since) is
refused unless the caller asks to replace its contents: mixing two databases' ids would attach
one's quotes to the other's articles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.errors import StoreError
from bot.store.pg_writes import QUOTE_INDEX_LOCK, folded
from bot.store.postgres import PostgresStore
from bot.store.sqlite import SqliteStore
from bot.store.tables import TABLES, Table

Progress = Callable[[str, int, int], None]
"""Told ``(table, rows copied, rows in the table)`` after every batch."""

DEFAULT_BATCH = 1000


@dataclass(frozen=True)
class TransferReport:
    """The rows of each table, in the source and (after the copy) in the target."""

    counts: dict[str, tuple[int, int]]


async def transfer(
    source: SqliteStore,
    target: PostgresStore,
    *,
    batch: int = DEFAULT_BATCH,
    replace: bool = False,
    progress: Progress | None = None,
) -> TransferReport:
    """Copy every table of ``source`` into ``target``; the counts, verified equal."""
    if replace:
        await _empty(target)
    else:
        await _refuse_other_data(source, target)
    for table in TABLES:
        await _copy_table(source, target, table, batch, progress)
    await _advance_sequences(target)
    counts = {t.name: (await _count(source, t.name), await _count(target, t.name)) for t in TABLES}
    differing = [f"{name} ({a:,} → {b:,})" for name, (a, b) in counts.items() if a != b]
    if differing:
        raise StoreError(
            "The copy does not match the source: " + ", ".join(differing) + ". Run it again, "
            "or with --replace to start the target afresh."
        )
    return TransferReport(counts)


async def _count(store: SqliteStore | PostgresStore, table: str) -> int:
    return int((await store.read(f"SELECT COUNT(*) FROM {table}"))[0][0])


async def _copy_table(
    source: SqliteStore,
    target: PostgresStore,
    table: Table,
    batch: int,
    progress: Progress | None,
) -> None:
    total = await _count(source, table.name)
    columns = list(table.columns) + (["folded"] if table.name == "quotes" else [])
    marks = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
    insert = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})"
        f" ON CONFLICT ({', '.join(table.key)}) DO NOTHING"
    )
    select = (
        f"SELECT rowid, {', '.join(table.columns)} FROM {table.name}"
        " WHERE rowid > ? ORDER BY rowid LIMIT ?"
    )
    done, after = 0, -1
    if progress is not None:
        progress(table.name, 0, total)
    while True:
        rows = await source.read(select, (after, batch))
        if not rows:
            break
        after = rows[-1][0]
        values = [_target_row(table, tuple(row[1:])) for row in rows]
        async with target.transaction() as db:
            if table.name == "quotes":  # the word counts: see pg_writes
                await db.execute("SELECT pg_advisory_xact_lock($1)", QUOTE_INDEX_LOCK)
            await db.executemany(insert, values)
        done += len(rows)
        if progress is not None:
            progress(table.name, min(done, total), total)


def _target_row(table: Table, row: tuple) -> tuple:
    """A source row as the target stores it (a quote also with its folded words)."""
    if table.name == "quotes":
        return (*row, folded(row[table.columns.index("text")]))
    return row


async def _advance_sequences(target: PostgresStore) -> None:
    async with target.transaction() as db:
        for table in TABLES:
            if table.identity:
                await db.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                    f" COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )


async def _refuse_other_data(source: SqliteStore, target: PostgresStore) -> None:
    """Refuse a target holding rows that did not come from this source.

    A target is this source's earlier (maybe partial) copy when its articles are source
    articles under the same ids and no table holds more rows than the source's.
    """
    for table in TABLES:
        if await _count(target, table.name) > await _count(source, table.name):
            raise _other_data(target, f"more rows in {table.name} than the source has")
    after = 0
    while True:
        rows = await target.read(
            "SELECT id, content_hash FROM articles WHERE id > ? ORDER BY id LIMIT 1000", (after,)
        )
        if not rows:
            return
        after = rows[-1][0]
        marks = ", ".join("(?, ?)" for _ in rows)
        params = [value for row in rows for value in (row[0], row[1])]
        found = await source.read(
            f"SELECT COUNT(*) FROM articles WHERE (id, content_hash) IN (VALUES {marks})", params
        )
        if found[0][0] != len(rows):
            raise _other_data(target, "articles the source does not have")


def _other_data(target: PostgresStore, what: str) -> StoreError:
    return StoreError(
        f"The target {target.path} already holds other data ({what}). Copy into an empty "
        "database, or add --replace to delete what it holds first."
    )


async def _empty(target: PostgresStore) -> None:
    names = ", ".join(table.name for table in TABLES)
    async with target.transaction() as db:
        await db.execute(f"TRUNCATE {names}, quote_terms RESTART IDENTITY")
