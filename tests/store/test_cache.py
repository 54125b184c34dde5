"""Every article is analysed once: the cache answers by content and URL, a newer engine
recomputes lazily, and concurrent requests for one article share a single analysis."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from bot.errors import InputError
from bot.models import ENGINE_VERSION, LOCAL_SCOPE, Analysis, SummarySentence
from bot.service import Service, Submitter
from tests.store.articles import BIKE_LANES, LIBRARY, analysis_with_quotes, store_analysis
from tests.store.sql import execute, rows


async def test_the_second_request_is_answered_from_the_cache(analyzing_service: Service) -> None:
    service = analyzing_service
    first = await service.analyze_text(BIKE_LANES, LOCAL_SCOPE)
    again = await service.analyze_text(BIKE_LANES, LOCAL_SCOPE, submitter=Submitter(user_id=7))
    assert not first.cached and again.cached
    assert again.article_id == first.article_id
    assert again.analysis == first.analysis
    assert (service.cache.misses, service.cache.hits) == (1, 1)
    assert await rows(service.store, "SELECT COUNT(*) FROM analyses") == [(1,)]
    assert await rows(service.store, "SELECT user_id FROM submissions ORDER BY id") == [(0,), (7,)]


async def test_the_same_text_pasted_differently_is_the_same_article(
    analyzing_service: Service,
) -> None:
    service = analyzing_service
    first = await service.analyze_text(BIKE_LANES, LOCAL_SCOPE)
    reflowed = "\n\n  " + BIKE_LANES.replace("\n\n", "\n\n\n").replace(". ", ".  ") + "  \n"
    again = await service.analyze_text(reflowed, LOCAL_SCOPE)
    from_file = await service.analyze_file(BIKE_LANES.encode(), "bike.txt", LOCAL_SCOPE)
    assert again.cached and from_file.cached
    assert again.article_id == from_file.article_id == first.article_id


async def test_a_newer_engine_recomputes_on_the_next_request(analyzing_service: Service) -> None:
    service = analyzing_service
    first = await service.analyze_text(LIBRARY, LOCAL_SCOPE)
    await execute(service.store, "UPDATE analyses SET engine_version = '0.0.1'")
    assert (await service.cache_stats())["stale_analyses"] == 1
    stale_again = await service.analyze_text(LIBRARY, LOCAL_SCOPE)
    assert not stale_again.cached and stale_again.article_id == first.article_id
    assert await rows(service.store, "SELECT engine_version FROM analyses") == [(ENGINE_VERSION,)]
    assert (await service.analyze_text(LIBRARY, LOCAL_SCOPE)).cached


async def test_a_stale_article_read_back_is_recomputed_under_the_same_id(
    analyzing_service: Service,
) -> None:
    service = analyzing_service
    first = await service.analyze_text(LIBRARY, LOCAL_SCOPE)
    await execute(service.store, "UPDATE analyses SET engine_version = '0.0.1'")
    read_back = await service.article(first.article_id, LOCAL_SCOPE)
    assert not read_back.cached
    assert read_back.analysis.quotes == first.analysis.quotes
    assert await rows(
        service.store, "SELECT COUNT(*), MIN(engine_version) FROM articles, analyses"
    ) == [(1, ENGINE_VERSION)]


async def test_concurrent_requests_share_one_analysis(analyzing_service: Service) -> None:
    service = analyzing_service
    results = await asyncio.gather(
        *(
            service.analyze_text(BIKE_LANES, LOCAL_SCOPE, submitter=Submitter(user_id=i))
            for i in range(3)
        )
    )
    assert service.cache.misses == 1 and service.cache.shared == 2
    assert len({r.article_id for r in results}) == 1
    assert all(r.analysis == results[0].analysis for r in results)
    assert await rows(service.store, "SELECT COUNT(*) FROM submissions") == [(3,)]


async def test_another_summarizer_is_another_cache_entry(analyzing_service: Service) -> None:
    service = analyzing_service
    news = await service.analyze_text(BIKE_LANES, LOCAL_SCOPE)
    lead = await service.analyze_text(BIKE_LANES, LOCAL_SCOPE, algorithm="lead")
    assert not lead.cached and lead.article_id == news.article_id
    assert lead.analysis.algorithm == "lead"
    assert (await service.analyze_text(BIKE_LANES, LOCAL_SCOPE, algorithm="lead")).cached
    assert await rows(service.store, "SELECT algorithm FROM analyses ORDER BY 1") == [
        ("lead",),
        ("news",),
    ]


async def test_an_article_analysed_only_by_another_summarizer_reads_back(
    analyzing_service: Service,
) -> None:
    service = analyzing_service
    lead = await service.analyze_text(LIBRARY, LOCAL_SCOPE, algorithm="lead")
    read_back = await service.article(lead.article_id, LOCAL_SCOPE)
    assert read_back.cached and read_back.analysis.algorithm == "lead"


async def test_an_unknown_summarizer_is_refused(analyzing_service: Service) -> None:
    with pytest.raises(InputError, match="Unknown algorithm"):
        await analyzing_service.analyze_text(BIKE_LANES, LOCAL_SCOPE, algorithm="magic")


async def test_a_shorter_summary_of_a_real_analysis_needs_no_new_analysis(
    analyzing_service: Service,
) -> None:
    service = analyzing_service
    full = await service.analyze_text(BIKE_LANES, LOCAL_SCOPE)
    short = await service.analyze_text(BIKE_LANES, LOCAL_SCOPE, sentences=1)
    assert len(full.analysis.summary) > 1 and full.analysis.ranked
    assert short.cached and len(short.analysis.summary) == 1
    assert service.cache.misses == 1


async def test_another_summary_length_is_cut_from_the_stored_ranking(service: Service) -> None:
    ranked = tuple(
        SummarySentence(f"Sentence number {i} of the ranking.", i * 40, i * 40 + 33, index=i)
        for i in (4, 0, 2, 1, 3)
    )
    analysis = analysis_with_quotes("Ranked", [("A", "one two three four")])
    analysis = replace(analysis, summary=ranked[:3], ranked=ranked)
    await store_analysis(service.store, analysis, LOCAL_SCOPE)

    one = await service.analyze_text(analysis.text, LOCAL_SCOPE, sentences=1)
    four = await service.analyze_text(analysis.text, LOCAL_SCOPE, sentences=4)
    assert one.cached and four.cached and service.cache.misses == 0
    assert [s.index for s in one.analysis.summary] == [4]
    assert [s.index for s in four.analysis.summary] == [0, 1, 2, 4]
    stored = await service.store.load_analysis(one.article_id, "news")
    assert stored is not None and isinstance(stored.analysis, Analysis)
    assert len(stored.analysis.summary) == 3
    with pytest.raises(InputError, match="between 1 and 10"):
        await service.analyze_text(analysis.text, LOCAL_SCOPE, sentences=11)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Caf\u00e9 society is back, and the prices are too.".encode("latin-1"), "not UTF-8"),
    ],
)
async def test_unusable_files_are_refused_before_any_analysis(
    service: Service, data: bytes, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        await service.analyze_file(data, "article.txt", LOCAL_SCOPE)
    assert service.cache.misses == 0


async def test_text_over_the_size_cap_is_refused(service: Service) -> None:
    limit = service.settings.max_text_chars
    with pytest.raises(InputError, match="too long"):
        await service.analyze_text("Word. " * (limit // 6 + 1), LOCAL_SCOPE)
