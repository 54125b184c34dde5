"""The article's headline, from what the page states, in order of how deliberately it states it.

Structured data's ``headline``, then ``og:title``, ``twitter:title``, a lone ``<h1>``, then the
best part of ``<title>``. Social titles often carry a site name ("Headline - Site") or a kicker
("Topic: Headline"), so the candidate is trimmed of parts that name the site, and a lone
``<h1>`` that is a large part of the candidate wins over it: it is what readers see as the
headline.
"""

from __future__ import annotations

import html
import re

from bot.ingest.metadata import PageMetadata, squash

_SEPARATORS = re.compile(r"\s+[|–—·•»«:/~-]{1,2}\s+|\s*\|\s*|\s+::\s+")
_QUOTES = str.maketrans({**{c: '"' for c in "„“”«»‚‘’‹›'"}, **{c: "-" for c in "–—‐‑"}})
MIN_H1_SHARE = 0.4
"""An h1 inside a longer declared title replaces it only if it is at least this share of it."""


def choose_title(metadata: PageMetadata, host: str = "") -> str:
    """The headline, or ``""`` when the page states none."""
    site_names = _site_names(metadata, host)
    h1 = metadata.h1s[0] if len(metadata.h1s) == 1 else ""
    if h1 and _is_site_name(h1, site_names):
        h1 = ""
    declared = _declared_titles(metadata)
    site_names += _title_tag_extras(metadata.title_tag, declared)
    for candidate in declared:
        trimmed = _trim_site(candidate, site_names)
        visible = [h for h in metadata.h1s[:3] if not _is_site_name(h, site_names)]
        return next((h for h in visible if _same_headline(h, trimmed)), trimmed)
    if h1:
        return h1
    return _best_part(metadata.title_tag, site_names)


def _same_headline(h1: str, declared: str) -> bool:
    """Whether a visible ``<h1>`` is the declared title, give or take a kicker or a tail.

    (An h1 *longer* than the declared title was tried too and lost more than it won.)
    """
    visible, stated = _comparable(h1), _comparable(declared)
    if visible == stated:
        return True
    return visible in stated and len(visible) >= MIN_H1_SHARE * len(stated)


def _declared_titles(metadata: PageMetadata) -> list[str]:
    found = []
    headline = metadata.structured_value("headline")
    if isinstance(headline, str):
        found.append(headline)
    found.append(metadata.first_meta("og:title"))
    found.append(metadata.first_meta("twitter:title"))
    return [text for text in (squash(html.unescape(t)) for t in found) if text]


def _site_names(metadata: PageMetadata, host: str) -> list[str]:
    names = [
        metadata.first_meta("og:site_name", "application-name", "apple-mobile-web-app-title"),
        host.lower().removeprefix("www."),
    ]
    publisher = metadata.structured_value("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        names.append(publisher["name"])
    return [squash(name) for name in names if squash(name)]


def _title_tag_extras(title_tag: str, declared: list[str]) -> list[str]:
    """Parts of ``<title>`` that no declared title contains: usually the site's name."""
    parts = _parts(title_tag)
    if len(parts) < 2:
        return []
    if not declared:
        longest = max(parts, key=len)
        return [part for part in parts if part is not longest]
    known = [_comparable(text) for text in declared]
    return [part for part in parts if not any(_comparable(part) in text for text in known)]


def _parts(text: str) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(text) if part.strip()]


def _is_site_name(part: str, site_names: list[str]) -> bool:
    lowered = _comparable(part)
    for name in site_names:
        site = _comparable(name)
        if lowered == site or (
            len(lowered) > 3 and lowered.replace(" ", "") in site.replace(" ", "")
        ):
            return True
        domain = site.split(".")[0] if "." in site and " " not in site else ""
        if domain and lowered.replace(" ", "").replace("-", "") == domain.replace("-", ""):
            return True
    return False


def _trim_site(title: str, site_names: list[str]) -> str:
    """Drop leading or trailing separator parts that name the site."""
    parts = _parts(title)
    if len(parts) < 2:
        return title
    pieces = _SEPARATORS.split(title)
    separators = _SEPARATORS.findall(title)
    start, end = 0, len(pieces)
    while end - start > 1 and _is_site_name(pieces[end - 1], site_names):
        end -= 1
    while end - start > 1 and _is_site_name(pieces[start], site_names):
        start += 1
    rebuilt = pieces[start]
    for index in range(start + 1, end):
        rebuilt += separators[index - 1] + pieces[index]
    return rebuilt.strip()


def _best_part(title: str, site_names: list[str]) -> str:
    """The longest part of ``<title>`` that is not the site's name."""
    parts = [part for part in _parts(title) if not _is_site_name(part, site_names)]
    return max(parts, key=len) if parts else squash(title)


def _comparable(text: str) -> str:
    return squash(text.translate(_QUOTES)).casefold()
