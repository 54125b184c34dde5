"""HTML pages written for the tests, through the same ``extract_page`` the bot uses."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import time

import pytest

from bot.errors import NotAnArticleError
from bot.ingest.extract import article_from_html, extract_page
from bot.ingest.page import FetchedPage
from tests.ingest.conftest import STORY_PARAGRAPHS, page_html

URL = "https://news.example.com/2024/harbour-bridge"


def ld(data: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def extract(html: str, url: str = URL):
    return extract_page(FetchedPage(url, url, 200, "text/html", html.encode("utf-8"), "utf-8"))


def test_article_text_keeps_the_story_and_drops_navigation_and_footer():
    article = extract(page_html())
    assert "Mayor Ana Ruiz" in article.text
    assert "second crossing" in article.text
    assert "Home" not in article.text
    assert "All rights reserved" not in article.text
    assert article.source == "url"
    assert article.language == "en"


def test_structured_headline_wins_over_social_titles():
    head = ld({"@type": "NewsArticle", "headline": "Bridge back open after eight months"})
    head += '<meta property="og:title" content="Bridge reopens | Coastal Times">'
    assert extract(page_html(head=head, h1="")).title == "Bridge back open after eight months"


def test_og_title_loses_its_site_name_suffix():
    head = '<meta property="og:title" content="City bridge reopens to traffic - Coastal Times">'
    head += '<meta property="og:site_name" content="Coastal Times">'
    assert extract(page_html(head=head, h1="")).title == "City bridge reopens to traffic"


def test_twitter_title_is_used_when_there_is_no_og_title():
    head = '<meta name="twitter:title" content="Bridge reopens, at last">'
    assert extract(page_html(head=head, h1="")).title == "Bridge reopens, at last"


def test_visible_h1_inside_a_kicker_title_is_the_headline():
    head = (
        '<meta property="og:title" content="Infrastructure: Harbour bridge reopens after repairs">'
    )
    assert extract(page_html(head=head)).title == "Harbour bridge reopens after repairs"


def test_single_h1_is_used_when_nothing_is_declared():
    assert extract(page_html(title="Coastal Times")).title == "Harbour bridge reopens after repairs"


def test_best_part_of_title_tag_is_the_last_resort():
    html = page_html(h1="", title="Coastal Times | Harbour bridge reopens after long repairs")
    assert extract(html).title == "Harbour bridge reopens after long repairs"


def test_copyright_year_is_never_turned_into_a_date():
    html = page_html(body_after="<footer><p>Copyright © 2021 Coastal Times</p></footer>")
    assert extract(html, "https://news.example.com/harbour-bridge").published == ""


def test_stated_publication_date_is_found():
    head = '<meta property="article:published_time" content="2024-03-18T07:30:00+00:00">'
    assert extract(page_html(head=head)).published == "2024-03-18"


def test_byline_and_site_name_come_from_structured_data():
    head = ld(
        {
            "@type": "NewsArticle",
            "headline": "Harbour bridge reopens after repairs",
            "author": [{"@type": "Person", "name": "Lena Park"}],
            "publisher": {"@type": "Organization", "name": "Coastal Times"},
        }
    )
    article = extract(page_html(head=head))
    assert article.byline == "Lena Park"
    assert article.site_name == "Coastal Times"


def test_paywalled_teaser_is_refused_with_a_request_to_paste():
    head = ld({"@type": "NewsArticle", "headline": "Bridge", "isAccessibleForFree": False})
    html = page_html(head=head, paragraphs=STORY_PARAGRAPHS[:1])
    with pytest.raises(NotAnArticleError, match="Only a preview is available — paste the text"):
        extract(html)


def test_subscribe_prompt_under_a_short_text_is_a_teaser():
    prompt = "<div><p>Subscribe to continue reading this story.</p></div>"
    html = page_html(paragraphs=STORY_PARAGRAPHS[:1], body_after=prompt)
    with pytest.raises(NotAnArticleError, match="preview"):
        extract(html)


def test_full_article_on_a_metered_site_is_not_a_teaser():
    head = ld({"@type": "NewsArticle", "headline": "Bridge", "isAccessibleForFree": False})
    long_story = [f"{paragraph} Paragraph {n}." for n in range(6) for paragraph in STORY_PARAGRAPHS]
    article = extract(page_html(head=head, paragraphs=long_story))
    assert "Paragraph 5." in article.text


def test_script_only_page_is_a_preview():
    html = (
        "<html><head><title>App</title><script src='/bundle.js'></script></head>"
        "<body><div id='root'></div><noscript>Please enable JavaScript.</noscript></body></html>"
    )
    with pytest.raises(NotAnArticleError, match="preview"):
        extract(html)


def test_page_without_text_is_not_an_article():
    with pytest.raises(NotAnArticleError):
        extract("<html><head><title>Gallery</title></head><body><img src='a.png'></body></html>")


def test_empty_page_is_not_an_article():
    with pytest.raises(NotAnArticleError, match="empty"):
        extract_page(FetchedPage(URL, URL, 200, "text/html", b"", None))


def test_structured_article_body_replaces_a_much_shorter_extraction():
    body = " ".join(STORY_PARAGRAPHS * 3)
    head = ld({"@type": "NewsArticle", "headline": "Bridge", "articleBody": body})
    article = extract(page_html(head=head, paragraphs=["Loading the story…"]))
    assert "second crossing" in article.text


def test_canonical_on_the_same_site_is_followed_and_cleaned():
    head = '<link rel="canonical" href="https://www.example.com/news/bridge?utm_source=x#top">'
    article = extract(page_html(head=head), "https://amp.example.com/news/bridge")
    assert article.canonical_url == "https://www.example.com/news/bridge"


@pytest.mark.parametrize("declared", ["http://]b[<7&0@/x", "//]x[@/", "http://%zz/"])
def test_a_canonical_link_the_parser_chokes_on_is_ignored(declared):
    article = extract(page_html(head=f'<link rel="canonical" href="{declared}">'))
    assert article.canonical_url == URL


def test_canonical_on_another_site_is_ignored():
    head = '<link rel="canonical" href="https://www.bignewspaper.com/exclusive">'
    article = extract(page_html(head=head), "https://blog.example.org/post?fbclid=1")
    assert article.canonical_url == "https://blog.example.org/post"


def test_amp_page_maps_to_its_canonical_article():
    head = '<link rel="canonical" href="/news/bridge">'
    html = page_html(head=head).replace("<html ", "<html amp ")
    article = extract(html, "https://www.example.co.uk/amp/news/bridge")
    assert article.canonical_url == "https://www.example.co.uk/news/bridge"


def test_amp_cache_page_maps_to_the_origin_canonical():
    cache = "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/amp/bridge"
    head = '<link rel="canonical" href="https://www.example.com/bridge">'
    assert extract(page_html(head=head), cache).canonical_url == "https://www.example.com/bridge"
    other = '<link rel="canonical" href="https://www.elsewhere.com/bridge">'
    assert extract(page_html(head=other), cache).canonical_url == cache


def test_plain_text_body_is_taken_as_is():
    text = "\n\n".join(STORY_PARAGRAPHS)
    page = FetchedPage(URL, URL, 200, "text/plain", text.encode(), None)
    article = extract_page(page)
    assert article.text == text
    assert article.canonical_url == URL


def test_pasted_html_without_url_still_extracts():
    article = article_from_html(page_html(), source="text")
    assert "Mayor Ana Ruiz" in article.text
    assert article.url == ""


def test_page_and_article_survive_pickling_for_worker_processes():
    page = FetchedPage(URL, URL, 200, "text/html", page_html().encode(), "utf-8", '"e1"', None)
    assert pickle.loads(pickle.dumps(page)) == page
    article = extract_page(page)
    assert pickle.loads(pickle.dumps(article)) == article


def test_extraction_modules_do_not_import_aiohttp():
    code = (
        "import sys, bot.ingest.extract, bot.ingest.files, bot.ingest.page; "
        "print('aiohttp' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_page_far_beyond_any_article_is_refused_quickly():
    links = "".join(f'<a href="/{n}">link {n}</a> ' for n in range(60_000))
    started = time.monotonic()
    with pytest.raises(NotAnArticleError, match="too large"):
        extract(f"<html><body>{links}</body></html>")
    assert time.monotonic() - started < 2.0


def test_megabytes_of_inline_script_do_not_make_a_page_too_large():
    script = "<script>window.__DATA__ = " + json.dumps({"blob": "x" * 1_500_000}) + "</script>"
    assert "Mayor Ana Ruiz" in extract(page_html(head=script)).text
