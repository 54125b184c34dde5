"""Key quotes: substance, centrality to the summary, speaker prominence, variety."""

from __future__ import annotations

from bot.models import Quote, Speaker, SummarySentence
from bot.nlp.quotes import select_key_quotes


def quote(text: str, speaker: str | None, kind: str = "direct") -> Quote:
    return Quote(text=text, start=0, end=len(text), kind=kind, speaker=speaker, confidence=0.9)  # type: ignore[arg-type]


SUMMARY = [
    SummarySentence("The city council approved a new budget that cuts school funding.", 0, 60)
]


def test_key_quotes_prefer_substance_and_the_summary_topic_and_skip_fragments() -> None:
    quotes = [
        quote("fully", "Anna Lindqvist", "partial"),
        quote("The weather was lovely at the ceremony today, really.", "Tom Jones"),
        quote("This budget cuts school funding and the council knows it.", "Anna Lindqvist"),
        quote("so-called reform", None, "other"),
    ]
    speakers = [
        Speaker("Anna Lindqvist", quote_indices=(0, 2)),
        Speaker("Tom Jones", quote_indices=(1,)),
    ]
    picked = select_key_quotes(quotes, speakers, SUMMARY, limit=3)
    assert picked[0] == 2
    assert 0 not in picked and 3 not in picked


def test_key_quotes_spread_across_speakers() -> None:
    quotes = [
        quote(
            "The budget cuts school funding, and we will fight it in the council.", "Anna Lindqvist"
        ),
        quote(
            "School funding cuts in this budget hurt every family in the city.", "Anna Lindqvist"
        ),
        quote("The council had no choice but to cut the budget this year.", "Tom Jones"),
    ]
    speakers = [
        Speaker("Anna Lindqvist", quote_indices=(0, 1)),
        Speaker("Tom Jones", quote_indices=(2,)),
    ]
    picked = select_key_quotes(quotes, speakers, SUMMARY, limit=2)
    assert {quotes[i].speaker for i in picked} == {"Anna Lindqvist", "Tom Jones"}


def test_no_quotes_means_no_key_quotes() -> None:
    assert select_key_quotes([], [], SUMMARY) == ()
