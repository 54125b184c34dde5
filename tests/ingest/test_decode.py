"""Charset choice: BOM, then a declaration the bytes agree with, then the bytes themselves."""

from __future__ import annotations

import codecs

import pytest

from bot.ingest.decode import decode_body

TEXT = "The café owner said “we’re thrilled” — a fresh start for the naïve résumé writers."


def test_bom_overrides_the_header():
    body = codecs.BOM_UTF8 + TEXT.encode("utf-8")
    assert decode_body(body, "iso-8859-1") == TEXT


def test_utf16_bom_is_honoured():
    assert decode_body(TEXT.encode("utf-16"), "utf-8") == TEXT


def test_cp1252_without_declaration_is_detected():
    assert decode_body(TEXT.encode("cp1252")) == TEXT


def test_header_claiming_utf8_for_cp1252_bytes_is_not_believed():
    assert decode_body(TEXT.encode("cp1252"), "utf-8") == TEXT


def test_header_claiming_latin1_for_utf8_bytes_is_not_believed():
    assert decode_body(TEXT.encode("utf-8"), "iso-8859-1") == TEXT


def test_latin1_label_means_windows_1252_like_in_browsers():
    assert decode_body("“quoted”".encode("cp1252"), "iso-8859-1") == "“quoted”"


def test_meta_charset_is_read_when_the_header_is_silent():
    html = f'<html><head><meta charset="windows-1251"></head><body>Привет мир. {TEXT}</body>'
    assert "Привет мир" in decode_body(html.encode("cp1251", "replace"), None, html=True)


def test_unknown_declared_charset_falls_back_to_the_bytes():
    assert decode_body(TEXT.encode("utf-8"), "x-no-such-charset") == TEXT


@pytest.mark.parametrize(
    "label",
    ["punycode", "idna", "undefined", "unicode_escape", "raw_unicode_escape", "utf-7", "rot13"],
)
def test_a_python_codec_no_browser_knows_is_ignored_as_a_charset(label):
    page = '<html><head><meta charset="{}"></head><body><p>Cafe \\u003cb\\u003e +AGEAYgBj- ok</p>'
    body = page.format(label).encode("ascii")
    assert decode_body(body, None, html=True) == body.decode("ascii")
    assert decode_body(body, label) == body.decode("ascii")


@pytest.mark.parametrize("label", ["Shift_JIS", "EUC-KR", "koi8-r", "windows-1250", "gbk"])
def test_web_charsets_are_still_honoured(label):
    text = {"Shift_JIS": "東京の天気", "EUC-KR": "서울 날씨", "gbk": "北京天气"}.get(label, TEXT)
    body = text.encode(label, "replace")
    assert decode_body(body, label) == body.decode(label)
