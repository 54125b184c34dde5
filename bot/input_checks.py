"""Refusals that need no worker, no fetch and no analysis: checked before a face promises an
answer.

A Discord command that defers shows "thinking…", and whatever it says afterwards takes the
deferral's place and visibility. So everything that can be refused from the input alone is
refused here first, as a private reply: empty or whitespace text, text over the size limit,
text that is one sentence or has no sentence punctuation, a file that is empty, binary or not
what its name says, a link the address rules refuse, a quote too short to look up.

Each check is conservative and speaks the service's words: what it refuses, the service
would refuse too, except a single line with its only sentence end at the end, which the
engine's parser might cut in two but which is one sentence all the same. Passing here never
changes an answer.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from bot.config import Settings
from bot.errors import InputError
from bot.ingest.content_types import looks_like_text
from bot.ingest.urls import validate_url
from bot.store.keys import words
from bot.store.whosaid import MIN_WORDS, query_words
from bot.text_input import PLAIN_TEXT_SUFFIXES, decode_text

_SENTENCE_MARK = re.compile(r"[.!?…]")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
_BYTE_ORDER_MARKS = (b"\xff\xfe", b"\xfe\xff")
_MARKDOWN_SUFFIXES = (".md", ".markdown")


def check_text(text: str, settings: Settings) -> None:
    """Refuse pasted text that is empty, too long, or plainly not several sentences."""
    if not text.strip():
        raise InputError("The text is empty: there is nothing to summarize.")
    if len(text) > settings.max_text_chars:
        raise InputError(
            f"The text is too long ({len(text):,} characters; "
            f"the limit is {settings.max_text_chars:,})."
        )
    check_prose(text)


def check_prose(text: str) -> None:
    """Refuse text with no sentence punctuation, or one line ending its only sentence.

    The engine decides everything subtler (its parser may split a long line in two), so only
    text that cannot hold two sentences is refused here.
    """
    body = text.strip()
    if not _SENTENCE_MARK.search(body):
        raise InputError("The text has no sentence punctuation; it does not look like an article.")
    ends = list(_SENTENCE_END.finditer(body))
    if "\n" not in body and len(ends) == 1 and ends[0].end() == len(body):
        raise InputError("The text is a single sentence: there is nothing to summarize.")


def check_link(url: str, settings: Settings) -> None:
    """Refuse a link the address rules refuse without looking anything up."""
    validate_url(url.strip(), settings.fetch_allow_loopback)


def check_file(data: bytes, filename: str, settings: Settings) -> None:
    """Refuse a downloaded file that is empty, binary, or (as plain text) too long or short.

    HTML and PDF are only checked for being there and being what they say: their text is
    known after extraction, which is the worker's job.
    """
    name = PurePath(filename).name
    suffix = PurePath(filename).suffix.lower()
    if not data.strip():
        raise InputError(f"The file {name} is empty.")
    if suffix == ".pdf":
        if data.lstrip()[:5] != b"%PDF-":
            raise InputError("The file is not a PDF.")
        return
    if not looks_like_text(data[:8192]) and not data.startswith(_BYTE_ORDER_MARKS):
        raise InputError("The file looks like binary data, not text, HTML or PDF.")
    if not suffix or suffix in PLAIN_TEXT_SUFFIXES:
        text = decode_text(data, name).replace("\r\n", "\n").replace("\r", "\n").strip()
        if suffix in _MARKDOWN_SUFFIXES:
            check_prose(text)  # Its headings lose their marks: its length is the engine's call.
        else:
            check_text(text, settings)


def check_quote(text: str) -> None:
    """Refuse a "who said" line too short to look up."""
    query_words(text)


def check_quoted_message(text: str) -> None:
    """Refuse a message too short to look up as a quote (its author typed it, not the user)."""
    if len(words(text)) < MIN_WORDS:
        raise InputError(
            f"That message is too short to look up: a quote needs at least {MIN_WORDS} words."
        )
