"""Link validation, cache keys and finding links in chat messages."""

from __future__ import annotations

import pytest

from bot.errors import BlockedURLError, BriefbotError, InputError
from bot.ingest.urls import canonical_url, find_urls, validate_url


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/pub",
        "data:text/html,<script>alert(1)</script>",
        "javascript:alert(1)",
        "gopher://example.com/",
        "http://example.com@127.0.0.1/",
        "http://user:pass@example.com/",
        "http://example.com:22/",
        "http://example.com:6379/",
        "https://example.com:8443/",
        "http://localhost/",
        "http://LOCALHOST./",
        "http://api.localhost/",
        "http://nas.local/",
        "http://metadata.google.internal/",
        "http://router.home.arpa/",
        "http://abcdefghijklmnop.onion/",
        "http://intranet/",
        "http://127.0.0.1/",
        "http://127.1/",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://017700000001/",
        "http://[::1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://ⓛocalhost/",
        "http://127。0。0。1/",
        "http://0/",
    ],
)
def test_dangerous_links_are_refused(url):
    with pytest.raises(BlockedURLError):
        validate_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "http://exa mple.com/",
        "http://example.com\\@evil.test/",
        "http://",
        "http://ex%61mple.com/",
        "http://-bad.example/",
        "http://a..b.example/",
    ],
)
def test_malformed_links_are_input_errors(url):
    with pytest.raises(BriefbotError) as caught:
        validate_url(url)
    assert isinstance(caught.value, InputError | BlockedURLError)


def test_good_link_is_normalised():
    assert (
        validate_url(" HTTPS://News.Example.COM/a/b?x=1#top ") == "https://news.example.com/a/b?x=1"
    )
    assert validate_url("https://bücher.example/") == "https://xn--bcher-kva.example/"
    assert validate_url("http://example.com:80/") == "http://example.com/"


def test_test_setting_admits_loopback_and_other_ports_but_not_private_hosts():
    assert validate_url("http://127.1:8080/x", allow_loopback=True) == "http://127.0.0.1:8080/x"
    with pytest.raises(BlockedURLError):
        validate_url("http://10.0.0.1:8080/", allow_loopback=True)
    with pytest.raises(BlockedURLError):
        validate_url("http://localhost:8080/", allow_loopback=True)


def test_canonical_url_drops_tracking_fragment_and_default_port():
    url = "HTTPS://WWW.Example.com:443/News/Story?utm_source=tw&id=7&fbclid=x&gclid=y#comments"
    assert canonical_url(url) == "https://www.example.com/News/Story?id=7"
    assert canonical_url("http://example.com") == "http://example.com/"
    assert canonical_url("http://example.com/?utm_medium=a") == "http://example.com/"
    assert canonical_url("http://example.com/a?b=2&a=1") == "http://example.com/a?b=2&a=1"


def test_find_urls_in_a_discord_message():
    message = (
        "Read this <https://news.example.com/story> and [that](https://b.example/w_(film)) — "
        "also https://c.example/p?q=1. Again: https://news.example.com/story!"
    )
    assert find_urls(message) == [
        "https://news.example.com/story",
        "https://b.example/w_(film)",
        "https://c.example/p?q=1",
    ]
    assert find_urls("no links here, just example.com") == []


UNENCODABLE_HOSTS = [
    "http://%zz/",
    "http://a<b.example/",
    "http://a%zz.example/x",
    "http://a^b.com/",
]


@pytest.mark.parametrize("url", UNENCODABLE_HOSTS)
def test_a_host_yarl_will_not_rebuild_is_refused_as_an_invalid_host_name(url):
    with pytest.raises(InputError, match="does not look like a valid host name"):
        validate_url(url)


@pytest.mark.parametrize("url", UNENCODABLE_HOSTS)
def test_canonical_url_keys_a_host_yarl_will_not_rebuild_as_typed(url):
    assert canonical_url(f"  {url} ") == url


@pytest.mark.parametrize(
    "url", ["http://]b[<7&0@/:80/", "http://0x-1/", "http://0-3/", "http://0x7f.-1/"]
)
def test_links_that_trip_the_parsers_are_refused_with_a_message(url):
    with pytest.raises(BriefbotError):
        validate_url(url)
    assert isinstance(canonical_url(url), str)
