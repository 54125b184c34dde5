"""The shard settings: which gateway shards a process runs, and which servers that gives it."""

from __future__ import annotations

import pytest

from bot.client import Briefbot, ShardedBriefbot, create_bot
from bot.config import Settings
from bot.errors import ConfigError


def _settings(**env: str) -> Settings:
    return Settings.load({f"BRIEFBOT_{k.upper()}": v for k, v in env.items()}, env_file=None)


def test_without_shard_settings_one_process_runs_the_bot_as_before() -> None:
    settings = _settings()
    assert (settings.shard_count, settings.shards) == (0, ())
    bot = create_bot(settings)
    assert type(bot) is Briefbot
    assert bot.holds_guild(700000000000000001)


def test_a_process_runs_the_shards_it_is_given_and_holds_their_servers() -> None:
    settings = _settings(shard_count="4", shard_ids="2, 3")
    assert settings.shards == (2, 3)
    bot = create_bot(settings)
    assert isinstance(bot, ShardedBriefbot)
    assert (bot.shard_count, bot.shard_ids) == (4, [2, 3])
    on_shard = {shard: ((41 * 4 + shard) << 22) | 7 for shard in range(4)}
    assert [bot.holds_guild(on_shard[s]) for s in range(4)] == [False, False, True, True]


def test_a_count_alone_runs_every_shard() -> None:
    assert _settings(shard_count="3").shards == (0, 1, 2)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"shard_ids": "0,1"}, "BRIEFBOT_SHARD_COUNT is not"),
        ({"shard_count": "2", "shard_ids": "0,2"}, "from 0 to 1"),
        ({"shard_count": "2", "shard_ids": "1,1"}, "distinct"),
        ({"shard_count": "2", "shard_ids": "one"}, "e.g. 0,1"),
        ({"shard_count": "-1"}, "BRIEFBOT_SHARD_COUNT=.-1. is out of range"),
        ({"shard_count": "many"}, "not a valid int"),
    ],
)
def test_shard_settings_that_would_leave_servers_unserved_are_refused(
    env: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        _settings(**env)
