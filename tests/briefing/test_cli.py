"""``briefbot briefing`` over a real database: stored analyses in, markdown out."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import UTC, datetime, timedelta

from bot.cli import main
from bot.store.sqlite import SqliteStore
from tests.briefing.stories import write_window


async def store_window(path: str, scope_key: str, end: datetime) -> None:
    """Save the 50 written articles and submit them in ``scope_key`` over the last day."""
    store = await SqliteStore.open(path)
    try:
        for written in write_window(end):
            digest = hashlib.sha256(written.article.text.encode()).hexdigest()
            article_id = await store.save_analysis(
                written.article, digest, written.analysis, [written.article.url]
            )
            await store.add_submission(
                article_id, scope_key, written.submitted_at, guild_id=int(scope_key[6:] or 0)
            )
    finally:
        await store.close()


def test_briefing_command_prints_the_servers_briefing_as_markdown(database, monkeypatch, capsys):
    asyncio.run(store_window(database, "guild:7", datetime.now(UTC) - timedelta(minutes=1)))
    monkeypatch.setenv("BRIEFBOT_DATABASE", database)
    code = main(["--env-file", "", "briefing", "--scope", "guild:7", "--timezone", "Asia/Tokyo"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("# Briefing: the last 24 hours")
    assert "*50 articles, 10 stories" in out and "JST*" in out
    assert out.count("5 sources: ") == 10
    assert "1. **Karl Weber**: 6 quotes in 6 articles" in out


def test_briefing_command_sees_only_its_scope(database, monkeypatch, capsys):
    asyncio.run(store_window(database, "guild:7", datetime.now(UTC) - timedelta(minutes=1)))
    monkeypatch.setenv("BRIEFBOT_DATABASE", database)
    assert main(["--env-file", "", "briefing", "--scope", "guild:8"]) == 0
    assert "Nothing was analyzed here in the last 24 hours" in capsys.readouterr().out


def test_briefing_command_refuses_a_bad_window_or_zone(database, monkeypatch, capsys):
    monkeypatch.setenv("BRIEFBOT_DATABASE", database)
    assert main(["--env-file", "", "briefing", "--hours", "500"]) == 2
    assert main(["--env-file", "", "briefing", "--timezone", "Moon/Base"]) == 2
    assert "IANA" in capsys.readouterr().err
