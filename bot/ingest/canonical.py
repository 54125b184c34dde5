"""Which URL an article is cached under: its own ``rel=canonical`` when that is trustworthy.

A page may name any URL as canonical, so one on another site is ignored — otherwise a stranger's
page could claim to be a newspaper's article and poison the cache for everyone. AMP pages point
to their regular version this way; pages served from Google's AMP cache
(``www-example-com.cdn.ampproject.org/c/s/www.example.com/…``) carry their origin in the path,
and their canonical is trusted when it is on that origin's site.
"""

from __future__ import annotations

from yarl import URL

from bot.ingest.urls import canonical_url

AMP_CACHE_SUFFIXES = (".cdn.ampproject.org", ".ampproject.net")
_SECOND_LEVEL = frozenset(
    {"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go", "gv", "gob", "nic", "mil"}
)


def choose_canonical(page_url: str, declared: str) -> str:
    """The cache key for a page at ``page_url`` that declares ``declared`` as canonical."""
    fallback = canonical_url(page_url) if page_url else ""
    if not declared or not page_url:
        return fallback
    try:
        base = URL(page_url)
        target = base.join(URL(declared.strip()))
    except (ValueError, IndexError):  # yarl: IndexError on some ``]…[…@`` authorities
        return fallback
    if target.scheme not in ("http", "https") or not target.host:
        return fallback
    origin = _amp_cache_origin(base) or base.host or ""
    if registrable_domain(target.host) != registrable_domain(origin):
        return fallback
    return canonical_url(str(target))


def _amp_cache_origin(url: URL) -> str | None:
    host = url.host or ""
    if not host.endswith(AMP_CACHE_SUFFIXES):
        return None
    parts = [part for part in url.path.split("/") if part]
    # /c/s/origin/… (https) or /c/origin/… ; also /v/ for viewer URLs.
    while parts and parts[0] in {"c", "v", "s", "i", "r"}:
        parts.pop(0)
    return parts[0].lower() if parts else None


def registrable_domain(host: str) -> str:
    """``news.bbc.co.uk`` → ``bbc.co.uk``; ``amp.theguardian.com`` → ``theguardian.com``.

    A small approximation of the public-suffix rule, enough to tell one site from another for
    the common two-level country suffixes (``co.uk``, ``com.au``, ``ne.jp``…).
    """
    labels = host.lower().rstrip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])
