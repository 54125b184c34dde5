"""Run ``briefbot`` in-process against a database under ``tmp_path``."""

from __future__ import annotations

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
