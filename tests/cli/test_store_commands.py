"""``briefbot whosaid``, ``quotes``, ``speakers`` and ``cache`` answer from what was analysed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.store.articles import BIKE_LANES, LIBRARY
from tests.store.damage import damage_pages


@pytest.fixture
def analysed(briefbot: Run, tmp_path: Path) -> Run:
    """``briefbot`` after two articles were analysed in the local scope."""
    for name, text in (("bike.txt", BIKE_LANES), ("library.txt", LIBRARY)):
        path = tmp_path / name
        path.write_text(text)
        assert briefbot("analyze", str(path))[0] == 0
    return briefbot


def test_whosaid_answers_from_earlier_analyses(analysed: Run) -> None:
    code, out, _ = analysed("whosaid", "‘half my customers arrive by car’")
    assert code == 0
    assert "— Raj Patel" in out
    assert "Council approves protected bike lanes on Main Street" in out
    assert "In context:" in out and "match " in out


def test_whosaid_without_a_match_shows_the_closest_and_exits_1(analysed: Run) -> None:
    code, out, _ = analysed("whosaid", "we lost forty books in the fire last year")
    assert code == 1
    assert out.startswith("No stored quote matches")
    assert "Aisha Karimi" in out


def test_whosaid_with_nothing_close_says_so(analysed: Run) -> None:
    code, out, err = analysed("whosaid", "quantum chromodynamics explains everything")
    assert code == 1 and out == ""
    assert "nothing comes close" in err


def test_whosaid_needs_three_words(analysed: Run) -> None:
    code, _, err = analysed("whosaid", "bike", "lanes")
    assert code == 2 and "at least 3 words" in err


def test_whosaid_looks_only_in_the_scope_asked_for(analysed: Run) -> None:
    code, _, err = analysed("whosaid", "half my customers arrive by car", "--scope", "guild:42")
    assert code == 1 and "nothing comes close" in err
    code, _, err = analysed("whosaid", "half my customers arrive", "--scope", "guild:")
    assert code == 2 and "not a scope" in err


def test_quotes_by_speaker_take_a_surname(analysed: Run) -> None:
    code, out, _ = analysed("quotes", "--speaker", "whitfield")
    assert code == 0
    assert "“This is the safest street design" in out and "— Dana Whitfield, Mayor" in out
    code, _, err = analysed("quotes", "--speaker", "Nobody Else")
    assert code == 1 and "No stored quotes by Nobody Else" in err


def test_speakers_lists_the_most_quoted(analysed: Run) -> None:
    code, out, _ = analysed("speakers", "--days", "1")
    assert code == 0
    names = [line.rsplit(maxsplit=2)[0] for line in out.splitlines()]
    assert "Dana Whitfield" in names and any("Karimi" in name for name in names)


def test_cache_stats_and_prune(analysed: Run) -> None:
    code, out, _ = analysed("cache", "stats")
    assert code == 0
    assert "articles          2" in out and "quotes            4" in out
    code, out, _ = analysed("cache", "prune", "--days", "0")
    assert code == 0 and out.startswith("Removed 2 cached analyses")
    assert analysed("whosaid", "half my customers arrive by car")[0] == 0


def test_a_corrupt_database_is_a_clear_message_at_start(briefbot: Run, database: Path) -> None:
    database.write_bytes(os.urandom(8192))
    code, out, err = briefbot("cache", "stats")
    assert code == 5 and out == ""
    assert "corrupt or not a Briefbot database" in err


def test_a_database_in_a_missing_folder_is_a_clear_message(
    briefbot: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFBOT_DATABASE", str(tmp_path / "gone" / "briefbot.db"))
    code, _, err = briefbot("whosaid", "half my customers arrive")
    assert code == 5 and "does not exist" in err


@pytest.mark.parametrize(
    ("args", "option", "bounds"),
    [
        (("speakers", "--days", "100000000"), "--days", "from 0 to 36,500"),
        (("speakers", "--days", "-5"), "--days", "from 0 to 36,500"),
        (("speakers", "--limit", "99999999999999999999"), "--limit", "from 1 to 1,000"),
        (
            ("quotes", "--speaker", "Whitfield", "--limit", "99999999999999999999"),
            "--limit",
            "from 1 to 1,000",
        ),
        (("quotes", "--speaker", "Whitfield", "--limit", "0"), "--limit", "from 1 to 1,000"),
        (
            ("whosaid", "half my customers", "--limit", "99999999999999999999"),
            "--limit",
            "from 1 to 100",
        ),
        (("cache", "prune", "--days", "99999999999"), "--days", "from 0 to 36,500"),
        (("speakers", "--days", "a week"), "--days", "from 0 to 36,500"),
    ],
)
def test_numbers_out_of_range_are_refused_with_the_range(
    analysed: Run, args: tuple[str, ...], option: str, bounds: str
) -> None:
    code, out, err = analysed(*args)
    assert code == 2 and out == ""
    assert f"argument {option}: " in err and bounds in err
    assert "Traceback" not in err and "went wrong" not in err


@pytest.mark.parametrize(
    "command",
    [
        ("sample",),
        ("whosaid", "built it on water nobody was using"),
        ("quotes", "--speaker", "Vasquez"),
        ("speakers",),
        ("cache", "stats"),
    ],
    ids=lambda command: command[0],
)
def test_a_corrupt_page_is_exit_5_with_one_line_on_every_query(
    briefbot: Run, database: Path, command: tuple[str, ...]
) -> None:
    assert briefbot("sample")[0] == 0
    damage_pages(database)
    code, out, err = briefbot(*command)
    assert code == 5, err
    assert out == ""
    assert err.startswith(f"briefbot: The database {database} is corrupt") or err.startswith(
        f"briefbot: The database file {database} is corrupt"
    )
    assert err.count("\n") == 1


def test_cache_stats_runs_the_integrity_check(briefbot: Run, database: Path) -> None:
    assert briefbot("sample")[0] == 0
    code, out, _ = briefbot("cache", "stats")
    assert code == 0
    assert "integrity         ok (PRAGMA quick_check)" in out
    damage_pages(database, ("analyses_created",))  # an index the counts never read
    code, out, err = briefbot("cache", "stats")
    assert code == 5 and out == ""
    assert "corrupt (PRAGMA quick_check: " in err


@pytest.mark.parametrize("length", [201, 49_990, 50_001])
def test_an_absurdly_long_speaker_name_is_refused_with_a_short_echo(
    analysed: Run, length: int
) -> None:
    name = ("Vasquez " * (length // 8 + 1))[:length]
    code, out, err = analysed("quotes", "--speaker", name)
    assert code == 2 and out == ""
    assert err.startswith("briefbot: A speaker's name can be at most 200 characters;")
    assert f"this one has {length:,}" in err
    assert err.count("\n") == 1 and len(err) < 300


def test_an_absurdly_long_line_to_look_up_is_refused_with_a_short_echo(analysed: Run) -> None:
    code, out, err = analysed("whosaid", "customers arrive by car " * 2_000)
    assert code == 2 and out == ""
    assert "A line to look up can be at most 2,000 characters" in err
    assert err.count("\n") == 1 and len(err) < 300


def test_a_long_name_nobody_has_is_echoed_shortened(analysed: Run) -> None:
    code, _, err = analysed("quotes", "--speaker", "Someone Nobody Quoted " * 9)
    assert code == 1
    assert err.startswith("briefbot: No stored quotes by Someone Nobody Quoted")
    assert "…" in err and len(err) < 120
