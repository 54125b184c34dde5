"""The database survives a writer killed mid-stream and two processes writing at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.models import LOCAL_SCOPE
from bot.store import SqliteStore

ROOT = Path(__file__).parents[2]


def _writer(path: Path, count: int, tag: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.writer_process", str(path), str(count), tag],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def test_a_writer_killed_mid_stream_loses_nothing_it_committed(tmp_path: Path) -> None:
    path = tmp_path / "briefbot.db"
    writer = _writer(path, 100_000, "killed")
    assert writer.stdout is not None
    committed = [int(writer.stdout.readline()) for _ in range(40)]
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL

    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        db.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")
    store = await SqliteStore.open(path)
    try:
        for article_id in committed:
            cached = await store.load_analysis(article_id, "news")
            assert cached is not None and cached.analysis.title.startswith("killed ")
            assert await store.last_submission(article_id, LOCAL_SCOPE.key) is not None
        found = await store.search_quotes(["killed", "stream"], LOCAL_SCOPE.key, 5)
        assert found
    finally:
        await store.close()


def test_two_processes_writing_at_once_never_see_a_locked_database(tmp_path: Path) -> None:
    path = tmp_path / "briefbot.db"
    sqlite3.connect(path).close()  # both start on an existing, empty file
    writers = [_writer(path, 150, tag) for tag in ("bot", "cli")]
    outputs = [writer.communicate(timeout=120) for writer in writers]
    for writer, (out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err
        assert len(out.split()) == 150
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM analyses").fetchone() == (300,)
        assert (
            db.execute("SELECT COUNT(DISTINCT version) FROM schema_migrations").fetchone()[0] >= 1
        )
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
