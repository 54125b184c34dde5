"""Fixtures for the store and service tests: a real SQLite file under ``tmp_path``."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from spacy.language import Language

from bot.config import Settings
from bot.service import Service
from bot.workers import WorkerPool


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(database=str(tmp_path / "briefbot.db"), workers=0, analysis_timeout=120.0)


@pytest.fixture
async def service(settings: Settings) -> AsyncIterator[Service]:
    """The service with its analyses run in a thread of the test process, as the CLI does."""
    pool = WorkerPool(0, 8, settings.analysis_timeout, settings.spacy_model)
    opened = await Service.open(settings, pool=pool)
    yield opened
    await opened.close()
    await pool.close()


@pytest.fixture
async def analyzing_service(service: Service, nlp: Language) -> Service:
    """The service, with spaCy already loaded (once per session) for tests that analyse."""
    return service
