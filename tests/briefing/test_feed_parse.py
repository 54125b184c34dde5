"""Reading a stranger's feed body: one bad entry is skipped, never the whole feed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.briefing.feed_parse import FeedFormatError, parse_feed


def rss_items(*items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Ledger</title><link>https://ledger.example/</link><description>d</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def item(link: str, title: str = "Story", date: str = "") -> str:
    published = f"<pubDate>{date}</pubDate>" if date else ""
    return f"<item><title>{title}</title><link>{link}</link>{published}</item>"


def test_an_entry_whose_link_has_an_unusable_host_is_skipped():
    body = rss_items(
        item("http://%zz/story", "Broken"),
        item("http://a&lt;b.example/story", "Also broken"),
        item("https://ledger.example/news/1.html", "Fine"),
    )
    parsed = parse_feed(body, "https://ledger.example/rss", "application/rss+xml")
    assert [entry.url for entry in parsed.entries] == ["https://ledger.example/news/1.html"]


def atom_entries(*entries: tuple[str, str]) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Ledger</title><id>tag:ledger</id>"
        + "".join(
            f"<entry><title>Story</title><id>{link}</id><link href='{link}'/>"
            f"<updated>{date}</updated></entry>"
            for link, date in entries
        )
        + "</feed>"
    ).encode()


def test_an_entry_with_an_impossible_date_is_kept_with_its_date_unknown():
    body = rss_items(
        item("https://ledger.example/zero", date="0000-00-00 00:00:00"),
        item("https://ledger.example/dated", date="Wed, 25 Nov 2026 06:00:00 GMT"),
    )
    parsed = parse_feed(body, "https://ledger.example/rss", "application/rss+xml")
    published = {entry.url: entry.published for entry in parsed.entries}
    assert published["https://ledger.example/zero"] is None
    assert published["https://ledger.example/dated"] == datetime(2026, 11, 25, 6, 0, tzinfo=UTC)


@pytest.mark.parametrize("date", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-14:00"])
def test_an_atom_date_outside_the_calendar_does_not_break_the_feed(date):
    body = atom_entries(
        ("https://ledger.example/odd", date),
        ("https://ledger.example/fine", "2026-11-25T06:00:00Z"),
    )
    parsed = parse_feed(body, "https://ledger.example/atom", "application/atom+xml")
    assert [entry.url for entry in parsed.entries] == [
        "https://ledger.example/fine",
        "https://ledger.example/odd",
    ]
    assert parsed.entries[1].published is None


@pytest.mark.parametrize("label", ["punycode", "undefined"])
def test_a_feed_declaring_a_charset_no_feed_can_use_is_refused_with_a_message(label):
    body = rss_items(item("https://ledger.example/news/1.html")).replace(
        b'encoding="utf-8"', f'encoding="{label}"'.encode()
    )
    with pytest.raises(FeedFormatError, match="character encoding"):
        parse_feed(body, "https://ledger.example/rss", "application/rss+xml")


@pytest.mark.parametrize("label", ["punycode", "undefined", "unicode_escape"])
def test_a_charset_no_feed_can_use_in_the_header_is_ignored(label):
    body = rss_items(item("https://ledger.example/news/1.html"))
    parsed = parse_feed(body, "https://ledger.example/rss", "application/rss+xml", label)
    assert [entry.url for entry in parsed.entries] == ["https://ledger.example/news/1.html"]
