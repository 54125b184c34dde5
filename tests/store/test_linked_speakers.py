"""One person, one name across a scope's articles: "President Okonjo" is "Bayo Okonjo".

Through a real SQLite file and the service: "who said", a speaker's quotes and the most quoted
speakers link a short or titled name to the one full name the scope's other articles gave,
never to one of two people sharing the surname, and never with another scope's articles.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.models import Scope
from bot.service import Service
from bot.store import SqliteStore
from bot.store.keys import surname_key
from bot.store.schema import bundled_migrations
from tests.store.articles import analysis_with_quotes, store_analysis

NEWSROOM = Scope("guild", 7001)
ELSEWHERE = Scope("guild", 7002)
BERTH = "We have waited twenty years for a berth that takes the largest ships afloat"
QUAY = "Goods that sit on the quay do nothing for the farmers upcountry"
TRUCKS = "My trucks used to wait three days at the gate and now they wait one"
SCANNER = "Every container now goes through the new scanner in under a minute"
FERTILISER = "Every bag of fertiliser costs me twice what it did last spring"


@pytest.fixture
async def newsroom(service: Service) -> Service:
    """Two articles in one server: the first names everyone in full, the second gives only
    "President Okonjo" and "Mr. Okafor" (and the second article alone in another server)."""
    full = analysis_with_quotes(
        "Port opens a second container terminal",
        [("Bayo Okonjo", BERTH), ("Nate Okafor", TRUCKS), ("Ruth Okafor", SCANNER)],
    )
    short = analysis_with_quotes(
        "Rail line to the port approved",
        [("President Okonjo", QUAY), ("Mr. Okafor", FERTILISER)],
        roles={"President Okonjo": "President"},
    )
    await store_analysis(service.store, full, NEWSROOM)
    await store_analysis(service.store, short, NEWSROOM)
    await store_analysis(service.store, short, ELSEWHERE)
    return service


async def test_whosaid_names_a_titled_speaker_by_the_full_name_another_article_gave(
    newsroom: Service,
) -> None:
    answer = await newsroom.whosaid("goods that sit on the quay", NEWSROOM)
    assert answer.matches[0].speaker == "Bayo Okonjo"
    assert answer.matches[0].role == "President"


async def test_a_surname_two_people_share_is_never_linked(newsroom: Service) -> None:
    answer = await newsroom.whosaid("every bag of fertiliser costs me twice", NEWSROOM)
    assert answer.matches[0].speaker == "Mr. Okafor"
    nate = await newsroom.quotes_by_speaker("Nate Okafor", NEWSROOM)
    assert [m.quote.text for m in nate] == [TRUCKS]


@pytest.mark.parametrize("asked", ["Bayo Okonjo", "Okonjo", "President Okonjo", "bayo okonjo"])
async def test_a_persons_quotes_come_from_every_name_the_scope_gave_them(
    newsroom: Service, asked: str
) -> None:
    found = await newsroom.quotes_by_speaker(asked, NEWSROOM)
    assert [m.quote.text for m in found] == [QUAY, BERTH]
    assert {m.speaker for m in found} == {"Bayo Okonjo"}


async def test_most_quoted_counts_one_person_once_under_the_full_name(newsroom: Service) -> None:
    top = await newsroom.top_speakers(NEWSROOM)
    assert top[0] == ("Bayo Okonjo", 2)
    assert {name for name, _ in top} == {"Bayo Okonjo", "Nate Okafor", "Ruth Okafor", "Mr. Okafor"}


async def test_another_server_never_sees_the_link(newsroom: Service) -> None:
    answer = await newsroom.whosaid("goods that sit on the quay", ELSEWHERE)
    assert answer.matches[0].speaker == "President Okonjo"
    assert await newsroom.top_speakers(ELSEWHERE) == [("Mr. Okafor", 1), ("President Okonjo", 1)]
    found = await newsroom.quotes_by_speaker("Okonjo", ELSEWHERE)
    assert [(m.quote.text, m.speaker) for m in found] == [(QUAY, "President Okonjo")]


async def test_scope_speakers_reads_one_scope_by_surname(newsroom: Service) -> None:
    store = newsroom.store
    okafors = await store.scope_speakers(NEWSROOM.key, surnames=["okafor"])
    assert sorted((s.name, s.quotes) for s in okafors) == [
        ("Mr. Okafor", 1),
        ("Nate Okafor", 1),
        ("Ruth Okafor", 1),
    ]
    elsewhere = await store.scope_speakers(ELSEWHERE.key)
    assert sorted(s.name for s in elsewhere) == ["Mr. Okafor", "President Okonjo"]
    assert await store.scope_speakers(NEWSROOM.key, surnames=[]) == []


async def test_speakers_stored_before_the_surname_index_get_their_surname(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = await SqliteStore.open(path, upto=6)
    for key, name in [("carl brandt jr", "Carl Brandt Jr."), ("okonjo", "Okonjo"),
                      ("bayo okonjo", "Bayo Okonjo")]:  # fmt: skip
        await old.connection.execute(
            "INSERT INTO speakers (name, name_key) VALUES (?, ?)", (name, key)
        )
    await old.close()
    await (await SqliteStore.open(path)).close()
    with sqlite3.connect(path) as db:
        rows = dict(db.execute("SELECT name_key, surname_key FROM speakers"))
    assert rows == {"carl brandt jr": "brandt", "okonjo": "okonjo", "bayo okonjo": "okonjo"}
    assert 7 in {m.version for m in bundled_migrations()}


async def test_the_stored_surname_key_is_the_one_names_are_looked_up_by(service: Service) -> None:
    """On either driver: the database computes the key the service looks names up by."""
    names = ["José Ortíz", "Conan O’Brien", "Ludwig van Beethoven", "Carl Brandt Jr.", "Okonjo",
             "Mary-Kate Ashby-Smith", "Rex King III"]  # fmt: skip
    analysis = analysis_with_quotes(
        "Names", [(n, f"Words number {i} said") for i, n in enumerate(names)]
    )
    await store_analysis(service.store, analysis, NEWSROOM)
    rows = await service.store.read("SELECT name, surname_key FROM speakers")
    assert {row[0]: row[1] for row in rows} == {name: surname_key(name) for name in names}
