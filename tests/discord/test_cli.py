"""``briefbot run`` and ``briefbot sync``: the bot's two terminal commands."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import discord
import pytest

from bot.cli import main
from tests.discord.harness import FakeDiscord, fake_discord_in_thread


@pytest.fixture
def env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A settings file of our own; the environment holds no Briefbot setting."""
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.delenv("BRIEFBOT_DEV_GUILD_ID", raising=False)
    path = tmp_path / "test.env"
    path.write_text(f"BRIEFBOT_DATABASE={tmp_path / 'bot.db'}\nBRIEFBOT_WORKERS=0\n")
    return path


@pytest.fixture
def threaded_discord(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDiscord]:
    """The fake Discord on its own thread, since the CLI runs its own event loop."""
    with fake_discord_in_thread() as fake:
        monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
        yield fake


def test_run_without_a_token_explains_how_to_get_one(
    env_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--env-file", str(env_file), "run"])

    assert code == 6
    error = capsys.readouterr().err
    assert "DISCORD_TOKEN is not set" in error and "discord.com/developers" in error


def test_sync_without_a_token_refuses(env_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--env-file", str(env_file), "sync"]) == 6


def test_sync_to_one_server(
    env_file: Path, threaded_discord: FakeDiscord, capsys: pytest.CaptureFixture[str]
) -> None:
    env_file.write_text(env_file.read_text() + "DISCORD_TOKEN=test-token\n")

    code = main(["--env-file", str(env_file), "sync", "--guild", "4242"])

    assert code == 0
    assert "to server 4242" in capsys.readouterr().out
    assert {c["name"] for c in threaded_discord.commands["4242"]} >= {"summarize", "whosaid"}
    assert "global" not in threaded_discord.commands


def test_sync_globally(
    env_file: Path, threaded_discord: FakeDiscord, capsys: pytest.CaptureFixture[str]
) -> None:
    env_file.write_text(env_file.read_text() + "DISCORD_TOKEN=test-token\n")

    code = main(["--env-file", str(env_file), "sync"])

    assert code == 0
    assert "every server" in capsys.readouterr().out
    assert list(threaded_discord.commands) == ["global"]


def test_python_m_bot_with_a_token_runs_the_bot(
    env_file: Path, threaded_discord: FakeDiscord, capsys: pytest.CaptureFixture[str]
) -> None:
    env_file.write_text(env_file.read_text() + "DISCORD_TOKEN=revoked-token\n")

    code = main(["--env-file", str(env_file)])

    assert code == 6, "no sub-command and a token: the bot starts, and logs in with the token"
    assert "Discord rejected DISCORD_TOKEN" in capsys.readouterr().err
    [login] = [r for r in threaded_discord.requests if r.path == "/users/@me"]
    assert login.headers["Authorization"] == "Bot revoked-token"


@pytest.mark.parametrize("guild", ["0", "-5", "99999999999999999999999", "my-server"])
def test_sync_to_a_server_id_that_cannot_be_one_is_refused(
    env_file: Path, capsys: pytest.CaptureFixture[str], guild: str
) -> None:
    """``--guild 0`` used to sync globally, and a negative or huge id reached Discord."""
    env_file.write_text(env_file.read_text() + "DISCORD_TOKEN=test-token\n")

    with pytest.raises(SystemExit) as refused:
        main(["--env-file", str(env_file), "sync", "--guild", guild])

    assert refused.value.code == 2
    assert "argument --guild: " in capsys.readouterr().err


def test_sync_to_a_server_the_bot_is_not_in_says_so(
    env_file: Path, threaded_discord: FakeDiscord, capsys: pytest.CaptureFixture[str]
) -> None:
    env_file.write_text(env_file.read_text() + "DISCORD_TOKEN=test-token\n")
    threaded_discord.forbidden_guilds.add("4242")

    code = main(["--env-file", str(env_file), "sync", "--guild", "4242"])

    error = capsys.readouterr().err
    assert code == 6
    assert error.startswith("briefbot: Discord refused the commands for server 4242")
    assert "Missing Access" in error and "invite" in error
    assert "went wrong" not in error


@pytest.mark.parametrize("command", ["run", "sync"])
def test_discord_out_of_reach_is_one_line_and_its_own_exit_code(
    env_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    env_file.write_text(env_file.read_text() + "DISCORD_TOKEN=test-token\n")
    # Nothing listens on port 1 of loopback: the connection is refused, as with no network.
    monkeypatch.setattr(discord.http.Route, "BASE", "http://127.0.0.1:1/api/v10")

    code = main(["--env-file", str(env_file), command])

    assert code == 7
    error = capsys.readouterr().err
    assert error.startswith("briefbot: Discord cannot be reached") and error.count("\n") == 1
    assert "Traceback" not in error
