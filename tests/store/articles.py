# ruff: noqa: E501 - each paragraph of an article is one line, as pasted text arrives.
"""Short articles written for these tests, with quotes the engine attributes reliably."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models import Analysis, Article, Quote, Scope, Speaker
from bot.store import Store
from bot.store.keys import content_hash

BIKE_LANES = """Council approves protected bike lanes on Main Street

The city council voted 7-2 on Monday to build protected bike lanes along the length of Main Street, ending a debate that has run for three years.

"This is the safest street design this council has ever approved," said Mayor Dana Whitfield after the vote.

Shop owners on the street fear the loss of parking spaces. "Half of my customers arrive by car, and they will simply stop coming," said Raj Patel, who runs a bakery near the station.

Construction is expected to start in the spring and take about four months, according to the transport department. Whitfield said the lanes would be reviewed after their first year.
"""

LIBRARY = """Riverside library reopens after flood repairs

The Riverside public library reopened on Saturday, eleven months after a flood destroyed its ground floor and most of its children's collection.

"We lost forty thousand books in one night, and the neighbourhood gave us back thirty thousand," said head librarian Aisha Karimi.

The repairs cost the county about two million dollars, most of it covered by insurance. County executive Tom Reyes said the building now sits on raised foundations.

"The next flood will find the books upstairs and the doors shut tight," Reyes said.
"""

GERMAN = """Der Stadtrat hat am Montag neue Radwege beschlossen.

Die Bauarbeiten sollen im Frühjahr beginnen und etwa vier Monate dauern. Die Händler in der Hauptstraße fürchten um ihre Parkplätze und wollen gegen den Beschluss klagen.
"""


def analysis_with_quotes(
    title: str, quotes: list[tuple[str | None, str]], roles: dict[str, str] | None = None
) -> Analysis:
    """A hand-made analysis whose quotes are exactly these ``(speaker, text)`` pairs.

    Store tests use it to fill the quote index without running the engine.
    """
    roles = roles or {}
    built = tuple(
        Quote(text=text, start=0, end=len(text), speaker=speaker, context=f'"{text}" they said.')
        for speaker, text in quotes
    )
    names = list(dict.fromkeys(speaker for speaker, _ in quotes if speaker))
    speakers = tuple(
        Speaker(
            name=name,
            aliases=(f"{roles[name]} {name}",) if name in roles else (),
            role=roles.get(name),
            quote_indices=tuple(i for i, (s, _) in enumerate(quotes) if s == name),
        )
        for name in names
    )
    body = " ".join(f'"{text}" {speaker or "someone"} said.' for speaker, text in quotes)
    return Analysis(title=title, url="", summary=(), quotes=built, speakers=speakers, text=body)


async def store_analysis(
    store: Store, analysis: Analysis, scope: Scope, at: datetime | None = None
) -> int:
    """Save a hand-made analysis as if it had been submitted in ``scope``; its article id."""
    article = Article(text=analysis.text, title=analysis.title)
    article_id = await store.save_analysis(article, content_hash(article.text), analysis)
    await store.add_submission(article_id, scope.key, at or datetime.now(UTC))
    return article_id
