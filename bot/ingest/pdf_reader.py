"""Child process that reads a PDF's text with pypdf: run as a script, never imported by the bot.

A hostile PDF can make a parser loop or allocate without end, so this runs in its own process
(started by ``bot.ingest.pdf``) with memory and CPU limits set before pypdf is imported. It
reads the PDF from stdin and writes JSON to stdout: ``{"title", "author", "pages", "text"}`` or
``{"error": "encrypted" | "unreadable"}``. Only the standard library and pypdf are used, so the
child starts in isolated mode without the bot's package on its path.
"""

import contextlib
import io
import json
import logging
import resource
import sys

MEMORY_LIMIT = 1024 * 1024 * 1024
CPU_SECONDS = 30


def main() -> None:
    max_pages = int(sys.argv[1])
    for limit, value in ((resource.RLIMIT_AS, MEMORY_LIMIT), (resource.RLIMIT_CPU, CPU_SECONDS)):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(limit, (value, value))
    logging.disable(logging.CRITICAL)
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    data = sys.stdin.buffer.read()
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            print(json.dumps({"error": "encrypted"}))
            return
        pages = [page.extract_text() or "" for page in reader.pages[:max_pages]]
        info = reader.metadata or {}
        result = {
            "title": str(info.get("/Title") or ""),
            "author": str(info.get("/Author") or ""),
            "pages": len(reader.pages),
            "text": "\n\n".join(pages),
        }
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        result = {"error": "unreadable"}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
