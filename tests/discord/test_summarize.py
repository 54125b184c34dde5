"""``/summarize`` and the "Summarize" message command, driven through the real command tree."""

from __future__ import annotations

import logging
import re

import pytest

from tests.discord.articles import ARTICLE, TITLE, article_html, article_pdf
from tests.discord.harness import BotDriver, error_in_placeholder
from tests.discord.payloads import attachment, message_payload, option


def _embed(message: dict) -> dict:
    [embed] = message["embeds"]
    return embed


def _labels(message: dict) -> list[str]:
    return [c["label"] for row in message["components"] for c in row["components"]]


async def test_summarize_text_defers_at_once_then_answers_with_the_summary(
    driver: BotDriver,
) -> None:
    payload = await driver.slash("summarize", option("text", ARTICLE))

    requests = driver.fake.requests_for(payload)
    assert requests[0].path.endswith("/callback")
    assert requests[0].body == {"type": 5}, "the first answer is a public 'thinking…' deferral"
    assert [r.method for r in requests[1:]] == ["PATCH"], "the answer edits the placeholder"
    message = driver.fake.original(payload)
    embed = _embed(message)
    assert "night buses" in embed["description"]
    speakers = [field["name"] for field in embed["fields"]]
    assert any("Elena Duarte" in name for name in speakers)
    assert all(field["value"].startswith("“") for field in embed["fields"])
    assert "freshly analyzed" in embed["footer"]["text"]
    # The article's words and numbers as the analysis counts them ("a.m." and "'s" are not).
    assert " · 232 words · " in embed["footer"]["text"]
    assert _labels(message) == ["Who said what", "All quotes", "Full summary"]
    assert message["flags"] & 64 == 0


async def test_the_same_article_again_is_served_from_cache(driver: BotDriver) -> None:
    await driver.slash("summarize", option("text", ARTICLE))
    again = await driver.slash("summarize", option("text", ARTICLE))

    assert "served from cache" in _embed(driver.fake.original(again))["footer"]["text"]


async def test_private_summary_is_deferred_and_answered_ephemerally(driver: BotDriver) -> None:
    payload = await driver.slash("summarize", option("text", ARTICLE), option("private", True, 5))

    assert driver.fake.requests_for(payload)[0].body == {"type": 5, "data": {"flags": 64}}
    assert driver.fake.original(payload)["flags"] & 64


async def test_sentences_option_sets_the_summary_length(driver: BotDriver) -> None:
    one = await driver.slash("summarize", option("text", ARTICLE), option("sentences", 1, 4))
    five = await driver.slash("summarize", option("text", ARTICLE), option("sentences", 5, 4))

    short = _embed(driver.fake.original(one))["description"]
    long = _embed(driver.fake.original(five))["description"]
    assert short.count(". ") + 1 < long.count(". ") + 1
    assert len(short) < len(long)


async def test_summarize_url_links_the_title_and_names_the_source(driver: BotDriver) -> None:
    url = driver.fake.serve_file("night-buses.html", article_html(TITLE, ARTICLE), "text/html")

    payload = await driver.slash("summarize", option("url", url))

    embed = _embed(driver.fake.original(payload))
    assert embed["title"] == TITLE
    assert embed["url"] == url
    assert "Riverside Ledger" in embed["author"]["name"]
    assert "23 Nov 2026" in embed["author"]["name"]


async def test_summarize_reads_a_text_file_attachment(driver: BotDriver) -> None:
    data = ARTICLE.encode()
    url = driver.fake.serve_file("story.txt", data, "text/plain")

    file = attachment(url, "story.txt", len(data), "text/plain")
    payload = await driver.slash("summarize", option("file", file["id"], 11), attachments=[file])

    assert "night buses" in _embed(driver.fake.original(payload))["description"]
    assert driver.fake.downloads == ["story.txt"]


async def test_summarize_reads_an_html_file_attachment(driver: BotDriver) -> None:
    data = article_html(TITLE, ARTICLE)
    url = driver.fake.serve_file("story.html", data, "text/html")

    file = attachment(url, "story.html", len(data), "text/html")
    payload = await driver.slash("summarize", option("file", file["id"], 11), attachments=[file])

    assert _embed(driver.fake.original(payload))["title"] == TITLE


async def test_an_image_attachment_is_refused_without_downloading_it(driver: BotDriver) -> None:
    url = driver.fake.serve_file("photo.png", b"\x89PNG\r\n", "image/png")

    file = attachment(url, "photo.png", 6, "image/png")
    payload = await driver.slash("summarize", option("file", file["id"], 11), attachments=[file])

    [reply] = driver.fake.requests_for(payload)
    assert reply.body["type"] == 4 and reply.body["data"]["flags"] == 64
    assert ".pdf" in reply.body["data"]["content"] and "photo.png" in reply.body["data"]["content"]
    assert driver.fake.downloads == []


async def test_a_file_over_the_size_cap_is_refused_with_the_limit(driver: BotDriver) -> None:
    url = driver.fake.serve_file("huge.txt", b"x", "text/plain")

    file = attachment(url, "huge.txt", 12_000_000, "text/plain")
    payload = await driver.slash("summarize", option("file", file["id"], 11), attachments=[file])

    content = driver.fake.requests_for(payload)[0].body["data"]["content"]
    assert "12.0 MB" in content and "5.0 MB" in content
    assert driver.fake.downloads == []


async def test_summarize_needs_exactly_one_input(driver: BotDriver) -> None:
    nothing = await driver.slash("summarize")
    both = await driver.slash("summarize", option("text", ARTICLE), option("url", "https://a.b/c"))

    for payload in (nothing, both):
        [reply] = driver.fake.requests_for(payload)
        assert reply.body["type"] == 4 and reply.body["data"]["flags"] == 64
        assert "exactly one of `url`, `text` or `file`" in reply.body["data"]["content"]


async def test_summarize_menu_on_a_message_with_a_link(driver: BotDriver) -> None:
    url = driver.fake.serve_file("night-buses.html", article_html(TITLE, ARTICLE), "text/html")
    message = message_payload(f"Have you seen this? {url}.")

    payload = await driver.menu("Summarize", message)

    assert driver.fake.requests_for(payload)[0].body == {"type": 5}
    assert _embed(driver.fake.original(payload))["url"] == url


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("spoiler.html", "||{url}||"),
        ("Heat_(1995_film)", "Read {url} first"),
        ("bold.html", "**{url}**"),
    ],
    ids=["spoiler", "closing-bracket-in-link", "bold"],
)
async def test_summarize_menu_reads_a_link_inside_chat_formatting(
    driver: BotDriver, name: str, written: str
) -> None:
    url = driver.fake.serve_file(name, article_html(TITLE, ARTICLE), "text/html")

    payload = await driver.menu("Summarize", message_payload(written.format(url=url)))

    assert _embed(driver.fake.original(payload))["url"] == url
    assert driver.fake.downloads == [name]


async def test_summarize_menu_on_a_message_with_two_links_answers_each(
    driver: BotDriver,
) -> None:
    first = driver.fake.serve_file("one.html", article_html(TITLE, ARTICLE), "text/html")
    other = ARTICLE.replace("Riverside", "Lakeside").replace("night", "weekend")
    second = driver.fake.serve_file("two.html", article_html("Lakeside buses", other), "text/html")

    payload = await driver.menu("Summarize", message_payload(f"{first}\n{second}"))

    assert _embed(driver.fake.original(payload))["url"] == first
    [followup] = driver.fake.followups(payload)
    assert _embed(followup)["url"] == second


async def test_summarize_menu_on_a_pasted_article(driver: BotDriver) -> None:
    payload = await driver.menu("Summarize", message_payload(ARTICLE))

    assert "night buses" in _embed(driver.fake.original(payload))["description"]


async def test_summarize_menu_on_a_message_with_a_text_attachment(driver: BotDriver) -> None:
    data = ARTICLE.encode()
    url = driver.fake.serve_file("story.md", data, "text/markdown")
    message = message_payload("", attachments=[attachment(url, "story.md", len(data))])

    payload = await driver.menu("Summarize", message)

    assert "night buses" in _embed(driver.fake.original(payload))["description"]


async def test_summarize_menu_on_a_message_with_nothing_to_read(driver: BotDriver) -> None:
    payload = await driver.menu("Summarize", message_payload(""))

    [reply] = driver.fake.requests_for(payload)
    assert reply.body["type"] == 4 and reply.body["data"]["flags"] == 64
    assert "no link, text" in reply.body["data"]["content"]


async def test_summarize_menu_reports_the_links_it_could_not_read(driver: BotDriver) -> None:
    good = driver.fake.serve_file("one.html", article_html(TITLE, ARTICLE), "text/html")
    missing = driver.fake.base_url + "/files/gone.html"

    payload = await driver.menu("Summarize", message_payload(f"{good} and {missing}"))

    assert _embed(driver.fake.original(payload))["url"] == good
    [note] = driver.fake.followups(payload)
    assert note["flags"] & 64
    first_line, failure = note["content"].split("\n")
    assert first_line == "I couldn't summarize every link:"
    assert failure.startswith(f"- <{missing}>: ") and "404" in failure


async def test_summarize_menu_on_a_message_with_a_pdf(driver: BotDriver) -> None:
    data = article_pdf(ARTICLE)
    url = driver.fake.serve_file("story.pdf", data, "application/pdf")
    message = message_payload("", attachments=[attachment(url, "story.pdf", len(data))])

    payload = await driver.menu("Summarize", message)

    assert "night buses" in _embed(driver.fake.original(payload))["description"]


async def test_summarize_menu_on_a_message_with_three_links_answers_all_three(
    driver: BotDriver,
) -> None:
    """More links than one user may fetch at once: they are fetched one after another."""
    assert driver.bot.settings.fetch_per_user < 3
    urls = []
    for place in ("Riverside", "Lakeside", "Hillside"):
        text = ARTICLE.replace("Riverside", place)
        urls.append(driver.fake.serve_file(f"{place}.html", article_html(place, text), "text/html"))

    payload = await driver.menu("Summarize", message_payload(" ".join(urls)))

    answers = [driver.fake.original(payload), *driver.fake.followups(payload)]
    assert [_embed(answer)["url"] for answer in answers] == urls


async def test_summarize_menu_reports_a_links_bug_alongside_the_other_links(
    driver: BotDriver, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    broken = driver.fake.serve_file("broken.html", article_html(TITLE, ARTICLE), "text/html")
    good = driver.fake.serve_file("good.html", article_html(TITLE, ARTICLE), "text/html")
    missing = driver.fake.base_url + "/files/gone.html"
    analyze_url = driver.bot.service.analyze_url

    async def analyze_with_a_bug(url: str, *args: object, **kwargs: object) -> object:
        if url == broken:
            raise ZeroDivisionError("a bug in one link's analysis")
        return await analyze_url(url, *args, **kwargs)

    monkeypatch.setattr(driver.bot.service, "analyze_url", analyze_with_a_bug)

    with caplog.at_level(logging.ERROR, logger="bot.client"):
        payload = await driver.menu("Summarize", message_payload(f"{broken} {good} {missing}"))

    assert _embed(driver.fake.original(payload))["url"] == good
    [note] = driver.fake.followups(payload)
    heading, bug, gone = note["content"].split("\n")
    assert heading == "I couldn't summarize every link:"
    error_id = re.search(r"error id `(\w+)`", bug)[1]
    assert bug.startswith(f"- <{broken}>: ")
    assert gone.startswith(f"- <{missing}>: ") and "404" in gone
    [record] = [r for r in caplog.records if error_id in r.getMessage()]
    assert record.exc_info[0] is ZeroDivisionError


async def test_summarize_menu_lists_every_link_when_none_could_be_read(
    driver: BotDriver,
) -> None:
    first = driver.fake.base_url + "/files/gone.html"
    second = driver.fake.base_url + "/files/also-gone.html"

    payload = await driver.menu("Summarize", message_payload(f"{first}\n{second}"))

    heading, *failures = error_in_placeholder(driver, payload)["content"].split("\n")
    assert heading == "I couldn't summarize any of these links:"
    assert [line.split(">")[0] for line in failures] == [f"- <{first}", f"- <{second}"]
    assert all("404" in line for line in failures)
