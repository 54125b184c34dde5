"""``briefbot eval summaries`` on two stories written here: the table and the predictions file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rouge_score import rouge_scorer

from bot.errors import InputError
from bot.evaluation.summaries import run

STORIES = [
    {
        "id": "ferry",
        "text": (
            "The town of Westport opened a new ferry terminal on Monday after three years of "
            "work. The terminal cost 40 million pounds and can handle twice as many passengers. "
            "Ferries to the northern islands will now leave every hour instead of every two. "
            "“This changes everything for island families,” said the harbour master. "
            "Some residents complained about noise during the long construction period."
        ),
        "reference": ["Westport opened a new ferry terminal.", "It cost 40 million pounds."],
    },
    {
        "id": "budget",
        "text": (
            "The city council approved a new budget for local schools on Tuesday evening. "
            "Teachers will receive a pay rise of four percent from September this year. "
            "Parents had campaigned for smaller classes for more than two years. "
            "The budget also pays for two new science laboratories at the high school. "
            "Opposition members said the plan left too little money for road repairs."
        ),
        "reference": ["The council approved a schools budget.", "Teachers get a 4% pay rise."],
    },
]


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_table_rows_and_predictions_agree_with_rouge_on_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _write(tmp_path / "gold.jsonl", STORIES)
    out = tmp_path / "pred" / "news.jsonl"
    assert run(data, out, None) == 0
    table = capsys.readouterr().out
    for label in ("news (ours, default)", "LEAD-3", "sumy lexrank", "sumy lsa", "sumy kl"):
        assert label in table
    predictions = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [p["id"] for p in predictions] == ["ferry", "budget"]
    assert all(1 <= len(p["summary"]) <= 3 for p in predictions)

    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    expected = sum(
        scorer.score("\n".join(s["reference"]), "\n".join(p["summary"]))["rouge1"].fmeasure
        for s, p in zip(STORIES, predictions, strict=True)
    )
    news_row = next(line for line in table.splitlines() if line.startswith("news"))
    assert float(news_row.split()[3]) == pytest.approx(100 * expected / 2, abs=0.006)


def test_limit_reads_only_the_first_stories(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _write(tmp_path / "gold.jsonl", STORIES)
    out = tmp_path / "news.jsonl"
    run(data, out, 1)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    assert "stories: 1;" in capsys.readouterr().out


def test_missing_or_malformed_data_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="No summary data"):
        run(tmp_path / "absent.jsonl", None, None)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": 1, "text": "x"}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 1: a story needs id, text and reference"):
        run(broken, None, None)


def test_an_editors_brief_file_is_scored_by_sentence_precision_with_its_headline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brief = {
        "id": "news/ferry",
        "title": "Westport ferry terminal opens | Westport News",
        "title_source": "page",
        "text": STORIES[0]["text"],
        "reference": [
            "The town of Westport opened a new ferry terminal on Monday after three years of work.",
            "The terminal cost 40 million pounds and can handle twice as many passengers.",
            "Ferries to the northern islands will now leave every hour instead of every two.",
        ],
        "url": "https://example.org/ferry",
        "split": "dev",
    }
    out = tmp_path / "pred.jsonl"
    assert run(_write(tmp_path / "briefs.jsonl", [brief]), out, None) == 0
    table = capsys.readouterr().out
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    editors = sum(sentence in brief["reference"] for sentence in summary)
    news_row = next(line for line in table.splitlines() if line.startswith("news"))
    assert "sentP" in table.splitlines()[0]
    assert float(news_row.split()[6]) == pytest.approx(100 * editors / len(summary), abs=0.006)
    assert summary[0] == brief["reference"][0]
    assert "editor's sentences ≥ 70 %" in table.splitlines()[-1]
