"""Bytes to text: the byte-order mark, then what the server and page say, then the bytes.

Order of trust: a BOM cannot be an accident, so it wins over any header. A declared charset
(header, then ``<meta>``) is used only if the bytes actually decode with it; a legacy 8-bit
declaration is overruled when the body is valid UTF-8 with multi-byte sequences, because a
server that says ISO-8859-1 for a UTF-8 page is far more common than Latin-1 text that happens
to be valid UTF-8. Undeclared text tries strict UTF-8, then charset-normalizer's guess.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.()-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.-]+)""")
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso_8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "x-sjis": "shift_jis",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}
"""Browsers read these labels as the Windows superset; so do we (curly quotes in 0x80–0x9F)."""

_WEB_CODECS = frozenset(
    codecs.lookup(label).name
    for label in (
        "utf-8",
        "cp866",
        *(f"iso8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16)),
        "koi8-r",
        "koi8-u",
        "mac-roman",
        "mac-cyrillic",
        "cp874",
        *(f"cp{n}" for n in range(1250, 1259)),
        "gbk",
        "gb18030",
        "big5",
        "big5hkscs",
        "euc-jp",
        "iso2022-jp",
        "shift_jis",
        "cp932",
        "euc-kr",
        "cp949",
        "cp437",
        "cp850",
    )
)
"""Python's codecs for the WHATWG Encoding Standard's charsets (and two DOS code pages old
pages still declare). Python has codecs no page can mean (punycode, idna, unicode_escape,
utf-7…): they fail on ordinary bytes or rewrite escapes into markup, and browsers ignore them."""

_SINGLE_BYTE_FAMILIES = ("cp125", "iso8859", "latin", "mac", "koi8", "cp874", "cp437", "cp850")
_NORMALIZER_SAMPLE = 64_000


def decode_body(body: bytes, declared: str | None = None, html: bool = False) -> str:
    """Decode a fetched body or a file to text, choosing the charset as described above."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    candidates = [declared]
    if html:
        candidates.append(_meta_charset(body))
    for label in candidates:
        encoding = web_codec(label)
        if encoding is None:
            continue
        if _is_single_byte(encoding) and _is_multibyte_utf8(body):
            return body.decode("utf-8")
        try:
            return body.decode(encoding)
        except (UnicodeError, LookupError):
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return body.decode(_guess(body), errors="replace")


def _meta_charset(body: bytes) -> str | None:
    head = body[:4096]
    match = _XML_ENCODING.match(head.lstrip()) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "ignore") if match else None


def web_codec(label: str | None) -> str | None:
    """Python's codec for a web charset label, or ``None`` for an unknown or useless label."""
    if not label:
        return None
    cleaned = label.strip().strip("\"'").lower()
    cleaned = _WHATWG_ALIASES.get(cleaned, cleaned)
    try:
        name = codecs.lookup(cleaned).name
    except LookupError:
        return None
    # A page declaring UTF-16 in ASCII-compatible bytes cannot really be UTF-16 (HTML spec).
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name if name in _WEB_CODECS else None


def _is_single_byte(encoding: str) -> bool:
    return encoding.replace("_", "").replace("-", "").startswith(_SINGLE_BYTE_FAMILIES)


def _is_multibyte_utf8(body: bytes) -> bool:
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _guess(body: bytes) -> str:
    """charset-normalizer's best guess on a sample, defaulting to Windows-1252.

    On short Western text several single-byte code pages tie (cp1250, cp1252, cp1257 decode
    "café" alike); the tie goes to Windows-1252, by far the most common of them on the web.
    """
    matches = list(from_bytes(body[:_NORMALIZER_SAMPLE]))
    if not matches:
        return "cp1252"
    best = matches[0]
    for match in matches:
        ties = (
            match.percent_chaos <= best.percent_chaos + 1.0
            and match.percent_coherence >= best.percent_coherence - 1.0
        )
        if ties and "cp1252" in {match.encoding, *match.could_be_from_charset}:
            return "cp1252"
    try:
        return codecs.lookup(best.encoding).name
    except LookupError:
        return "cp1252"
