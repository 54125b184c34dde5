"""Cleaning: whitespace and paragraphs normalised, original characters kept, boilerplate gone."""

from __future__ import annotations

import pytest

from bot.nlp.clean import clean_text, is_boilerplate


def test_whitespace_is_normalised_and_paragraphs_are_separated_by_one_blank_line() -> None:
    text = "  First   paragraph\u00a0here.\r\n\r\n\r\n\tSecond\u2003paragraph.  \n\n\n"
    assert clean_text(text) == "First paragraph here.\n\nSecond paragraph."


def test_a_soft_wrapped_sentence_is_joined_but_a_heading_line_stays_apart() -> None:
    text = (
        "River Rises\n"
        "The river rose two metres overnight and the town council\n"
        "closed the bridge before dawn."
    )
    assert clean_text(text) == (
        "River Rises\n\n"
        "The river rose two metres overnight and the town council closed the bridge before dawn."
    )


def test_quote_marks_dashes_and_accents_are_kept_as_written() -> None:
    text = "“We’re ready,” said José — and ‘nobody’ doubted it."
    assert clean_text(text) == text


def test_feed_trailer_is_dropped_on_its_own_line_and_at_the_end_of_a_paragraph() -> None:
    own_line = "The ferry sailed at noon.\n\nThe post Ferry sails appeared first on Harbour News."
    inline = "The ferry sailed at noon. The post Ferry sails appeared first on Harbour News."
    assert clean_text(own_line) == "The ferry sailed at noon."
    assert clean_text(inline) == "The ferry sailed at noon."


@pytest.mark.parametrize(
    "line",
    [
        "Click here to read the full report.",
        "Read more: How the ferry service began",
        "Subscribe to our newsletter for daily updates!",
        "Share this article",
        "Scroll down for video",
    ],
)
def test_call_to_action_lines_are_dropped(line: str) -> None:
    text = f"The ferry sailed at noon.\n\n{line}\n\nPassengers cheered on the quay."
    assert clean_text(text) == "The ferry sailed at noon.\n\nPassengers cheered on the quay."


def test_a_long_paragraph_that_opens_with_read_more_is_prose_and_stays() -> None:
    prose = (
        "Read more widely than your rivals, the old editor used to say to every new reporter "
        "who came through the door of the newsroom on the first morning of the job, because "
        "a reporter who only reads the news ends up writing only what everybody already knows."
    )
    assert clean_text(prose) == prose


def test_scroll_down_for_video_inside_a_paragraph_is_cut_out() -> None:
    text = "The ferry sailed at noon. Scroll down for video Passengers cheered on the quay."
    assert clean_text(text) == "The ferry sailed at noon. Passengers cheered on the quay."


@pytest.mark.parametrize(
    "credit",
    [
        "Photo: Jane Roe/Reuters",
        "Photograph by Sam Lee for Harbour News",
        "Image copyright: Getty Images",
        "Credit: Harbour Authority",
    ],
)
def test_photo_credit_lines_are_dropped(credit: str) -> None:
    text = f"The ferry sailed at noon.\n{credit}\n\nPassengers cheered on the quay."
    assert clean_text(text) == "The ferry sailed at noon.\n\nPassengers cheered on the quay."


def test_an_inline_photo_credit_in_parentheses_is_dropped() -> None:
    text = "The ferry sailed at noon (Photo by Jane Roe/Getty Images) and returned at six."
    assert clean_text(text) == "The ferry sailed at noon and returned at six."


def test_the_author_bio_at_the_end_is_dropped() -> None:
    text = (
        "The ferry sailed at noon.\n\nPassengers cheered on the quay.\n\n"
        "Maria Lopez covers transport for Harbour News. She has reported on ports since 2009."
    )
    assert clean_text(text) == "The ferry sailed at noon.\n\nPassengers cheered on the quay."


def test_a_paragraph_about_a_reporter_in_the_middle_of_the_story_stays() -> None:
    text = (
        "Maria Lopez covers transport for Harbour News. She has reported on ports since 2009."
        "\n\nShe was the first to report the ferry's return."
    )
    assert clean_text(text) == text


def test_is_boilerplate_recognises_furniture_but_not_news() -> None:
    assert is_boilerplate("Click here to subscribe.")
    assert is_boilerplate("Photo: Jane Roe/Reuters")
    assert not is_boilerplate("The ferry sailed at noon with 300 passengers on board.")


def test_a_headline_on_the_line_above_a_long_paragraph_is_not_joined_to_it() -> None:
    body = (
        "The town of Westport opened a new ferry terminal on Monday after three years of "
        "building work, and the first ferry left at six in the morning with 200 passengers."
    )
    for headline in ("Harbour town opens new ferry terminal", "Harbour Town Opens New Terminal"):
        assert clean_text(f"{headline}\n{body}") == f"{headline}\n\n{body}"


def test_text_wrapped_at_a_fixed_width_becomes_one_paragraph() -> None:
    text = (
        "The town of Westport opened a new ferry terminal on Monday after three\n"
        "years of building work, and the first ferry left at six in the morning\n"
        "With 200 passengers on board and a brass band playing on the quay.\n"
        "Ferries to the islands now leave every hour."
    )
    assert clean_text(text) == " ".join(text.split("\n"))


def test_one_paragraph_per_line_keeps_its_paragraphs() -> None:
    first = (
        "The town of Westport opened a new ferry terminal on Monday after three years of "
        "building work that cost 40 million pounds."
    )
    second = (
        "Ferries to the three northern islands will now leave every hour instead of every "
        "two hours, the harbour master said."
    )
    assert clean_text(f"{first}\n{second}") == f"{first}\n\n{second}"
