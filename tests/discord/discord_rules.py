"""What Discord refuses: its documented limits on messages, embeds, choices and commands.

The fake Discord applies these to every request, so a bot that oversteps a limit gets the same
``400 Invalid Form Body`` it would get from Discord.
"""

from __future__ import annotations

import re


class DiscordError(Exception):
    """A Discord API error response: HTTP status, JSON error code and message."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _bad(message: str) -> DiscordError:
    return DiscordError(400, 50035, f"Invalid Form Body: {message}")


def validate_message(data: dict) -> None:
    """Discord's documented message limits."""
    if len(data.get("content") or "") > 2000:
        raise _bad("content: Must be 2000 or fewer in length.")
    embeds = data.get("embeds") or []
    if len(embeds) > 10:
        raise _bad("embeds: Must be 10 or fewer in length.")
    total = 0
    for embed in embeds:
        total += validate_embed(embed)
    if total > 6000:
        raise _bad("embeds: Embed size exceeds maximum size of 6000")
    rows = data.get("components") or []
    if len(rows) > 5:
        raise _bad("components: Must be 5 or fewer in length.")
    for row in rows:
        if len(row.get("components", [])) > 5:
            raise _bad("components.components: Must be 5 or fewer in length.")
        for component in row.get("components", []):
            if len(component.get("custom_id", "")) > 100:
                raise _bad("custom_id: Must be 100 or fewer in length.")
            if len(component.get("label", "")) > 80:
                raise _bad("label: Must be 80 or fewer in length.")


def validate_embed(embed: dict) -> int:
    """Check one embed's field limits and return its size towards the 6,000 total."""
    limits = {"title": 256, "description": 4096}
    size = 0
    for key, limit in limits.items():
        value = embed.get(key) or ""
        if len(value) > limit:
            raise _bad(f"embeds.{key}: Must be {limit} or fewer in length.")
        size += len(value)
    fields = embed.get("fields") or []
    if len(fields) > 25:
        raise _bad("embeds.fields: Must be 25 or fewer in length.")
    for item in fields:
        if not item.get("name") or not item.get("value"):
            raise _bad("embeds.fields: name and value are required.")
        if len(item["name"]) > 256 or len(item["value"]) > 1024:
            raise _bad("embeds.fields: Must be 256/1024 or fewer in length.")
        size += len(item["name"]) + len(item["value"])
    footer = (embed.get("footer") or {}).get("text", "")
    author = (embed.get("author") or {}).get("name", "")
    if len(footer) > 2048 or len(author) > 256:
        raise _bad("embeds.footer/author: too long.")
    url = embed.get("url")
    if url is not None and not url.startswith(("http://", "https://")):
        raise _bad("embeds.url: Scheme must be one of ('http', 'https').")
    return size + len(footer) + len(author)


def validate_choices(choices: list[dict]) -> None:
    if len(choices) > 25:
        raise _bad("choices: Must be 25 or fewer in length.")
    for choice in choices:
        if not 1 <= len(choice["name"]) <= 100 or len(str(choice["value"])) > 100:
            raise _bad("choices: name and value must be 1-100 characters.")


def validate_command(command: dict) -> None:
    """Discord's registration rules for names, descriptions and options."""
    name_ok = re.fullmatch(r"[-_\w]{1,32}", command["name"])
    if command.get("type", 1) == 1:
        if not name_ok or command["name"] != command["name"].lower():
            raise _bad(f"name: {command['name']!r} is not a valid slash command name.")
        if not 1 <= len(command.get("description", "")) <= 100:
            raise _bad(f"{command['name']}: description must be 1-100 characters.")
    elif not 1 <= len(command["name"]) <= 32:
        raise _bad(f"name: {command['name']!r} must be 1-32 characters.")
    options = command.get("options") or []
    if len(options) > 25:
        raise _bad("options: Must be 25 or fewer in length.")
    for option in options:
        if (
            not re.fullmatch(r"[-_\w]{1,32}", option["name"])
            or option["name"] != option["name"].lower()
        ):
            raise _bad(f"options.name: {option['name']!r} invalid.")
        if not 1 <= len(option.get("description", "")) <= 100:
            raise _bad(f"options.{option['name']}.description: must be 1-100 characters.")


def check_invocation(data: dict, registered: list[dict]) -> None:
    """What Discord's client would never send for a registered command: a string option
    outside its ``min_length``/``max_length``. SimCord refuses these too; without this check a
    test could pass a 100,000-character ``text`` that no user can type."""
    command = next((c for c in registered if c["name"] == data["name"]), None)
    if command is None:
        return
    declared = command.get("options") or []
    for given in data.get("options") or []:
        spec = next((o for o in declared if o["name"] == given["name"]), None)
        if spec is None:
            continue
        if given.get("options") is not None:  # a subcommand: its own options
            check_invocation(given, [spec])
            continue
        if spec.get("type") == 3 and isinstance(given.get("value"), str):
            length = len(given["value"])
            if length > spec.get("max_length", 6000) or length < spec.get("min_length", 0):
                raise ValueError(
                    f"Discord's client does not send {given['name']!r} of {length} characters "
                    f"(allowed {spec.get('min_length', 0)}-{spec.get('max_length', 6000)})."
                )
