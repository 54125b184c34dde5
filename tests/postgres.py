"""A fresh PostgreSQL database per test, on the server CI starts (``.ci/with-postgres``).

The server's address comes from ``BRIEFBOT_TEST_POSTGRES``; without it the PostgreSQL tests
are skipped with that reason, so the suite still runs where no server is installed. Each test
gets a schema of its own (the URL puts it first on the search path), dropped after.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from bot.store.postgres import PostgresStore

SERVER_VARIABLE = "BRIEFBOT_TEST_POSTGRES"
SKIP_REASON = (
    f"{SERVER_VARIABLE} is not set: no PostgreSQL server for the tests "
    "(.ci/run starts one; run `.ci/with-postgres pytest …` to start one yourself)"
)


def server_url() -> str:
    """The test server's URL (its maintenance database), or skip the test."""
    url = os.environ.get(SERVER_VARIABLE, "")
    if not url:
        pytest.skip(SKIP_REASON)
    return url


def schema_url(server: str, schema: str) -> str:
    """The server's URL with ``schema`` first on the search path: asyncpg passes an unknown
    URL parameter on as a server setting, so every connection of the pool works in it."""
    parts = urlsplit(server)
    query = "&".join(q for q in (parts.query, f"search_path={schema}") if q)
    return urlunsplit(parts._replace(query=query))


async def create_database(*, migrated: bool = True) -> str:
    """A new, empty schema on the test server (migrated, unless asked for none); its URL.

    A schema per test isolates tests as a database would, at a fraction of the cost (a new
    database copies a template: most of a second each).
    """
    server = server_url()
    schema = f"briefbot_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(server)
    try:
        await admin.execute(f"CREATE SCHEMA {schema}")
    finally:
        await admin.close()
    url = schema_url(server, schema)
    if migrated:
        await (await PostgresStore.open(url)).close()
    return url


async def drop_database(url: str) -> None:
    """Drop a test's schema and everything in it."""
    schema = dict(pair.split("=", 1) for pair in urlsplit(url).query.split("&"))["search_path"]
    admin = await asyncpg.connect(server_url())
    try:
        await admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    finally:
        await admin.close()


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    """A fresh, migrated PostgreSQL database for one test (skipped without a server)."""
    url = await create_database()
    yield url
    await drop_database(url)


@pytest.fixture
async def empty_postgres_url() -> AsyncIterator[str]:
    """A fresh PostgreSQL database with no tables at all."""
    url = await create_database(migrated=False)
    yield url
    await drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """``BRIEFBOT_DATABASE`` for a test that runs on both drivers: a SQLite file, then a fresh
    PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "briefbot.db")
    else:
        yield request.getfixturevalue("postgres_url")
