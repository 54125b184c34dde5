"""Rendering within Discord's limits: pages break between sentences, never inside a word."""

from __future__ import annotations

import random

from bot import render
from bot.models import Analysis, Article, Quote, Speaker, SummarySentence
from bot.service import QuoteMatch, WhoSaidAnswer

WORDS = [
    "council",
    "budget",
    "ferry",
    "harbor",
    "quietly",
    "announced",
    "remarkable",
    "infrastructure",
    "a",
    "of",
    "to",
]


def _prose(sentences: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    return " ".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 40))).capitalize() + "."
        for _ in range(sentences)
    )


def test_split_to_fit_keeps_every_word_whole_and_in_order() -> None:
    text = _prose(400)

    pieces = render.split_to_fit(text, 500)

    assert all(len(piece) <= 500 for piece in pieces)
    assert " ".join(pieces).split() == text.split()


def test_split_to_fit_breaks_between_sentences_when_it_can() -> None:
    text = _prose(200)

    pieces = render.split_to_fit(text, 700)

    assert len(pieces) > 3
    assert all(piece.endswith(".") for piece in pieces)


def test_a_sentence_longer_than_a_page_breaks_between_words() -> None:
    sentence = " ".join(["remarkable"] * 300) + "."

    pieces = render.split_to_fit(sentence, 200)

    assert all(len(p) <= 200 for p in pieces)
    assert all(set(p.rstrip(".").split()) == {"remarkable"} for p in pieces)


def test_paginate_repeats_a_sections_heading_on_the_next_page() -> None:
    sections = [render.Section("**Elena Duarte**", [f"> “{'word ' * 150}”" for _ in range(12)])]

    pages = render.paginate(sections, budget=2000)

    assert len(pages) > 2
    assert pages[0].startswith("**Elena Duarte**\n")
    assert all(page.startswith("**Elena Duarte** (continued)\n") for page in pages[1:])
    assert all(len(page) <= 2000 for page in pages)


def test_safe_neutralises_mentions_and_line_markup() -> None:
    text = "@everyone and @here, <@123> <@!456> <@&789>\n# Big\n-# small\n1. first **bold** _it_"

    shown = render.safe(text)

    for live in ("@everyone", "@here", "<@123>", "<@!456>", "<@&789>"):
        assert live not in shown
    assert "\\# Big" in shown and "\\-# small" in shown and "1\\. first" in shown
    assert "\\*\\*bold\\*\\*" in shown and "\\_it\\_" in shown
    assert render.safe("https://example.com/a_b_c") == "https://example.com/a_b_c"


def _monster() -> tuple[Article, Analysis]:
    """An analysis built to overflow every slot of an embed."""
    long_sentence = _prose(12)
    summary = tuple(SummarySentence(long_sentence, 0, 1, i) for i in range(10))
    quotes = tuple(Quote(_prose(30, seed=i), 0, 1, speaker=f"Speaker {i % 30}") for i in range(60))
    speakers = tuple(
        Speaker(f"Speaker {i}", role="x" * 300, quote_indices=(i, i + 30)) for i in range(30)
    )
    analysis = Analysis(
        title="T " * 400,
        url="javascript:alert(1)",
        summary=summary,
        quotes=quotes,
        speakers=speakers,
        key_quotes=tuple(range(60)),
        word_count=25_000,
        warnings=("w" * 3000,),
    )
    return Article(text="", title="T " * 400, url="javascript:alert(1)", byline="B" * 500), analysis


def test_summary_embed_fits_every_limit_whatever_the_article() -> None:
    article, analysis = _monster()

    embed = render.summary_embed(article, analysis, cached=True)

    assert len(embed) <= render.MESSAGE_EMBED_TOTAL
    assert len(embed.title or "") <= 256 and embed.url is None
    assert len(embed.description or "") <= 4096
    assert len(embed.fields) == render.KEY_QUOTES_SHOWN
    assert all(len(f.value or "") <= 1024 and len(f.name or "") <= 256 for f in embed.fields)
    assert len(embed.author.name or "") <= 256
    assert "served from cache" in (embed.footer.text or "")
    assert "Continued under “Full summary”" in (embed.description or "")


def test_every_page_kind_fits_every_limit() -> None:
    article, analysis = _monster()

    for sections in (
        render.who_said_what_sections(analysis),
        render.all_quotes_sections(analysis),
        render.full_summary_sections(analysis),
        render.digest_sections(analysis),
    ):
        embeds = render.page_embeds(article, analysis, sections, "Pages")
        assert len(embeds) > 1
        assert all(len(e) <= 6000 and len(e.description or "") <= 4096 for e in embeds)


def test_reading_time_saved_counts_what_the_summary_spares() -> None:
    summary = (SummarySentence("one two three", 0, 13),)

    short = Analysis(title="", url="", summary=summary, word_count=100)
    long = Analysis(title="", url="", summary=summary, word_count=2_303)

    assert render.reading_time_saved(short) == "under a minute of reading saved"
    assert render.reading_time_saved(long) == "~10 min of reading saved"


def _match(number: int, *, size: int = 5000) -> QuoteMatch:
    return QuoteMatch(
        quote=Quote(_prose(size // 150, seed=number), 0, 1, speaker="Ruth Bell"),
        speaker="Ruth Bell",
        role="harbor master " * 30,
        article_id=number,
        title="[Update] Ferry (evening) times " * 20,
        url="https://example.com/ferry_(times)/" + "x" * (3000 if number % 2 else 20),
        published="2026-11-24",
        score=90.0,
    )


def test_whosaid_answer_fits_every_limit() -> None:
    answers = [
        WhoSaidAnswer("ferry times", [_match(n) for n in range(3)], []),
        WhoSaidAnswer("ferry times", [], [_match(n) for n in range(40)]),
    ]

    for answer in answers:
        embed = render.whosaid_embed(answer)
        assert len(embed) <= 6000 and len(embed.description or "") <= 4096
        assert len(embed.fields) <= 25
        assert all(len(f.value or "") <= 1024 and len(f.name or "") <= 256 for f in embed.fields)


def test_whosaid_answer_links_the_article_safely() -> None:
    answer = WhoSaidAnswer("ferry", [_match(0, size=300)], [])

    description = render.whosaid_embed(answer).description or ""

    assert "(https://example.com/ferry_%28times%29/xxxxxxxxxxxxxxxxxxxx)" in description
    assert description.count("](https://") == 1, "a ']' in the title cannot end the link early"
    assert "— **Ruth Bell, harbor master" in description
    assert "(24 Nov 2026)" in description


def test_a_quote_shown_alone_does_not_end_on_the_attribution_comma() -> None:
    from bot.models import Quote

    assert Quote("We could have done it for less,", 0, 31).shown == "We could have done it for less"
    assert Quote("Is it done?", 0, 11).shown == "Is it done?"


def test_a_notice_keeps_its_line_breaks_within_the_content_limit() -> None:
    listing = (
        "I couldn't summarize every link:\n"
        "- <https://a.example/1>: gone\n"
        "- <https://b.example/2>: slow"
    )
    assert render.notice(listing) == listing

    long = "Header:\n" + "\n".join(f"- item {i} failed for a reason" for i in range(200))
    shortened = render.notice(long)
    assert len(shortened) <= render.CONTENT_LIMIT
    assert shortened.startswith("Header:\n- item 0 failed for a reason\n- item 1 failed")
    assert shortened.endswith(render.ELLIPSIS)


def _analysis_with_an_unclear_speaker() -> Analysis:
    quotes = (
        Quote("The harbour will reopen on Friday.", 0, 10, speaker="Ruth Bell"),
        Quote("Repairs are on schedule,", 20, 30, speaker="the message"),
        Quote("We expect delays at the terminal.", 40, 50, speaker="the agency"),
    )
    speakers = (
        Speaker("Ruth Bell", role="harbour master", quote_indices=(0,)),
        Speaker("the message", kind="unknown", quote_indices=(1,)),
        Speaker("the agency", kind="unknown", quote_indices=(2,)),
    )
    summary = (SummarySentence("The harbour reopens.", 0, 20, 0),)
    return Analysis(title="Harbour", url="", summary=summary, quotes=quotes, speakers=speakers)


def test_a_speaker_the_engine_marks_unknown_is_never_a_heading() -> None:
    analysis = _analysis_with_an_unclear_speaker()

    headings = [section.heading for section in render.who_said_what_sections(analysis)]
    listed = " ".join(e for s in render.all_quotes_sections(analysis) for e in s.entries)

    assert headings == ["**Ruth Bell, harbour master**", "**Unknown speaker**"]
    assert "the message" not in listed and "the agency" not in listed
    assert listed.count("Unknown speaker") == 2


def test_permissions_are_named_as_discords_settings_name_them() -> None:
    names = render.permission_names(["manage_guild", "view_channel", "embed_links"])

    assert names == "Manage Server, View Channels, Embed Links"


def test_an_autocomplete_choice_does_not_end_on_the_articles_comma() -> None:
    assert render.choice_name("We heard the criticism, and we will do better,") == (
        "We heard the criticism, and we will do better"
    )
    assert len(render.choice_name("word " * 60)) <= 100
