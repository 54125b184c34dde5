"""The buttons under answers: who said what, all quotes, full summary, and paging through them.

Button ids carry the article id, so they work on a bot started after the message was sent.
"""

from __future__ import annotations

import re

from tests.discord.articles import ARTICLE, long_article
from tests.discord.conftest import StartBot
from tests.discord.harness import BotDriver
from tests.discord.payloads import GUILD_ID, message_payload, option

PAGE_FOOTER = re.compile(r"Page (\d+) of (\d+)")


async def _summary(driver: BotDriver, text: str = ARTICLE) -> dict:
    if len(text) > 6000:
        payload = await driver.summarize_file("long.txt", text)
    else:
        payload = await driver.slash("summarize", option("text", text))
    return driver.fake.original(payload)


def _reply(driver: BotDriver, payload: dict) -> dict:
    [request] = driver.fake.requests_for(payload)
    assert request.path.endswith("/callback")
    return request.body


async def test_who_said_what_groups_quotes_by_speaker_privately(driver: BotDriver) -> None:
    summary = await _summary(driver)

    click = await driver.click(summary, "Who said what")

    body = _reply(driver, click)
    assert body["type"] == 4 and body["data"]["flags"] == 64
    [embed] = body["data"]["embeds"]
    text = embed["description"]
    assert text.index("**Elena Duarte, Mayor**") < text.index("People who clean our offices")
    assert text.index("**Victor Hale**") < text.index("We are spending reserve money")
    assert embed["footer"]["text"] == "Page 1 of 1"
    assert body["data"]["allowed_mentions"] == {"parse": []}


async def test_all_quotes_lists_every_quote_with_its_speaker(driver: BotDriver) -> None:
    summary = await _summary(driver)

    click = await driver.click(summary, "All quotes")

    [embed] = _reply(driver, click)["data"]["embeds"]
    assert embed["description"].count("> “") == 6
    assert "— 6. Tomas Lind, a charge nurse on the night shift" in embed["description"]


async def test_full_summary_shows_the_summary_sentences(driver: BotDriver) -> None:
    summary = await _summary(driver)

    click = await driver.click(summary, "Full summary")

    [embed] = _reply(driver, click)["data"]["embeds"]
    assert "six-month pilot of night buses" in embed["description"]


async def test_buttons_still_work_after_a_restart(start_bot: StartBot) -> None:
    before = await start_bot()
    summary = await _summary(before)
    await before.bot.close()

    after = await start_bot()
    click = await after.click(summary, "Who said what")

    [embed] = _reply(after, click)["data"]["embeds"]
    assert "Elena Duarte" in embed["description"]


async def test_a_button_for_an_article_no_longer_stored_says_it_expired(
    driver: BotDriver,
) -> None:
    gone = message_payload(
        "",
        author={"id": "900000000000000001", "username": "briefbot", "bot": True},
        components=[
            {
                "type": 1,
                "components": [
                    {"type": 2, "style": 2, "label": "All quotes", "custom_id": "bb:open:quotes:99"}
                ],
            }
        ],
    )

    click = await driver.click(gone, "All quotes")

    body = _reply(driver, click)
    assert body["type"] == 4 and body["data"]["flags"] == 64
    assert "no longer stored" in body["data"]["content"]


async def test_a_button_clicked_in_another_server_does_not_reveal_the_article(
    driver: BotDriver,
) -> None:
    summary = await _summary(driver)

    click = await driver.click(summary, "All quotes", guild_id=GUILD_ID + 1)

    assert "no longer stored" in _reply(driver, click)["data"]["content"]


async def _page_through(driver: BotDriver, message: dict) -> list[dict]:
    """Every page of a paged answer, pressing ▶ until it is disabled."""
    pages = [dict(message)]
    while True:
        buttons = [c for row in pages[-1]["components"] for c in row["components"]]
        if not buttons or buttons[-1].get("disabled"):
            return pages
        turn = await driver.click(pages[-1], "▶")
        if pages[-1]["flags"] & 64:
            assert driver.fake.requests_for(turn)[0].body["type"] == 7, "a private page is edited"
            pages.append(dict(driver.fake.messages[pages[-1]["id"]]))
        else:
            page = driver.fake.original(turn)
            assert page["flags"] & 64, "a public message's next page comes privately"
            pages.append(dict(page))


def _assert_within_limits(pages: list[dict]) -> None:
    total = int(PAGE_FOOTER.search(pages[0]["embeds"][0]["footer"]["text"])[2])
    assert len(pages) == total > 5
    for number, page in enumerate(pages, start=1):
        [embed] = page["embeds"]
        assert embed["footer"]["text"] == f"Page {number} of {total}"
        assert len(embed["description"]) <= 4096
        assert (
            len(embed["title"]) + len(embed["description"]) + len(embed["footer"]["text"]) <= 6000
        )


async def test_a_20000_word_article_pages_within_discords_limits(driver: BotDriver) -> None:
    text = long_article(20_000)
    summary = await _summary(driver, text)
    article_id = summary["components"][0]["components"][0]["custom_id"].rsplit(":", 1)[1]

    click = await driver.click(summary, "All quotes")
    all_quotes = await _page_through(driver, driver.fake.original(click))
    digest = await driver.slash("quotes", option("article", article_id))
    digest_pages = await _page_through(driver, driver.fake.original(digest))

    _assert_within_limits(all_quotes)
    _assert_within_limits(digest_pages)
    shown = " ".join(p["embeds"][0]["description"] for p in all_quotes).replace("\n> ", " ")
    for quote in re.findall(r'"([^"]+)"', text):
        assert quote.removesuffix(",") in shown, (
            "every quote appears whole, never cut between pages mid-word"
        )
    who = " ".join(p["embeds"][0]["description"] for p in digest_pages)
    assert "__Who said what__" in who and "**Jonas Berg" in who
    assert "(continued)" in who, "a speaker's heading is repeated on the next page"


async def test_in_direct_messages_buttons_show_only_the_users_own_articles(
    start_bot: StartBot,
) -> None:
    owner = await start_bot()
    summary = await _summary_in_dms(owner)
    stranger = await start_bot()

    mine = await owner.click(summary, "Who said what", guild_id=None)
    theirs = await stranger.click(summary, "Who said what", guild_id=None)

    assert "Elena Duarte" in _reply(owner, mine)["data"]["embeds"][0]["description"]
    assert "no longer stored" in _reply(stranger, theirs)["data"]["content"]


async def _summary_in_dms(driver: BotDriver) -> dict:
    payload = await driver.slash("summarize", option("text", ARTICLE), guild_id=None)
    return driver.fake.original(payload)
