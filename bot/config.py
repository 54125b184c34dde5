"""One typed settings object, read from the environment and an optional ``.env`` file.

Every setting is documented in ``.env.example``; names are ``BRIEFBOT_``-prefixed except the
Discord token. The environment wins over ``.env`` so a deployment can override a checked-in file.
"""

from __future__ import annotations

import dataclasses
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
MAX_TEXT_CHARS = 500_000
"""The most ``BRIEFBOT_MAX_TEXT_CHARS`` may allow: the engine's memory bound is measured at
200,000 characters (the default), and grows with the text."""
RANGE = "range"


def between(default: float, low: float, high: float) -> Any:
    """A number setting with its default and the values it accepts, ``low`` to ``high``.

    Every number setting has one (``tests/test_config.py`` checks that): a value outside is
    refused at start with the setting's name, not discovered as a timeout or a crash later.
    """
    return dataclasses.field(default=default, metadata={RANGE: (low, high)})


@dataclass(frozen=True)
class Settings:
    """All of Briefbot's knobs with their defaults; see ``.env.example`` for what each means."""

    discord_token: str = ""
    database: str = "briefbot.db"
    spacy_model: str = "en_core_web_sm"
    summary_sentences: int = between(3, 1, 10)
    summary_words: int = between(90, 10, 1_000)
    algorithm: str = "news"
    log_level: str = "INFO"
    workers: int = between(2, 0, 64)
    """0 runs jobs in a thread of the bot's own process (tests): the time limit cannot kill it."""
    worker_queue: int = between(16, 1, 10_000)
    analysis_timeout: float = between(60.0, 1, 3_600)
    max_text_chars: int = between(200_000, 100, MAX_TEXT_CHARS)
    dev_guild_id: int = between(0, 0, 2**63 - 1)
    # Link fetching (issue: links); loopback is for tests only.
    fetch_max_bytes: int = between(5_000_000, 1_000, 100_000_000)
    fetch_connect_timeout: float = between(5.0, 0.1, 300)
    fetch_read_timeout: float = between(10.0, 0.1, 300)
    fetch_total_timeout: float = between(20.0, 0.1, 600)
    fetch_max_redirects: int = between(5, 0, 20)
    fetch_concurrency: int = between(8, 1, 1_000)
    fetch_per_user: int = between(2, 1, 100)
    fetch_allow_loopback: bool = False
    user_agent: str = "Briefbot/0.1 (+https://github.com/briefbot; news summary bot)"
    pdf_max_pages: int = between(50, 1, 1_000)
    # Discord manners.
    cooldown_seconds: float = between(20.0, 0, 86_400)
    cooldown_uses: int = between(3, 1, 1_000)
    # Cache and briefings.
    prune_days: int = between(0, 0, MAX_DAYS)
    briefing_grace_minutes: int = between(120, 0, 10_080)
    feed_poll_minutes: int = between(30, 1, 10_080)
    # Running at scale: this process's gateway shards (0 = one process, discord.py's choice).
    shard_count: int = between(0, 0, MAX_SHARDS)
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
                _check_range(key, values[key], kwargs[field.name], field.metadata.get(RANGE))
        if "log_level" in kwargs:
            kwargs["log_level"] = _log_level(PREFIX + "LOG_LEVEL", kwargs["log_level"])
        _check_shards(kwargs.get("shard_count", 0), kwargs.get("shard_ids", ""))
        return cls(**kwargs)


def _check_range(key: str, raw: str, value: Any, bounds: tuple[float, float] | None) -> None:
    """Refuse a number outside its setting's range, naming the setting and the range."""
    if bounds is None:
        return
    low, high = bounds
    if not low <= value <= high:
        raise ConfigError(
            f"{key}={raw.strip()!r} is out of range; use a number from {low:,} to {high:,}."
        )


def _check_shards(count: int, ids: str) -> None:
    """Refuse shard ids that would leave guilds without a process, with what to set (the
    count's own range is checked with every other number)."""
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
            number = float(raw)
            if number != number:  # NaN passes every comparison, so no range could refuse it
                raise ValueError(raw)
            return number
    except ValueError:
        raise ConfigError(f"{key}={raw!r} is not a valid {kind_name}.") from None
    return raw
