"""What worker processes run: their start-up, and the analysis of an article (data in, out).

They are module-level (picklable by name) and take only plain data, so the pool can send them to
another process. Each worker loads its spaCy pipeline once (``load_pipeline`` is cached).
"""

from __future__ import annotations

from bot.models import Analysis, Article
from bot.nlp.analyze import AnalysisOptions, analyze
from bot.nlp.model import load_pipeline


def prepare_worker(model: str) -> None:
    """Load, once per worker process, what would otherwise slow down its first job.

    The spaCy pipeline (about a second) and the extractor's date-parsing data (about three):
    paid at start-up rather than by the first user's request.
    """
    from bot.ingest.extract import prepare

    load_pipeline(model)
    prepare()


def analyze_article(article: Article, options: AnalysisOptions, model: str) -> Analysis:
    """Analyze an article that is already text."""
    return analyze(article, options, load_pipeline(model))
