"""The publication date a page states, or nothing: a wrong date is worse than none.

htmldate reads the places where publishers state dates (structured data, ``<meta>``, ``<time>``,
the URL) first. Only when those are silent does its wider search through the page's text run,
and from that search a first-of-the-month result is dropped: it is what a bare year or month
("© 2024", "March 2020") turns into, not a date the page states.
"""

from __future__ import annotations

from datetime import date

from htmldate import find_date
from htmldate.extractors import get_external_parser
from lxml.html import HtmlElement

DATE_FORMAT = "%Y-%m-%d"
EARLIEST = "1995-01-01"


def find_published(tree: HtmlElement, url: str = "", today: date | None = None) -> str:
    """The ISO date (``YYYY-MM-DD``) the page says it was published, or ``""``."""
    latest = (today or date.today()).isoformat()
    stated = _htmldate(tree, url, latest, extensive=False)
    if stated:
        return stated
    found = _htmldate(tree, url, latest, extensive=True)
    if found.endswith("-01"):
        return ""
    return found


def warm_up() -> None:
    """Load the date parser's language data now (seconds, once per process), not on a page.

    The wide search hands free-text dates to dateparser, which loads every locale on first use;
    worker processes call this at start so no single extraction pays for it.
    """
    get_external_parser().get_date_data("Posted on 12 March 2021")


def _htmldate(tree: HtmlElement, url: str, latest: str, extensive: bool) -> str:
    try:
        found = find_date(
            tree,
            url=url or None,
            extensive_search=extensive,
            original_date=True,
            outputformat=DATE_FORMAT,
            min_date=EARLIEST,
            max_date=latest,
        )
    except (ValueError, TypeError):
        return ""
    return found or ""
