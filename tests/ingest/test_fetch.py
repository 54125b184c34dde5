"""The fetcher against a real server on 127.0.0.1: what it refuses, and how it says so."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from urllib.parse import quote

import pytest

from bot.config import Settings
from bot.errors import BlockedURLError, BriefbotError, BusyError, FetchError, NotAnArticleError
from bot.ingest.fetch import Fetcher
from tests.ingest.conftest import LocalServer, StubResolver

# Every blocked address class other than loopback, each as a literal URL host.
BLOCKED_V4 = [
    "10.0.0.1",  # private
    "172.16.5.4",  # private
    "192.168.1.1",  # private
    "169.254.169.254",  # link-local, cloud metadata
    "169.254.10.20",  # link-local
    "100.64.0.1",  # carrier-grade NAT
    "100.100.100.200",  # Alibaba metadata
    "224.0.0.1",  # multicast
    "240.0.0.1",  # reserved
    "0.0.0.0",  # unspecified
    "255.255.255.255",  # broadcast
    "192.0.2.10",  # documentation
]
BLOCKED_V6 = [
    "fd00:ec2::254",  # AWS metadata (unique local)
    "fc00::1",  # unique local
    "fe80::1",  # link-local
    "ff02::1",  # multicast
    "::",  # unspecified
    "::ffff:10.0.0.1",  # IPv4-mapped private
    "::ffff:169.254.169.254",  # IPv4-mapped metadata
    "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    "2001:db8::1",  # documentation
]
BLOCKED_ADDRESSES = BLOCKED_V4 + BLOCKED_V6


def literal(address: str, port: int) -> str:
    host = f"[{address}]" if ":" in address else address
    return f"http://{host}:{port}/article"


@pytest.fixture
async def fetcher(settings: Settings, resolver: StubResolver):
    fetcher = Fetcher(settings, resolver=resolver)
    yield fetcher
    await fetcher.close()


async def test_fetches_an_article_over_loopback_in_test_mode(fetcher, server: LocalServer):
    page = await fetcher.fetch(server.url("/article"))
    assert page.status == 200
    assert page.content_type == "text/html"
    assert b"Harbour bridge reopens" in page.body
    assert page.final_url == server.url("/article")


async def test_sends_identifying_user_agent_and_ignores_proxy_environment(
    fetcher, server: LocalServer, settings: Settings, monkeypatch
):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    await fetcher.fetch(server.url("/article"))
    assert server.seen_headers[-1]["User-Agent"] == settings.user_agent
    assert "Briefbot" in settings.user_agent


async def test_gzip_encoded_page_is_decompressed(fetcher, server: LocalServer):
    page = await fetcher.fetch(server.url("/gzipped"))
    assert page.body.startswith(b"<!DOCTYPE html>")
    assert page.charset == "utf-8"


@pytest.mark.parametrize("port_key", ["server", "standard"])
async def test_loopback_is_blocked_by_default(server: LocalServer, resolver, port_key):
    fetcher = Fetcher(Settings(), resolver=resolver)
    port = server.port if port_key == "server" else 80
    for host in ("127.0.0.1", "127.1", "2130706433", "0x7f000001", "017700000001", "[::1]"):
        with pytest.raises(BlockedURLError):
            await fetcher.fetch(f"http://{host}:{port}/article")


async def test_loopback_as_dns_answer_is_blocked_by_default(server: LocalServer, resolver):
    resolver.add("news.test", ["127.0.0.1"])
    fetcher = Fetcher(Settings(), resolver=resolver)
    with pytest.raises(BlockedURLError) as caught:
        await fetcher.fetch("http://news.test/article")
    assert "127.0.0.1" not in caught.value.message


@pytest.mark.parametrize("address", BLOCKED_ADDRESSES)
async def test_blocked_address_as_literal_is_refused_even_in_test_mode(fetcher, server, address):
    with pytest.raises(BlockedURLError):
        await fetcher.fetch(literal(address, server.port))


@pytest.mark.parametrize("address", BLOCKED_ADDRESSES)
async def test_blocked_address_as_dns_answer_is_refused_without_naming_it(
    fetcher, server: LocalServer, resolver: StubResolver, address: str
):
    resolver.add("innocent.test", [address])
    with pytest.raises(BlockedURLError) as caught:
        await fetcher.fetch(server.url("/article", host="innocent.test"))
    assert address not in caught.value.message
    assert resolver.queries == ["innocent.test"]


@pytest.mark.parametrize("address", BLOCKED_ADDRESSES)
async def test_blocked_address_as_redirect_target_is_refused(fetcher, server, address):
    target = literal(address, server.port)
    with pytest.raises(BlockedURLError):
        await fetcher.fetch(server.url("/to?url=" + quote(target, safe="")))


@pytest.mark.parametrize("address", ["10.0.0.7", "169.254.169.254", "::ffff:192.168.0.1"])
async def test_redirect_to_a_name_resolving_to_a_blocked_address_is_refused(
    fetcher, server: LocalServer, resolver: StubResolver, address: str
):
    resolver.add("cdn.test", [address])
    target = server.url("/article", host="cdn.test")
    with pytest.raises(BlockedURLError) as caught:
        await fetcher.fetch(server.url("/to?url=" + quote(target, safe="")))
    assert address not in caught.value.message


async def test_name_with_one_private_answer_among_public_ones_is_refused(fetcher, server, resolver):
    resolver.add("mixed.test", ["127.0.0.1", "10.1.1.1"])
    with pytest.raises(BlockedURLError):
        await fetcher.fetch(server.url("/article", host="mixed.test"))


async def test_dns_rebinding_second_answer_is_checked_again(fetcher, server, resolver):
    resolver.add("rebind.test", ["127.0.0.1"], ["169.254.169.254"])
    page = await fetcher.fetch(server.url("/article", host="rebind.test"))
    assert page.status == 200
    with pytest.raises(BlockedURLError):
        await fetcher.fetch(server.url("/article", host="rebind.test"))
    assert resolver.queries == ["rebind.test", "rebind.test"]


async def test_non_standard_port_is_refused_on_a_public_address_even_in_test_mode(
    fetcher, server: LocalServer, resolver: StubResolver
):
    resolver.add("public.test", ["93.184.216.34"])
    for port in (22, 6379):
        with pytest.raises(BlockedURLError):
            await fetcher.fetch(f"http://public.test:{port}/")
        target = quote(f"http://public.test:{port}/", safe="")
        with pytest.raises(BlockedURLError):
            await fetcher.fetch(server.url("/to?url=" + target))


@pytest.mark.parametrize(
    "target",
    [
        "file:///etc/passwd",
        "ftp://example.com/file",
        "gopher://example.com/",
        "http://user:secret@example.com/",
        "http://localhost/admin",
        "http://metadata.google.internal/computeMetadata/v1/",
    ],
)
async def test_redirect_to_forbidden_link_is_refused(fetcher, server: LocalServer, target: str):
    with pytest.raises(BlockedURLError) as caught:
        await fetcher.fetch(server.url("/to?url=" + quote(target, safe="")))
    assert "redirects" in caught.value.message


@pytest.mark.parametrize("target", ["http://]b[<7&0@/x", "//]x[@/", "http://%zz/"])
async def test_redirect_to_a_link_the_parser_chokes_on_is_a_fetch_error(
    fetcher, server: LocalServer, target: str
):
    with pytest.raises(FetchError, match=r"redirects? to an invalid link"):
        await fetcher.fetch(server.url("/raw-location?url=" + quote(target, safe="")))


async def test_redirects_are_followed_up_to_the_limit(fetcher, server: LocalServer):
    page = await fetcher.fetch(server.url("/chain/5"))
    assert page.status == 200
    assert page.final_url == server.url("/chain/0")
    with pytest.raises(FetchError, match="too many times"):
        await fetcher.fetch(server.url("/chain/6"))


async def test_redirect_loop_is_reported(fetcher, server: LocalServer):
    with pytest.raises(FetchError, match="loop"):
        await fetcher.fetch(server.url("/loop-a"))


async def test_cookie_jar_lives_for_one_fetch_only(fetcher, server: LocalServer, resolver):
    resolver.add("cookies.test", ["127.0.0.1"])
    page = await fetcher.fetch(server.url("/set-cookie", host="cookies.test"))
    assert page.body == b"session=abc123"
    page = await fetcher.fetch(server.url("/echo-cookie", host="cookies.test"))
    assert page.body == b"none"


@pytest.mark.parametrize(
    ("bad_url", "error"),
    [
        ("file:///etc/passwd", BlockedURLError),
        ("ftp://example.com/", BlockedURLError),
        ("data:text/html,<p>hi</p>", BlockedURLError),
        ("javascript:alert(1)", BlockedURLError),
        ("http://example.com@127.0.0.1/", BlockedURLError),
        ("http://example.com:22/", BlockedURLError),
        ("http://example.com:6379/", BlockedURLError),
        ("http://localhost/", BlockedURLError),
        ("http://printer.local/", BlockedURLError),
        ("http://intranet/", BlockedURLError),
    ],
)
async def test_bad_urls_are_refused_before_any_lookup(resolver, bad_url, error):
    fetcher = Fetcher(Settings(), resolver=resolver)
    with pytest.raises(error):
        await fetcher.fetch(bad_url)
    assert resolver.queries == []


async def test_declared_huge_body_is_refused(fetcher, server: LocalServer):
    with pytest.raises(FetchError, match="too large"):
        await fetcher.fetch(server.url("/huge-declared"))


async def test_huge_chunked_body_is_cut_off(fetcher, server: LocalServer):
    with pytest.raises(FetchError, match="too large"):
        await fetcher.fetch(server.url("/huge-chunked"))


async def test_gzip_bomb_is_cut_off_after_decompression(fetcher, server: LocalServer):
    with pytest.raises(FetchError, match="too large"):
        await fetcher.fetch(server.url("/bomb"))


async def test_slow_drip_hits_the_total_timeout(fetcher, server: LocalServer, settings):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        await fetcher.fetch(server.url("/drip"))
    assert time.monotonic() - started < settings.fetch_total_timeout + 1.0


async def test_server_that_never_answers_times_out(server: LocalServer, settings, resolver):
    quick = dataclasses.replace(settings, fetch_read_timeout=0.3, fetch_total_timeout=5.0)
    fetcher = Fetcher(quick, resolver=resolver)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        await fetcher.fetch(server.url("/silent"))
    assert time.monotonic() - started < 2.0


async def test_image_is_not_an_article(fetcher, server: LocalServer):
    with pytest.raises(NotAnArticleError, match="image"):
        await fetcher.fetch(server.url("/image"))


@pytest.mark.parametrize(("path", "status"), [("/missing", 404), ("/broken", 500)])
async def test_http_errors_are_short_reasons(fetcher, server: LocalServer, path, status):
    with pytest.raises(FetchError) as caught:
        await fetcher.fetch(server.url(path))
    assert caught.value.message.startswith(f"The site answered HTTP {status}")


async def test_html_served_as_octet_stream_is_sniffed(fetcher, server: LocalServer):
    page = await fetcher.fetch(server.url("/octet-html"))
    assert page.content_type == "text/html"


async def test_pdf_is_accepted_declared_or_sniffed(fetcher, server: LocalServer):
    declared = await fetcher.fetch(server.url("/doc.pdf"))
    sniffed = await fetcher.fetch(server.url("/untyped-pdf"))
    assert declared.content_type == sniffed.content_type == "application/pdf"
    assert sniffed.body.startswith(b"%PDF-")


async def test_binary_served_as_octet_stream_is_refused(fetcher, server: LocalServer):
    server.payloads["zip"] = b"PK\x03\x04" + bytes(range(256)) * 4
    with pytest.raises(NotAnArticleError, match="binary"):
        await fetcher.fetch(server.url("/bytes?name=zip&type=application/octet-stream"))


async def test_feed_is_refused_for_articles_but_fetched_for_feeds(fetcher, server: LocalServer):
    with pytest.raises(NotAnArticleError, match="feed"):
        await fetcher.fetch(server.url("/feed"))
    page = await fetcher.fetch(server.url("/feed"), accept_feeds=True)
    assert page.content_type == "application/rss+xml"
    assert page.etag == '"v1"'
    again = await fetcher.fetch(server.url("/feed"), etag=page.etag, accept_feeds=True)
    assert again.status == 304
    assert again.body == b""


async def test_per_user_limit_refuses_a_third_concurrent_fetch(fetcher, server: LocalServer):
    slow = [asyncio.create_task(fetcher.fetch(server.url("/silent"), "user:1")) for _ in "ab"]
    await asyncio.sleep(0.1)
    with pytest.raises(BusyError):
        await fetcher.fetch(server.url("/article"), "user:1")
    other = await fetcher.fetch(server.url("/article"), "user:2")
    assert other.status == 200
    server.release.set()
    for page in await asyncio.gather(*slow):
        assert page.status == 200


async def test_global_limit_queues_then_gives_up(server: LocalServer, settings, resolver):
    patient = dataclasses.replace(
        settings, fetch_concurrency=1, fetch_connect_timeout=0.3, fetch_total_timeout=5.0
    )
    fetcher = Fetcher(patient, resolver=resolver)
    slow = asyncio.create_task(fetcher.fetch(server.url("/silent"), "user:1"))
    await asyncio.sleep(0.1)
    with pytest.raises(BusyError):
        await fetcher.fetch(server.url("/article"), "user:2")
    server.release.set()
    assert (await slow).status == 200


@pytest.mark.parametrize(
    "path",
    [
        "/missing",
        "/broken",
        "/image",
        "/huge-declared",
        "/huge-chunked",
        "/bomb",
        "/drip",
        "/loop-a",
        "/chain/9",
        "/to?url=http%3A%2F%2F10.0.0.1%2F",
        "/to?url=file%3A%2F%2F%2Fetc%2Fpasswd",
    ],
)
async def test_every_failure_is_one_short_line_without_addresses(fetcher, server, path):
    with pytest.raises(BriefbotError) as caught:
        await fetcher.fetch(server.url(path))
    message = caught.value.message
    assert "\n" not in message
    assert len(message) < 160
    assert "127.0.0.1" not in message
    assert str(server.port) not in message
    assert "Traceback" not in message
