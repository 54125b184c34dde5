"""Undo ``Content-Encoding`` while counting the output, so a gzip bomb stops at the size cap.

aiohttp's own decompression is switched off: here every chunk is inflated with a hard
``max_length``, so memory never holds more than the cap however small the compressed input.
"""

from __future__ import annotations

import zlib

from bot.errors import FetchError

SUPPORTED_ENCODINGS = ("gzip", "deflate")
"""What the fetcher advertises in ``Accept-Encoding``; anything else the server sends is refused."""


class BodyTooLargeError(FetchError):
    """The body (after decompression) is over the fetch size cap."""


def too_large(limit: int) -> BodyTooLargeError:
    """The one message for every way a body can exceed the cap."""
    return BodyTooLargeError(f"The page is too large (over {limit / 1_000_000:g} MB).")


class BoundedDecoder:
    """Feed compressed chunks in, get at most ``limit`` bytes out in total."""

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        encoding = (content_encoding or "identity").strip().lower()
        if encoding in {"", "identity"}:
            self._mode = "identity"
        elif encoding in {"gzip", "x-gzip"}:
            self._mode = "gzip"
        elif encoding == "deflate":
            self._mode = "deflate"
        else:
            raise FetchError("The site sent the page in a compression format the bot cannot read.")
        self._limit = limit
        self._produced = 0
        self._inflater = self._new_inflater()
        self._deflate_probed = False

    def _new_inflater(self) -> zlib._Decompress | None:
        if self._mode == "identity":
            return None
        # 47 = 32 + 15: zlib picks gzip or zlib framing from the header itself.
        return zlib.decompressobj(47 if self._mode == "gzip" else zlib.MAX_WBITS)

    def feed(self, chunk: bytes) -> bytes:
        """Decompress one chunk; raise ``BodyTooLargeError`` as soon as the cap is passed."""
        if self._inflater is None:
            return self._count(chunk)
        output = bytearray()
        data = chunk
        while data:
            room = self._limit - self._produced - len(output) + 1
            try:
                piece = self._inflater.decompress(data, room)
            except zlib.error:
                if self._mode == "deflate" and not self._deflate_probed and not output:
                    # Some servers send raw deflate without the zlib header the spec asks for.
                    self._deflate_probed = True
                    self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise FetchError("The site sent a corrupt compressed page.") from None
            self._deflate_probed = True
            output += piece
            if self._produced + len(output) > self._limit:
                raise too_large(self._limit)
            if self._inflater.unconsumed_tail:
                data = self._inflater.unconsumed_tail
            elif self._inflater.eof and self._inflater.unused_data:
                data = self._inflater.unused_data  # another gzip member follows
                self._inflater = self._new_inflater()
            else:
                data = b""
        return self._count(bytes(output))

    def flush(self) -> bytes:
        """Whatever the decompressor still holds at the end of the body."""
        if self._inflater is None:
            return b""
        return self._count(self._inflater.flush())

    def _count(self, data: bytes) -> bytes:
        self._produced += len(data)
        if self._produced > self._limit:
            raise too_large(self._limit)
        return data
