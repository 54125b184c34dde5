"""The store's speaker answers with one name per person across a scope's articles.

The glue between ``Store.scope_speakers`` (the names a scope quoted) and
``bot.speaker_identity`` (which of them are one person): "who said", a speaker's quotes and the
most quoted speakers all show a person under the fullest name the scope's articles gave.
Every lookup reads one scope's names only, so a link made in one server never shows in another.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.speaker_identity import SpeakerIdentities, link_speakers
from bot.store.base import Store
from bot.store.keys import name_key, surname_key
from bot.store.records import QuoteRecord, SpeakerTally


async def speakers_sharing_surnames(
    store: Store, scope_key: str, names: Iterable[str | None]
) -> list[SpeakerTally]:
    """The scope's speakers sharing a surname with one of ``names``: all that linking those
    names needs, read through the surname index rather than the scope's every quote."""
    surnames = sorted({surname_key(name) for name in names if name} - {""})
    return await store.scope_speakers(scope_key, surnames=surnames) if surnames else []


async def identities_for(
    store: Store, scope_key: str, names: Iterable[str | None]
) -> SpeakerIdentities:
    """How the scope links ``names`` (the speakers of a "who said" answer)."""
    return link_speakers(await speakers_sharing_surnames(store, scope_key, names))


async def quotes_of_person(
    store: Store, name: str, scope_key: str, limit: int
) -> tuple[list[QuoteRecord], SpeakerIdentities]:
    """The quotes of whoever ``name`` stands for in the scope, under every name the scope's
    articles gave them ("Donald Trump" finds an article's "President Trump"), latest first;
    with the scope's identities to show their speakers by."""
    asked = name_key(name)
    known = await store.scope_speakers(scope_key, surnames=[surname_key(name)])
    with_asked = link_speakers([*known, SpeakerTally(name, "person", 0)])
    keys = [asked, *(key for key in with_asked.names_of(name) if key != asked)]
    records: dict[int, QuoteRecord] = {}
    for key in keys:
        for record in await store.quotes_by_speaker(key, scope_key, limit):
            records.setdefault(record.id, record)
    found = list(records.values())
    if len(keys) > 1:
        # Each name's quotes come latest article first; merged, they keep that order.
        found.sort(key=lambda r: r.id)
        found.sort(key=lambda r: (r.published, r.article_id), reverse=True)
    return found[:limit], link_speakers(known)


async def most_quoted(
    store: Store, scope_key: str, since: datetime | None, limit: int
) -> list[tuple[str, int]]:
    """The most quoted people of the scope's articles submitted since ``since``, each person
    counted once under the fullest name any of the scope's articles gave (however old)."""
    window = await store.scope_speakers(scope_key, since=since)
    if not window:
        return []
    known = await store.scope_speakers(scope_key) if since is not None else window
    return link_speakers(known).most_quoted(window, limit)
