"""One typed settings object, read from the environment and an optional ``.env`` file.

Every setting is documented in ``.env.example``; names are ``BRIEFBOT_``-prefixed except the
Discord token. The environment wins over ``.env`` so a deployment can override a checked-in file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from dotenv import dotenv_values

from bot.errors import ConfigError

PREFIX = "BRIEFBOT_"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
MAX_SHARDS = 10_000
"""Far above any bot's shard count; guards against a typo starting thousands of sockets."""
MAX_DAYS = 36_500
"""The longest look-back any setting or option takes: a century, well inside the calendar."""


@dataclass(frozen=True)
class Settings:
    """All of Briefbot's knobs with their defaults; see ``.env.example`` for what each means."""

    discord_token: str = ""
    database: str = "briefbot.db"
    spacy_model: str = "en_core_web_sm"
    summary_sentences: int = 3
    summary_words: int = 90
    algorithm: str = "news"
    log_level: str = "INFO"
    workers: int = 2
    worker_queue: int = 16
    analysis_timeout: float = 60.0
    max_text_chars: int = 200_000
    dev_guild_id: int = 0
    # Link fetching (issue: links); loopback is for tests only.
    fetch_max_bytes: int = 5_000_000
    fetch_connect_timeout: float = 5.0
    fetch_read_timeout: float = 10.0
    fetch_total_timeout: float = 20.0
    fetch_max_redirects: int = 5
    fetch_concurrency: int = 8
    fetch_per_user: int = 2
    fetch_allow_loopback: bool = False
    user_agent: str = "Briefbot/0.1 (+https://github.com/briefbot; news summary bot)"
    pdf_max_pages: int = 50
    # Discord manners.
    cooldown_seconds: float = 20.0
    cooldown_uses: int = 3
    # Cache and briefings.
    prune_days: int = 0
    briefing_grace_minutes: int = 120
    feed_poll_minutes: int = 30
    # Running at scale: this process's gateway shards (0 = one process, discord.py's choice).
    shard_count: int = 0
    shard_ids: str = ""

    @property
    def shards(self) -> tuple[int, ...]:
        """The shard ids this process runs (every shard when only the count is set)."""
        if not self.shard_ids.strip():
            return tuple(range(self.shard_count))
        return tuple(int(part) for part in self.shard_ids.split(","))

    @classmethod
    def load(
        cls, env: Mapping[str, str] | None = None, env_file: str | Path | None = ".env"
    ) -> Settings:
        """Read settings from ``env`` (default ``os.environ``) over the values in ``env_file``."""
        values: dict[str, str] = {}
        if env_file is not None and Path(env_file).is_file():
            values.update(_read_env_file(Path(env_file)))
        values.update(os.environ if env is None else env)
        kwargs: dict[str, Any] = {}
        for field in fields(cls):
            key = "DISCORD_TOKEN" if field.name == "discord_token" else PREFIX + field.name.upper()
            if key in values and values[key] != "":
                kwargs[field.name] = _convert(key, values[key], field.type)
        if "log_level" in kwargs:
            kwargs["log_level"] = _log_level(PREFIX + "LOG_LEVEL", kwargs["log_level"])
        if not 0 <= kwargs.get("prune_days", 0) <= MAX_DAYS:
            raise ConfigError(
                f"{PREFIX}PRUNE_DAYS={kwargs['prune_days']} must be a number of days "
                f"from 0 to {MAX_DAYS:,} (0 never prunes)."
            )
        _check_shards(kwargs.get("shard_count", 0), kwargs.get("shard_ids", ""))
        return cls(**kwargs)


def _check_shards(count: int, ids: str) -> None:
    """Refuse shard settings that would leave guilds without a process, with what to set."""
    if not 0 <= count <= MAX_SHARDS:
        raise ConfigError(
            f"{PREFIX}SHARD_COUNT={count} must be from 1 to {MAX_SHARDS:,} (or 0: not sharded)."
        )
    if not ids.strip():
        return
    if count == 0:
        raise ConfigError(
            f"{PREFIX}SHARD_IDS is set but {PREFIX}SHARD_COUNT is not; set the total number "
            "of shards across all processes."
        )
    parts = [part.strip() for part in ids.split(",")]
    if not all(part.isdigit() and int(part) < count for part in parts) or len(set(parts)) < len(
        parts
    ):
        raise ConfigError(
            f"{PREFIX}SHARD_IDS={ids!r} must be distinct shard numbers from 0 to {count - 1}, "
            "separated by commas (e.g. 0,1)."
        )


def _read_env_file(path: Path) -> dict[str, str]:
    """The settings in a ``.env`` file, or a ``ConfigError`` saying why it cannot be read."""
    try:
        loaded = dotenv_values(path, encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"The settings file {path} is not UTF-8 text (byte {error.start} cannot be read); "
            "save it as UTF-8."
        ) from None
    except OSError as error:
        raise ConfigError(f"The settings file {path} cannot be read: {error.strerror}.") from None
    return {key: value for key, value in loaded.items() if value is not None}


def _log_level(key: str, raw: str) -> str:
    """A logging level name in capitals, refused unless ``logging`` knows it."""
    level = raw.upper()
    if level not in LOG_LEVELS:
        allowed = ", ".join(LOG_LEVELS[:-1]) + f" or {LOG_LEVELS[-1]}"
        raise ConfigError(f"{key}={raw!r} is not a log level; use {allowed}.")
    return level


def _convert(key: str, raw: str, kind: Any) -> Any:
    """Turn one raw string into the field's type, with a readable error instead of a traceback."""
    kind_name = kind if isinstance(kind, str) else getattr(kind, "__name__", str(kind))
    raw = raw.strip()
    try:
        if kind_name == "bool":
            lowered = raw.lower()
            if lowered in {"1", "true", "yes", "on"}:
                return True
            if lowered in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        if kind_name == "int":
            return int(raw)
        if kind_name == "float":
            return float(raw)
    except ValueError:
        raise ConfigError(f"{key}={raw!r} is not a valid {kind_name}.") from None
    return raw
