"""``briefbot eval … --limit N``: a number of records from one up, or a one-line refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Run

TEXT = "“We will cut taxes next year,” said Anna Lindqvist, the finance minister."
QUOTE = "We will cut taxes next year,"


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    """Two gold quote records, so a limit of one is visible in the article count."""
    start = TEXT.index(QUOTE)
    quote = {"quote": QUOTE, "start": start, "end": start + len(QUOTE), "speaker": "Lindqvist"}
    records = [{"id": ident, "text": TEXT, "quotes": [quote]} for ident in ("a", "b")]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("limit", ["0", "-3", "99999999999999999999", "ten"])
def test_eval_refuses_a_limit_that_is_not_a_sensible_count(
    briefbot: Run, gold: Path, limit: str
) -> None:
    code, out, err = briefbot("eval", "quotes", str(gold), "--limit", limit)
    assert code == 2 and out == ""
    assert f"argument --limit: '{limit}' is not a whole number from 1 to 1,000,000" in err
    assert "Traceback" not in err and "went wrong" not in err


def test_eval_limit_reads_only_the_first_records(briefbot: Run, gold: Path) -> None:
    code, out, _ = briefbot("eval", "quotes", str(gold), "--limit", "1")
    assert code == 0
    assert "articles: 1  failed: 0" in out
