"""What a page says about itself: structured data, ``<meta>`` tags, ``<link>`` and ``<html>``.

Collected once from the parsed tree into a ``PageMetadata`` that the title, date and canonical
rules read; nothing here guesses — every value is something the page literally states.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

ARTICLE_SCHEMA_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "liveblogposting",
        "techarticle",
        "scholarlyarticle",
        "report",
        "socialmediaposting",
        "posting",
    }
)
_SPACES = re.compile(r"\s+")


def squash(text: str | None) -> str:
    """Collapse runs of whitespace (including newlines and NBSP) to single spaces."""
    return _SPACES.sub(" ", text or "").strip()


@dataclass(frozen=True)
class PageMetadata:
    """The facts a page states about itself, as found; empty strings when absent."""

    meta: dict[str, str] = field(default_factory=dict)
    """``<meta>`` content by lowercased ``property``/``name``/``itemprop`` (first one wins)."""
    structured: tuple[dict[str, Any], ...] = ()
    """JSON-LD objects of article types, flattened out of ``@graph`` and lists."""
    other_structured: tuple[dict[str, Any], ...] = ()
    title_tag: str = ""
    h1s: tuple[str, ...] = ()
    canonical: str = ""
    amphtml: str = ""
    is_amp: bool = False
    language: str = ""

    def first_meta(self, *names: str) -> str:
        """The first non-empty ``<meta>`` value among ``names``."""
        for name in names:
            value = squash(self.meta.get(name))
            if value:
                return value
        return ""

    def structured_value(self, key: str) -> Any:
        """``key`` from the first article-typed JSON-LD object that has it."""
        for item in self.structured:
            value = item.get(key)
            if value:
                return value
        return None


def read_metadata(tree: HtmlElement) -> PageMetadata:
    """Collect everything ``PageMetadata`` holds from a parsed page in one pass per kind."""
    structured, other = _json_ld(tree)
    html = tree if tree.tag == "html" else tree.getroottree().getroot()
    return PageMetadata(
        meta=_meta_tags(tree),
        structured=tuple(structured),
        other_structured=tuple(other),
        title_tag=squash(
            " ".join(tree.xpath("//head/title//text()") or tree.xpath("//title//text()")[:1])
        ),
        h1s=tuple(text for text in (squash(h.text_content()) for h in tree.iter("h1")) if text),
        canonical=_link(tree, "canonical"),
        amphtml=_link(tree, "amphtml"),
        is_amp=html is not None and ("amp" in html.attrib or "⚡" in html.attrib),
        language=squash(html.get("lang") if html is not None else ""),
    )


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if content is None:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (element.get(attribute) or "").strip().lower()
            if key and key not in found:
                found[key] = content
    return found


def _link(tree: HtmlElement, rel: str) -> str:
    for element in tree.iter("link"):
        rels = (element.get("rel") or "").lower().split()
        if rel in rels and element.get("href"):
            return element.get("href", "").strip()
    return ""


def _json_ld(tree: HtmlElement) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Article-typed JSON-LD objects, and all the other typed objects, in page order."""
    articles: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):  # RecursionError: ``[[[[…`` nested past the stack
            continue
        for item in _walk(data):
            types = item.get("@type")
            listed = types if isinstance(types, list) else [types]
            names = {t.lower() for t in listed if isinstance(t, str)}
            (articles if names & ARTICLE_SCHEMA_TYPES else others).append(item)
    return articles, others


def _walk(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every dict with an ``@type`` in JSON-LD, through lists, ``@graph`` and ``mainEntity``."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in data:
                yield from _walk(data[key], depth + 1)
