"""A database that cannot work is refused at start with a message a person can act on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.errors import StoreError
from bot.store import SqliteStore


async def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "briefbot.db"
    with pytest.raises(StoreError, match=r"folder .* does not exist"):
        await SqliteStore.open(path)
    assert not path.parent.exists()


async def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "briefbot.db"
    await (await SqliteStore.open(path)).close()
    os.chmod(path, 0o444)
    with pytest.raises(StoreError, match="read-only"):
        await SqliteStore.open(path)


async def test_a_corrupt_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "briefbot.db"
    path.write_bytes(b"this is not a database, it is a shopping list\n" * 200)
    with pytest.raises(StoreError, match="corrupt or not a Briefbot database"):
        await SqliteStore.open(path)


async def test_a_folder_given_as_the_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        await SqliteStore.open(tmp_path)
