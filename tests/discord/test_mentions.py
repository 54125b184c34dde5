"""Article text can neither ping anyone nor change how a message renders."""

from __future__ import annotations

import json
import re

from tests.discord.articles import TRAP_ARTICLE
from tests.discord.harness import BotDriver
from tests.discord.payloads import message_payload, option

LIVE_MENTION = re.compile(r"@everyone|@here|<@[!&]?\d+>")


def _texts(message: dict) -> list[str]:
    """Every string Discord would render from a message: content and all embed text."""
    texts = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        texts += [embed.get("title", ""), embed.get("description", "")]
        texts += [(embed.get("author") or {}).get("name", "")]
        texts += [(embed.get("footer") or {}).get("text", "")]
        for item in embed.get("fields") or []:
            texts += [item["name"], item["value"]]
    return texts


async def test_a_hostile_article_renders_inert_everywhere(driver: BotDriver) -> None:
    summary = await driver.slash("summarize", option("text", TRAP_ARTICLE))
    original = driver.fake.original(summary)
    for label in ("Who said what", "All quotes", "Full summary"):
        await driver.click(original, label)
    await driver.slash("whosaid", option("quote", "should check the new times before Friday"))
    await driver.menu("Who said this?", message_payload("@everyone should check the new times"))

    rendered = [r.message_data for r in driver.fake.requests if r.is_message]
    assert len(rendered) == 6
    texts = [text for message in rendered for text in _texts(message)]
    assert not [t for t in texts if LIVE_MENTION.search(t)], "no mention survives rendering"
    everything = json.dumps(rendered, ensure_ascii=False)
    assert "@\u200beveryone should check the new times" in everything
    assert "<\u200b@123456789012345678>" in everything
    assert "<\u200b@&123456789012345678>" in everything
    assert "Harbor \\\\*\\\\*Weekly\\\\*\\\\*" in everything, "markdown from the article is escaped"
    for message in rendered:
        assert message["allowed_mentions"] == {"parse": []}
