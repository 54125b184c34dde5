"""Getting articles in: safe fetching of untrusted links, and text extraction from HTML/PDF/text.

``fetch`` (aiohttp, event loop) turns a URL into a ``FetchedPage``; ``extract`` and ``files``
(pure, sync, cheap to import in worker processes) turn pages and files into an ``Article``.
"""
