"""Damage a real database file the way a failing disk does: garbage over some table pages."""

from __future__ import annotations

import sqlite3
from pathlib import Path

DAMAGED_TABLES = ("articles", "analyses", "quotes", "quotes_fts_data")


def damage_pages(database: Path, tables: tuple[str, ...] = DAMAGED_TABLES) -> None:
    """Overwrite the first page of each table's b-tree; the schema (page 1) stays readable, so
    the database still opens and the damage shows only when a query reads those pages."""
    with sqlite3.connect(database) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        marks = ",".join("?" * len(tables))
        pages = [
            row[0]
            for row in connection.execute(
                f"SELECT rootpage FROM sqlite_master WHERE name IN ({marks})", tables
            )
        ]
    connection.close()
    with database.open("r+b") as file:
        for page in pages:
            file.seek((page - 1) * page_size)
            file.write(b"\xff" * 256)
