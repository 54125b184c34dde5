"""What a command prints and how long it lives: one line for bad input, no work left running."""

from __future__ import annotations

import time
from pathlib import Path

from tests.cli.conftest import Process

PARAGRAPH = (
    "The ferry left the harbour at noon, and the crew counted the passengers twice. "
    "Nobody on the pier waved, because the wind had driven everyone indoors by then."
)


def test_an_analysis_past_the_time_limit_is_killed_and_the_command_exits(
    briefbot_process: Process, tmp_path: Path
) -> None:
    article = tmp_path / "long.txt"
    article.write_text("\n\n".join([PARAGRAPH] * 3_000), encoding="utf-8")  # ~40 s of parsing
    limits = {"BRIEFBOT_ANALYSIS_TIMEOUT": "3", "BRIEFBOT_MAX_TEXT_CHARS": "500000"}
    started = time.monotonic()
    done = briefbot_process("analyze", str(article), "--no-store", env=limits)
    assert done.returncode == 4, done.stderr
    assert done.stderr.splitlines() == [
        "briefbot: The analysis took too long on this input and was stopped."
    ]
    assert time.monotonic() - started < 25


def test_a_page_with_no_article_gets_one_line_and_no_library_logs(
    briefbot_process: Process, tmp_path: Path
) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Nothing</title></head><body></body></html>")
    done = briefbot_process("analyze", str(page), "--no-store")
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["briefbot: The page has no article text to summarize."]
    verbose = briefbot_process("--verbose", "analyze", str(page), "--no-store")
    assert "trafilatura" in verbose.stderr
