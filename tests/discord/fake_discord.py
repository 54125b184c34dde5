"""A fake Discord: a real HTTP server on 127.0.0.1 that discord.py talks to.

Nothing in discord.py or in Briefbot is replaced. ``discord.http.Route.BASE`` (the API address
discord.py builds every REST and webhook URL from) points at this server, so every request
goes through discord.py's own serialisation, aiohttp and rate-limit code. Interactions arrive
the way the gateway delivers them: a raw ``INTERACTION_CREATE`` payload handed to the
connection state's parser.

Like Discord, the server rejects what Discord rejects (oversized embeds and content, too many
fields or choices, answering an interaction twice or after its three seconds), so a limit bug
fails the test with the same 400 a real deployment would log.

After a "thinking…" deferral it follows Discord's documentation of Create Followup Message:
the first follow-up edits the loading message instead of creating one, and the ephemeral flag
it carries is ignored (the deferral's visibility stays). A follow-up after the loading message
was deleted is refused with 10008 Unknown Message, as Discord has answered it
(discord/discord-api-docs#2739), so a bot that deletes its placeholder to make room for a
private follow-up loses the message here as it would there.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.discord.discord_rules import (
    DiscordError,
    check_invocation,
    validate_choices,
    validate_command,
    validate_message,
)
from tests.discord.gateway import FakeGateway
from tests.discord.payloads import (
    APPLICATION_ID,
    bot_user_payload,
    message_payload,
    snowflake,
)

ACK_DEADLINE = 3.0
"""Seconds Discord gives a bot to acknowledge an interaction."""

MESSAGE_FLAG_EPHEMERAL = 64
MESSAGE_FLAG_LOADING = 128


@dataclass
class Request:
    """One HTTP request discord.py made, as the server received it."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    headers: dict[str, str]
    at: float

    @property
    def is_message(self) -> bool:
        """Whether this request creates or edits a message (and so must carry mentions)."""
        body = self.body if isinstance(self.body, dict) else {}
        data = body.get("data", body) if self.path.endswith("/callback") else body
        if self.path.endswith("/callback") and body.get("type") not in (4, 7):
            return False
        return isinstance(data, dict) and any(k in data for k in ("content", "embeds"))

    @property
    def message_data(self) -> dict:
        body = self.body if isinstance(self.body, dict) else {}
        return body.get("data", {}) if self.path.endswith("/callback") else body


@dataclass
class InteractionRecord:
    payload: dict
    received: float
    callback_type: int | None = None
    original_id: str | None = None
    deleted_while_loading: bool = False
    """The deferred "thinking…" message was deleted before any answer replaced it."""


@dataclass
class FakeDiscord:
    """The server's state: every request, every message it holds, every open interaction."""

    requests: list[Request] = field(default_factory=list)
    messages: dict[str, dict] = field(default_factory=dict)
    interactions: dict[str, InteractionRecord] = field(default_factory=dict)
    commands: dict[str, list[dict]] = field(default_factory=dict)
    pages: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    downloads: list[str] = field(default_factory=list)
    forbidden_guilds: set[str] = field(default_factory=set)
    """Servers the bot is not in: registering commands there is refused with 403."""
    gateway: FakeGateway = field(default_factory=FakeGateway)
    token: str = "test-token"
    """The one bot token this Discord accepts; any other gets 401 at login."""
    base_url: str = ""
    _runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application(client_max_size=50_000_000)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._api)
        app.router.add_get("/files/{name}", self._file)
        self.gateway.install(app)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"
        self.gateway.url = f"ws://127.0.0.1:{port}/gateway"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"{self.base_url}/api/v10"

    def serve_file(self, name: str, data: bytes, content_type: str) -> str:
        """Make ``data`` downloadable (an attachment or an article page); returns its URL."""
        self.pages[name] = (data, content_type)
        return f"{self.base_url}/files/{name}"

    def expect_interaction(self, payload: dict) -> None:
        """Open an interaction as the gateway sends it; its token becomes valid for callbacks.

        A command invocation Discord's client would refuse to send (a string option over its
        ``max_length``) is a mistake in the test, raised here.
        """
        if payload["type"] == 2 and payload["data"].get("type") == 1:
            registered = [c for commands in self.commands.values() for c in commands]
            check_invocation(payload["data"], registered)
        self.interactions[payload["token"]] = InteractionRecord(payload, time.monotonic())

    # -- what tests read -------------------------------------------------------------------

    def requests_for(self, payload: dict) -> list[Request]:
        """The requests answering one interaction, in order."""
        token = payload["token"]
        return [r for r in self.requests if f"/{token}" in r.path]

    def original(self, payload: dict) -> dict:
        """The interaction's original response message as it now stands."""
        record = self.interactions[payload["token"]]
        assert record.original_id is not None, "the interaction was never answered with a message"
        return self.messages[record.original_id]

    def original_or_none(self, payload: dict) -> dict | None:
        record = self.interactions[payload["token"]]
        return self.messages.get(record.original_id or "")

    def followups(self, payload: dict) -> list[dict]:
        token = payload["token"]
        return [
            self.messages[m["id"]]
            for m in self.messages.values()
            if m.get("_token") == token and m["id"] != self.interactions[token].original_id
        ]

    # -- HTTP ------------------------------------------------------------------------------

    async def _file(self, request: web.Request) -> web.Response:
        entry = self.pages.get(request.match_info["name"])
        self.downloads.append(request.match_info["name"])
        if entry is None:
            return web.Response(status=404)
        data, content_type = entry
        return web.Response(body=data, headers={"Content-Type": content_type})

    async def _api(self, request: web.Request) -> web.StreamResponse:
        body = await _read_body(request)
        path = "/" + request.match_info["tail"]
        self.requests.append(
            Request(
                request.method,
                path,
                dict(request.query),
                body,
                dict(request.headers),
                time.monotonic(),
            )
        )
        try:
            if path == "/users/@me" and request.headers.get("Authorization") != f"Bot {self.token}":
                raise DiscordError(401, 0, "401: Unauthorized")
            result = self._route(request.method, path.split("/")[1:], body)
        except DiscordError as error:
            return _json({"code": error.code, "message": error.message}, error.status)
        if result is None:
            return web.Response(status=204)
        return _json(result)

    def _route(self, method: str, parts: list[str], body: Any) -> Any:
        match method, parts:
            case "GET", ["users", "@me"]:
                return bot_user_payload()
            case "GET", ["oauth2", "applications", "@me"]:
                return _application()
            case "PUT", ["applications", _, "commands"]:
                return self._register_commands("global", body)
            case "PUT", ["applications", _, "guilds", guild, "commands"]:
                if guild in self.forbidden_guilds:
                    raise DiscordError(403, 50001, "Missing Access")
                return self._register_commands(guild, body)
            case "POST", ["interactions", _, token, "callback"]:
                return self._callback(token, body)
            case "POST", ["webhooks", _, token]:
                return self._followup(token, body)
            case (("GET" | "PATCH" | "DELETE"), ["webhooks", _, token, "messages", message]):
                return self._webhook_message(method, token, message, body)
        raise DiscordError(404, 0, f"404: Not Found ({method} /{'/'.join(parts)})")

    def _register_commands(self, where: str, body: list[dict]) -> list[dict]:
        for command in body:
            validate_command(command)
        # Discord echoes each command with its defaults filled in and an id.
        defaults = {"description": "", "options": [], "default_member_permissions": None}
        registered = [
            {
                **defaults,
                **c,
                "id": snowflake(),
                "application_id": str(APPLICATION_ID),
                "version": snowflake(),
            }
            for c in body
        ]
        self.commands[where] = registered
        return registered

    def _interaction(self, token: str) -> InteractionRecord:
        record = self.interactions.get(token)
        if record is None:
            raise DiscordError(404, 10015, "Unknown Webhook")
        return record

    def _callback(self, token: str, body: dict) -> dict:
        record = self.interactions.get(token)
        if record is None or time.monotonic() - record.received > ACK_DEADLINE:
            raise DiscordError(404, 10062, "Unknown interaction")
        if record.callback_type is not None:
            raise DiscordError(400, 40060, "Interaction has already been acknowledged.")
        kind = body["type"]
        data = body.get("data") or {}
        interaction = record.payload
        answer: dict[str, Any] = {
            "interaction": {"id": interaction["id"], "type": interaction["type"]}
        }
        if kind == 8:
            validate_choices(data.get("choices", []))
        elif kind in (4, 5):
            flags = data.get("flags", 0)
            if kind == 5:
                flags |= MESSAGE_FLAG_LOADING
            else:
                validate_message(data)
            message = self._store(token, data, flags)
            record.original_id = message["id"]
            answer["interaction"]["response_message_id"] = message["id"]
            answer["interaction"]["response_message_loading"] = kind == 5
            answer["interaction"]["response_message_ephemeral"] = bool(flags & 64)
            answer["resource"] = {"type": kind, "message": _public(message)}
        elif kind == 7:
            validate_message(data)
            clicked = interaction["message"]
            stored = self.messages.get(clicked["id"], clicked)
            message = {**stored, **{k: v for k, v in data.items() if k != "allowed_mentions"}}
            message["_last_allowed_mentions"] = data.get("allowed_mentions")
            self.messages[message["id"]] = message
            answer["resource"] = {"type": kind, "message": _public(message)}
        elif kind != 6:
            raise DiscordError(400, 50035, f"Invalid Form Body (callback type {kind})")
        record.callback_type = kind
        return answer

    def _store(self, token: str, data: dict, flags: int) -> dict:
        channel_id = int(self.interactions[token].payload["channel_id"])
        message = message_payload(
            data.get("content", ""),
            channel_id=channel_id,
            author=bot_user_payload(),
            embeds=data.get("embeds", []),
            components=data.get("components", []),
            flags=flags,
        )
        message["_token"] = token
        message["_last_allowed_mentions"] = data.get("allowed_mentions")
        self.messages[message["id"]] = message
        return message

    def _followup(self, token: str, body: dict) -> dict:
        record = self._interaction(token)
        if record.callback_type is None:
            raise DiscordError(404, 10015, "Unknown Webhook")
        validate_message(body)
        if record.deleted_while_loading:
            raise DiscordError(404, 10008, "Unknown Message")
        if record.callback_type == 5 and self._loading(record):
            # The first follow-up after a deferral edits the loading message; its own flags
            # are ignored, so the deferral's visibility stays.
            return self._edit(record.original_id, body)  # type: ignore[arg-type]
        return _public(self._store(token, body, body.get("flags", 0)))

    def _loading(self, record: InteractionRecord) -> bool:
        message = self.messages.get(record.original_id or "")
        return bool(message and message["flags"] & MESSAGE_FLAG_LOADING)

    def _webhook_message(self, method: str, token: str, message_id: str, body: Any) -> Any:
        record = self._interaction(token)
        if message_id == "@original":
            message_id = record.original_id or ""
        message = self.messages.get(message_id)
        if message is None or message.get("_token") != token:
            raise DiscordError(404, 10008, "Unknown Message")
        if method == "GET":
            return _public(message)
        if method == "DELETE":
            loading = bool(message["flags"] & MESSAGE_FLAG_LOADING)
            del self.messages[message_id]
            if record.original_id == message_id:
                record.original_id = None
                record.deleted_while_loading = loading
            return None
        validate_message(body)
        return self._edit(message_id, body)

    def _edit(self, message_id: str, body: dict) -> dict:
        message = self.messages[message_id]
        for key in ("content", "embeds", "components"):
            if key in body:
                message[key] = body[key]
        message["flags"] &= ~MESSAGE_FLAG_LOADING
        message["_last_allowed_mentions"] = body.get("allowed_mentions")
        return _public(message)


async def _read_body(request: web.Request) -> Any:
    """JSON bodies as is; multipart bodies as their ``payload_json`` plus the file names."""
    if request.content_type == "application/json":
        return await request.json()
    if request.content_type.startswith("multipart/"):
        body: dict[str, Any] = {}
        files = []
        async for part in await request.multipart():
            if part.name == "payload_json":
                body.update(json.loads(await part.text()))
            else:
                files.append(part.filename)
                await part.read()
        body["_files"] = files
        return body
    text = await request.text()
    return json.loads(text) if text else None


def _json(data: Any, status: int = 200) -> web.Response:
    """A JSON response with Discord's exact content type (discord.py compares it verbatim)."""
    body = json.dumps(data).encode()
    return web.Response(body=body, status=status, headers={"Content-Type": "application/json"})


def _public(message: dict) -> dict:
    return {k: v for k, v in message.items() if not k.startswith("_")}


def _application() -> dict:
    owner = {**bot_user_payload(), "id": "800000000000009999", "username": "owner", "bot": False}
    return {
        "id": str(APPLICATION_ID),
        "name": "Briefbot",
        "icon": None,
        "description": "News briefings",
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "owner": owner,
        "flags": 0,
        "team": None,
        "summary": "",
        "rpc_origins": [],
        "interactions_endpoint_url": None,
    }
