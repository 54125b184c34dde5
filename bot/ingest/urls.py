"""Links as users type them: find them in a message, refuse the dangerous ones, key the cache.

``validate_url`` is the first gate (the scheme, port, credentials and host name a stranger
chose); the second gate is in ``bot.ingest.guard``, which checks the address of every socket
the fetcher opens, because a harmless-looking name can resolve anywhere. URLs are parsed with
yarl, the same parser aiohttp uses, so the gate and the client never disagree about the host.
"""

from __future__ import annotations

import re

from yarl import URL

from bot.errors import BlockedURLError, BriefbotError, InputError
from bot.ingest.addresses import is_blocked, parse_ip

MAX_URL_LENGTH = 2048
ALLOWED_SCHEMES = frozenset({"http", "https"})
ALLOWED_PORTS = frozenset({80, 443})

BLOCKED_HOSTS = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "broadcasthost"})
BLOCKED_SUFFIXES = (
    ".localhost",
    ".local",
    ".localdomain",
    ".internal",
    ".home.arpa",
    ".onion",
    ".in-addr.arpa",
    ".ip6.arpa",
)

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "_ga",
        "_gl",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "rb_clickid",
        "srsltid",
        "ocid",
        "cmpid",
        "__twitter_impression",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")

_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'`|]+", re.IGNORECASE)
_TRAILING_PUNCTUATION = ".,;:!?'\"”’»)]}*_~"
_LABEL = r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
_HOST_NAME = re.compile(rf"(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*")
"""Letters, digits, hyphens (and the underscores some real hosts use), in labels of 1–63."""
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f\\]")


def validate_url(url: str, allow_loopback: bool = False) -> str:
    """Return ``url`` normalised if the bot may fetch it, else raise a domain error.

    Refuses anything but http(s), ports other than 80/443, credentials, local host names and
    IP literals (in any spelling) that are not public. ``allow_loopback`` is for tests only: it
    admits 127.0.0.0/8 and ::1 and lifts the port rule; the fetcher then still refuses a
    non-standard port on any address that is not loopback.
    """
    parsed = _parse(url)
    host = _check_host(parsed, allow_loopback)
    port = parsed.port
    if port not in ALLOWED_PORTS and not allow_loopback:
        raise BlockedURLError("Links must use the standard web ports (80 or 443).")
    return str(parsed.with_host(host).with_fragment(None))


def _parse(url: str) -> URL:
    text = url.strip()
    if not text:
        raise InputError("The link is empty.")
    if len(text) > MAX_URL_LENGTH:
        raise InputError(f"The link is too long (over {MAX_URL_LENGTH} characters).")
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if scheme not in ALLOWED_SCHEMES:
        raise BlockedURLError("Only http:// and https:// links can be fetched.")
    if _CONTROL_OR_SPACE.search(text):
        raise InputError("The link contains spaces, backslashes or control characters.")
    try:
        parsed = URL(text)
    except (ValueError, IndexError):
        # yarl's splitter raises IndexError for some bracket-and-``@`` authorities.
        raise InputError("That does not look like a valid link.") from None
    if parsed.scheme not in ALLOWED_SCHEMES or not parsed.absolute:
        raise InputError("That does not look like a valid link.")
    if parsed.user is not None or parsed.password is not None or "@" in (parsed.raw_authority):
        raise BlockedURLError("Links with a user name or password are not allowed.")
    return parsed


def _check_host(parsed: URL, allow_loopback: bool) -> str:
    """The host to connect to (lowercase, no trailing dot), refusing local names and addresses."""
    host = (parsed.raw_host or "").lower().rstrip(".")
    if not host:
        raise InputError("The link has no host name.")
    address = parse_ip(host)
    if address is not None:
        if is_blocked(address, allow_loopback):
            raise BlockedURLError("That link points to a private or reserved address.")
        return str(address)
    if host in BLOCKED_HOSTS or host.endswith(BLOCKED_SUFFIXES):
        raise BlockedURLError("That link points to a local or internal host name.")
    if not _HOST_NAME.fullmatch(host) or host.split(".")[-1].isdigit():
        raise InputError("That does not look like a valid host name.")
    if "." not in host:
        raise BlockedURLError("Links need a full domain name (like example.com).")
    return host


def canonical_url(url: str) -> str:
    """The cache key for a link: lowercase scheme and host, no default port, fragment or tracking.

    Parameter order and the path are kept as given (servers may care); only parameters that
    exist to track the click (``utm_*``, ``fbclid``, ``gclid``…) are dropped. Never raises: a
    link yarl cannot rebuild (a host with ``%``, ``<`` or a space) is keyed as typed, and
    ``validate_url`` refuses it before anything is fetched.
    """
    text = url.strip()
    try:
        parsed = URL(text)
        return _canonical(parsed) if parsed.absolute else text
    except (ValueError, IndexError):
        return text


def _canonical(parsed: URL) -> str:
    kept = [
        (key, value)
        for key, value in parsed.query.items()
        if key.lower() not in TRACKING_PARAMS and not key.lower().startswith(TRACKING_PREFIXES)
    ]
    host = (parsed.raw_host or "").lower().rstrip(".")
    # with_path drops the query and fragment, so it comes first.
    result = parsed.with_path(parsed.raw_path or "/", encoded=True).with_query(kept or None)
    result = result.with_scheme(parsed.scheme.lower()).with_host(host)
    if parsed.explicit_port and parsed.port == _default_port(parsed.scheme):
        result = result.with_port(None)
    return str(result)


def has_usable_host(url: str) -> bool:
    """True when ``url`` is an http(s) link whose host is a well-formed name or IP literal.

    A syntax check only, for links a stranger's feed lists: whether the bot may fetch the host
    is still ``validate_url``'s call at fetch time.
    """
    try:
        host = (_parse(url).raw_host or "").lower().rstrip(".")
    except BriefbotError:
        return False
    return parse_ip(host) is not None or _HOST_NAME.fullmatch(host) is not None


def _default_port(scheme: str) -> int | None:
    return {"http": 80, "https": 443}.get(scheme.lower())


def find_urls(text: str) -> list[str]:
    """Every http(s) link in a chat message, in order, without duplicates.

    Handles Discord's ``<https://…>`` (embed suppressed) and Markdown ``[label](https://…)``
    forms, and drops sentence punctuation after a link unless it closes a bracket opened inside
    the link (Wikipedia-style ``…_(film)``).
    """
    found: list[str] = []
    for match in _URL_IN_TEXT.finditer(text):
        candidate = _trim(match.group(0))
        if candidate and candidate not in found:
            found.append(candidate)
    return found


def _trim(candidate: str) -> str:
    while candidate and candidate[-1] in _TRAILING_PUNCTUATION:
        last = candidate[-1]
        opener = {")": "(", "]": "[", "}": "{"}.get(last)
        if opener and candidate.count(opener) >= candidate.count(last):
            break
        candidate = candidate[:-1]
    return candidate
