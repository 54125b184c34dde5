"""The service as one CLI command uses it: opened for the command, closed when it ends.

The CLI runs its one analysis in one worker process, like the bot: a job past the time limit is
killed with its process, so the command exits when it says it stopped (a thread could not be
stopped, and Python waits for it at exit). The worker loads spaCy when the job needs it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.config import Settings
from bot.errors import InputError
from bot.models import LOCAL_SCOPE, Scope
from bot.service import Service
from bot.workers import WorkerPool


@asynccontextmanager
async def cli_service(settings: Settings, *, store: bool = True) -> AsyncIterator[Service]:
    """A ``Service`` on the configured database, or on a throwaway one when ``store`` is off."""
    if not store:
        settings = dataclasses.replace(settings, database=":memory:", prune_days=0)
    pool = WorkerPool(1, 1, settings.analysis_timeout, model="")
    service = await Service.open(settings, pool=pool)
    try:
        yield service
    finally:
        await service.close()
        await pool.close()


def parse_scope(key: str) -> Scope:
    """``--scope`` as typed (``local``, ``guild:123``, ``dm:456``), refused when malformed."""
    if key == "local":
        return LOCAL_SCOPE
    try:
        return Scope.parse(key)
    except ValueError:
        raise InputError(f"{key!r} is not a scope; use local, guild:ID or dm:ID.") from None
