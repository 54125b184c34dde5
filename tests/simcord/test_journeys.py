"""What a new user does, end to end through SimCord: summaries, buttons and paging, files,
autocomplete, both message menus, briefings now and on a schedule, and two servers."""

from __future__ import annotations

from datetime import timedelta

import pytest
import simcord

from tests.discord.articles import ARTICLE, TITLE, article_html, long_article
from tests.simcord.conftest import SETTLE_SECONDS

QUOTED = "People who clean our offices and staff our wards deserve a safe ride home"
BRIEFING_TITLE = "Briefing: the last 24 hours"

pytestmark = pytest.mark.simcord(settle_timeout=SETTLE_SECONDS)


def embed_of(message: simcord.ResponseMessage | None):
    assert message is not None
    [embed] = message.embeds
    return embed


def labels(message: simcord.ResponseMessage) -> list[str]:
    return [c["label"] for row in message.components for c in row["components"]]


async def test_summarize_text_answers_in_the_placeholder_with_its_buttons(
    env, channel, reader
) -> None:
    result = await reader.slash(channel, "summarize", text=ARTICLE)

    assert not result.ephemeral and not result.followups
    embed = embed_of(result.response)
    assert "night buses" in embed.description
    assert any("Elena Duarte" in field.name for field in embed.fields)
    assert labels(result.response) == ["Who said what", "All quotes", "Full summary"]


async def test_summarize_a_link_and_a_file(env, channel, reader, site) -> None:
    url = site.publish("/night-buses.html", article_html(TITLE, ARTICLE), "text/html")

    linked = await reader.slash(channel, "summarize", url=url)
    filed = await reader.slash(channel, "summarize", file=("story.md", ARTICLE.encode()))

    assert embed_of(linked.response).title == TITLE
    assert "night buses" in embed_of(filed.response).description


async def test_who_said_what_opens_privately(env, channel, reader) -> None:
    summary = await reader.slash(channel, "summarize", text=ARTICLE)

    opened = await reader.click(summary.response, label="Who said what")

    assert opened.ephemeral
    assert "**Elena Duarte, Mayor**" in embed_of(opened.response).description


async def test_a_passer_by_turns_a_public_answers_page_privately(
    env, guild, channel, reader
) -> None:
    long = long_article(3_000).encode()  # over the text option's 6,000 characters: a file
    summary = await reader.slash(channel, "summarize", file=("long.txt", long))
    article_id = summary.response.components[0]["components"][0]["custom_id"].rsplit(":", 1)[1]
    digest = await reader.slash(channel, "quotes", article=article_id)
    public_page = embed_of(digest.response).description
    passer_by = guild.add_member(env.create_user("passer-by"))

    turned = await passer_by.click(digest.response, label="▶")
    second_page = embed_of(turned.response).footer.text
    again = await passer_by.click(turned.response, label="▶")

    assert turned.ephemeral and second_page.startswith("Page 2 of")
    assert again.response.id == turned.response.id, "a private page turns in place"
    assert embed_of(again.response).footer.text.startswith("Page 3 of")
    assert embed_of(digest.response).description == public_page, "the public answer stays"


async def test_autocomplete_finds_words_in_any_order_and_quotes_without_their_comma(
    env, channel, reader
) -> None:
    await reader.slash(channel, "summarize", text=ARTICLE)

    articles = await reader.autocomplete(channel, "quotes", "article", "pilot riverside")
    quotes = await reader.autocomplete(channel, "whosaid", "quote", "deserve a safe")

    [article] = articles
    assert article["name"].startswith("Riverside's city council voted")
    assert quotes[0]["name"].endswith("deserve a safe ride home")


async def test_both_message_menus(env, channel, reader) -> None:
    pasted = await reader.send(channel, ARTICLE)
    summarized = await reader.context_menu(channel, "Summarize", pasted)
    remembered = await reader.send(channel, QUOTED)

    found = await reader.context_menu(channel, "Who said this?", remembered)

    assert "night buses" in embed_of(summarized.response).description
    assert "Elena Duarte" in embed_of(found.response).title


async def test_summarize_menu_on_a_message_with_a_file(env, channel, reader) -> None:
    posted = await reader.send(channel, "", attachments=[("story.txt", ARTICLE.encode())])

    result = await reader.context_menu(channel, "Summarize", posted)

    assert "night buses" in embed_of(result.response).description


async def test_briefing_now(env, channel, reader) -> None:
    await reader.slash(channel, "summarize", text=ARTICLE)

    result = await reader.slash(channel, "briefing now")

    embed = embed_of(result.response)
    assert embed.title == BRIEFING_TITLE
    assert "night bus" in embed.description.lower()


async def test_a_scheduled_briefing_is_sent_once_when_its_time_comes(
    env, channel, reader, editor, clock
) -> None:
    await reader.slash(channel, "summarize", text=ARTICLE)
    due = clock.now() + timedelta(minutes=10)
    scheduled = await editor.slash(
        channel, "briefing schedule", time=f"{due:%H:%M}", timezone="UTC"
    )
    assert f"{due:%H:%M}" in scheduled.response.content
    waiting = await reader.slash(channel, "briefing status")
    assert f"Next briefing: **{due:%a %d %b %H:%M}" in embed_of(waiting.response).description

    await env.advance_time(12 * 60)
    await env.advance_time(10 * 60)

    sent = [m for m in channel.history() if m.embeds and m.embeds[0].title == BRIEFING_TITLE]
    assert len(sent) == 1, "sent exactly once"
    assert "night bus" in sent[0].embeds[0].description.lower()
    done = await reader.slash(channel, "briefing status")
    assert ": sent." in embed_of(done.response).description


async def test_changing_the_schedule_needs_manage_server(env, channel, reader) -> None:
    result = await reader.slash(channel, "briefing schedule", time="08:00", timezone="UTC")

    assert result.ephemeral
    assert result.response.content == "You need the Manage Server permission for that."
    assert env.errors


async def test_one_server_never_sees_anothers_articles(env, channel, reader) -> None:
    await reader.slash(channel, "summarize", text=ARTICLE)
    other = env.create_guild("Lakeside Post")
    their_channel = other.create_text_channel("general")
    stranger = other.add_member(env.create_user("stranger"))

    theirs = await stranger.autocomplete(their_channel, "quotes", "article", "")
    ours = await reader.autocomplete(channel, "quotes", "article", "")

    assert theirs == [] and len(ours) == 1
