"""``/quotes``: the key quotes and who-said-what digest, for a link or a recent article here."""

from __future__ import annotations

import pytest

from tests.discord.articles import ARTICLE, TITLE, article_html, long_article
from tests.discord.conftest import StartBot
from tests.discord.harness import BotDriver, refused_privately
from tests.discord.payloads import GUILD_ID, option


def _digest(driver: BotDriver, payload: dict) -> str:
    [embed] = driver.fake.original(payload)["embeds"]
    return embed["description"]


async def test_quotes_for_a_link_shows_key_quotes_then_who_said_what(driver: BotDriver) -> None:
    url = driver.fake.serve_file("night-buses.html", article_html(TITLE, ARTICLE), "text/html")

    payload = await driver.slash("quotes", option("url", url))

    assert driver.fake.requests_for(payload)[0].body == {"type": 5}
    text = _digest(driver, payload)
    assert text.index("__Key quotes__") < text.index("__Who said what__")
    assert "**Victor Hale**" in text


async def test_article_autocomplete_offers_this_servers_recent_articles(
    driver: BotDriver,
) -> None:
    await driver.slash("summarize", option("text", ARTICLE))

    choices = await driver.autocomplete("quotes", option("article", "night", focused=True))

    assert len(choices) == 1
    assert "night buses" in choices[0]["name"]
    assert choices[0]["value"].isdigit()


async def test_article_autocomplete_does_not_show_other_servers_articles(
    driver: BotDriver,
) -> None:
    await driver.slash("summarize", option("text", ARTICLE), guild_id=GUILD_ID + 1)

    here = await driver.autocomplete("quotes", option("article", "", focused=True))
    in_dms = await driver.autocomplete("quotes", option("article", "", focused=True), guild_id=None)

    assert here == [] and in_dms == []


async def test_quotes_for_a_chosen_article(driver: BotDriver) -> None:
    await driver.slash("summarize", option("text", ARTICLE))
    [choice] = await driver.autocomplete("quotes", option("article", "", focused=True))

    payload = await driver.slash("quotes", option("article", choice["value"]))

    assert "We are spending reserve money on buses" in _digest(driver, payload)


async def test_quotes_refuses_an_article_of_another_server(driver: BotDriver) -> None:
    await driver.slash("summarize", option("text", ARTICLE), guild_id=GUILD_ID + 1)
    [choice] = await driver.autocomplete(
        "quotes", option("article", "", focused=True), guild_id=GUILD_ID + 1
    )

    payload = await driver.slash("quotes", option("article", choice["value"]))

    assert "no article" in refused_privately(driver, payload)


async def test_quotes_needs_a_url_or_an_article(driver: BotDriver) -> None:
    payload = await driver.slash("quotes")

    [reply] = driver.fake.requests_for(payload)
    assert reply.body["data"]["flags"] == 64
    assert "either a `url` or" in reply.body["data"]["content"]


async def test_quotes_with_a_typed_article_name_asks_to_pick_from_the_list(
    driver: BotDriver,
) -> None:
    payload = await driver.slash("quotes", option("article", "the night bus story"))

    [reply] = driver.fake.requests_for(payload)
    assert "Pick an article from the list" in reply.body["data"]["content"]


@pytest.mark.parametrize("typed", ["²", "12³", "½"])
async def test_quotes_with_a_digit_that_is_not_a_number_asks_to_pick_from_the_list(
    driver: BotDriver, typed: str
) -> None:
    payload = await driver.slash("quotes", option("article", typed))

    [reply] = driver.fake.requests_for(payload)
    assert reply.body["data"]["flags"] == 64
    assert "Pick an article from the list" in reply.body["data"]["content"]


@pytest.mark.parametrize("number", ["0", "9223372036854775808", "99999999999999999999999"])
async def test_quotes_for_an_article_number_past_any_stored_one_is_not_found(
    driver: BotDriver, number: str
) -> None:
    payload = await driver.slash("quotes", option("article", number))

    assert refused_privately(driver, payload) == f"There is no article #{number} here."


async def test_private_quotes_are_ephemeral(driver: BotDriver) -> None:
    url = driver.fake.serve_file("night-buses.html", article_html(TITLE, ARTICLE), "text/html")

    payload = await driver.slash("quotes", option("url", url), option("private", True, 5))

    assert driver.fake.requests_for(payload)[0].body == {"type": 5, "data": {"flags": 64}}
    assert driver.fake.original(payload)["flags"] & 64
    assert "__Key quotes__" in _digest(driver, payload)


async def test_article_autocomplete_matches_the_titles_words_in_any_order(
    driver: BotDriver,
) -> None:
    url = driver.fake.serve_file("night-buses.html", article_html(TITLE, ARTICLE), "text/html")
    await driver.slash("summarize", option("url", url))

    choices = await driver.autocomplete("quotes", option("article", "bus night", focused=True))
    none = await driver.autocomplete("quotes", option("article", "bus harbour", focused=True))

    assert [c["name"] for c in choices] == [TITLE]
    assert none == []


async def test_page_buttons_of_a_public_answer_answer_the_clicker_privately(
    start_bot: StartBot,
) -> None:
    requester = await start_bot()
    summary = await requester.summarize_file("long.txt", long_article(3_000))
    article_id = driver_article_id(requester.fake.original(summary))
    digest = await requester.slash("quotes", option("article", article_id))
    public = dict(requester.fake.original(digest))
    assert not public["flags"] & 64 and public["components"], "a public, paged answer"
    passer_by = await start_bot()

    click = await passer_by.click(public, "▶")

    assert passer_by.fake.requests_for(click)[0].body["type"] == 4
    page = passer_by.fake.original(click)
    assert page["flags"] & 64 and page["embeds"][0]["footer"]["text"].startswith("Page 2 of")
    assert requester.fake.messages[public["id"]]["embeds"] == public["embeds"], "unchanged"


def driver_article_id(summary: dict) -> str:
    return summary["components"][0]["components"][0]["custom_id"].rsplit(":", 1)[1]
