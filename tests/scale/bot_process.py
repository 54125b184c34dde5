"""One bot process of a sharded deployment, logged in to a fake Discord on 127.0.0.1.

Run as ``python -m tests.scale.bot_process API GATEWAY DATABASE SHARD_COUNT SHARD_IDS``. It is
the real bot (``create_bot``, every cog, the dispatcher and the feed poller) with discord.py's
addresses pointed at the fake, as ``tests/discord/conftest.py`` does in-process. It prints
``ready`` once its shards are connected, and on SIGTERM prints its analysis cache counters as
JSON and exits.
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import sys

import discord
import yarl
from discord.gateway import DiscordWebSocket

from bot.client import create_bot
from bot.config import Settings


async def serve(api: str, gateway: str, database: str, count: int, shard_ids: str) -> None:
    discord.http.Route.BASE = api
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    settings = Settings(
        database=database,
        workers=0,
        shard_count=count,
        shard_ids=shard_ids,
        fetch_allow_loopback=True,
        cooldown_uses=50,
    )
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with create_bot(settings) as bot:
        running = asyncio.create_task(bot.start("test-token"))
        await bot.wait_until_ready()
        print("ready", flush=True)
        await stop.wait()
        cache = bot.service.cache
        print(json.dumps({"misses": cache.misses, "hits": cache.hits}), flush=True)
        await bot.close()
        await running


if __name__ == "__main__":
    api, gateway, database, count, shard_ids = sys.argv[1:6]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    asyncio.run(serve(api, gateway, database, int(count), shard_ids))
