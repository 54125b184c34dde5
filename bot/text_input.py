"""Bytes a user gave as plain text (stdin, a .txt or .md file) turned into text, or refused.

Refusals name the problem in words a person can act on: binary data, an encoding that is not
UTF-8, nothing but whitespace.
"""

from __future__ import annotations

from bot.errors import InputError

PLAIN_TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


def decode_text(data: bytes, name: str) -> str:
    """``data`` decoded as UTF-8 (a byte-order mark is dropped), or an ``InputError``."""
    if b"\x00" in data[:65536]:
        raise InputError(f"{name} looks like binary data, not text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name} is not UTF-8 text (byte {error.start} cannot be read); "
            "save it as UTF-8 and try again."
        ) from None
    if not text.strip():
        raise InputError(f"{name} is empty: there is nothing to summarize.")
    return text
