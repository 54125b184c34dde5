"""The functions worker processes run: extraction and analysis, each a pure call in, data out.

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


def analyze_page(page: object, options: AnalysisOptions, model: str) -> tuple[Article, Analysis]:
    """Extract a fetched page (HTML, text or PDF) and analyze it, in one trip to a worker."""
    from bot.ingest.extract import extract_page

    article = extract_page(page)  # type: ignore[arg-type]
    return article, analyze(article, options, load_pipeline(model))


def analyze_file(
    data: bytes, filename: str, options: AnalysisOptions, model: str, max_pdf_pages: int
) -> tuple[Article, Analysis]:
    """Read an uploaded or local file (.txt, .md, .html, .pdf) and analyze it."""
    from bot.ingest.files import article_from_bytes

    article = article_from_bytes(data, filename, max_pdf_pages=max_pdf_pages)
    return article, analyze(article, options, load_pipeline(model))
