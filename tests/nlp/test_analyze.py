"""The engine's entry point: one parse, a full Analysis, and a clear error for unusable text."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.errors import InputError
from bot.models import ENGINE_VERSION, Analysis, Article
from bot.nlp.analyze import AnalysisOptions, analyze, analyze_many

STORY = (
    "The city council approved a new budget on Monday after six hours of debate.\n\n"
    "The plan raises spending on schools by four percent and freezes fees for parking.\n\n"
    "Council members who opposed it said the numbers did not add up.\n\n"
    "The budget takes effect in July, when the new fiscal year begins."
)


def test_analysis_has_summary_offsets_into_the_cleaned_text(nlp: Language) -> None:
    result = analyze(Article(text=STORY, title="Budget passes"), nlp=nlp)
    assert result.title == "Budget passes"
    assert result.engine_version == ENGINE_VERSION
    assert 1 <= len(result.summary) <= 3
    for sentence in result.summary:
        assert result.text[sentence.start : sentence.end].strip() == sentence.text


def test_analysis_survives_a_json_round_trip(nlp: Language) -> None:
    result = analyze(Article(text=STORY), nlp=nlp)
    assert Analysis.from_dict(result.to_dict()) == result


def test_untitled_text_gets_a_title_from_its_first_line(nlp: Language) -> None:
    result = analyze(Article(text="Budget passes after long night\n\n" + STORY), nlp=nlp)
    assert result.title == "Budget passes after long night"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\t  \n", "empty"),
        ("Only one sentence is here, and it is not long enough to summarize.", "single sentence"),
        ("no punctuation at all just words going on and on without any end", "punctuation"),
        ("binary\x00data. More binary\x00data.", "binary"),
    ],
)
def test_unusable_text_is_an_input_error(nlp: Language, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        analyze(Article(text=text), nlp=nlp)


def test_text_over_the_cap_is_refused_before_parsing(nlp: Language) -> None:
    with pytest.raises(InputError, match="too long"):
        analyze(Article(text=STORY), AnalysisOptions(max_chars=100), nlp=nlp)


def test_unknown_algorithm_and_bad_length_are_refused(nlp: Language) -> None:
    with pytest.raises(InputError, match="Unknown algorithm"):
        analyze(Article(text=STORY), AnalysisOptions(algorithm="magic"), nlp=nlp)
    with pytest.raises(InputError, match="between 1 and 10"):
        analyze(Article(text=STORY), AnalysisOptions(sentences=11), nlp=nlp)


def test_non_english_text_is_flagged_but_still_summarized(nlp: Language) -> None:
    german = (
        "Der Stadtrat hat am Montag nach langer Debatte einen neuen Haushalt beschlossen. "
        "Die Ausgaben für Schulen steigen um vier Prozent. "
        "Gegner kritisierten die Zahlen scharf."
    )
    result = analyze(Article(text=german), nlp=nlp)
    assert result.language != "en"
    assert any("English" in warning for warning in result.warnings)
    assert result.summary


def test_a_batch_yields_errors_in_place_without_stopping(nlp: Language) -> None:
    results = list(
        analyze_many([Article(text=STORY), Article(text=""), Article(text=STORY)], nlp=nlp)
    )
    assert isinstance(results[0], Analysis)
    assert isinstance(results[1], InputError)
    assert isinstance(results[2], Analysis)


def test_a_headline_line_becomes_the_title_and_stays_out_of_the_summary(nlp: Language) -> None:
    result = analyze(Article(text="Council backs budget\n\n" + STORY), nlp=nlp)
    assert result.title == "Council backs budget"
    assert "Council backs budget" not in result.text
    assert all("Council backs" not in sentence.text for sentence in result.summary)


def test_a_first_paragraph_that_is_a_sentence_is_not_a_headline(nlp: Language) -> None:
    result = analyze(Article(text=STORY), nlp=nlp)
    assert result.text.startswith("The city council approved")


def test_ranked_sentences_allow_other_lengths_without_a_new_parse(nlp: Language) -> None:
    result = analyze(Article(text=STORY), nlp=nlp)
    assert len(result.ranked) >= len(result.summary)
    assert {s.text for s in result.summary} <= {s.text for s in result.ranked}
