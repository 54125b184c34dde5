"""``/whosaid`` and "Who said this?": a remembered line found among this server's quotes."""

from __future__ import annotations

from tests.discord.articles import ARTICLE, TITLE, article_html
from tests.discord.harness import BotDriver, refused_privately
from tests.discord.payloads import GUILD_ID, message_payload, option


def _answer(driver: BotDriver, payload: dict) -> dict:
    [embed] = driver.fake.original(payload)["embeds"]
    return embed


async def _submit(driver: BotDriver, **where: object) -> None:
    url = driver.fake.serve_file("night-buses.html", article_html(TITLE, ARTICLE), "text/html")
    await driver.slash("summarize", option("url", url), **where)


async def test_whosaid_names_speaker_role_article_and_date(driver: BotDriver) -> None:
    await _submit(driver)

    payload = await driver.slash("whosaid", option("quote", "deserve a safe ride home"))

    assert driver.fake.requests_for(payload)[0].body == {"type": 5}
    embed = _answer(driver, payload)
    assert "Elena Duarte" in embed["title"] and "Mayor" in embed["title"]
    assert "People who clean our offices and staff our wards" in embed["description"]
    assert f"[{TITLE}](" in embed["description"]
    assert "23 Nov 2026" in embed["description"]


async def test_whosaid_shows_near_misses_when_nothing_matches_well(driver: BotDriver) -> None:
    await _submit(driver)

    payload = await driver.slash("whosaid", option("quote", "buses that might run empty at night"))

    embed = _answer(driver, payload)
    shown = embed["description"] + " ".join(f["value"] for f in embed.get("fields", []))
    assert "Hale" in shown or "Osei" in shown


async def test_whosaid_with_nothing_stored_says_so_privately(driver: BotDriver) -> None:
    payload = await driver.slash("whosaid", option("quote", "deserve a safe ride home"))

    assert "No quote like that" in refused_privately(driver, payload)


async def test_whosaid_does_not_search_other_servers(driver: BotDriver) -> None:
    await _submit(driver, guild_id=GUILD_ID + 1)

    payload = await driver.slash("whosaid", option("quote", "deserve a safe ride home"))

    assert "No quote like that" in refused_privately(driver, payload)


async def test_quote_autocomplete_suggests_this_servers_quotes(driver: BotDriver) -> None:
    await _submit(driver)

    choices = await driver.autocomplete("whosaid", option("quote", "half of my", focused=True))

    assert choices, "a typed prefix of a stored quote is suggested"
    assert choices[0]["name"].startswith("Half of my team finishes")
    assert all(len(c["name"]) <= 100 and c["name"] == c["value"] for c in choices)


async def test_quote_autocomplete_in_dms_sees_only_the_users_own(driver: BotDriver) -> None:
    await _submit(driver)
    in_dms = await driver.autocomplete(
        "whosaid", option("quote", "half", focused=True), guild_id=None
    )
    await _submit(driver, guild_id=None)
    own = await driver.autocomplete("whosaid", option("quote", "half", focused=True), guild_id=None)

    assert in_dms == []
    assert own and own[0]["name"].startswith("Half of my team")


async def test_who_said_this_menu_looks_up_a_messages_text(driver: BotDriver) -> None:
    await _submit(driver)
    message = message_payload("I would rather fix the daytime schedule that thousands already use")

    payload = await driver.menu("Who said this?", message)

    assert "Victor Hale" in _answer(driver, payload)["title"]


async def test_who_said_this_on_an_empty_message_explains(driver: BotDriver) -> None:
    payload = await driver.menu("Who said this?", message_payload(""))

    [reply] = driver.fake.requests_for(payload)
    assert reply.body["data"]["flags"] == 64
    assert "no text to look up" in reply.body["data"]["content"]


async def test_quote_autocomplete_choices_do_not_end_on_a_comma(driver: BotDriver) -> None:
    await _submit(driver)

    choices = await driver.autocomplete("whosaid", option("quote", "deserve a safe", focused=True))

    assert choices[0]["name"].endswith("deserve a safe ride home")
