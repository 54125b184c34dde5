"""A fake Discord gateway: the websocket a started bot connects to for its events.

It speaks the documented handshake (HELLO, IDENTIFY or RESUME, READY or RESUMED, heartbeats)
in plain JSON text frames, records what the bot sent, and lets a test push dispatch events
such as ``INTERACTION_CREATE`` or ask the bot to reconnect. discord.py's address for it,
``DiscordWebSocket.DEFAULT_GATEWAY``, is pointed here the way ``Route.BASE`` is for REST.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.discord.payloads import APPLICATION_ID, bot_user_payload

HELLO, IDENTIFY, RESUME, HEARTBEAT, HEARTBEAT_ACK, DISPATCH, RECONNECT = 10, 2, 6, 1, 11, 0, 7


@dataclass
class FakeGateway:
    """Every session the bot opened, what it sent, and a way to send it events."""

    url: str = ""
    received: list[dict] = field(default_factory=list)
    sessions: int = 0
    _socket: web.WebSocketResponse | None = None
    _sequence: int = 0
    _ready: asyncio.Event = field(default_factory=asyncio.Event)

    def install(self, app: web.Application) -> None:
        app.router.add_get("/gateway", self._serve)

    def sent(self, op: int) -> list[dict]:
        """The payloads the bot sent with this opcode."""
        return [m for m in self.received if m["op"] == op]

    async def wait_ready(self, timeout: float = 30.0) -> None:
        """Until the bot has identified (or resumed) on the current connection."""
        await asyncio.wait_for(self._ready.wait(), timeout)

    async def dispatch(self, event: str, data: dict) -> None:
        """Send one dispatch event (op 0) to the bot."""
        assert self._socket is not None, "the bot is not connected"
        self._sequence += 1
        await self._socket.send_str(
            json.dumps({"op": 0, "t": event, "s": self._sequence, "d": data})
        )

    async def ask_to_reconnect(self) -> None:
        """Send op 7 RECONNECT, as Discord does before moving a session to another server."""
        assert self._socket is not None
        self._ready.clear()
        await self._socket.send_str(json.dumps({"op": RECONNECT, "d": None}))

    async def _serve(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._socket = socket
        self.sessions += 1
        await socket.send_str(json.dumps({"op": HELLO, "d": {"heartbeat_interval": 41_250}}))
        async for message in socket:
            if message.type is not WSMsgType.TEXT:
                break
            payload = json.loads(message.data)
            self.received.append(payload)
            await self._answer(socket, payload)
        return socket

    async def _answer(self, socket: web.WebSocketResponse, payload: dict) -> None:
        if payload["op"] == HEARTBEAT:
            await socket.send_str(json.dumps({"op": HEARTBEAT_ACK, "d": None}))
        elif payload["op"] == IDENTIFY:
            self._sequence = 0
            await self.dispatch("READY", self._ready_payload())
            self._ready.set()
        elif payload["op"] == RESUME:
            await self.dispatch("RESUMED", {})
            self._ready.set()

    def _ready_payload(self) -> dict[str, Any]:
        return {
            "v": 10,
            "user": bot_user_payload(),
            "guilds": [],
            "session_id": "fake-session",
            "resume_gateway_url": self.url,
            "application": {"id": str(APPLICATION_ID), "flags": 0},
            "private_channels": [],
        }
