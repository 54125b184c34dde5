"""Finding quoted stretches on characters: every mark style, nesting, apostrophes, paragraphs."""

from __future__ import annotations

import pytest

from bot.nlp.quotes.marks import find_quoted_spans


def inner_texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "“We will win,” she said.",
        '"We will win," she said.',
        "‘We will win,’ she said.",
        "``We will win,'' she said.",
        "''We will win,'' she said.",
        "''We will win,’’ she said.",
        "«We will win,» she said.",
        "„We will win,“ she said.",
    ],
)
def test_every_mark_style_finds_the_same_quote(text: str) -> None:
    assert inner_texts(text) == ["We will win,"]


def test_two_apostrophe_closer_ends_the_quote_and_the_next_one_opens() -> None:
    text = "''We will win,’’ he said. ''It is not close.''"
    assert inner_texts(text) == ["We will win,", "It is not close."]


def test_nested_quote_stays_inside_its_outer_quote() -> None:
    text = "“He told me ‘never again’ and I believed him,” said Peter Brandt."
    assert inner_texts(text) == ["He told me ‘never again’ and I believed him,"]


def test_nested_single_quote_in_straight_marks() -> None:
    text = "\"She said 'no deal' twice,\" he recalled."
    assert inner_texts(text) == ["She said 'no deal' twice,"]


def test_word_final_apostrophes_never_open_or_close() -> None:
    text = "The miners' union and the voters’ anger are “very real,” he said of rock ’n’ roll fans."
    assert inner_texts(text) == ["very real,"]


def test_contractions_and_elisions_are_not_marks() -> None:
    text = "It's the ’90s again, and we’re told to ‘keep calm’ by O'Brien."
    assert inner_texts(text) == ["keep calm"]


def test_quote_running_over_paragraphs_is_reopened_per_paragraph() -> None:
    text = "“We will cut taxes.\n\n“And we will do it this year,” she said."
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "We will cut taxes.",
        "And we will do it this year,",
    ]
    assert spans[0].runs_on and spans[0].close_end is None
    assert spans[1].continued


def test_unbalanced_mark_costs_only_its_own_paragraph() -> None:
    text = 'He said "this never ends.\n\nThe vote is “close,” Brandt said.\n\nA stray ” mark.'
    assert inner_texts(text) == ["close,"]


def test_unclosed_quote_opening_a_paragraph_runs_to_its_end() -> None:
    text = "Brandt went on:\n\n“The money is gone and nobody will say where."
    assert inner_texts(text) == ["The money is gone and nobody will say where."]


def test_text_without_marks_has_no_quotes() -> None:
    assert find_quoted_spans("No quotes here. None at all.\n\nStill none.") == []


def test_markup_attribute_values_are_not_quotes() -> None:
    text = '<tweet author="@annalindqvist" id="7479">We won.</tweet> She wrote "thank you."'
    assert inner_texts(text) == ["thank you."]
