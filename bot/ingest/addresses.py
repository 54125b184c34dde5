"""Which IP addresses the bot may connect to: only public unicast ones.

``ipaddress``'s ``is_global`` is not enough on its own: it calls multicast addresses global,
knows nothing of cloud metadata endpoints, and an IPv6 address can carry a private IPv4 inside
it (IPv4-mapped, NAT64, 6to4, Teredo), which some networks will happily route. Host names that
are numbers in disguise (``127.1``, ``2130706433``, ``0x7f000001``, ``017700000001``) are read
the way the C resolver reads them, so they cannot slip past a check that only knows dotted quads.
"""

from __future__ import annotations

import ipaddress
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network

IPAddress = IPv4Address | IPv6Address

METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(text) for text in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
"""Cloud instance-metadata endpoints (AWS/GCP/Azure, AWS IPv6, Alibaba): credentials live there."""

_EXTRA_BLOCKED_V4 = tuple(
    IPv4Network(net)
    for net in (
        "0.0.0.0/8",  # "this network"
        "100.64.0.0/10",  # carrier-grade NAT, shared address space
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # documentation
        "192.88.99.0/24",  # 6to4 relay anycast
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # documentation
        "203.0.113.0/24",  # documentation
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, including the broadcast address
    )
)

_NAT64_PREFIXES = (IPv6Network("64:ff9b::/96"),)
_LOCAL_NAT64 = IPv6Network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = IPv6Network("::/96")

_DECIMAL_DIGITS = frozenset("0123456789")
_OCTAL_DIGITS = frozenset("01234567")
_HEX_DIGITS = frozenset("0123456789abcdef")

_LOOPBACK_V4 = IPv4Network("127.0.0.0/8")
_LOOPBACK_V6 = IPv6Address("::1")


def parse_ip(host: str) -> IPAddress | None:
    """The address ``host`` denotes when it is an IP literal in any spelling, else ``None``.

    Accepts bracketed IPv6 (``[::1]``), IPv6 zone ids, and every IPv4 form ``inet_aton`` accepts:
    one to four parts, each decimal, octal (leading ``0``) or hex (``0x``), the last part filling
    the remaining bytes.
    """
    text = host.strip().rstrip(".")
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if ":" in text:
        try:
            return IPv6Address(text.split("%", 1)[0])
        except ValueError:
            return None
    return _parse_ipv4_loose(text)


def _parse_ipv4_loose(text: str) -> IPv4Address | None:
    parts = text.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers: list[int] = []
    for part in parts:
        number = _parse_ipv4_part(part)
        if number is None:
            return None
        numbers.append(number)
    *leading, last = numbers
    if any(n > 255 for n in leading) or last >= 256 ** (5 - len(numbers)):
        return None
    value = 0
    for n in leading:
        value = value * 256 + n
    value = value * 256 ** (5 - len(numbers)) + last
    return IPv4Address(value)


def _parse_ipv4_part(part: str) -> int | None:
    # Only ASCII digits: ``int`` would also take a sign, underscores and non-ASCII digits.
    lowered = part.lower()
    if lowered.startswith("0x"):
        digits, base, allowed = lowered[2:] or "0", 16, _HEX_DIGITS
    elif len(lowered) > 1 and lowered.startswith("0"):
        digits, base, allowed = lowered[1:], 8, _OCTAL_DIGITS
    else:
        digits, base, allowed = lowered, 10, _DECIMAL_DIGITS
    if not digits or not set(digits) <= allowed:
        return None
    return int(digits, base)


def embedded_ipv4(address: IPv6Address) -> list[IPv4Address]:
    """IPv4 addresses an IPv6 address carries (mapped, compatible, NAT64, 6to4, Teredo)."""
    found: list[IPv4Address] = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address in _IPV4_COMPATIBLE and int(address) > 1:
        found.append(IPv4Address(int(address) & 0xFFFFFFFF))
    if any(address in prefix for prefix in _NAT64_PREFIXES):
        found.append(IPv4Address(int(address) & 0xFFFFFFFF))
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    return found


def is_loopback(address: IPAddress) -> bool:
    """True only for 127.0.0.0/8 and ::1 — the two ranges the test setting may open."""
    if isinstance(address, IPv4Address):
        return address in _LOOPBACK_V4
    return address == _LOOPBACK_V6


def is_blocked(address: IPAddress, allow_loopback: bool = False) -> bool:
    """True when the bot must never connect to ``address``.

    ``allow_loopback`` (tests only) lifts the block on 127.0.0.0/8 and ::1 and nothing else:
    an IPv4-mapped ``::ffff:127.0.0.1`` stays blocked.
    """
    if allow_loopback and is_loopback(address):
        return False
    if address in METADATA_ADDRESSES:
        return True
    if isinstance(address, IPv4Address):
        return _is_blocked_v4(address)
    return _is_blocked_v6(address)


def _is_blocked_v4(address: IPv4Address) -> bool:
    if (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    ):
        return True
    if any(address in net for net in _EXTRA_BLOCKED_V4):
        return True
    return not address.is_global


def _is_blocked_v6(address: IPv6Address) -> bool:
    if address.scope_id:
        return True
    hidden = embedded_ipv4(address)
    if hidden:
        # A NAT64/6to4 address of a public IPv4 is itself fine; one hiding a private one is not.
        if any(_is_blocked_v4(v4) or v4 in METADATA_ADDRESSES for v4 in hidden):
            return True
        if address.ipv4_mapped is not None or address in _IPV4_COMPATIBLE:
            # The socket would reach the IPv4 host directly; it is public, so judge it as such.
            return False
        return address.teredo is not None
    if address in _LOCAL_NAT64:
        return True
    if (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_site_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    ):
        return True
    return not address.is_global
