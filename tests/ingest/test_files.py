"""Files handed to ``briefbot analyze FILE`` or attached in Discord, one per supported kind."""

from __future__ import annotations

import pytest

from bot.errors import InputError, NotAnArticleError
from bot.ingest.files import article_from_bytes
from tests.ingest.conftest import PDF_LINES, STORY_PARAGRAPHS, make_pdf, make_pdf_pages, page_html

STORY = "\n\n".join(STORY_PARAGRAPHS)


def test_text_file_is_read_as_is():
    article = article_from_bytes(STORY.encode("utf-8"), "story.txt")
    assert article.text == STORY
    assert article.source == "file"


@pytest.mark.parametrize("blank", ["\n", "\r\n", " \t\n"])
def test_text_after_more_than_8_kb_of_blank_lines_is_still_text(blank: str) -> None:
    data = (blank * 9_000 + STORY).encode("utf-8")
    article = article_from_bytes(data, "story.txt")
    assert article.text.strip() == STORY


def test_html_after_blank_lines_is_still_read_as_a_page() -> None:
    data = "\n" * 9_000 + page_html()
    article = article_from_bytes(data.encode("utf-8"), "saved.txt")
    assert article.title == "Harbour bridge reopens after repairs"
    assert "<p>" not in article.text and STORY_PARAGRAPHS[0] in article.text


def test_cp1252_text_file_is_decoded():
    text = "Café owners said “business is back” after the bridge reopened. It’s a relief."
    article = article_from_bytes(text.encode("cp1252"), "notes.txt")
    assert article.text == text


def test_markdown_heading_becomes_the_title():
    data = f"# Harbour bridge reopens\n\n{STORY}".encode()
    article = article_from_bytes(data, "story.md")
    assert article.title == "Harbour bridge reopens"
    assert not article.text.startswith("#")


@pytest.mark.parametrize("name", ["saved.html", "saved.htm", "SAVED.HTML"])
def test_html_files_go_through_extraction(name):
    article = article_from_bytes(page_html().encode("utf-8"), name)
    assert article.title == "Harbour bridge reopens after repairs"
    assert "Mayor Ana Ruiz" in article.text
    assert "Home" not in article.text


def test_html_pasted_into_a_text_file_is_detected():
    article = article_from_bytes(page_html().encode("utf-8"), "pasted.txt")
    assert "<p>" not in article.text
    assert "Mayor Ana Ruiz" in article.text


def test_pdf_file_is_read_in_a_child_process():
    article = article_from_bytes(make_pdf(PDF_LINES, "Budget vote passes"), "budget.pdf")
    assert article.title == "Budget vote passes"
    assert "seven to two" in article.text
    assert article.source == "file"


def test_pdf_page_cap_is_applied():
    pages = [PDF_LINES, ["Second page: the mayor thanked the teachers for their patience."]]
    capped = article_from_bytes(make_pdf_pages(pages), "budget.pdf", max_pdf_pages=1)
    full = article_from_bytes(make_pdf_pages(pages), "budget.pdf", max_pdf_pages=2)
    assert "City council approves" in capped.text
    assert "Second page" not in capped.text
    assert "Second page" in full.text


def test_pdf_without_text_is_not_an_article():
    with pytest.raises(NotAnArticleError, match="no text"):
        article_from_bytes(make_pdf([]), "scan.pdf")


def test_damaged_pdf_is_a_clear_input_error():
    with pytest.raises(InputError, match="PDF"):
        article_from_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50, "broken.pdf")


def test_binary_data_under_a_text_name_is_refused():
    with pytest.raises(InputError, match="binary"):
        article_from_bytes(bytes(range(256)) * 8, "photo.txt")


def test_unsupported_extension_names_the_supported_ones():
    with pytest.raises(InputError, match=r"\.docx.*\.pdf"):
        article_from_bytes(b"PK\x03\x04", "report.docx")


def test_empty_file_is_refused():
    with pytest.raises(InputError, match="empty"):
        article_from_bytes(b"  \n", "empty.txt")
