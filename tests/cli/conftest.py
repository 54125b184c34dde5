"""Run ``briefbot`` in-process against a database under ``tmp_path``."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from bot.cli import main

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "briefbot.db"


@pytest.fixture
def briefbot(
    tmp_path: Path, database: Path, monkeypatch: pytest.MonkeyPatch, capsys, nlp: Language
) -> Run:
    """``briefbot(*args)`` → ``(exit code, stdout, stderr)``, with no ``.env`` and our database."""
    monkeypatch.setenv("BRIEFBOT_DATABASE", str(database))
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            code = main(["--env-file", str(tmp_path / "absent.env"), *args])
        except SystemExit as exit:  # argparse refuses a malformed command line itself
            code = exit.code if isinstance(exit.code, int) else 2
        out, err = capsys.readouterr()
        return code, out, err

    return run


Process = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def briefbot_process(tmp_path: Path, database: Path) -> Process:
    """``briefbot_process(*args, env={...})``: the real command in its own process, so what its
    worker processes print to stderr is seen too."""

    def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        environment = {**os.environ, "BRIEFBOT_DATABASE": str(database), **(env or {})}
        environment.pop("DISCORD_TOKEN", None)
        command = [sys.executable, "-m", "bot", "--env-file", str(tmp_path / "absent.env")]
        return subprocess.run(
            [*command, *args], env=environment, capture_output=True, text=True,
            timeout=180, cwd=tmp_path,
        )  # fmt: skip

    return run
