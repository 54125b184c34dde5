"""Settings come from the environment over .env, with readable errors for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
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
    from dataclasses import fields

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
