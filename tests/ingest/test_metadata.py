"""What a page says about itself, when what it says is malformed on purpose."""

from __future__ import annotations

import pytest

from bot.ingest.extract import article_from_html
from tests.ingest.conftest import page_html


def ld_script(body: str) -> str:
    return f'<script type="application/ld+json">{body}</script>'


@pytest.mark.parametrize(
    "body",
    [
        '{"@type": 5, "headline": "Not this"}',
        '{"@type": ["NewsArticle", {}], "headline": "Harbour bridge reopens after repairs"}',
        '{"@type": [["NewsArticle"]], "headline": 7}',
        '{"@type": {"@id": "x"}, "author": {"name": ["Ann"]}}',
        '{"@type": null}',
        "[" * 100_000 + "]" * 100_000,
        '{"@graph": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "{}" + '{"a":' * 50_000 + "1" + "}" * 50_000,
    ],
)
def test_malformed_structured_data_is_ignored_and_the_article_still_extracts(body):
    article = article_from_html(page_html(head=ld_script(body)), "https://coastal.example/a")
    assert article.title == "Harbour bridge reopens after repairs"
    assert "harbour bridge reopened" in article.text


def test_an_article_type_listed_beside_junk_still_counts():
    body = (
        '{"@type": ["NewsArticle", {}, 3], "headline": "Harbour bridge reopens after repairs",'
        ' "author": {"@type": "Person", "name": "Lena Park"}}'
    )
    article = article_from_html(page_html(head=ld_script(body)), "https://coastal.example/a")
    assert article.byline == "Lena Park"
