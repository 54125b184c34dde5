"""Text cleaning before parsing: normalise whitespace and paragraphs, drop boilerplate.

Everything here works on characters, not on a parse, because it must run before the one parse
every article gets. The characters that survive are the original ones (curly quotes, dashes,
accents): the quote finder downstream depends on the exact marks the author used. Only
whitespace is rewritten, and only text that must never reach a summary is removed: feed
trailers, calls to action, photo credits and a closing author bio.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_BLANK_LINES = re.compile(r"\n[ \t\f\v\u00a0]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’)\]]$")

SOFT_WRAP_MIN_CHARS = 40
SOFT_WRAP_SHARE = 0.75
"""A line that ends mid-sentence and is nearly as long as the block's longest line (and at least
``SOFT_WRAP_MIN_CHARS``) was wrapped by an editor, not ended by the author."""
HARD_WRAP_MAX_WIDTH = 100
"""Blocks whose lines are all this short were wrapped at a fixed width (e-mail, plain text), so
even a line that ends a sentence may just be where the wrap fell."""

_FEED_TRAILER = re.compile(
    r"\s*The post\s.{1,300}?\sappeared first on\s[^\n]{1,200}?(?:\.|$)", re.IGNORECASE
)
_CALL_TO_ACTION_LINE = re.compile(
    r"^\W*(?:click here|read more|read the full|subscribe|sign up|share this|share on|"
    r"follow us|follow (?:him|her|them) on|scroll down|advertisement\W*$|related:|"
    r"continue reading|see also:)",
    re.IGNORECASE,
)
_CALL_TO_ACTION_INLINE = re.compile(r"\bScroll down for (?:the )?videos?\b\.?\s*")
_CALL_TO_ACTION_MAX_WORDS = 30
"""A call-to-action line is short; a long line that opens with "Read more" is prose."""

_PHOTO_CREDIT_LINE = re.compile(
    r"^\W*(?:photo|photograph|picture|image|illustration|video)s?"
    r"(?:\s+(?:credit|copyright|courtesy))?\s*(?:by\b|:|\||©)"
    r"|^\W*(?:image\s+)?(?:credit|copyright|©)\s*[:|]?\s",
    re.IGNORECASE,
)
_PHOTO_CREDIT_INLINE = re.compile(
    r"\s*\((?:photo|photograph|picture|image)s?(?: credit)?\s*(?:by|:)[^()\n]{1,120}\)",
    re.IGNORECASE,
)
_PHOTO_CREDIT_MAX_WORDS = 20

_AUTHOR_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s+){1,4}"
    r"(?:covers|writes about|reports on|is a (?:senior |staff |contributing |freelance )?"
    r"(?:reporter|writer|correspondent|editor|journalist|columnist))\b"
    r".{0,200}?\bfor\b.{1,400}$",
    re.DOTALL,
)
_AUTHOR_BIO_MAX_WORDS = 80

_BULLET = re.compile(r"^(?:[•·▪◦●■►➤✓✔]|[-*–](?=\s))\s*")
"""A list marker at the start of a line: the item is a paragraph of its own, never prose."""
_INLINE_BULLET = re.compile(r"\s+(?=[•▪●■►➤]\s)")
"""Items a page flattened onto one line ("… rose 3% • Shares fell • …")."""

_OPENS_SENTENCE = "(?=[A-Z0-9\"'“‘])"
"""What follows a dateline: the lede's first word (so "NASA — the agency" keeps its subject)."""
_DATELINES = (
    # WASHINGTON —, SIOUX FALLS, S.D. –, NEW DELHI:, HANOI, Vietnam (AP) —
    re.compile(
        r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})?"
        r"\s*(?:\([^()]{1,40}\))?\s*(?:[—–]|--?|:)\s+" + _OPENS_SENTENCE
    ),
    # (Reuters) —, Hong Kong (CNN Business), London (AP) -
    re.compile(
        r"^(?:[A-Z][\w.'’-]*(?:,? [A-Z][\w.'’-]*){0,3} ?)?"
        r"\((?:AP|Reuters|AFP|UPI|Bloomberg|dpa|Xinhua|CNN[\w ]*|CNBC|IANS|PTI|ANI)\)"
        r"\s*(?:[—–:]|--?)?\s*" + _OPENS_SENTENCE
    ),
    # New York, NY –
    re.compile(
        r"^[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}, [A-Z]{2}\.?\s*(?:[—–]|--?)\s+" + _OPENS_SENTENCE
    ),
    # PanARMENIAN.Net -
    re.compile(r"^[\w-]+\.(?:com|net|org|co\.uk|Net|Com|ORG)\s*(?:[—–]|--?)\s+" + _OPENS_SENTENCE),
)
_DATELINE_MAX_CHARS = 60

_BYLINE_PREFIX = re.compile(r"^\s*(?:by\s+)+", re.IGNORECASE)


def clean_text(text: str) -> str:
    """Return the article text ready to parse.

    Paragraphs are separated by exactly one blank line; a single line break inside a paragraph
    becomes a space when it only wrapped a sentence (so the parser sees one sentence) and a
    paragraph break otherwise (a heading line stays apart from the prose under it).
    """
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs: list[str] = []
    for block in _BLANK_LINES.split(text):
        paragraphs.extend(_split_block(block))
    paragraphs = [p for p in (_clean_paragraph(p) for p in paragraphs) if p]
    while paragraphs and _is_author_bio(paragraphs[-1]):
        paragraphs.pop()
    return "\n\n".join(paragraphs)


def _split_block(block: str) -> list[str]:
    """Join soft-wrapped lines of one blank-line-separated block; keep hard breaks apart.

    A list item (a line that opens on a bullet) is a paragraph of its own, without its marker:
    joined into the prose around it, it would make one long sentence of several facts.
    """
    lines = [
        _SPACES.sub(" ", item).strip()
        for line in block.split("\n")
        for item in _INLINE_BULLET.split(line)
    ]
    lines = [line for line in lines if line]
    wrap_width = max((len(line) for line in lines), default=0)
    paragraphs: list[list[str]] = []  # lines joined once at the end: joining as we go is quadratic
    for previous, line in zip(["", *lines], lines, strict=False):
        if _BULLET.match(line):
            paragraphs.append([_BULLET.sub("", line)])
        elif paragraphs and _is_soft_wrap(previous, line, wrap_width):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return [joined for joined in (" ".join(paragraph) for paragraph in paragraphs) if joined]


def _is_soft_wrap(previous: str, line: str, wrap_width: int) -> bool:
    """True when ``line`` continues the sentence that ``previous`` (the line above) was cut in.

    An editor wraps near the block's longest line; a heading is shorter than that or written in
    title case. In text with one paragraph per (long) line, a line that ends a sentence ends its
    paragraph.
    """
    if _is_boilerplate_line(line) or _is_boilerplate_line(previous):
        return False
    if line[:1].islower():
        return True
    if _looks_like_title(previous):
        return False
    if _SENTENCE_END.search(previous) and wrap_width > HARD_WRAP_MAX_WIDTH:
        return False  # One paragraph per line: a line that ends a sentence ends a paragraph.
    return len(previous) >= max(SOFT_WRAP_MIN_CHARS, SOFT_WRAP_SHARE * wrap_width)


def _looks_like_title(line: str) -> bool:
    """Most words capitalised, as in "Harbour Town Opens New Ferry Terminal"."""
    words = [word for word in line.split() if word[:1].isalpha()]
    capitalised = sum(1 for word in words if word[:1].isupper())
    return len(words) >= 3 and capitalised >= 0.7 * len(words)


def _clean_paragraph(paragraph: str) -> str:
    """Drop the paragraph when it is boilerplate, else strip inline boilerplate from it."""
    if _is_boilerplate_line(paragraph):
        return ""
    paragraph = _FEED_TRAILER.sub("", paragraph)
    paragraph = _CALL_TO_ACTION_INLINE.sub("", paragraph)
    paragraph = _PHOTO_CREDIT_INLINE.sub("", paragraph)
    return _SPACES.sub(" ", paragraph).strip()


def is_boilerplate(text: str) -> bool:
    """True when a sentence or line is site furniture that must never reach a summary.

    Cleaning removes what it recognises before the parse; the summarizer asks again per sentence
    because a call to action can sit inside a paragraph the cleaner had to keep.
    """
    return _is_boilerplate_line(text.strip()) or bool(_CALL_TO_ACTION_INLINE.search(text))


def _is_boilerplate_line(line: str) -> bool:
    """A whole line that is a call to action, a photo credit or a feed trailer."""
    words = len(line.split())
    if _CALL_TO_ACTION_LINE.match(line) and words <= _CALL_TO_ACTION_MAX_WORDS:
        return True
    if _PHOTO_CREDIT_LINE.match(line) and words <= _PHOTO_CREDIT_MAX_WORDS:
        return True
    return bool(_FEED_TRAILER.fullmatch(line))


def dateline_length(sentence: str) -> int:
    """How many characters of ``sentence`` are a wire dateline or tag ("LONDON (AP) — ").

    0 when it opens on none. Only the lede carries one, so callers ask about an article's first
    sentences; the place stays out of the summary, which reports what happened, not where the
    wire filed it.
    """
    for pattern in _DATELINES:
        match = pattern.match(sentence)
        if match and match.end() <= _DATELINE_MAX_CHARS and match.end() < len(sentence):
            return match.end()
    return 0


def clean_byline(byline: str) -> str:
    """The byline as a name list: "By By Jane Doe" and "by Jane Doe" become "Jane Doe".

    Pages state the byline with its "By" as often as without, and the digest adds its own.
    """
    return _SPACES.sub(" ", _BYLINE_PREFIX.sub("", byline)).strip()


def _is_author_bio(paragraph: str) -> bool:
    """The closing "Jane Doe covers science for The Paper. She has…" line of many sites."""
    return len(paragraph.split()) <= _AUTHOR_BIO_MAX_WORDS and bool(_AUTHOR_BIO.match(paragraph))
