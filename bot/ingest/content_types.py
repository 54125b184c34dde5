"""What kind of document a body is: the declared media type, or a sniff of its first bytes.

Servers often send no ``Content-Type`` or a generic one (``application/octet-stream``) for
perfectly good pages and PDFs; the first bytes settle it. Sniffing only ever picks one of the
types the bot can read, so it cannot turn an image into an "article".
"""

from __future__ import annotations

import re

GENERIC_TYPES = frozenset(
    {
        "",
        "application/octet-stream",
        "binary/octet-stream",
        "application/unknown",
        "application/x-unknown",
        "application/download",
        "application/force-download",
        "application/x-download",
        "unknown/unknown",
    }
)

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|p|div|h1)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_PASTED_HTML = re.compile(
    r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE
)
_HTML_TAGS = re.compile(r"</?(?:p|div|span|a|br|article|section|h[1-6]|li|ul|script)[\s>/]", re.I)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_XML_HTML = re.compile(rb"<html[\s>]", re.IGNORECASE)


def parse_content_type(header: str | None) -> tuple[str, str | None]:
    """``'text/html; charset="UTF-8"'`` → ``('text/html', 'utf-8')``; missing → ``('', None)``."""
    if not header:
        return "", None
    media, *params = header.split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower() or None
    return media.strip().lower(), charset


def sniff(head: bytes) -> str | None:
    """The media type of a body judged by its first bytes, or ``None`` when it is none we read."""
    sample = head[:2048]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        sample = sample.decode("utf-16", "ignore").encode("utf-8")
    elif sample.startswith(b"\xef\xbb\xbf"):
        sample = sample[3:]
    stripped = sample.lstrip()
    if stripped.startswith(b"%PDF-"):
        return "application/pdf"
    if stripped.startswith(b"<?xml"):
        if _FEED_ROOT.search(sample):
            return "application/rss+xml"
        return "application/xhtml+xml" if _XML_HTML.search(sample) else "application/xml"
    if _HTML_START.match(sample):
        return "text/html"
    if _FEED_ROOT.match(stripped):
        return "application/rss+xml"
    if looks_like_text(sample):
        return "text/plain"
    return None


def looks_like_text(sample: bytes) -> bool:
    """No NUL bytes and almost no control characters: text in some 8-bit or UTF-8 encoding."""
    if not sample.strip():
        return False
    if b"\x00" in sample:
        return False
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return controls <= len(sample) // 100


def looks_like_html(text: str) -> bool:
    """Pasted or saved HTML: starts like a document, or is dense with block tags."""
    head = text.lstrip()[:4096]
    return bool(_PASTED_HTML.match(head)) or len(_HTML_TAGS.findall(head)) >= 5
