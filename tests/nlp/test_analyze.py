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


def test_a_headline_that_ends_on_a_quoted_phrase_is_still_the_headline(nlp: Language) -> None:
    headline = "Budget fight deepens as mayor warns ‘The cuts are coming’"
    result = analyze(Article(text=f"{headline}\n\n" + STORY), nlp=nlp)
    assert result.title == headline
    assert all("cuts are coming" not in sentence.text for sentence in result.summary)


def test_a_first_line_that_is_one_quotation_is_not_a_headline(nlp: Language) -> None:
    result = analyze(Article(text="“We will not cut the buses”\n\n" + STORY), nlp=nlp)
    assert result.text.startswith("“We will not cut the buses”")


def test_a_first_paragraph_that_is_a_sentence_is_not_a_headline(nlp: Language) -> None:
    result = analyze(Article(text=STORY), nlp=nlp)
    assert result.text.startswith("The city council approved")


def test_ranked_sentences_allow_other_lengths_without_a_new_parse(nlp: Language) -> None:
    result = analyze(Article(text=STORY), nlp=nlp)
    assert len(result.ranked) >= len(result.summary)
    assert {s.text for s in result.summary} <= {s.text for s in result.ranked}


CHINESE = (
    "今天市议会通过了新的预算。学校的经费将增加百分之四。"
    "议员们说，这个计划很重要！市长表示，明年还会继续讨论。"
)
ARABIC = (  # questions only: "؟" is the one sentence end in it
    "هل وافق مجلس المدينة على الميزانية الجديدة؟ هل ستزيد ميزانية المدارس؟ "
    "هل الخطة مهمة للجميع؟ هل سيستمر النقاش في العام المقبل؟"
)
HINDI = (
    "नगर परिषद ने सोमवार को नया बजट पास किया। स्कूलों का बजट चार प्रतिशत बढ़ेगा। "
    "महापौर ने कहा कि योजना ज़रूरी है।"
)


@pytest.mark.parametrize("text", [CHINESE, ARABIC, HINDI], ids=["chinese", "arabic", "hindi"])
def test_text_in_another_script_gets_the_language_warning_not_a_refusal(
    nlp: Language, text: str
) -> None:
    result = analyze(Article(text=text), nlp=nlp)
    assert result.language == "unknown"
    assert result.warnings == ("This text does not look like English; the summary may be poor.",)


@pytest.mark.parametrize("length", [2_500, 200_000])
def test_a_sentence_longer_than_any_real_one_is_refused(nlp: Language, length: int) -> None:
    text = ("The council met again and talked " * (length // 33 + 1))[:length] + ". It ended."
    with pytest.raises(InputError, match=f"a sentence of {length:,} characters with no end"):
        analyze(Article(text=text), AnalysisOptions(max_chars=300_000), nlp=nlp)


def test_a_long_sentence_is_only_a_warning_when_not_strict(nlp: Language) -> None:
    text = "The council met again and talked " * 80 + ". It ended. Everyone went home."
    result = analyze(Article(text=text), AnalysisOptions(strict=False), nlp=nlp)
    assert any("with no end" in warning for warning in result.warnings)
