"""The second gate: every address the fetcher is about to connect a socket to is checked.

URL validation alone cannot stop server-side request forgery: a public-looking name may resolve
to 10.0.0.1, answer differently on the next lookup (DNS rebinding), or a redirect may point
anywhere. So the check sits where the address is final — in the resolver (every DNS answer,
refused as a whole if any answer is private) and in the connector's ``socket_factory`` (the
exact address of each socket, which also covers IP literals aiohttp never resolves). One
``ConnectionGuard`` serves one fetch and remembers that it refused something, so the fetcher can
say "blocked address" whatever shape aiohttp's connection error takes.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any, NoReturn

from aiohttp.abc import AbstractResolver, ResolveResult

from bot.ingest.addresses import is_blocked, is_loopback
from bot.ingest.urls import ALLOWED_PORTS


class BlockedAddressError(OSError):
    """Raised inside aiohttp's connection machinery; never shown to users (it names no address)."""

    def __init__(self) -> None:
        super().__init__("connection to a blocked address refused")


class ConnectionGuard:
    """Refuses sockets to blocked addresses or, outside the test setting, to odd ports."""

    def __init__(self, allow_loopback: bool = False) -> None:
        self.allow_loopback = allow_loopback
        self.refused = False

    def check(self, host: str, port: int | None = None) -> None:
        """Raise ``BlockedAddressError`` unless ``host`` (a numeric IP) and ``port`` are allowed.

        A host that is not a plain numeric address is refused too: ``sock_connect`` would
        resolve a name itself, behind this check's back.
        """
        try:
            address = ipaddress.ip_address(host.split("%", 1)[0])
        except ValueError:
            self._refuse()
        if "%" in host or is_blocked(address, self.allow_loopback):
            self._refuse()
        port_ok = port is None or port in ALLOWED_PORTS
        if not port_ok and not (self.allow_loopback and is_loopback(address)):
            self._refuse()

    def socket_factory(self, addr_info: tuple[Any, ...]) -> socket.socket:
        """aiohttp's hook to create each socket: the last moment to look at the address."""
        family, type_, proto, _, sockaddr = addr_info
        if family == socket.AF_INET6 and len(sockaddr) >= 4 and sockaddr[3]:
            self._refuse()  # a scope id only ever names a link-local interface
        self.check(str(sockaddr[0]), int(sockaddr[1]))
        return socket.socket(family=family, type=type_, proto=proto)

    def _refuse(self) -> NoReturn:
        self.refused = True
        raise BlockedAddressError()


class GuardedResolver(AbstractResolver):
    """Wraps a resolver so that a name with any blocked answer is refused outright.

    Refusing the whole name (rather than dropping the bad answers) means a record set that
    mixes a public and a private address, a common rebinding trick, never gets a connection.
    """

    def __init__(self, inner: AbstractResolver, guard: ConnectionGuard) -> None:
        self._inner = inner
        self._guard = guard

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        answers = await self._inner.resolve(host, port, family)
        for answer in answers:
            self._guard.check(answer["host"])
        return answers

    async def close(self) -> None:
        """The inner resolver is shared by every fetch; its owner closes it."""
