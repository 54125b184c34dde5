"""``briefbot analyze`` and ``sample``: a digest for good input, one clear line for bad input."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.store.articles import BIKE_LANES, GERMAN


def _file(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_a_text_file_gets_a_digest_and_is_stored(
    briefbot: Run, tmp_path: Path, database: Path
) -> None:
    code, out, err = briefbot("analyze", _file(tmp_path, "bike.txt", BIKE_LANES.encode()))
    assert code == 0, err
    assert out.startswith("Council approves protected bike lanes on Main Street\n")
    assert "Summary" in out and "Who said what" in out
    assert "Dana Whitfield, Mayor (1)" in out
    assert "“Half of my customers arrive by car" in out
    assert "freshly analysed" in out and "from the cache" not in err
    assert database.exists()


def test_the_second_run_says_it_came_from_the_cache(briefbot: Run, tmp_path: Path) -> None:
    path = _file(tmp_path, "bike.md", BIKE_LANES.encode())
    assert briefbot("analyze", path)[0] == 0
    code, out, err = briefbot("analyze", path, "--format", "markdown")
    assert code == 0
    assert "answer from the cache" in err
    assert out.startswith("# Council approves protected bike lanes")
    assert "### Dana Whitfield (Mayor)" in out
    assert "from the cache" in out.splitlines()[-1]


def test_json_is_the_analysis_plus_article_fields(briefbot: Run, tmp_path: Path) -> None:
    code, out, _ = briefbot(
        "analyze", _file(tmp_path, "bike.txt", BIKE_LANES.encode()), "--format", "json"
    )
    data = json.loads(out)
    assert code == 0
    assert data["title"] == "Council approves protected bike lanes on Main Street"
    assert {q["speaker"] for q in data["quotes"]} == {"Dana Whitfield", "Raj Patel"}
    assert data["cached"] is False
    assert data["article"]["id"] == 1 and data["article"]["source"] == "file"
    assert data["engine_version"]


def test_standard_input_is_read_with_a_title(
    briefbot: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BIKE_LANES.encode())))
    code, out, _ = briefbot("analyze", "-", "--title", "Bike lanes", "--format", "json")
    assert code == 0
    assert json.loads(out)["title"] == "Bike lanes"


def test_no_store_leaves_no_database(briefbot: Run, tmp_path: Path, database: Path) -> None:
    code, out, _ = briefbot("analyze", _file(tmp_path, "a.txt", BIKE_LANES.encode()), "--no-store")
    assert code == 0 and "Dana Whitfield" in out
    assert not database.exists()


def test_the_sample_article_has_a_digest(briefbot: Run) -> None:
    code, out, err = briefbot("sample", "--sentences", "2")
    assert code == 0, err
    assert "Summary" in out and "Who said what" in out


def test_text_that_is_not_english_is_summarized_with_a_warning(
    briefbot: Run, tmp_path: Path
) -> None:
    code, out, err = briefbot("analyze", _file(tmp_path, "de.txt", GERMAN.encode()))
    assert code == 0
    assert "warning: This text does not look like English" in err
    assert "Summary" in out


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\n\t \n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("latin1.txt", "Le café était fermé. Il pleuvait.".encode("latin-1"), "not UTF-8"),
        (
            "one.txt",
            b"The council approved the bike lanes on Monday after a long debate.",
            "single sentence",
        ),
        ("list.txt", b"eggs\nmilk\nbread\nbutter and cheese\n", "no sentence punctuation"),
    ],
)
def test_bad_input_is_one_line_and_a_nonzero_exit(
    briefbot: Run, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    code, out, err = briefbot("analyze", _file(tmp_path, name, data))
    assert code == 2
    assert out == ""
    assert err.startswith("briefbot: ") and message in err
    assert err.count("\n") == 1


def test_a_missing_file_is_named(briefbot: Run, tmp_path: Path) -> None:
    code, _, err = briefbot("analyze", str(tmp_path / "nope.txt"))
    assert code == 2 and "nope.txt: no such file" in err


def test_text_over_the_size_cap_is_refused(
    briefbot: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFBOT_MAX_TEXT_CHARS", "300")
    code, _, err = briefbot("analyze", _file(tmp_path, "long.txt", BIKE_LANES.encode()))
    assert code == 2 and "too long" in err and "300" in err


@pytest.mark.parametrize(
    ("option", "message"),
    [(("--sentences", "0"), "between 1 and 10"), (("--algorithm", "magic"), "Unknown algorithm")],
)
def test_bad_options_are_refused(
    briefbot: Run, tmp_path: Path, option: tuple[str, str], message: str
) -> None:
    code, _, err = briefbot("analyze", _file(tmp_path, "a.txt", BIKE_LANES.encode()), *option)
    assert code == 2 and message in err


def test_a_saved_web_page_is_read_through_extraction(briefbot: Run, tmp_path: Path) -> None:
    title, *paragraphs = [p for p in BIKE_LANES.split("\n\n") if p.strip()]
    page = f"<html><head><title>{title}</title></head><body><article>"
    page += "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    code, out, err = briefbot(
        "analyze", _file(tmp_path, "saved.html", page.encode()), "--format", "json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["title"] == title
    assert "Dana Whitfield" in {q["speaker"] for q in data["quotes"]}


def test_a_link_is_fetched_analysed_and_then_cached(
    briefbot: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    title, *paragraphs = [p for p in BIKE_LANES.split("\n\n") if p.strip()]
    page = f"<html><head><title>{title}</title></head><body><article>"
    page += "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    (site / "bike-lanes.html").write_text(page)
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = re.search(r"port (\d+)", server.stdout.readline()).group(1)  # type: ignore[union-attr]
        monkeypatch.setenv("BRIEFBOT_FETCH_ALLOW_LOOPBACK", "true")
        url = f"http://127.0.0.1:{port}/bike-lanes.html"
        code, out, err = briefbot("analyze", url)
        assert code == 0, err
        assert "Dana Whitfield" in out and "freshly analysed" in out
        code, out, err = briefbot("analyze", url + "?utm_source=newsletter")
        assert code == 0 and "answer from the cache" in err
    finally:
        server.terminate()
        server.wait()


def test_a_link_to_a_private_address_is_refused(briefbot: Run) -> None:
    code, out, err = briefbot("analyze", "http://127.0.0.1:9/secret")
    assert code == 2 and out == ""
    assert err.startswith("briefbot: ") and err.count("\n") == 1


@pytest.mark.parametrize(
    "link", ["ftp://example.com/story", "file:///etc/passwd", "javascript:alert(1)", "data:,hi"]
)
def test_a_link_with_another_scheme_is_refused_as_a_link(briefbot: Run, link: str) -> None:
    code, out, err = briefbot("analyze", link)
    assert code == 2
    assert out == ""
    assert err.strip() == "briefbot: Only http:// and https:// links can be fetched."


class _LongStream(io.RawIOBase):
    """Standard input far longer than the limit (as from ``yes |``); counts what was read.

    It ends after 2 MB, so that reading it all (the bug this pins) fails the test quickly
    instead of exhausting memory.
    """

    LENGTH = 2_000_000

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        size = min(len(buffer), self.LENGTH - self.given)
        buffer[:size] = (b"word " * (size // 5 + 1))[:size]
        self.given += size
        return size


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    """Input limit of 1,000 bytes (the larger of the fetch cap and four bytes a character)."""
    monkeypatch.setenv("BRIEFBOT_FETCH_MAX_BYTES", "1000")
    monkeypatch.setenv("BRIEFBOT_MAX_TEXT_CHARS", "100")
    return 1000


def test_standard_input_past_the_limit_is_refused_without_reading_it_all(
    briefbot: Run, monkeypatch: pytest.MonkeyPatch, small_limit: int
) -> None:
    endless = _LongStream()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(endless)))
    code, out, err = briefbot("analyze", "-")
    assert code == 2 and out == ""
    assert "The standard input is too large" in err and f"{small_limit:,} bytes" in err
    assert endless.given <= 64 * 1024, "read far past the limit"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_or_device_file_is_read_only_up_to_the_limit(
    briefbot: Run, tmp_path: Path, small_limit: int
) -> None:
    """A pipe or device reports size 0, so the size check alone would read it to the end."""
    pipe = tmp_path / "article.txt"
    os.mkfifo(pipe)

    def write() -> None:
        with contextlib.suppress(BrokenPipeError), pipe.open("wb") as writer:
            writer.write(b"word " * small_limit)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    code, out, err = briefbot("analyze", str(pipe))
    writer.join(10)
    assert code == 2 and out == ""
    assert f"{pipe} is too large" in err and f"{small_limit:,} bytes" in err


HOSTILE_MARKUP = (
    "Harbour vote ends in uproar [x](http://evil.example) @everyone\n\n"
    "The harbour board voted on Monday to close the old pier, and <@123> was blamed for it "
    "by @here regulars on the waterfront.\n\n"
    "“Tell @everyone and <@&456> to read [the plan](http://evil.example) first,” said "
    "Harbour Master Ines Calloway.\n\n"
    "The pier will close in June, after the summer ferries stop running for the season."
)


def test_markdown_output_neither_pings_nor_links(briefbot: Run, tmp_path: Path) -> None:
    path = _file(tmp_path, "pier.txt", HOSTILE_MARKUP.encode())
    code, out, err = briefbot("analyze", path, "--format", "markdown", "--no-store")
    assert code == 0, err
    assert "Ines Calloway" in out and "read" in out
    for raw in ("@everyone", "@here", "<@123>", "<@&456>", "[x](http", "[the plan](http"):
        assert raw not in out, raw
    assert "@\u200beveryone" in out and "\\[x\\]" in out
