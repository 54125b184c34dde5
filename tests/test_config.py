"""Settings come from the environment over .env, with readable errors for bad values."""

from __future__ import annotations

from dataclasses import Field, fields
from pathlib import Path
from typing import Any

import pytest

from bot.config import PREFIX, RANGE, Settings
from bot.errors import ConfigError


def test_environment_overrides_env_file(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("BRIEFBOT_DATABASE=from-file.db\nBRIEFBOT_WORKERS=3\n")
    settings = Settings.load(env={"BRIEFBOT_DATABASE": "from-env.db"}, env_file=env_file)
    assert settings.database == "from-env.db"
    assert settings.workers == 3


def test_token_has_no_prefix() -> None:
    assert Settings.load(env={"DISCORD_TOKEN": "abc"}, env_file=None).discord_token == "abc"


def test_bad_number_is_a_config_error_naming_the_key() -> None:
    with pytest.raises(ConfigError, match="BRIEFBOT_WORKERS"):
        Settings.load(env={"BRIEFBOT_WORKERS": "many"}, env_file=None)


def test_boolean_spellings() -> None:
    assert Settings.load(
        env={"BRIEFBOT_FETCH_ALLOW_LOOPBACK": "yes"}, env_file=None
    ).fetch_allow_loopback
    with pytest.raises(ConfigError):
        Settings.load(env={"BRIEFBOT_FETCH_ALLOW_LOOPBACK": "maybe"}, env_file=None)


def test_env_example_documents_every_setting() -> None:
    example = (Path(__file__).parent.parent / ".env.example").read_text()
    keys = {
        line.split("=", 1)[0] for line in example.splitlines() if "=" in line and line[0] != "#"
    }
    expected = {
        "DISCORD_TOKEN" if f.name == "discord_token" else "BRIEFBOT_" + f.name.upper()
        for f in fields(Settings)
    }
    assert expected == keys
    assert Settings.load(env={}, env_file=Path(__file__).parent.parent / ".env.example")


@pytest.mark.parametrize("level", ["bogus", "verbose", "20"])
def test_an_unknown_log_level_is_a_config_error_naming_the_allowed_ones(level: str) -> None:
    with pytest.raises(ConfigError, match="BRIEFBOT_LOG_LEVEL") as refused:
        Settings.load(env={"BRIEFBOT_LOG_LEVEL": level}, env_file=None)
    assert all(name in refused.value.message for name in ("DEBUG", "INFO", "WARNING", "ERROR"))


def test_log_level_is_read_in_any_case() -> None:
    assert (
        Settings.load(env={"BRIEFBOT_LOG_LEVEL": "warning"}, env_file=None).log_level == "WARNING"
    )


def test_an_env_file_that_is_not_utf8_is_a_config_error_naming_it(tmp_path: Path) -> None:
    env_file = tmp_path / "latin1.env"
    env_file.write_bytes("BRIEFBOT_DATABASE=caf\xe9.db\n".encode("latin-1"))
    with pytest.raises(ConfigError) as refused:
        Settings.load(env={}, env_file=env_file)
    assert str(env_file) in refused.value.message and "UTF-8" in refused.value.message


@pytest.mark.parametrize("days", ["-1", "99999999999"])
def test_prune_days_outside_a_century_is_a_config_error(days: str) -> None:
    with pytest.raises(ConfigError, match="BRIEFBOT_PRUNE_DAYS") as refused:
        Settings.load(env={"BRIEFBOT_PRUNE_DAYS": days}, env_file=None)
    assert "from 0 to 36,500" in refused.value.message


NUMBER_SETTINGS = [f for f in fields(Settings) if f.type in ("int", "float", int, float)]


def test_every_number_setting_has_a_range_that_holds_its_default() -> None:
    for setting in NUMBER_SETTINGS:
        low, high = setting.metadata[RANGE]
        assert low <= setting.default <= high, setting.name


@pytest.mark.parametrize("setting", NUMBER_SETTINGS, ids=lambda f: f.name)
def test_a_number_setting_outside_its_range_is_refused_by_name(setting: Field[Any]) -> None:
    key = PREFIX + setting.name.upper()
    low, high = setting.metadata[RANGE]
    for outside in (low - 1, high + 1):
        with pytest.raises(ConfigError, match=f"{key}=.* out of range") as refused:
            Settings.load(env={key: str(outside)}, env_file=None)
        assert refused.value.exit_code == 6
    assert getattr(Settings.load(env={key: str(high)}, env_file=None), setting.name) == high


def test_a_number_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(ConfigError, match="BRIEFBOT_ANALYSIS_TIMEOUT"):
        Settings.load(env={"BRIEFBOT_ANALYSIS_TIMEOUT": "nan"}, env_file=None)
