"""PDF reading in a child process: limits and the messages people see."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from bot.errors import InputError
from bot.ingest.pdf import article_from_pdf, join_lines
from tests.ingest.conftest import PDF_LINES, make_pdf


def test_password_protected_pdf_is_refused_clearly():
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf(PDF_LINES))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(InputError, match="password"):
        article_from_pdf(buffer.getvalue())


def _encrypted(user_password: str, algorithm: str = "AES-256") -> bytes:
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf(PDF_LINES))).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256"])
def test_an_aes_pdf_with_an_empty_password_opens(algorithm: str) -> None:
    article = article_from_pdf(_encrypted("", algorithm))
    assert PDF_LINES[0].split()[0] in article.text


def test_an_aes_pdf_with_a_real_password_is_called_password_protected() -> None:
    with pytest.raises(InputError, match="password-protected"):
        article_from_pdf(_encrypted("secret"))


def test_reader_that_takes_too_long_is_stopped():
    with pytest.raises(InputError, match="too long"):
        article_from_pdf(make_pdf(PDF_LINES), timeout=0.001)


def test_bytes_that_are_not_a_pdf_are_refused():
    with pytest.raises(InputError, match="not a PDF"):
        article_from_pdf(b"<html>not a pdf</html>")


def test_layout_line_breaks_are_joined_and_hyphenation_undone():
    text = (
        "The council approved the bud-\nget on Tuesday after a long\n"
        "debate in the chamber.\n\nNext."
    )
    assert join_lines(text) == (
        "The council approved the budget on Tuesday after a long debate in the chamber.\nNext."
    )
