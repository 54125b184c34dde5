"""Content hashes stay what existing databases were written with, however a text is spaced."""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata

import pytest

from bot.store.keys import content_hash


def _hash_as_first_written(text: str) -> str:
    """The content hash as Briefbot first stored it, with a regex over whitespace."""
    normalised = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@pytest.mark.parametrize(
    ("text", "digest"),
    [
        (
            "Council approves  protected\tbike lanes.\n\nThe vote was 7–2.",
            "cb486dacdf65710635473dd461df328781e7e882aee25590ef184346ca5f21c3",
        ),
        (
            "\u00a0 A\u2028line\x1cwith\x85odd\u3000spaces\u200b and Cafe\u0301 ",
            "86c8fcae1cc762943ff34487b8bf478cd099f007a717b8c87ba37ab5ae056bf1",
        ),
        ("   \n ", hashlib.sha256(b"").hexdigest()),
    ],
)
def test_a_stored_article_keeps_its_content_hash(text: str, digest: str) -> None:
    assert content_hash(text) == digest


def test_every_character_is_whitespace_to_the_hash_exactly_when_it_was_before() -> None:
    # A lone surrogate is no text (UTF-8 refuses it either way).
    every = (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    text = "".join(f"x{char}\t{char}" for char in every)
    assert content_hash(text) == _hash_as_first_written(text)
