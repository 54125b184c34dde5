"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.model import load_pipeline

pytest_plugins = ["tests.postgres"]
"""The PostgreSQL fixtures (``postgres_url``, ``database``, …) for every test folder."""


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real English pipeline, loaded once (about a second)."""
    return load_pipeline()
