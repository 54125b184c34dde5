"""PDF bytes to an ``Article``, with pypdf kept at arm's length in a child process.

The child (``pdf_reader.py``) has a page cap, memory and CPU limits, and a wall-clock timeout
here; whatever goes wrong inside it becomes a short message, never a hang or a crash of the
worker. Hard line breaks from the PDF layout are joined back into paragraphs.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from bot.errors import InputError, NotAnArticleError
from bot.ingest.urls import canonical_url
from bot.models import Article

PDF_TIMEOUT = 30.0
READER = Path(__file__).with_name("pdf_reader.py")

_HYPHENATED = re.compile(r"(\w)-\n(\w)")
_SENTENCE_END = re.compile(r"[.!?:\"”’)]$")


def article_from_pdf(
    data: bytes,
    max_pages: int = 50,
    url: str = "",
    source: str = "file",
    timeout: float = PDF_TIMEOUT,
) -> Article:
    """The text of the first ``max_pages`` pages; refuses encrypted, broken and image-only PDFs."""
    result = _read_in_child(data, max_pages, timeout)
    if result.get("error") == "encrypted":
        raise InputError("The PDF is password-protected; the bot cannot read it.")
    if "error" in result:
        raise InputError("The PDF could not be read (it may be damaged).")
    text = join_lines(str(result.get("text", "")))
    if len(text.split()) < 5:
        raise NotAnArticleError("The PDF has no text layer (it may be scanned images).")
    title = _clean_title(str(result.get("title", "")))
    return Article(
        text=text,
        title=title,
        url=url,
        canonical_url=canonical_url(url) if url else "",
        byline=str(result.get("author", "")).strip(),
        source=source,  # type: ignore[arg-type]
    )


def _read_in_child(data: bytes, max_pages: int, timeout: float) -> dict[str, object]:
    if not data.lstrip().startswith(b"%PDF-"):
        raise InputError("The file is not a PDF.")
    try:
        completed = subprocess.run(
            [sys.executable, "-I", str(READER), str(max(1, max_pages))],
            input=data,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise InputError("Reading the PDF took too long.") from None
    try:
        result = json.loads(completed.stdout.decode("utf-8", "replace").strip() or "{}")
    except ValueError:
        result = {}
    if completed.returncode != 0 or not isinstance(result, dict) or not result:
        return {"error": "unreadable"}
    return result


def join_lines(text: str) -> str:
    """Join layout line breaks into paragraphs; keep breaks after sentence ends and blank lines."""
    text = _HYPHENATED.sub(r"\1\2", text.replace("\r\n", "\n"))
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line)
        if _SENTENCE_END.search(line) and len(line) < 60:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs).strip()


def _clean_title(title: str) -> str:
    """PDF titles are often file names or tool junk; keep only ones that read like a title."""
    cleaned = title.strip()
    if not cleaned or cleaned.lower().endswith((".doc", ".docx", ".pdf", ".indd")):
        return ""
    return cleaned if len(cleaned) <= 200 and " " in cleaned else ""
