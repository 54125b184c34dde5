"""From a link to an ``Article``: fetch from the local server, then extract like the bot does."""

from __future__ import annotations

import codecs
from urllib.parse import quote

import pytest

from bot.config import Settings
from bot.errors import NotAnArticleError
from bot.ingest.extract import extract_page
from bot.ingest.fetch import Fetcher
from tests.ingest.conftest import LocalServer, StubResolver, page_html

QUOTE = "“We’re relieved,” said the café owner, whose naïve résumé of the summer was grim."


def story_with_quote() -> str:
    paragraphs = [
        QUOTE,
        "The harbour bridge reopened to traffic on Monday morning after eight months of "
        "repairs that cost the city far more than planned, officials said on Monday.",
        "Commuters had faced detours of up to forty minutes while the work went on, and local "
        "shops near the crossing reported a sharp drop in trade over the summer months.",
    ]
    return page_html(paragraphs=paragraphs).replace('<meta charset="utf-8">', "")


@pytest.fixture
async def fetcher(settings: Settings, resolver: StubResolver):
    fetcher = Fetcher(settings, resolver=resolver)
    yield fetcher
    await fetcher.close()


async def fetch_article(fetcher: Fetcher, server: LocalServer, body: bytes, content_type: str):
    server.payloads["page"] = body
    page = await fetcher.fetch(server.url(f"/bytes?name=page&type={quote(content_type)}"))
    return extract_page(page)


async def test_cp1252_page_without_any_declaration(fetcher, server):
    article = await fetch_article(fetcher, server, story_with_quote().encode("cp1252"), "text/html")
    assert QUOTE in article.text


async def test_lying_utf8_header_on_a_cp1252_page(fetcher, server):
    body = story_with_quote().encode("cp1252")
    article = await fetch_article(fetcher, server, body, "text/html; charset=utf-8")
    assert QUOTE in article.text


async def test_lying_latin1_header_on_a_utf8_page(fetcher, server):
    body = story_with_quote().encode("utf-8")
    article = await fetch_article(fetcher, server, body, "text/html; charset=iso-8859-1")
    assert QUOTE in article.text


async def test_bom_overrides_the_charset_header(fetcher, server):
    body = codecs.BOM_UTF8 + story_with_quote().encode("utf-8")
    article = await fetch_article(fetcher, server, body, "text/html; charset=windows-1251")
    assert QUOTE in article.text


async def test_html_served_as_octet_stream_extracts(fetcher, server):
    page = await fetcher.fetch(server.url("/octet-html"))
    assert extract_page(page).title == "Harbour bridge reopens after repairs"


async def test_pdf_link_becomes_an_article(fetcher, server):
    article = extract_page(await fetcher.fetch(server.url("/doc.pdf")))
    assert "seven to two" in article.text
    assert article.source == "url"
    assert article.url == server.url("/doc.pdf")


async def test_empty_page_is_reported_as_empty(fetcher, server):
    page = await fetcher.fetch(server.url("/empty"))
    with pytest.raises(NotAnArticleError, match="empty"):
        extract_page(page)


async def test_plain_text_link(fetcher, server):
    text = "The bridge reopened on Monday. Commuters cheered as the first buses crossed."
    article = await fetch_article(fetcher, server, text.encode(), "text/plain; charset=utf-8")
    assert article.text == text


async def test_gzip_page_extracts_after_decompression(fetcher, server):
    article = extract_page(await fetcher.fetch(server.url("/gzipped")))
    assert "Mayor Ana Ruiz" in article.text


async def test_html_served_as_plain_text_is_still_read_as_html(fetcher, server):
    body = page_html().encode("utf-8")
    article = await fetch_article(fetcher, server, body, "text/plain; charset=utf-8")
    assert article.title == "Harbour bridge reopens after repairs"
    assert "<p>" not in article.text
