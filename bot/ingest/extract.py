"""A fetched page (HTML, plain text or PDF) to an ``Article``: text, headline, date, source.

Pure and synchronous, and free of aiohttp, so worker processes import it cheaply. HTML goes
through trafilatura with precision favoured (it drops doubtful boilerplate rather than keep
it); when that yields nothing or a stub, readability-lxml gets a turn and the longer text wins.
Metadata comes only from what the page states (see ``titles``, ``dates``, ``canonical``).
"""

from __future__ import annotations

import html as html_module
import re
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura
from lxml.html import HtmlElement
from readability import Document

from bot.errors import NotAnArticleError
from bot.ingest.canonical import choose_canonical
from bot.ingest.content_types import looks_like_html
from bot.ingest.dates import find_published, warm_up
from bot.ingest.decode import decode_body
from bot.ingest.metadata import PageMetadata, read_metadata, squash
from bot.ingest.page import HTML_TYPES, PDF_TYPES, FetchedPage
from bot.ingest.pdf import article_from_pdf
from bot.ingest.teaser import is_preview
from bot.ingest.titles import choose_title
from bot.ingest.urls import canonical_url
from bot.models import Article

__all__ = ["article_from_html", "article_from_text", "extract_page", "prepare"]

STUB_CHARS = 300
"""Extracted text shorter than this is a stub: worth asking readability for a second opinion."""
MAX_ELEMENTS = 40_000
"""The largest of 1,171 benchmark pages has about 10,000 elements; four times that is no article."""
MAX_PAGE_CHARS = 1_000_000
"""Visible text; five times the longest text the analysis accepts (``max_text_chars``)."""
TOO_BIG_MESSAGE = "The page is far too large or complex to be a single article."
STATED_BODY_FACTOR = 1.5
"""JSON-LD ``articleBody`` replaces extracted text when it has this many times more words."""
PREVIEW_MESSAGE = "Only a preview is available — paste the text of the article instead."
EMPTY_MESSAGE = "The page is empty."
NO_TEXT_MESSAGE = "The page has no article text to summarize."

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_BYLINE_META = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "byl",
)
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr")


def prepare() -> None:
    """One-off start-up work for a process that will extract pages (a worker's initializer)."""
    warm_up()


def extract_page(page: FetchedPage, max_pdf_pages: int = 50) -> Article:
    """The article in a fetched page; ``NotAnArticleError`` when there is none to summarize."""
    url = page.final_url or page.url
    if page.content_type in PDF_TYPES:
        return article_from_pdf(page.body, max_pdf_pages, url=url, source="url")
    if not page.body.strip():
        raise NotAnArticleError(EMPTY_MESSAGE)
    html = page.content_type in HTML_TYPES
    text = decode_body(page.body, page.charset, html=html)
    if html or looks_like_html(text):
        return article_from_html(text, url, source="url")
    return article_from_text(text, url=url, source="url")


def article_from_text(text: str, title: str = "", url: str = "", source: str = "text") -> Article:
    """Plain text as is (line endings normalised); empty text is not an article."""
    cleaned = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()
    if not cleaned:
        raise NotAnArticleError(EMPTY_MESSAGE)
    return Article(
        text=cleaned,
        title=title,
        url=url,
        canonical_url=canonical_url(url) if url else "",
        source=source,  # type: ignore[arg-type]
    )


def article_from_html(html: str, url: str = "", source: str = "url") -> Article:
    """Extract the article from an HTML document (fetched, uploaded or pasted)."""
    tree = _parse(html)
    _refuse_oversized(tree)
    metadata = read_metadata(tree)
    text = _prefer_stated_body(_main_text(html, url), metadata)
    if is_preview(metadata, tree, text):
        raise NotAnArticleError(PREVIEW_MESSAGE)
    if not text:
        raise NotAnArticleError(NO_TEXT_MESSAGE)
    host = (urlsplit(url).hostname or "") if url else ""
    title = choose_title(metadata, host)
    return Article(
        text=_without_leading_title(text, title),
        title=title,
        url=url,
        canonical_url=choose_canonical(url, metadata.canonical),
        byline=_byline(metadata),
        published=find_published(tree, url),
        site_name=_site_name(metadata),
        language=_language(metadata),
        source=source,  # type: ignore[arg-type]
    )


def _parse(html: str) -> HtmlElement:
    cleaned = _XML_DECLARATION.sub("", html.replace("\x00", ""), count=1)
    if not cleaned.strip():
        raise NotAnArticleError(EMPTY_MESSAGE)
    try:
        return lxml.html.document_fromstring(cleaned)
    except (lxml.etree.ParserError, ValueError):
        raise NotAnArticleError(NO_TEXT_MESSAGE) from None


def _refuse_oversized(tree: HtmlElement) -> None:
    """Refuse pages far beyond any article, before the extractors spend seconds on them."""
    if sum(1 for _ in tree.iter()) > MAX_ELEMENTS:
        raise NotAnArticleError(TOO_BIG_MESSAGE)
    # Inline scripts and JSON often weigh megabytes on ordinary pages: count only visible text.
    visible = tree.xpath("//text()[not(ancestor::script or ancestor::style or ancestor::template)]")
    if sum(len(text) for text in visible) > MAX_PAGE_CHARS:
        raise NotAnArticleError(TOO_BIG_MESSAGE)


def _main_text(html: str, url: str) -> str:
    """trafilatura's text, or readability's when trafilatura found nothing or a stub."""
    found = trafilatura.extract(
        html,
        url=url or None,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
        with_metadata=False,
    )
    text = (found or "").strip()
    if len(text) >= STUB_CHARS:
        return text
    second = _readability_text(html)
    return second if len(second) > len(text) else text


def _without_leading_title(text: str, title: str) -> str:
    """The body without a first line that repeats the headline (kept in ``title`` already)."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and squash(first).casefold() == squash(title).casefold():
        return rest.strip()
    return text


def _prefer_stated_body(text: str, metadata: PageMetadata) -> str:
    """The structured data's ``articleBody`` when it is much longer than what extraction found.

    Pages rendered by JavaScript (and some metered paywalls) ship the whole article as JSON-LD
    while the HTML holds only a few paragraphs.
    """
    stated = metadata.structured_value("articleBody")
    if not isinstance(stated, str):
        return text
    body = _strip_markup(stated)
    if len(body.split()) > STATED_BODY_FACTOR * max(1, len(text.split())):
        return body
    return text


def _strip_markup(text: str) -> str:
    unescaped = html_module.unescape(text)
    if "<" in unescaped:
        try:
            unescaped = lxml.html.fragment_fromstring(unescaped, create_parent="div").text_content()
        except (lxml.etree.ParserError, ValueError):
            unescaped = re.sub(r"<[^>]+>", " ", unescaped)
    lines = (squash(line) for line in unescaped.splitlines())
    return "\n".join(line for line in lines if line)


def _readability_text(html: str) -> str:
    try:
        summary = Document(html).summary(html_partial=True)
        tree = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # readability raises bare Exceptions on odd markup; a fallback may fail
        return ""
    for element in tree.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (squash(line) for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _byline(metadata: PageMetadata) -> str:
    author = metadata.structured_value("author")
    names = [
        item.get("name") if isinstance(item, dict) else item
        for item in (author if isinstance(author, list) else [author])
    ]
    found = [squash(name) for name in names if isinstance(name, str) and squash(name)]
    if found:
        return ", ".join(dict.fromkeys(found))
    stated = metadata.first_meta(*_BYLINE_META)
    return "" if stated.startswith(("http://", "https://")) else stated


def _site_name(metadata: PageMetadata) -> str:
    publisher = metadata.structured_value("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        fallback = squash(publisher["name"])
    else:
        fallback = ""
    return metadata.first_meta("og:site_name", "application-name") or fallback


def _language(metadata: PageMetadata) -> str:
    stated = metadata.language or metadata.first_meta(
        "og:locale", "content-language", "dc.language", "language"
    )
    primary = re.split(r"[-_,;\s]", stated.strip(), maxsplit=1)[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else ""
