"""One end-to-end run with real worker processes, as the bot runs in production."""

from __future__ import annotations

from tests.discord.articles import ARTICLE
from tests.discord.conftest import StartBot
from tests.discord.payloads import option


async def test_summarize_with_a_real_process_pool(start_bot: StartBot) -> None:
    driver = await start_bot(workers=1)

    payload = await driver.slash("summarize", option("text", ARTICLE))

    [embed] = driver.fake.original(payload)["embeds"]
    assert "night buses" in embed["description"]
