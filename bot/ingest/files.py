"""A file someone handed the bot (CLI path or Discord attachment) to an ``Article``.

The extension picks the reader, but the bytes have the last word: a ``.txt`` that is really a
saved web page goes through HTML extraction, and binary data under a text name is refused with
a clear one-line message instead of being summarised as gibberish.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from bot.errors import InputError
from bot.ingest.content_types import looks_like_html, looks_like_text
from bot.ingest.decode import decode_body
from bot.ingest.extract import article_from_html, article_from_text
from bot.ingest.pdf import article_from_pdf
from bot.models import Article

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
PDF_SUFFIXES = frozenset({".pdf"})
SUPPORTED = ".txt, .md, .html, .htm or .pdf"
SNIFF_BYTES = 8192

_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


def article_from_bytes(data: bytes, filename: str, max_pdf_pages: int = 50) -> Article:
    """Read ``data`` as the kind of file ``filename`` names; ``InputError`` when it cannot be."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES:
        shown = suffix or "(no extension)"
        raise InputError(f"Unsupported file type {shown}; use {SUPPORTED}.")
    if not data.strip():
        raise InputError(f"The file {PurePath(filename).name} is empty.")
    if suffix in PDF_SUFFIXES or data.lstrip()[:5] == b"%PDF-":
        return article_from_pdf(data, max_pdf_pages, source="file")
    # Sniffed past leading blank lines: 8 KB of them is still a text file, as it is on stdin.
    sample = data.lstrip()[:SNIFF_BYTES]
    if not looks_like_text(sample) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("The file looks like binary data, not text, HTML or PDF.")
    text = decode_body(data, html=suffix in HTML_SUFFIXES)
    if "\ufffd" in text and text.count("\ufffd") > max(3, len(text) // 200):
        raise InputError("The file's text could not be decoded; save it as UTF-8 and try again.")
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        return article_from_html(text, source="file")
    return _plain_article(text, markdown=suffix in {".md", ".markdown"})


def _plain_article(text: str, markdown: bool) -> Article:
    title = ""
    if markdown:
        lines = text.replace("\r\n", "\n").split("\n")
        for index, line in enumerate(lines):
            heading = _MARKDOWN_HEADING.match(line)
            if heading:
                title = title or heading.group(1)
                lines[index] = heading.group(1)
        text = "\n".join(lines)
    return article_from_text(text, title=title, source="file")
