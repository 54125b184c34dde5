"""The test harness: a real ``Briefbot`` talking to the fake Discord, driven interaction by
interaction the way the gateway delivers them.

``BotDriver.send`` hands a raw ``INTERACTION_CREATE`` payload to discord.py's connection state
(``parse_interaction_create``, what the gateway reader calls) and waits until every task the
bot started for it is done; the fake Discord has then recorded every HTTP request discord.py
made in answer.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.discord.discord_rules import DiscordError
from tests.discord.fake_discord import FakeDiscord, Request
from tests.discord.payloads import (
    attachment,
    button_click,
    message_command,
    option,
    slash_command,
)

__all__ = [
    "BotDriver",
    "DiscordError",
    "FakeDiscord",
    "Request",
    "error_in_placeholder",
    "fake_discord_in_thread",
    "refused_privately",
]


@contextmanager
def fake_discord_in_thread() -> Iterator[FakeDiscord]:
    """A fake Discord serving from its own thread and event loop.

    For callers that run their own loop (the CLI) and for the bench, where the server's work
    must not be counted against the bot's event loop (in production it is Discord's).
    """
    fake = FakeDiscord()
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(fake.start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, name="fake-discord", daemon=True)
    thread.start()
    if not ready.wait(10):
        raise RuntimeError("the fake Discord did not start")
    try:
        yield fake
    finally:
        asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


class BotDriver:
    """Feeds interactions to a logged-in bot and waits until it has answered them."""

    def __init__(self, bot: Any, fake: FakeDiscord, user_id: int) -> None:
        self.bot = bot
        self.fake = fake
        self.user_id = user_id

    async def send(self, payload: dict, timeout: float = 60.0) -> list[Request]:
        """Deliver ``payload`` as the gateway would and return the requests that answered it."""
        self.fake.expect_interaction(payload)
        before = asyncio.all_tasks()
        self.bot._connection.parse_interaction_create(payload)
        started = asyncio.all_tasks() - before
        if started:
            _, pending = await asyncio.wait(started, timeout=timeout)
            assert not pending, f"the bot did not finish handling the interaction in {timeout} s"
        return self.fake.requests_for(payload)

    async def slash(self, name: str, *options: dict, **where: Any) -> dict:
        """Run ``/name`` with ``options`` as this driver's user; returns the payload sent."""
        payload = slash_command(name, list(options), user_id=self.user_id, **where)
        await self.send(payload)
        return payload

    async def summarize_file(self, name: str, text: str, **where: Any) -> dict:
        """Run ``/summarize file:`` with ``text`` uploaded as the file ``name`` (an article
        longer than the 6,000 characters the ``text`` option takes goes in this way)."""
        data = text.encode()
        url = self.fake.serve_file(name, data, "text/plain")
        file = attachment(url, name, len(data), "text/plain")
        return await self.slash(
            "summarize", option("file", file["id"], 11), attachments=[file], **where
        )

    async def autocomplete(self, name: str, *options: dict, **where: Any) -> list[dict]:
        """Type into an option (the one marked ``focused``); returns the choices offered."""
        payload = slash_command(
            name, list(options), user_id=self.user_id, autocomplete=True, **where
        )
        requests = await self.send(payload)
        assert [r.body["type"] for r in requests] == [8], "autocomplete must answer once"
        return requests[0].body["data"]["choices"]

    async def menu(self, name: str, message: dict, **where: Any) -> dict:
        """Run a message context-menu command on ``message``."""
        payload = message_command(name, message, user_id=self.user_id, **where)
        await self.send(payload)
        return payload

    async def click(self, message: dict, label: str, **where: Any) -> dict:
        """Press the button labelled ``label`` on a message the fake Discord holds."""
        buttons = [c for row in message["components"] for c in row["components"]]
        button = next((b for b in buttons if b.get("label") == label), None)
        assert button is not None, f"no button {label!r} among {[b.get('label') for b in buttons]}"
        assert not button.get("disabled"), f"button {label!r} is disabled"
        payload = button_click(button["custom_id"], message, user_id=self.user_id, **where)
        await self.send(payload)
        return payload


def refused_privately(driver: BotDriver, payload: dict) -> str:
    """The one private reply the user got instead of "thinking…"; its text."""
    requests = driver.fake.requests_for(payload)
    assert [r.path.split("/")[-1] for r in requests] == ["callback"], requests
    [request] = requests
    assert request.body["type"] == 4, "refused at once, without deferring"
    message = request.message_data
    assert message["flags"] & 64, "refusals are ephemeral"
    assert message["allowed_mentions"] == {"parse": []}
    return message["content"]


def error_in_placeholder(driver: BotDriver, payload: dict) -> dict:
    """The "thinking…" placeholder, edited into the error; the message the user now sees."""
    calls = [(r.method, r.path.split("/")[-1]) for r in driver.fake.requests_for(payload)]
    assert calls == [("POST", "callback"), ("PATCH", "@original")], calls
    original = driver.fake.original(payload)
    assert not original["flags"] & 128, "the placeholder no longer shows 'thinking…'"
    assert not original["embeds"] and not original["components"]
    return original
