"""The checks a face runs before deferring refuse only what cannot be summarized or looked up."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.errors import BlockedURLError, InputError
from bot.input_checks import check_file, check_link, check_quoted_message, check_text

SETTINGS = Settings(max_text_chars=1_000)


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Lee spoke first. The council listened.",
        "The vote passed. Critics were unhappy",
        "Night buses approved\nThe council voted on Monday to run night buses.",
        "“We will do better,” she said. “We heard you.”",
    ],
)
def test_text_that_may_hold_two_sentences_passes(text: str) -> None:
    check_text(text, SETTINGS)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (" \n\t ", "empty"),
        ("lol", "no sentence punctuation"),
        ("The council voted on Monday to run night buses.", "single sentence"),
        ("“We heard the criticism, and we will do better.”", "single sentence"),
        ("Word. " * 200, "the limit is 1,000"),
    ],
)
def test_text_that_cannot_be_summarized_is_refused(text: str, said: str) -> None:
    with pytest.raises(InputError, match=said):
        check_text(text, SETTINGS)


def test_a_file_is_refused_for_what_its_bytes_show() -> None:
    with pytest.raises(InputError, match="empty"):
        check_file(b" \n", "story.txt", SETTINGS)
    with pytest.raises(InputError, match="binary"):
        check_file(b"\x00\x01\x02" * 50, "story.html", SETTINGS)
    with pytest.raises(InputError, match="not a PDF"):
        check_file(b"<html></html>", "story.pdf", SETTINGS)
    check_file(b"%PDF-1.7 ...", "story.pdf", SETTINGS)
    check_file(b"<html><p>One line</p></html>", "story.html", SETTINGS)  # the worker's call


def test_text_over_several_lines_is_left_to_the_engines_parser() -> None:
    check_file(b"# Night buses\n\nThe council voted on Monday.", "story.md", SETTINGS)


def test_a_link_is_refused_by_the_address_rules_alone() -> None:
    with pytest.raises(BlockedURLError):
        check_link("http://192.168.0.10/story", SETTINGS)
    check_link("https://news.example/story", SETTINGS)


def test_a_message_too_short_to_look_up_says_so_in_the_messages_terms() -> None:
    with pytest.raises(InputError, match="That message is too short to look up"):
        check_quoted_message("lol ok")
    check_quoted_message("deserve a safe ride home")
