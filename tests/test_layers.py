"""The arrows point down: the engine imports no Discord, HTTP or database code."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).parent.parent
FORBIDDEN_IN_ENGINE = {"discord", "aiohttp", "aiosqlite", "bot.store", "bot.service", "cogs"}
DISCORD_ALLOWED = {"bot/client.py", "bot/render.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _matches(name: str, prefixes: set[str]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def test_engine_imports_no_discord_http_or_database() -> None:
    engine_files = sorted((ROOT / "bot" / "nlp").rglob("*.py"))
    assert engine_files
    for path in engine_files:
        bad = {name for name in _imports(path) if _matches(name, FORBIDDEN_IN_ENGINE)}
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_only_the_faces_import_discord() -> None:
    for path in sorted((ROOT / "bot").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in DISCORD_ALLOWED or relative.startswith("bot/cli/"):
            continue
        bad = {name for name in _imports(path) if _matches(name, {"discord"})}
        assert not bad, f"{relative} imports discord"


def test_the_briefing_does_not_load_discord_through_the_renderer() -> None:
    """The CLI's markdown briefing escapes text with ``bot.inert_text``, not ``bot.render``,
    so running it never imports discord.py."""
    for path in sorted((ROOT / "bot" / "briefing").rglob("*.py")):
        bad = {name for name in _imports(path) if _matches(name, {"bot.render", "bot.client"})}
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"
