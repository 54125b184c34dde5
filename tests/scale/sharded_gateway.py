"""The fake gateway as Discord runs it for a sharded bot: READY names the shard identified.

discord.py's sharded client reads ``shard`` from every READY (Discord sends it whenever the
IDENTIFY carried one); the plain fake gateway, written for one unsharded bot, leaves it out.
"""

from __future__ import annotations

import json

from aiohttp import web

from tests.briefing.test_cog import ChannelDiscord
from tests.discord.gateway import IDENTIFY, FakeGateway


class ShardedGateway(FakeGateway):
    """``FakeGateway`` answering each shard's IDENTIFY with a READY for that shard."""

    async def _answer(self, socket: web.WebSocketResponse, payload: dict) -> None:
        shard = payload["d"].get("shard") if payload["op"] == IDENTIFY else None
        if shard is None:
            await super()._answer(socket, payload)
            return
        self._sequence = 1
        ready = {**self._ready_payload(), "shard": shard}
        await socket.send_str(json.dumps({"op": 0, "t": "READY", "s": 1, "d": ready}))
        self._ready.set()


def sharded_discord() -> ChannelDiscord:
    """A fake Discord with text channels whose gateway serves sharded bots."""
    fake = ChannelDiscord()
    fake.gateway = ShardedGateway()
    return fake
