"""Every refused input reaches the user as a short private message, in SimCord too.

The same refusals as ``tests/discord/test_refusals.py``, judged by a Discord model we did not
write: the user sees one ephemeral message and no "thinking…", and the bot's error went
through its one error handler (``assert_error`` reads it off SimCord's record).
"""

from __future__ import annotations

import pytest
import simcord
from simcord import assert_error

from bot.errors import BriefbotError
from tests.discord.articles import ARTICLE
from tests.simcord.conftest import SETTLE_SECONDS

ONE_SENTENCE = "The council met on Monday and agreed to fund six more night buses."

pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)


def refused(env: simcord.Env, result: simcord.InteractionResult, said: str) -> None:
    """One private message saying ``said``, answered without a deferral."""
    assert not result.deferred, "refused before 'thinking…'"
    assert result.ephemeral and result.response is not None
    assert said in result.response.content, result.response.content
    assert not result.followups
    assert_error(env, BriefbotError, contains=said)


@pytest.mark.parametrize(
    ("text", "said"),
    [("   ", "The text is empty"), (ONE_SENTENCE, "single sentence")],
    ids=["whitespace", "one-sentence"],
)
async def test_text_that_cannot_be_summarized(env, channel, reader, text, said) -> None:
    result = await reader.slash(channel, "summarize", text=text)

    refused(env, result, said)


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("empty.txt", b"", "is empty"),
        ("binary.txt", b"\x00\x01\x02binary\x00" * 40, "binary"),
        ("huge.txt", ((ARTICLE + "\n") * 230).encode(), "the limit is 200,000"),
    ],
    ids=["empty", "binary", "300k-characters"],
)
async def test_a_file_that_cannot_be_summarized(env, channel, reader, name, data, said) -> None:
    result = await reader.slash(channel, "summarize", file=(name, data))

    refused(env, result, said)


async def test_an_article_id_this_server_does_not_have(env, channel, reader) -> None:
    result = await reader.slash(channel, "quotes", article="99999")

    refused(env, result, "There is no article #99999 here.")


async def test_a_link_the_address_rules_refuse(env, channel, reader) -> None:
    result = await reader.slash(channel, "summarize", url="http://10.1.2.3/news/story")

    refused(env, result, "private or reserved address")


@pytest.mark.parametrize(
    ("menu", "said"),
    [("Summarize", "no sentence punctuation"), ("Who said this?", "too short to look up")],
)
async def test_either_message_menu_on_a_message_saying_lol(
    env, channel, reader, menu, said
) -> None:
    lol = await reader.send(channel, "lol")

    result = await reader.context_menu(channel, menu, lol)

    refused(env, result, said)


async def test_whosaid_in_another_server_than_the_articles(env, channel, reader) -> None:
    await reader.slash(channel, "summarize", text=ARTICLE)
    elsewhere = env.create_guild("Lakeside Post")
    their_channel = elsewhere.create_text_channel("general")
    stranger = elsewhere.add_member(env.create_user("stranger"))

    result = await stranger.slash(their_channel, "whosaid", quote="deserve a safe ride home")

    refused(env, result, "No quote like that")


async def test_a_failure_after_thinking_edits_the_placeholder(env, channel, reader, site) -> None:
    """Past the checks, a failure (here: the page is not there) replaces "thinking…" in
    place, with the deferral's visibility; nothing is deleted."""
    result = await reader.slash(channel, "summarize", url=site.base + "/gone.html", private=True)

    calls = [(r.method, r.path.rsplit("/", 1)[-1]) for r in env.http_requests]
    answer = calls[calls.index(("POST", "callback")) :]
    assert answer == [("POST", "callback"), ("PATCH", "@original")], answer
    assert result.ephemeral and result.response is not None and not result.followups
    assert "404" in result.response.content and not result.response.embeds
    assert_error(env, BriefbotError, contains="404")
