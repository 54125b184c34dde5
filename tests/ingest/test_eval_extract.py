"""The extraction eval command on two tiny benchmarks written here (never the shared data)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bot.errors import InputError
from bot.evaluation.extract import run
from tests.ingest.conftest import STORY_PARAGRAPHS, page_html


def write_benchmarks(root: Path) -> None:
    html = page_html(head='<meta property="article:published_time" content="2024-03-18">')
    sh = root / "scrapinghub"
    (sh / "html").mkdir(parents=True)
    (sh / "html" / "p1.html.gz").write_bytes(gzip.compress(html.encode()))
    truth = {"p1": {"articleBody": "\n".join(STORY_PARAGRAPHS), "url": "https://ex.com/a"}}
    (sh / "ground-truth.json").write_text(json.dumps(truth))
    tr = root / "trafilatura"
    (tr / "eval").mkdir(parents=True)
    (tr / "eval" / "bridge.html.gz").write_bytes(gzip.compress(html.encode()))
    undated = page_html(h1="Quiet day", title="Quiet day | Coastal Times")
    (tr / "eval" / "quiet.html.gz").write_bytes(gzip.compress(undated.encode()))
    annotations = {
        "https://ex.com/bridge": {
            "file": "bridge.html",
            "with": ["Mayor Ana Ruiz", "second crossing"],
            "without": ["All rights reserved"],
            "title": "Harbour bridge reopens after repairs",
            "date": "2024-03-18",
        },
        "https://ex.com/quiet": {"file": "quiet.html", "with": [], "without": [], "date": ""},
    }
    (tr / "evaldata.json").write_text(json.dumps(annotations))


def test_eval_prints_each_benchmark_metric_and_writes_predictions(tmp_path, capsys):
    write_benchmarks(tmp_path / "data")
    out = tmp_path / "pred.jsonl"
    assert run(tmp_path / "data", out, None) == 0
    printed = capsys.readouterr().out
    assert "scrapinghub" in printed and "4-gram shingles" in printed
    assert "trafilatura title: 1.000 (1/1)" in printed
    assert "trafilatura date (dated pages): 1.000 (1/1)" in printed
    assert "invented dates: 0 of 1 undated pages" in printed
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 3
    assert rows[0]["title"] == "Harbour bridge reopens after repairs"


def test_eval_without_benchmarks_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        run(tmp_path, None, None)
