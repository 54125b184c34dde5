"""Text cleaning before parsing: normalise whitespace and paragraphs, drop boilerplate."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def clean_text(text: str) -> str:
    """Return the text with normalised whitespace and one blank line between paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    paragraphs = [_SPACES.sub(" ", p).strip() for p in _BLANK_LINES.split(text)]
    return "\n\n".join(p for p in paragraphs if p)
