"""Reading a stranger's feed body: one bad entry is skipped, never the whole feed."""

from __future__ import annotations

from bot.briefing.feed_parse import parse_feed


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
