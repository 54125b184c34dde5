"""``briefbot analyze PATH|URL|-`` and ``briefbot sample``: one article's digest in the terminal.

What is analysed is stored in the local scope (so ``briefbot whosaid`` can find its quotes
later) unless ``--no-store``; an answer read from the cache says so.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from bot.cli.session import cli_service, parse_scope
from bot.config import Settings
from bot.digest_text import DigestFooter, render_markdown, render_text
from bot.errors import InputError
from bot.service import AnalysisResult
from bot.text_input import decode_text

FORMATS = ("text", "markdown", "json")
SAMPLE = "sample_article.txt"

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def register(subparsers: argparse._SubParsersAction) -> None:
    analyze = subparsers.add_parser(
        "analyze",
        help="summarize an article and list who said what",
        description="Summarize an article from a file, a link, or standard input (-).",
    )
    analyze.add_argument("source", help="a file (.txt, .md, .html, .pdf), an http(s) link, or -")
    analyze.add_argument("--title", default="", help="the title of text read from stdin")
    _output_options(analyze)
    analyze.set_defaults(handler=_analyze)

    sample = subparsers.add_parser("sample", help="the digest of the bundled sample article")
    _output_options(sample)
    sample.set_defaults(handler=_sample)


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument("--sentences", type=int, help="summary length in sentences (1–10)")
    parser.add_argument("--algorithm", help="summarizer (news, lead, lexrank, textrank, …)")
    parser.add_argument("--no-store", action="store_true", help="do not touch the database")
    parser.add_argument("--scope", default="local", help=argparse.SUPPRESS)


def _analyze(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_run(args, settings, args.source))


def _sample(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_run(args, settings, None))


async def _run(args: argparse.Namespace, settings: Settings, source: str | None) -> int:
    scope = parse_scope(args.scope)
    options = {"sentences": args.sentences, "algorithm": args.algorithm}
    async with cli_service(settings, store=not args.no_store) as service:
        if source is None:
            text = (resources.files("bot") / "samples" / SAMPLE).read_text(encoding="utf-8")
            result = await service.analyze_text(text, scope, **options)
        elif _looks_like_link(source):
            result = await service.analyze_url(source, scope, **options)
        elif source == "-":
            data = _read_at_most(sys.stdin.buffer, _input_limit(settings), "The standard input")
            text = decode_text(data, "The standard input")
            result = await service.analyze_text(text, scope, title=args.title, **options)
        else:
            data, name = _read(Path(source), settings)
            result = await service.analyze_file(data, name, scope, **options)
    _report(result, args.format, stored=not args.no_store)
    return 0


def _looks_like_link(source: str) -> bool:
    """A source with a URL scheme is a link (``ftp:``, ``file:`` … get the link's refusal).

    A scheme is at least two letters, so a Windows drive (``C:\\``) stays a file path.
    """
    return bool(_SCHEME.match(source)) and not Path(source).exists()


def _read(path: Path, settings: Settings) -> tuple[bytes, str]:
    """A local file's bytes, refused with a clear message when it cannot be an article."""
    if not path.exists():
        raise InputError(f"{path}: no such file.")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file.")
    size = path.stat().st_size
    limit = _input_limit(settings)
    if size > limit:
        raise InputError(f"{path} is too large ({size:,} bytes; the limit is {limit:,}).")
    try:
        with path.open("rb") as file:
            # Pipes and devices (/dev/zero) report size 0: the size check alone is no cap.
            return _read_at_most(file, limit, str(path)), path.name
    except OSError as error:
        raise InputError(f"{path} cannot be read: {error.strerror}.") from None


def _input_limit(settings: Settings) -> int:
    """The most bytes read from a file or standard input: a fetch's cap, or the text limit."""
    return max(settings.fetch_max_bytes, settings.max_text_chars * 4)


def _read_at_most(stream: BinaryIO, limit: int, name: str) -> bytes:
    """All of ``stream`` if it holds at most ``limit`` bytes, else a "too large" refusal."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{name} is too large (over the limit of {limit:,} bytes).")
    return data


def _report(result: AnalysisResult, fmt: str, *, stored: bool) -> None:
    for warning in result.analysis.warnings:
        print(f"briefbot: warning: {warning}", file=sys.stderr)
    if result.cached:
        print(
            f"briefbot: answer from the cache (article #{result.article_id}); "
            "nothing was re-analysed.",
            file=sys.stderr,
        )
    footer = DigestFooter(result.article_id if stored else None, result.cached)
    if fmt == "json":
        print(json.dumps(_as_json(result, stored), ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        print(render_markdown(result.analysis, footer))
    else:
        print(render_text(result.analysis, footer))


def _as_json(result: AnalysisResult, stored: bool) -> dict[str, object]:
    """``Analysis.to_dict()`` plus where the article came from and whether it was cached."""
    data: dict[str, object] = result.analysis.to_dict()
    data["article"] = {
        "id": result.article_id if stored else None,
        "canonical_url": result.article.canonical_url,
        "source": result.article.source,
        "site_name": result.article.site_name,
        "submitted_at": result.submitted_at.isoformat(),
    }
    data["cached"] = result.cached
    return data
