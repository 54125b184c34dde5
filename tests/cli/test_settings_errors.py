"""Settings that cannot be used stop ``briefbot`` with one line naming them, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Run


def test_an_unknown_log_level_names_the_setting_and_the_levels(
    briefbot: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFBOT_LOG_LEVEL", "bogus")
    code, out, err = briefbot("cache", "stats")
    assert code == 6 and out == ""
    assert err.startswith("briefbot: BRIEFBOT_LOG_LEVEL='bogus' is not a log level")
    assert "DEBUG, INFO, WARNING, ERROR or CRITICAL" in err
    assert err.count("\n") == 1


def test_a_settings_file_that_is_not_utf8_is_named(briefbot: Run, tmp_path: Path) -> None:
    env_file = tmp_path / "latin1.env"
    env_file.write_bytes("BRIEFBOT_DATABASE=caf\xe9.db\n".encode("latin-1"))
    code, out, err = briefbot("--env-file", str(env_file), "cache", "stats")
    assert code == 6 and out == ""
    assert f"{env_file} is not UTF-8 text" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("key", "value"), [("BRIEFBOT_ANALYSIS_TIMEOUT", "-1"), ("BRIEFBOT_FETCH_MAX_BYTES", "-5")]
)
def test_a_number_setting_out_of_range_stops_the_command_naming_it(
    briefbot: Run, monkeypatch: pytest.MonkeyPatch, key: str, value: str
) -> None:
    monkeypatch.setenv(key, value)
    code, out, err = briefbot("cache", "stats")
    assert code == 6 and out == ""
    assert err.startswith(f"briefbot: {key}='{value}' is out of range; use a number from ")
    assert err.count("\n") == 1
