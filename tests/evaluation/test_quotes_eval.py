"""``briefbot eval quotes`` on two short articles written here: predictions, table, exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.errors import InputError
from bot.evaluation import quotes as quotes_eval

TEXT_A = (
    "“We will cut taxes next year,” said Anna Lindqvist, the finance minister.\n\n"
    "The so-called “reform package” was debated for hours."
)
TEXT_B = "Peter Brandt arrived late. “Where is the money?” he asked."


def gold_record(ident: str, text: str, quote: str, speaker: str) -> dict:
    start = text.index(quote)
    return {
        "id": ident,
        "text": text,
        "quotes": [{"quote": quote, "start": start, "end": start + len(quote), "speaker": speaker}],
    }


GOLD = [
    gold_record("a", TEXT_A, "We will cut taxes next year,", "Anna Lindqvist"),
    gold_record("b", TEXT_B, "Where is the money?", "Peter Brandt"),
]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The gold file, with the reference scorer out of reach so the built-in metric is used."""
    monkeypatch.setattr(quotes_eval, "SCORER_PATHS", ())
    path = tmp_path / "data" / "quotes" / "gold.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in GOLD), encoding="utf-8")
    return path


def test_predictions_leave_out_other_quotes_and_name_the_speakers(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pred.jsonl"
    assert quotes_eval.run(data, out, None) == 0
    predictions = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [p["id"] for p in predictions] == ["a", "b"]
    assert [[(q["quote"], q["speaker"]) for q in p["quotes"]] for p in predictions] == [
        [("We will cut taxes next year,", "Anna Lindqvist")],
        [("Where is the money?", "Peter Brandt")],
    ]
    table = capsys.readouterr().out
    assert "quote span (overlap)" in table and "quote+speaker (name)" in table
    assert "100.0   2/2/2" in table
    assert "failed: 0" in table and "% of the parse" in table


def test_limit_reads_only_the_first_records(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pred.jsonl"
    quotes_eval.run(data, out, 1)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    assert "articles: 1" in capsys.readouterr().out


def test_built_in_metric_counts_a_wrong_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes_eval, "SCORER_PATHS", ())
    where = TEXT_B.index("Where")
    predictions = [
        {"id": "a", "quotes": [{"quote": "We will cut taxes", "speaker": "Lindqvist", "start": 1}]},
        {
            "id": "b",
            "quotes": [{"quote": "Where is the money?", "speaker": "Jones", "start": where}],
        },
    ]
    scores = quotes_eval.score(GOLD, predictions, Path("/nonexistent/gold.jsonl"))
    assert scores["span_overlap"]["tp"] == 2
    assert scores["span_overlap+speaker_name"]["tp"] == 1
    assert scores["span_overlap+speaker_name"]["f1"] == pytest.approx(50.0)


def test_missing_data_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        quotes_eval.run(tmp_path / "nothing.jsonl", None, None)
